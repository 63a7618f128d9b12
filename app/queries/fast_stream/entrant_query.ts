import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import FastStreamEntrant from '#models/fast_stream_entrant'
import type PlacementRound from '#models/placement_round'
import type User from '#models/user'
import type { Clearance } from '#enums/fast_stream'
import { firstOverlap } from '#domain/fast_stream/postings'
import { ruleDeadline, type Programme } from '#domain/fast_stream/programmes'
import { isoDateFromSql } from '#domain/shared/uk_time'
import { departmentIdOf } from '#queries/identity/organisation_paths'

const cache = new WeakMap<User, FastStreamEntrant | null>()

/*
 * The user's entrant record (on the Fast Stream or the Future Leaders
 * Scheme), with its scheme, or null; looked up once per request.
 */
export async function entrantOf(user: User): Promise<FastStreamEntrant | null> {
  if (cache.has(user)) return cache.get(user)!
  const entrant = await FastStreamEntrant.query()
    .where('user_id', user.id)
    .preload('scheme')
    .first()
  cache.set(user, entrant)
  return entrant
}

/* The programme an entrant is on: their scheme's (read unless the scheme is loaded). */
export async function programmeOf(
  entrant: FastStreamEntrant,
  client: QueryClientContract = db.connection()
): Promise<Programme> {
  if (entrant.$preloaded.scheme) return entrant.scheme.programme
  const row = await client
    .from('fast_stream_schemes')
    .where('id', entrant.schemeId)
    .select('programme')
    .first()
  return (row?.programme ?? 'fast_stream') as Programme
}

/* What the matching rules need to know about an entrant in a round. */
export type EntrantFacts = {
  entrantId: number
  clearance: Clearance
  /* Codes of the departments (top-level organisations) of earlier postings. */
  previousDepartments: string[]
  /* The same departments by name, for people to read. */
  previousDepartmentNames: string[]
  /* No digital posting yet, and their programme's deadline (for the Fast Stream, the two-year mark) falls before the next round. */
  needsDigital: boolean
  hadDigital: boolean
  /* The first earlier posting that runs into the round's posting window; null when none does. */
  overlappingPosting: OverlappingPosting | null
}

/* A posting that runs into a round's posting window, and so keeps the entrant out of the round. */
export type OverlappingPosting = { title: string; startsOn: DateTime; endsOn: DateTime | null }

type PostingRow = {
  entrant_id: unknown
  organisation_id: unknown
  is_digital: unknown
  title: unknown
  starts_on: unknown
  ends_on: unknown
}

/* Of one entrant's posting rows, the first that shares a day with the round's window, for people to read. */
function overlapIn(round: PlacementRound, rows: PostingRow[]): OverlappingPosting | null {
  const window = round.postingWindow
  if (!window) return null
  const spans = rows.map((row) => ({
    row,
    startsOn: isoDateFromSql(row.starts_on)!,
    endsOn: isoDateFromSql(row.ends_on),
  }))
  const first = firstOverlap(spans, window)
  if (!first) return null
  return {
    title: String(first.row.title),
    startsOn: DateTime.fromISO(first.startsOn),
    endsOn: first.endsOn === null ? null : DateTime.fromISO(first.endsOn),
  }
}

/*
 * Earlier postings of these entrants, not the round's own: what the rules
 * of a round read. Through the client given, so a transaction can read
 * what it is about to change.
 */
async function earlierPostings(
  client: QueryClientContract,
  round: PlacementRound,
  entrantIds: number[]
): Promise<PostingRow[]> {
  const ids = [...new Set(entrantIds)]
  const rows: PostingRow[] = []
  for (let i = 0; i < ids.length; i += 1000) {
    // Postings the round itself produced (once published) are not history before it.
    const part = await client
      .from('fast_stream_postings as po')
      .leftJoin('placements as pl', 'pl.id', 'po.placement_id')
      .whereIn('po.entrant_id', ids.slice(i, i + 1000))
      .where((where) => where.whereNull('pl.round_id').orWhereNot('pl.round_id', round.id))
      .orderBy('po.starts_on')
      .orderBy('po.id')
      .select(
        'po.entrant_id',
        'po.organisation_id',
        'po.is_digital',
        'po.title',
        'po.starts_on',
        'po.ends_on'
      )
    rows.push(...part)
  }
  return rows
}

/*
 * Of these entrants, those with an earlier posting that runs into the
 * round's posting window, each with the first such posting. None when the
 * round has no window.
 */
export async function overlappingPostings(
  round: PlacementRound,
  entrantIds: number[],
  client: QueryClientContract = db.connection()
): Promise<Map<number, OverlappingPosting>> {
  const found = new Map<number, OverlappingPosting>()
  if (!entrantIds.length || !round.postingWindow) return found
  for (const [entrantId, rows] of byEntrant(await earlierPostings(client, round, entrantIds))) {
    const overlap = overlapIn(round, rows)
    if (overlap) found.set(entrantId, overlap)
  }
  return found
}

