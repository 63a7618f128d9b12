/*
 * Where to go after signing in: only a path on this site. Anything that a
 * browser could read as another site is refused — `//evil.example`,
 * `/\evil.example` (browsers treat `\` as `/`), the same encoded
 * (`/%5Cevil.example`, `/%2F%2Fevil`), control characters and full URLs.
 */
const BASE = 'http://return-path.invalid'

export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.length > 2000) return '/'
  let decoded: string
  try {
    decoded = decodeURIComponent(value)
  } catch {
    return '/'
  }
  for (const text of [value, decoded]) {
    if (/[\\\p{Cc}]/u.test(text) || text.startsWith('//')) return '/'
  }
  const url = new URL(value, BASE)
  if (url.origin !== BASE) return '/'
  return `${url.pathname}${url.search}${url.hash}`
}
