import type { HttpContext } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import type User from '#models/user'
import { sendCsv, type CsvLine } from '#services/csv_export'
import { OrganisationScope } from '#services/organisation_scope'

/*
 * The list kit: what every list page and its CSV share. Filters are read
 * once from the query string with blanks dropped, within the person's
 * scope; the page's "Download CSV" link carries the same filters; and the
 * CSV comes from the same query, through the one CSV writer
 * (`csv_export`), which guards formula cells.
 */

/* Query strings send empty filters as "" (or spaces): they mean "no filter", not "must be empty". */
export function withoutBlanks(qs: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(qs).filter(
      ([, value]) =>
        value !== null && value !== undefined && !(typeof value === 'string' && value.trim() === '')
    )
  )
}

/* A list's CSV address: the given path with the same filters, never the page number. */
export function csvHref(path: string, filters: Record<string, unknown>) {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(filters)) {
    if (key !== 'page' && value !== undefined && value !== null) params.set(key, String(value))
  }
  const query = params.toString()
  return query ? `${path}?${query}` : path
}

/* Query-string filters as a list page sends them, and as a queued export keeps them. */
export type ExportFilters = Record<string, string>

/* The filters worth keeping: the non-blank ones the list knows, never the page number. */
export function keptFilters(qs: Record<string, unknown>, names: string[]): ExportFilters {
  const kept: ExportFilters = {}
  for (const name of names) {
    const value = qs[name]
    if (typeof value === 'string' && value.trim() !== '') kept[name] = value.trim()
  }
  return kept
}

/*
 * How a queued export reads its filters: it keeps the non-blank ones its
 * list knows (keptFilters) and reads them as the list does.
 */
export function filtersFrom<F>(names: string[], parse: (kept: ExportFilters) => F | Promise<F>) {
  return async (qs: Record<string, unknown>) => {
    const kept = keptFilters(qs, names)
    return { kept, parsed: await parse(kept) }
  }
}

/* An export of one record's list, named by its id in the address (a session, a placement): 0 for none. */
export function idFilter(name: string) {
  return filtersFrom([name], (kept) => wholeNumber(kept[name]) ?? 0)
}

/* A whole number from a kept filter, or undefined. */
export function wholeNumber(value: string | undefined) {
  const number = Number(value)
  return Number.isSafeInteger(number) && number > 0 ? number : undefined
}

/*
 * A list that can be exported as a queued job when it is large. `filters`
 * reads the page's query string (throwing a validation error for bad
 * input) and keeps only what the export needs; `count` and `lines` apply
 * them within the person's scope, in the request or, later, in the job.
 * Each area registers its own (app/exports/<area>.ts).
 */
export type ExportKind<F> = {
  title: string
  fileStem: string
  header: string[]
  /* Where the list page is, to go back to. */
  listPath: string
  filters(qs: Record<string, unknown>, user: User): Promise<{ kept: ExportFilters; parsed: F }>
  count(user: User, filters: F): Promise<number>
  lines(user: User, filters: F, batchSize: number): AsyncIterable<CsvLine>
}

/* An export kind whose rows are read within the person's organisation scope. */
type ScopedExportKind<F> = Omit<ExportKind<F>, 'count' | 'lines'> & {
  count(scope: OrganisationScope, filters: F): Promise<number>
  lines(scope: OrganisationScope, filters: F, batchSize: number): AsyncIterable<CsvLine>
}

/* A list's scope when it shows what the person's organisation scope lets them see. */
export const organisationScopeOf = (user: User) => OrganisationScope.forUser(user)

/*
 * An export of what the person's organisation scope lets them see, the
 * scope worked out again when the file is written (in the request, or
 * later in the job).
 */
export function inOrganisationScope<F>(kind: ScopedExportKind<F>): ExportKind<F> {
  return {
    ...kind,
    count: async (user, filters) => kind.count(await organisationScopeOf(user), filters),
    async *lines(user, filters, batchSize) {
      yield* kind.lines(await organisationScopeOf(user), filters, batchSize)
    },
  }
}

/* An export kind whose list has no filters: the same rows for the person whoever asks how. */
export async function noFilters() {
  return { kept: {} as ExportFilters, parsed: null }
}

