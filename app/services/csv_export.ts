import { createWriteStream } from 'node:fs'
import { Readable, pipeline as pipe } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { DateTime } from 'luxon'
import { stringify } from 'csv-stringify'
import type { HttpContext } from '@adonisjs/core/http'

/* One line of a CSV file, cell by cell, in the header's order. */
export type CsvLine = unknown[]

/* The lines of a file: a list at hand, or rows read as they arrive. */
export type CsvLines = Iterable<CsvLine> | AsyncIterable<CsvLine>

/* A query builder that can be narrowed with where clauses and read in pages. */
type BatchQuery = {
  where: (...args: any[]) => any
  orWhere: (...args: any[]) => any
  whereNull: (column: string) => any
  whereNotNull: (column: string) => any
  orWhereNull: (column: string) => any
  orderBy: (column: string, direction?: 'asc' | 'desc') => any
  limit: (limit: number) => any
  then: PromiseLike<any[]>['then']
}

/* A column a batch is ordered by: the SQL column, and the name it has in the selected rows. */
export type KeyColumn = { column: string; key: string; direction: 'asc' | 'desc' }

/* "people" becomes "people-2026-03-27.csv": the day it was made is in the name. */
export function csvFileName(stem: string, on: DateTime<boolean> = DateTime.now()) {
  return `${stem}-${on.toISODate() ?? DateTime.now().toISODate()}.csv`
}

/*
 * What a spreadsheet takes for the start of a formula (OWASP's CSV
 * injection list: = + - @ tab and carriage return), with the full-width
 * = + - @ that some spreadsheets read the same way.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/

/* A plain decimal number such as -3 or 12.5: a spreadsheet reads it as a number, never a formula. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/

/*
 * Text a spreadsheet would run as a formula, such as =HYPERLINK(…) in a
 * name, is written with a single quote in front, so it opens as the text
 * it is (OWASP's advice). Anything else is left as it is.
 */
export function formulaSafe(text: string) {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text
}

/*
 * The text a guarded cell stood for: an import reading a file the service
 * exported takes `'=Data` back as `=Data`, so a round trip changes nothing.
 */
export function formulaRestored(text: string) {
  const guarded = text.slice(1)
  return text.startsWith("'") && formulaSafe(guarded) === text ? guarded : text
}

/*
 * A cell as a spreadsheet should read it: no "null", dates as ISO text,
 * yes/no for booleans, numbers as numbers, and no text that runs as a formula.
 */
export function csvCell(value: unknown): string | number {
  if (value === null || value === undefined) return ''
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  if (typeof value === 'number') return Number.isFinite(value) ? value : formulaSafe(String(value))
  if (value instanceof Date) return formulaSafe(DateTime.fromJSDate(value).toISO() ?? '')
  if (DateTime.isDateTime(value)) return formulaSafe(value.toISO() ?? '')
  return formulaSafe(String(value))
}

/*
 * The one writer of CSV in the service: every cell goes through csvCell
 * and every column name through formulaSafe. A failure reading the lines
 * fails the stream rather than leaving the file open.
 */
function csvLines(header: string[], lines: CsvLines) {
  async function* cells() {
    for await (const line of lines) yield line.map(csvCell)
  }
  const csv = stringify({ header: true, columns: header.map(formulaSafe) })
  return pipe(Readable.from(cells()), csv, () => {})
}

/*
 * Answers a request with a CSV download, written as the rows arrive: the
 * response never holds more than the rows being read at that moment.
 * `noStore: false` leaves out Cache-Control for the downloads (templates,
 * reports) that have never sent it.
 */
export function sendCsv(
  response: HttpContext['response'],
  fileName: string,
  header: string[],
  lines: CsvLines,
  { noStore = true }: { noStore?: boolean } = {}
) {
  response.header('Content-Type', 'text/csv; charset=utf-8')
  response.header('Content-Disposition', `attachment; filename="${fileName}"`)
  if (noStore) response.header('Cache-Control', 'no-store')
  response.stream(csvLines(header, lines))
}

/* A whole CSV file as text, through the one writer: for files put together in memory, such as an archive's. */
export async function csvText(header: string[], lines: CsvLines) {
  let text = ''
  for await (const chunk of csvLines(header, lines)) text += String(chunk)
  return text
}

/*
 * Writes a CSV file as the rows arrive, telling `onRows` how many rows are
 * written so far after every `every` rows and at the end.
 */
export async function writeCsvFile(
  path: string,
  header: string[],
  lines: AsyncIterable<CsvLine>,
  onRows: (written: number) => Promise<void>,
  every = 1000
) {
  let written = 0
  async function* counted() {
    for await (const line of lines) {
      yield line
      written++
      if (written % every === 0) await onRows(written)
    }
  }
  await pipeline(csvLines(header, counted()), createWriteStream(path))
  await onRows(written)
  return written
}

/*
 * Restricts a query to the rows after `last` in the order of `keys`. Nulls
 * come first in ascending order and last in descending order, as they do
 * on SQLite and MySQL alike. The last key must be unique and never null.
 */
function after(where: BatchQuery, keys: KeyColumn[], last: Record<string, unknown>, index = 0) {
  if (index === keys.length) {
    where.where((none: any) => none.whereRaw('1 = 0'))
    return
  }
  const { column, key, direction } = keys[index]
  const value = last[key] ?? null
  const rest = (inner: any) => after(inner, keys, last, index + 1)
  where.where((clause: any) => {
    if (value === null) {
      if (direction === 'asc') {
        clause.whereNotNull(column).orWhere((same: any) => same.whereNull(column).where(rest))
      } else {
        clause.whereNull(column).where(rest)
      }
      return
    }
    clause
      .where(column, direction === 'asc' ? '>' : '<', value)
      .orWhere((same: any) => same.where(column, value).where(rest))
    if (direction === 'desc') clause.orWhereNull(column)
  })
}

/*
 * Reads a query's rows a batch at a time, each batch starting after the
 * last row of the one before (keyset paging), so the database does not
 * count through the rows already read and memory holds one batch. `narrow`
 * adds conditions that need a look-up first.
 */
export async function* keysetBatches<Row extends Record<string, unknown>>(
  build: () => BatchQuery,
  keys: KeyColumn[],
  batchSize: number,
  narrow?: (query: BatchQuery) => Promise<void>
): AsyncGenerator<Row[]> {
  let last: Row | null = null
  while (true) {
    const query = build()
    if (narrow) await narrow(query)
    if (last) after(query, keys, last)
    for (const { column, direction } of keys) query.orderBy(column, direction)
    const rows = (await query.limit(batchSize)) as Row[]
    if (rows.length > 0) yield rows
    if (rows.length < batchSize) return
    last = rows[rows.length - 1]
  }
}

/* A query's rows read a batch at a time (keysetBatches), each row turned into a CSV line. */
export async function* linesOfQuery(
  build: () => BatchQuery,
  keys: KeyColumn[],
  batchSize: number,
  line: (row: Record<string, any>) => CsvLine
): AsyncGenerator<CsvLine> {
  for await (const batch of keysetBatches<Record<string, any>>(build, keys, batchSize)) {
    for (const row of batch) yield line(row)
  }
}

/* How many rows a query finds, counted in SQL: what decides whether an export becomes a job. */
export async function countRows(query: { count: (column: string) => any }) {
  const row = await query.count('* as total').first()
  return Number(row?.total ?? 0)
}
