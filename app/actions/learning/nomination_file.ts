import { parse } from 'csv-parse/sync'
import {
  CSV_READING,
  csvErrorLine,
  isBinary,
  NOT_A_CSV,
  unreadableCsv,
} from '#services/csv_uploads'
import type { Named } from '#actions/learning/nominate'

/* The column of a file with a header row that holds the addresses. */
const EMAIL_HEADERS = new Set(['email', 'e-mail', 'email address', 'e-mail address'])

export const NO_ADDRESSES = 'The selected file has no e-mail addresses in it'

/*
 * The people a CSV file names, by e-mail address, each with its line in
 * the file. The file is a list of addresses, one a row; a first row
 * naming the columns is optional, and when there is one, the column
 * called "Email" (or "E-mail address") is read, otherwise the first.
 */
export function emailsOfFile(
  text: string
): { type: 'named'; named: Named[] } | { type: 'unreadable'; reason: string } {
  if (isBinary(text)) return { type: 'unreadable', reason: NOT_A_CSV }
  let rows: { record: string[]; info: { lines: number } }[]
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), {
      ...CSV_READING,
      trim: true,
      info: true,
    }) as unknown as typeof rows
  } catch (error) {
    const line = csvErrorLine(error)
    if (line === null) throw error
    return { type: 'unreadable', reason: unreadableCsv(line) }
  }
  let column = 0
  const header = rows[0]?.record.map((cell) => cell.trim().toLowerCase()) ?? []
  const named = header.findIndex((cell) => EMAIL_HEADERS.has(cell))
  if (named >= 0) {
    column = named
    rows = rows.slice(1)
  }
  const people = rows
    .filter((row) => row.record.some((cell) => cell.trim() !== ''))
    .map((row) => ({ email: (row.record[column] ?? '').trim(), line: row.info.lines }))
  if (people.length === 0) return { type: 'unreadable', reason: NO_ADDRESSES }
  return { type: 'named', named: people }
}
