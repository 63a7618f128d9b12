import { type DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import FastStreamEntrant from '#models/fast_stream_entrant'
import { clearanceValues, type Clearance } from '#enums/fast_stream'
import type { Programme } from '#domain/fast_stream/programmes'
import { departmentsOf } from '#queries/fast_stream/entrant_query'
import { sortAsTree } from '#queries/identity/people_query'
import { dateFromSql } from '#domain/shared/uk_time'

export const ENTRANT_SORTS = {
  name: 'u.full_name',
  email: 'u.email',
  scheme: 's.name',
  cohort: 'c.name',
  started: 'e.started_on',
} as const

export type EntrantSort = keyof typeof ENTRANT_SORTS

export type EntrantFilters = {
  q?: string
  schemeId?: number
  cohortId?: number
  clearance?: Clearance
  /* "none": no digital posting yet (the entrant still needs a digital placement). */
  digital?: 'none' | 'had'
  sort: EntrantSort
  direction: 'asc' | 'desc'
  page: number
}

/* Reads the entrant list's filters from a query string, ignoring anything it does not know. */
export function entrantFilters(qs: Record<string, unknown>): EntrantFilters {
  const text = (value: unknown) =>
    typeof value === 'string' && value.trim() ? value.trim().slice(0, 100) : undefined
  const whole = (value: unknown) => {
    const number = Number(value)
    return Number.isSafeInteger(number) && number > 0 ? number : undefined
  }
  const clearance = String(qs.clearance ?? '').toUpperCase()
  return {
    q: text(qs.q),
    schemeId: whole(qs.schemeId),
    cohortId: whole(qs.cohortId),
    clearance: clearanceValues.includes(clearance as Clearance)
      ? (clearance as Clearance)
      : undefined,
    digital: qs.digital === 'none' || qs.digital === 'had' ? qs.digital : undefined,
    sort: Object.hasOwn(ENTRANT_SORTS, String(qs.sort)) ? (qs.sort as EntrantSort) : 'name',
    direction: qs.direction === 'desc' ? 'desc' : 'asc',
    page: whole(qs.page) ?? 1,
  }
}

export type EntrantRow = {
  id: number
  name: string
  email: string
  scheme: string
  /* The scheme's programme: the list holds Fast Streamers and Future Leaders alike. */
  programme: Programme
  cohort: string
  clearance: Clearance
  startedOn: DateTime
  postings: number
  hadDigital: boolean
}

function digitalPostings() {
  return db
    .from('fast_stream_postings as fp')
    .whereRaw('fp.entrant_id = e.id')
    .where('fp.is_digital', true)
    .select(db.raw('1'))
}

/*
 * Entrants ("e") with their user ("u"), scheme ("s") and cohort ("c")
 * under the list's filters: the one set of conditions the entrant list
 * and its export both use.
 */
export function entrantsMatching(filters: Omit<EntrantFilters, 'sort' | 'direction' | 'page'>) {
  const query = db
    .from('fast_stream_entrants as e')
    .join('users as u', 'u.id', 'e.user_id')
    .join('fast_stream_schemes as s', 's.id', 'e.scheme_id')
    .join('fast_stream_cohorts as c', 'c.id', 'e.cohort_id')
  if (filters.q) {
    const term = `%${filters.q.toLowerCase()}%`
    query.where((where) => {
      where
        .whereRaw('lower(u.full_name) like ?', [term])
        .orWhereRaw('lower(u.email) like ?', [term])
    })
  }
  if (filters.schemeId) query.where('e.scheme_id', filters.schemeId)
  if (filters.cohortId) query.where('e.cohort_id', filters.cohortId)
  if (filters.clearance) query.where('e.clearance', filters.clearance)
  if (filters.digital === 'none') query.whereNotExists(digitalPostings())
  if (filters.digital === 'had') query.whereExists(digitalPostings())
  return query
}

/* Entrants matching the filters, each with who they are and how many postings (and digital ones) they have had. */
export function entrantRows(filters: EntrantFilters) {
  return entrantsMatching(filters)
    .select(
      'e.id',
      'u.full_name',
      'u.email',
      's.name as scheme',
      's.programme',
      'c.name as cohort',
      'e.clearance',
      'e.started_on'
    )
    .select(
      db.raw(
        '(select count(*) from fast_stream_postings fp where fp.entrant_id = e.id) as postings'
      ),
      db.raw(
        '(select count(*) from fast_stream_postings fp where fp.entrant_id = e.id and fp.is_digital = ?) as digital_postings',
        [true]
      )
    )
}

/*
 * One page of entrants, filtered and sorted in SQL, with how many postings
 * each has had and whether one was digital.
 */
export async function entrantsPage(filters: EntrantFilters, perPage = 25) {
  const result = await entrantRows(filters)
    .orderBy(ENTRANT_SORTS[filters.sort], filters.direction)
    .orderBy('e.id', 'asc')
    .paginate(filters.page, perPage)
  const rows: EntrantRow[] = result.all().map((row: any) => ({
    id: Number(row.id),
    name: String(row.full_name),
    email: String(row.email),
    scheme: String(row.scheme),
    programme: row.programme as Programme,
    cohort: String(row.cohort),
    clearance: row.clearance as Clearance,
    startedOn: dateFromSql(row.started_on)!,
    postings: Number(row.postings),
    hadDigital: Number(row.digital_postings) > 0,
  }))
  return { rows, meta: result.getMeta() }
}

/* An entrant with their person, scheme, cohort and postings (newest first, each with its department). */
export async function entrantWithHistory(id: number) {
  const entrant = await FastStreamEntrant.query()
    .where('id', id)
    .preload('user', (user) => user.preload('organisation'))
    .preload('scheme')
    .preload('cohort')
    .preload('postings', (postings) =>
      postings.preload('organisation').orderBy('starts_on', 'desc').orderBy('id', 'desc')
    )
    .first()
  if (!entrant) return null
  const departments = await departmentsOf(entrant.postings.map((posting) => posting.organisationId))
  return {
    entrant,
    postings: entrant.postings.map((posting) => ({
      posting,
      department: departments.get(posting.organisationId)?.name ?? '',
    })),
  }
}

/* Every organisation, in tree order, for the posting form's select box. */
export async function organisationChoices() {
  const rows = await db
    .from('organisations')
    .whereNull('retired_at')
    .select('id', 'name', 'depth', 'path')
    .orderBy('name')
  return sortAsTree(rows).map((row) => ({
    value: Number(row.id),
    label: `${'— '.repeat(Number(row.depth))}${row.name}`,
  }))
}