function byEntrant(rows: PostingRow[]) {
  const grouped = new Map<number, PostingRow[]>()
  for (const row of rows) {
    const list = grouped.get(Number(row.entrant_id)) ?? []
    list.push(row)
    grouped.set(Number(row.entrant_id), list)
  }
  return grouped
}

/*
 * The department of each organisation: the root of its tree (an agency
 * belongs to its parent department). Keyed by organisation id, giving the
 * department's id, code (what the rules compare) and name (what people read).
 */
export async function departmentsOf(organisationIds: number[]) {
  const result = new Map<number, { id: number; code: string; name: string }>()
  if (!organisationIds.length) return result
  const rows = await db
    .from('organisations')
    .whereIn('id', [...new Set(organisationIds)])
    .select('id', 'path', 'code')
  const rootIds = new Set<number>()
  const rootOf = new Map<number, number>()
  for (const row of rows) {
    const rootId = departmentIdOf(row.id, row.path)
    rootOf.set(Number(row.id), rootId)
    rootIds.add(rootId)
  }
  const roots = await db
    .from('organisations')
    .whereIn('id', [...rootIds])
    .select('id', 'code', 'name')
  const byId = new Map(roots.map((row) => [Number(row.id), row]))
  for (const [id, rootId] of rootOf) {
    const root = byId.get(rootId)!
    result.set(id, { id: rootId, code: String(root.code), name: String(root.name) })
  }
  return result
}

/* Every department's name by its code: the matching engine works with codes, people read names. */
export async function departmentNamesByCode(client: QueryClientContract = db.connection()) {
  const rows = await client.from('organisations').where('path', '/').select('code', 'name')
  return new Map(rows.map((row) => [String(row.code), String(row.name)]))
}

/*
 * The matching engine's words with each department it names by code
 * ("is in dwp, where the entrant has already had a posting") named as
 * people know it ("is in Department for Work and Pensions, where …").
 */
export function withDepartmentNames(text: string, names: Map<string, string>) {
  return text.replace(
    /\bis in (\S+?), where the entrant has already had a posting/g,
    (phrase, code: string) =>
      names.has(code) ? phrase.replace(`in ${code},`, `in ${names.get(code)},`) : phrase
  )
}

/*
 * The facts the rules of a round use for these entrants, as they stood
 * before the round: clearance, departments already posted to (postings
 * from the round's own placements do not count), and whether the digital
 * rule binds them
 * (no digital posting yet and their programme's deadline, two years from
 * joining for the Fast Stream and eighteen months for Future Leaders,
 * comes before the round after this one; without a date for it, six
 * months after this round's results), and the first earlier posting, if
 * any, that runs into the round's posting window.
 */
export async function entrantFacts(
  round: PlacementRound,
  entrantIds: number[]
): Promise<Map<number, EntrantFacts>> {
  const facts = new Map<number, EntrantFacts>()
  if (!entrantIds.length) return facts
  const ids = [...new Set(entrantIds)]
  const entrants: Array<{
    id: number
    clearance: Clearance
    started_on: unknown
    programme: Programme
  }> = []
  for (let i = 0; i < ids.length; i += 1000) {
    const part = await db
      .from('fast_stream_entrants as e')
      .join('fast_stream_schemes as sc', 'sc.id', 'e.scheme_id')
      .whereIn('e.id', ids.slice(i, i + 1000))
      .select('e.id', 'e.clearance', 'e.started_on', 'sc.programme')
    entrants.push(...part)
  }
  const postings = await earlierPostings(db.connection(), round, ids)
  const departments = await departmentsOf(
    postings.map((posting) => Number(posting.organisation_id))
  )
  const nextRound = round.nextRoundOn ?? round.resultsAt.plus({ months: 6 })
  const nextRoundDay = nextRound.toISODate()!

  const grouped = byEntrant(postings)

  for (const entrant of entrants) {
    const deadline = ruleDeadline(entrant.programme, isoDateFromSql(entrant.started_on)!)
    const mine = grouped.get(Number(entrant.id)) ?? []
    const hadDigital = mine.some((posting) => Boolean(posting.is_digital))
    facts.set(Number(entrant.id), {
      entrantId: Number(entrant.id),
      clearance: entrant.clearance,
      previousDepartments: [
        ...new Set(mine.map((posting) => departments.get(Number(posting.organisation_id))!.code)),
      ],
      previousDepartmentNames: [
        ...new Set(mine.map((posting) => departments.get(Number(posting.organisation_id))!.name)),
      ],
      hadDigital,
      needsDigital: !hadDigital && deadline < nextRoundDay,
      overlappingPosting: overlapIn(round, mine),
    })
  }
  return facts
}
