/*
 * Reads of a round's match: the figures, the tables by department and by
 * entrant, the export, and an entrant's own result. Counted in SQL; the
 * pages of entrants are paged in SQL too.
 */
import { type DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type PlacementRound from '#models/placement_round'
import { PlacementStatuses, RoundStatuses, type MatchOutcome } from '#enums/fast_stream'
import { departmentsOf, entrantFacts } from '#queries/fast_stream/entrant_query'
import { UK_ZONE, dateFromSql, instantFromSql } from '#domain/shared/uk_time'
import { programmeWords, type Programme } from '#domain/fast_stream/programmes'

/* The unmatched code a hand move to no placement leaves. */
export const REMOVED_BY_HAND = 'removed_by_hand'

/* The unmatched code of an entrant left out because an earlier posting overlaps the round's postings. */
export const POSTING_OVERLAP = 'posting_overlap'

/* Why an entrant has no placement, as the entrant is told it, in the words of their programme. */
export function entrantReasons(programme: Programme): Record<string, string> {
  const words = programmeWords(programme)
  return {
    no_preferences: 'You did not rank any placement that was approved in this round.',
    no_eligible_choice:
      'None of the placements you ranked could take you: the round’s rules kept you out of them, or their teams did not rank you.',
    choices_filled: `Each placement you ranked that was open to you was filled by ${words.many} its team ranked higher.`,
    [REMOVED_BY_HAND]: `The ${words.team} has not given you a placement in this round.`,
    [POSTING_OVERLAP]:
      'Your current posting runs into the dates of this round’s postings, so you could not be matched in it.',
  }
}

export function entrantReason(code: string | null, programme: Programme) {
  return (
    (code && entrantReasons(programme)[code]) ??
    'You were not matched to a placement in this round.'
  )
}

/* A timestamp column as a DateTime in UK time, whichever driver read it. */
function ukDateTime(value: unknown): DateTime | null {
  const utc = instantFromSql(value)
  return utc?.isValid ? utc.setZone(UK_ZONE) : null
}

export type ResultSummary = {
  entrants: number
  matched: number
  unmatched: number
  firstChoice: number
  topThree: number
  adjusted: number
  placesOffered: number
  placesFilled: number
  needDigital: number
  needDigitalMatchedDigital: number
}

/*
 * The figures of a round's current result, hand moves included: the same
 * as the engine's stats until someone moves an entrant.
 */
export async function resultSummary(round: PlacementRound): Promise<ResultSummary> {
  const counts = await db
    .from('placement_matches')
    .where('round_id', round.id)
    .select(
      db.raw('count(*) as entrants'),
      db.raw('sum(case when placement_id is not null then 1 else 0 end) as matched'),
      db.raw(
        'sum(case when placement_id is not null and choice = 1 then 1 else 0 end) as first_choice'
      ),
      db.raw(
        'sum(case when placement_id is not null and choice <= 3 then 1 else 0 end) as top_three'
      ),
      db.raw('sum(case when adjusted_at is not null then 1 else 0 end) as adjusted')
    )
    .first()
  const offered = await db
    .from('placements')
    .where('round_id', round.id)
    .where('status', PlacementStatuses.Approved)
    .sum('capacity as places')
    .first()

  const rows = await db
    .from('placement_matches as m')
    .leftJoin('placements as p', 'p.id', 'm.placement_id')
    .where('m.round_id', round.id)
    .select('m.entrant_id', 'p.is_digital')
  const needing = await needsDigitalWhenMatched(
    round,
    rows.map((row) => Number(row.entrant_id))
  )
  let needDigital = 0
  let needDigitalMatchedDigital = 0
  for (const row of rows) {
    if (!needing.has(Number(row.entrant_id))) continue
    needDigital++
    if (row.is_digital !== null && Boolean(row.is_digital)) needDigitalMatchedDigital++
  }

  const matched = Number(counts?.matched ?? 0)
  return {
    entrants: Number(counts?.entrants ?? 0),
    matched,
    unmatched: Number(counts?.entrants ?? 0) - matched,
    firstChoice: Number(counts?.first_choice ?? 0),
    topThree: Number(counts?.top_three ?? 0),
    adjusted: Number(counts?.adjusted ?? 0),
    placesOffered: Number(offered?.places ?? 0),
    placesFilled: matched,
    needDigital,
    needDigitalMatchedDigital,
  }
}

/* The entrants who needed a digital placement when the round was matched. */
async function needsDigitalWhenMatched(round: PlacementRound, entrantIds: number[]) {
  const facts = await entrantFacts(round, entrantIds)
  const needing = new Set<number>()
  for (const [id, fact] of facts) if (fact.needsDigital) needing.add(id)
  return needing
}

export type DepartmentRow = {
  id: number
  code: string
  name: string
  placements: number
  places: number
  filled: number
}

/*
 * Placements offered, places and places filled, by department (the top of
 * each placement's organisation tree), counted per organisation in SQL.
 */
export async function departmentTable(round: PlacementRound): Promise<DepartmentRow[]> {
  const offered = await db
    .from('placements')
    .where('round_id', round.id)
    .where('status', PlacementStatuses.Approved)
    .groupBy('organisation_id')
    .select('organisation_id')
    .count('* as placements')
    .sum('capacity as places')
  const filled = await db
    .from('placement_matches as m')
    .join('placements as p', 'p.id', 'm.placement_id')
    .where('m.round_id', round.id)
    .groupBy('p.organisation_id')
    .select('p.organisation_id')
    .count('* as filled')

  const organisationIds = [
    ...offered.map((row) => Number(row.organisation_id)),
    ...filled.map((row) => Number(row.organisation_id)),
  ]
  const departments = await departmentsOf(organisationIds)
  const rootIds = [...new Set([...departments.values()].map((department) => department.id))]
  const names = new Map<number, string>()
  if (rootIds.length) {
    const rows = await db.from('organisations').whereIn('id', rootIds).select('id', 'name')
    for (const row of rows) names.set(Number(row.id), String(row.name))
  }

  const table = new Map<number, DepartmentRow>()
  const rowFor = (organisationId: number) => {
    const department = departments.get(organisationId)!
    let row = table.get(department.id)
    if (!row) {
      row = {
        id: department.id,
        code: department.code,
        name: names.get(department.id) ?? department.code,
        placements: 0,
        places: 0,
        filled: 0,
      }
      table.set(department.id, row)
    }
    return row
  }
  for (const row of offered) {
    const department = rowFor(Number(row.organisation_id))
    department.placements += Number(row.placements)
    department.places += Number(row.places)
  }
  for (const row of filled) rowFor(Number(row.organisation_id)).filled += Number(row.filled)
  return [...table.values()].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
}

export type EntrantMatchRow = {
  matchId: number
  entrantId: number
  name: string
  email: string
  scheme: string
  placement: {
    id: number
    title: string
    team: string
    teamId: number
    organisation: string
    location: string
    digital: boolean
  } | null
  choice: number | null
  unmatchedCode: string | null
  unmatchedReason: string | null
  adjustedAt: DateTime | null
  adjustedBy: string | null
  adjustedReason: string | null
}

const MATCH_COLUMNS = [
  'm.id',
  'm.entrant_id',
  'm.placement_id',
  'm.choice',
  'm.unmatched_code',
  'm.unmatched_reason',
  'm.adjusted_at',
  'm.adjusted_reason',
  'u.full_name',
  'u.email',
  'sc.name as scheme_name',
  'p.title as placement_title',
  'p.location as placement_location',
  'p.is_digital as placement_digital',
  'p.team_id',
  't.name as team_name',
  'o.name as organisation_name',
  'adj.full_name as adjusted_by_name',
]

/*
 * A round's matches with the entrant (as `e` and user `u`), their scheme
 * (`sc`), the placement (`p`) with its team (`t`) and organisation (`o`),
 * and who moved it by hand (`adj`), narrowed to an outcome or a team.
 */
export function roundMatches(roundId: number, outcome?: MatchOutcome, teamId?: number) {
  const query = db
    .from('placement_matches as m')
    .join('fast_stream_entrants as e', 'e.id', 'm.entrant_id')
    .join('users as u', 'u.id', 'e.user_id')
    .join('fast_stream_schemes as sc', 'sc.id', 'e.scheme_id')
    .leftJoin('placements as p', 'p.id', 'm.placement_id')
    .leftJoin('teams as t', 't.id', 'p.team_id')
    .leftJoin('organisations as o', 'o.id', 'p.organisation_id')
    .leftJoin('users as adj', 'adj.id', 'm.adjusted_by')
    .where('m.round_id', roundId)
  if (outcome === 'matched') query.whereNotNull('m.placement_id')
  if (outcome === 'unmatched') query.whereNull('m.placement_id')
  if (outcome === 'adjusted') query.whereNotNull('m.adjusted_at')
  if (teamId !== undefined) query.where('p.team_id', teamId)
  return query
}

function toMatchRow(row: any): EntrantMatchRow {
  return {
    matchId: Number(row.id),
    entrantId: Number(row.entrant_id),
    name: String(row.full_name),
    email: String(row.email),
    scheme: String(row.scheme_name),
    placement:
      row.placement_id === null
        ? null
        : {
            id: Number(row.placement_id),
            title: String(row.placement_title),
            team: String(row.team_name),
            teamId: Number(row.team_id),
            organisation: String(row.organisation_name),
            location: String(row.placement_location),
            digital: Boolean(row.placement_digital),
          },
    choice: row.choice === null ? null : Number(row.choice),
    unmatchedCode: row.unmatched_code ?? null,
    unmatchedReason: row.unmatched_reason ?? null,
    adjustedAt: ukDateTime(row.adjusted_at),
    adjustedBy: row.adjusted_by_name ?? null,
    adjustedReason: row.adjusted_reason ?? null,
  }
}

/*
 * One page of a round's result by entrant, by name, with the total. A team
 * lead's view is narrowed to their team's placements.
 */
export async function entrantMatchesPage(
  round: PlacementRound,
  options: { outcome?: MatchOutcome; teamId?: number; page?: number; perPage?: number } = {}
) {
  const result = await roundMatches(round.id, options.outcome, options.teamId)
    .select(MATCH_COLUMNS)
    .orderBy('u.full_name')
    .orderBy('m.entrant_id')
    .paginate(options.page ?? 1, options.perPage ?? 50)
  return { rows: result.all().map(toMatchRow), meta: result.getMeta() }
}

/* One match of the round, with its entrant and placement, or null. */
export async function findMatch(round: PlacementRound, matchId: number) {
  const row = await roundMatches(round.id).where('m.id', matchId).select(MATCH_COLUMNS).first()
  return row ? toMatchRow(row) : null
}

/* Every match of the round in batches, for the export: never the whole round in memory. */
export async function* matchBatches(
  round: PlacementRound,
  size = 1000
): AsyncGenerator<EntrantMatchRow[]> {
  let after = 0
  for (;;) {
    const rows = await roundMatches(round.id)
      .where('m.id', '>', after)
      .select(MATCH_COLUMNS)
      .orderBy('m.id')
      .limit(size)
    if (!rows.length) return
    yield rows.map(toMatchRow)
    after = Number(rows.at(-1).id)
  }
}

export type PlacementChoice = {
  id: number
  title: string
  team: string
  department: string
  capacity: number
  filled: number
}

/* The round's approved placements, with their places filled now, by department then title. */
export async function placementChoices(round: PlacementRound): Promise<PlacementChoice[]> {
  const rows = await db
    .from('placements as p')
    .join('teams as t', 't.id', 'p.team_id')
    .where('p.round_id', round.id)
    .where('p.status', PlacementStatuses.Approved)
    .select('p.id', 'p.title', 'p.capacity', 'p.organisation_id', 't.name as team_name')
    .select(
      db
        .from('placement_matches as m')
        .whereColumn('m.placement_id', 'p.id')
        .where('m.round_id', round.id)
        .count('*')
        .as('filled')
    )
  const departments = await departmentsOf(rows.map((row) => Number(row.organisation_id)))
  const rootIds = [...new Set([...departments.values()].map((department) => department.id))]
  const names = new Map<number, string>()
  if (rootIds.length) {
    const named = await db.from('organisations').whereIn('id', rootIds).select('id', 'name')
    for (const row of named) names.set(Number(row.id), String(row.name))
  }
  return rows
    .map((row) => ({
      id: Number(row.id),
      title: String(row.title),
      team: String(row.team_name),
      department: names.get(departments.get(Number(row.organisation_id))!.id) ?? '',
      capacity: Number(row.capacity),
      filled: Number(row.filled),
    }))
    .sort(
      (a, b) =>
        a.department.localeCompare(b.department, 'en-GB') ||
        a.title.localeCompare(b.title, 'en-GB') ||
        a.id - b.id
    )
}

export type EntrantResult = {
  round: { id: number; name: string; publishedAt: DateTime | null }
  placement: {
    id: number
    title: string
    team: string
    organisation: string
    location: string
    startsOn: DateTime
    digital: boolean
  } | null
  choice: number | null
  reason: string | null
}

export type PendingRound = { id: number; name: string; resultsAt: DateTime }

/*
 * What an entrant may know of their rounds: the result of the latest
 * published round they were matched in, and the rounds they have submitted
 * choices to whose results are still to come.
 */
export async function entrantResults(entrantId: number) {
  const published = await db
    .from('placement_matches as m')
    .join('placement_rounds as r', 'r.id', 'm.round_id')
    .leftJoin('placements as p', 'p.id', 'm.placement_id')
    .leftJoin('teams as t', 't.id', 'p.team_id')
    .leftJoin('organisations as o', 'o.id', 'p.organisation_id')
    .where('m.entrant_id', entrantId)
    .where('r.status', RoundStatuses.Published)
    .orderBy('r.published_at', 'desc')
    .orderBy('r.id', 'desc')
    .select(
      'r.id as round_id',
      'r.name as round_name',
      'r.published_at',
      'r.programme',
      'm.placement_id',
      'm.choice',
      'm.unmatched_code',
      'p.title',
      'p.location',
      'p.starts_on',
      'p.is_digital',
      't.name as team_name',
      'o.name as organisation_name'
    )
    .first()

  const pendingRows = await db
    .from('placement_shortlists as s')
    .join('placement_rounds as r', 'r.id', 's.round_id')
    .where('s.entrant_id', entrantId)
    .whereNotNull('s.submitted_at')
    .whereNot('r.status', RoundStatuses.Published)
    .orderBy('r.results_at')
    .orderBy('r.id')
    .select('r.id', 'r.name', 'r.results_at')

  const latest: EntrantResult | null = published
    ? {
        round: {
          id: Number(published.round_id),
          name: String(published.round_name),
          publishedAt: ukDateTime(published.published_at),
        },
        placement:
          published.placement_id === null
            ? null
            : {
                id: Number(published.placement_id),
                title: String(published.title),
                team: String(published.team_name),
                organisation: String(published.organisation_name),
                location: String(published.location),
                startsOn: dateFromSql(published.starts_on)!,
                digital: Boolean(published.is_digital),
              },
        choice: published.choice === null ? null : Number(published.choice),
        reason:
          published.placement_id === null
            ? entrantReason(published.unmatched_code, published.programme)
            : null,
      }
    : null
  const pending: PendingRound[] = pendingRows.map((row) => ({
    id: Number(row.id),
    name: String(row.name),
    resultsAt: ukDateTime(row.results_at)!,
  }))
  return { latest, pending }
}

export type PostingRow = {
  id: number
  title: string
  team: string | null
  organisation: string
  startsOn: DateTime
  endsOn: DateTime | null
  digital: boolean
}

/* An entrant's postings, latest first. */
export async function postingHistory(entrantId: number): Promise<PostingRow[]> {
  const rows = await db
    .from('fast_stream_postings as po')
    .join('organisations as o', 'o.id', 'po.organisation_id')
    .where('po.entrant_id', entrantId)
    .orderBy('po.starts_on', 'desc')
    .orderBy('po.id', 'desc')
    .select(
      'po.id',
      'po.title',
      'po.team_name',
      'po.starts_on',
      'po.ends_on',
      'po.is_digital',
      'o.name as organisation_name'
    )
  return rows.map((row) => ({
    id: Number(row.id),
    title: String(row.title),
    team: row.team_name ?? null,
    organisation: String(row.organisation_name),
    startsOn: dateFromSql(row.starts_on)!,
    endsOn: dateFromSql(row.ends_on),
    digital: Boolean(row.is_digital),
  }))
}