/* What an export says of itself: its title, its file's name, its columns and its list page. */
export type ExportAbout = Pick<ExportKind<null>, 'title' | 'fileStem' | 'header' | 'listPath'>

type Lines = AsyncIterable<CsvLine>

/* A list without filters that is the same for everyone who may see it (rounds, schemes, skills). */
export function everyonesExport(
  about: ExportAbout,
  count: () => Promise<number>,
  lines: (batchSize: number) => Lines
): ExportKind<null> {
  return {
    ...about,
    filters: noFilters,
    count: () => count(),
    lines: (_u, _f, size) => lines(size),
  }
}

/* A person's own list without filters (their learning record, the requests they approve). */
export function ownExport(
  about: ExportAbout,
  count: (userId: number) => Promise<number>,
  lines: (userId: number, batchSize: number) => Lines
): ExportKind<null> {
  return {
    ...about,
    filters: noFilters,
    count: (user) => count(user.id),
    lines: (user, _filters, size) => lines(user.id, size),
  }
}

/* A list without filters of what the person's organisation scope lets them see. */
export function scopeExport(
  about: ExportAbout,
  count: (scope: OrganisationScope) => Promise<number>,
  lines: (scope: OrganisationScope, batchSize: number) => Lines
): ExportKind<null> {
  return inOrganisationScope({
    ...about,
    filters: noFilters,
    count: (scope) => count(scope),
    lines: (scope, _filters, size) => lines(scope, size),
  })
}

/* Rows as a list has them at hand, or as they arrive from the database. */
export type Rows<Row> = Iterable<Row> | AsyncIterable<Row>

/* A CSV a page writes itself: its file's name, its columns and how one row becomes a line. */
export type PageCsv<Row> = {
  fileName: string
  header: string[]
  line: (row: Row) => CsvLine
}

/* A CSV whose lines are written out in full: an import's template, a dashboard panel's table. */
export type FixedCsv = { fileName: string; header: string[]; lines: CsvLine[] }

/*
 * Answers with rows as a page's CSV download, each made a line by the
 * CSV's own `line`. Page downloads have never sent Cache-Control:
 * no-store (queued exports' downloads do).
 */
export function sendPageCsv<Row>(
  response: HttpContext['response'],
  csv: PageCsv<Row>,
  rows: Rows<Row>,
  fileName = csv.fileName
) {
  async function* lines() {
    for await (const row of rows) yield csv.line(row)
  }
  sendCsv(response, fileName, csv.header, lines(), { noStore: false })
}

/* Answers with a CSV whose lines are written out in full, as a page's download. */
export function sendFixedCsv(response: HttpContext['response'], file: FixedCsv) {
  sendPageCsv(response, { ...file, line: (line) => line }, file.lines)
}

/*
 * How a list reads its page. `filters` reads the query string, blanks
 * already dropped (a bad filter throws a validation error, an
 * organisation outside the scope a 404) into what the page shows as
 * entered (`input`, which the CSV link carries) and what the queries
 * take; `page` reads one page of the list.
 */
type ListReading<Scope, Input, Filters, Page> = {
  /* The list page's address; its CSV's is the same ending in .csv. */
  path: string
  scope(user: User): Promise<Scope>
  filters(scope: Scope, qs: Record<string, unknown>): Promise<{ input: Input; filters: Filters }>
  page(scope: Scope, filters: Filters, input: Input): Promise<Page>
}

/* A list page and its CSV: `rows` reads every row, from the same query with the same filters. */
export type ListSpec<
  Scope,
  Input extends Record<string, unknown>,
  Filters,
  Page,
  Row,
> = ListReading<Scope, Input, Filters, Page> & {
  rows(scope: Scope, filters: Filters): Promise<Rows<Row>> | Rows<Row>
  csv: PageCsv<Row>
}

/* What a list page has to show: the scope, the filters both ways, the page and the CSV's address. */
export type ListRead<Scope, Input, Filters, Page> = {
  scope: Scope
  input: Input
  filters: Filters
  page: Page
  csvHref: string
}

type ListContext = Pick<HttpContext, 'auth' | 'request'>

