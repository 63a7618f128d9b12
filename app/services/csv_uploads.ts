import { Transform } from 'node:stream'
import { CsvError } from 'csv-parse'
import { parse } from 'csv-parse/sync'
import { formulaRestored } from '#services/csv_export'

/*
 * What every CSV import shares when reading an uploaded file: how lenient
 * the parser is, how binary content is told from text, and the words for
 * a file that cannot be read (the GOV.UK file upload messages).
 */

/* The GOV.UK message for a file of the wrong type: here, one that is not text. */
export const NOT_A_CSV = 'The selected file must be a CSV'

export const unreadableCsv = (line: number) =>
  `The file could not be read as CSV near line ${line}: check its quotes and commas`

/*
 * Parser options every import uses. A quote inside a cell that does not
 * start with one is kept as written (Ada "The" Lovelace), as a person
 * reading the file would; a quoted cell must still be closed. A cell the
 * service's own export guarded against formulas is read as it was.
 */
export const CSV_READING = {
  bom: true,
  relax_quotes: true,
  relax_column_count: true,
  skip_empty_lines: true,
  cast: (value: string) => formulaRestored(value),
} as const

/* A NUL byte never appears in text, in UTF-8 or any 8-bit encoding: the file is binary (or UTF-16). */
export function isBinary(content: Buffer | string) {
  return typeof content === 'string' ? content.includes('\u0000') : content.includes(0)
}

/* The line a parser error was found on, or null for any other error. */
export function csvErrorLine(error: unknown): number | null {
  return error instanceof CsvError ? Number(error.lines) || 1 : null
}

export class BinaryFileError extends Error {}

/* Passes a file's bytes on, failing at the first chunk that shows the file is binary. */
export function textOnly() {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (isBinary(chunk)) done(new BinaryFileError(NOT_A_CSV))
      else done(null, chunk)
    },
  })
}

/* A file's rows, each with the file's line it ended on, keyed by the header's column names. */
export type CsvRecord = { record: Record<string, string>; info: { lines: number } }

/*
 * Reads a whole uploaded file: its header row names the columns (read
 * through `columnName`, so spelling and order may vary), then a record a
 * row. A binary file, one the parser cannot read, or one with no rows
 * under its header is unreadable, with the message to show (`noRows` for
 * the last).
 */
export function readCsvRecords(
  text: string,
  options: { columnName: (header: string) => string; noRows: string; trim?: boolean }
): { type: 'records'; records: CsvRecord[] } | { type: 'unreadable'; reason: string } {
  if (isBinary(text)) return { type: 'unreadable', reason: NOT_A_CSV }
  let records: CsvRecord[]
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      ...CSV_READING,
      columns: (header: string[]) => header.map(options.columnName),
      ...(options.trim ? { trim: true } : {}),
      info: true,
    })
  } catch (error) {
    const line = csvErrorLine(error)
    if (line === null) throw error
    return { type: 'unreadable', reason: unreadableCsv(line) }
  }
  if (records.length === 0) return { type: 'unreadable', reason: options.noRows }
  return { type: 'records', records }
}
