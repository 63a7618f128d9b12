/*
 * The one style of CSV column names: sentence case. The first letter is a
 * capital and the rest are lower case, except these names and acronyms
 * (and their plurals), which keep their capitals wherever they stand.
 */
export const PROPER_NAMES = [
  'GOV.UK',
  'API',
  'ID',
  'SCS',
  'CSV',
  'UK',
  'Fast Stream',
  'Future Leaders Scheme',
  'Future Leaders',
  'Digital Leader',
  'Service Manager',
]

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/* What is wrong with a column name, or null when it is in sentence case. */
export function sentenceCaseProblem(header: string): string | null {
  if (header.trim() === '' || header !== header.trim()) return 'is blank or has spaces around it'
  if (header.includes('_')) return 'is snake_case'
  if (!/^[A-Z]/.test(header)) return 'does not start with a capital letter'
  let rest = header
  for (const name of PROPER_NAMES) {
    rest = rest.replace(new RegExp(`(?<![A-Za-z])${escape(name)}s?(?![A-Za-z])`, 'g'), (found) =>
      'x'.repeat(found.length)
    )
  }
  if (/[A-Z]/.test(rest.slice(1))) return 'has a capital letter inside (Title Case or camelCase)'
  return null
}

/* Every column name of these headers that is not in sentence case, with what is wrong. */
export function notSentenceCase(headers: Record<string, readonly string[]>) {
  return Object.entries(headers).flatMap(([where, header]) =>
    header
      .map((column) => ({ column, problem: sentenceCaseProblem(column) }))
      .filter(({ problem }) => problem !== null)
      .map(({ column, problem }) => `${where}: “${column}” ${problem}`)
  )
}