/* Reads a list's filters once, blanks dropped, within the person's scope; and its page. */
function listReader<Scope, Input extends Record<string, unknown>, Filters, Page>(
  spec: ListReading<Scope, Input, Filters, Page>
) {
  async function filtersOf(user: User, qs: Record<string, unknown>) {
    const scope = await spec.scope(user)
    return { scope, ...(await spec.filters(scope, withoutBlanks(qs))) }
  }
  return {
    filtersOf,
    async read({ auth, request }: ListContext): Promise<ListRead<Scope, Input, Filters, Page>> {
      const { scope, input, filters } = await filtersOf(auth.getUserOrFail(), request.qs())
      return {
        scope,
        input,
        filters,
        page: await spec.page(scope, filters, input),
        csvHref: csvHref(`${spec.path}.csv`, input),
      }
    },
  }
}

/* A list page and its CSV read the same way: `read` for the page, `sendCsv` for the download. */
export function defineList<Scope, Input extends Record<string, unknown>, Filters, Page, Row>(
  spec: ListSpec<Scope, Input, Filters, Page, Row>
) {
  const reader = listReader(spec)
  return {
    path: spec.path,
    read: reader.read,
    async sendCsv(ctx: ListContext & Pick<HttpContext, 'response'>) {
      const { scope, filters } = await reader.filtersOf(ctx.auth.getUserOrFail(), ctx.request.qs())
      sendPageCsv(ctx.response, spec.csv, await spec.rows(scope, filters))
    },
  }
}

/*
 * A list page whose CSV may be large enough to be written by a queued job.
 * Its export reads the list's filters the same way, within the scope of
 * whoever asks, then and again when the file is written; it keeps the
 * query string's values of the filters the page shows (`input`, never the
 * page number) to read them again in the job.
 */
export type QueuedListSpec<
  Scope,
  Input extends Record<string, unknown>,
  Filters extends object,
  Page,
> = ListReading<Scope, Input, Filters, Page> & {
  export: Pick<ExportKind<Filters>, 'title' | 'fileStem' | 'header'> & {
    count(scope: Scope, filters: Filters): Promise<number>
    lines(scope: Scope, filters: Filters, batchSize: number): AsyncIterable<CsvLine>
  }
}

/* A list page and its queued export read the same way: `read` for the page, `exportKind` for the download. */
export function defineQueuedList<
  Scope,
  Input extends Record<string, unknown>,
  Filters extends object,
  Page,
>(spec: QueuedListSpec<Scope, Input, Filters, Page>) {
  const reader = listReader(spec)
  const exported = spec.export
  const exportKind: ExportKind<Filters> = {
    title: exported.title,
    fileStem: exported.fileStem,
    header: exported.header,
    listPath: spec.path,
    async filters(qs, user) {
      const { input, filters } = await reader.filtersOf(user, qs)
      const names = Object.keys(input).filter((name) => name !== 'page')
      return { kept: keptFilters(qs, names), parsed: filters }
    },
    count: async (user, filters) => exported.count(await spec.scope(user), filters),
    async *lines(user, filters, batchSize) {
      yield* exported.lines(await spec.scope(user), filters, batchSize)
    },
  }
  return { path: spec.path, read: reader.read, exportKind }
}

/*
 * For lists that show bad filters on the plain list: the browser goes to
 * `path` with each field's message, and the list answers nothing more
 * (null). Anything other than a validation error is thrown on.
 */
export function toListWithErrors({ response, session }: HttpContext, path: string) {
  return (error: unknown): null => {
    if (!(error instanceof vineErrors.E_VALIDATION_ERROR)) throw error
    session.flashValidationErrors(error)
    response.redirect().toPath(path)
    return null
  }
}

/*
 * A bad filter in a download's address sends a browser back to the page
 * with the same address, where the field's message shows; a JSON client
 * gets 422 from the export.
 */
export function backToListWithErrors(
  { request, response }: HttpContext,
  path: string,
  errors: Record<string, string[]>
) {
  if (Object.keys(errors).length === 0 || request.accepts(['html', 'json']) === 'json') return false
  const query = request.parsedUrl.query
  response.redirect().toPath(query ? `${path}?${query}` : path)
  return true
}
