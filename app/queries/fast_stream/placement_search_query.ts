import { type DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import PlacementRound from '#models/placement_round'
import {
  PlacementStatuses,
  RoundStatuses,
  type PlacementSort,
  type PlacementStatus,
} from '#enums/fast_stream'
import {
  CLEARANCES,
  clearanceLevel,
  ineligibilityReason,
  type Clearance,
  type IneligibilityCode,
} from '#domain/fast_stream/matching_engine'
import { departmentsOf, entrantFacts, type EntrantFacts } from '#queries/fast_stream/entrant_query'
import type { Programme } from '#domain/fast_stream/programmes'
import { dateFromSql } from '#domain/shared/uk_time'

/*
 * Reads for the entrants' placement search and placement page: the round
 * entrants are choosing in, its approved placements filtered, sorted,
 * counted and paged in SQL, and whether the rules let the entrant take each.
 */

export const PLACEMENTS_PAGE_SIZE = 20

export type PlacementFilters = {
  /* The id of a department: a top-level organisation. */
  department?: number
  location?: string
  skill?: number
  digitalOnly?: boolean
  /* Only placements this clearance meets. */
  clearance?: Clearance
  q?: string
  sort?: PlacementSort
}

/* The search as entered: its filters, with "my clearance" rather than a clearance. */
export type PlacementSearchInput = Omit<PlacementFilters, 'clearance'> & { myClearance?: boolean }

/* The search's filters for the person running it: "my clearance" is an entrant's own clearance. */
export function placementFilters(
  input: PlacementSearchInput,
  entrant: { clearance: Clearance } | null
): PlacementFilters {
  return {
    q: input.q,
    department: input.department,
    location: input.location,
    skill: input.skill,
    digitalOnly: input.digitalOnly,
    clearance: entrant && input.myClearance ? entrant.clearance : undefined,
    sort: input.sort,
  }
}

export type PlacementRow = {
  id: number
  roundId: number
  title: string
  description: string
  location: string
  startsOn: DateTime
  capacity: number
  clearanceRequired: Clearance
  isDigital: boolean
  status: PlacementStatus
  organisationId: number
  organisationName: string
  teamId: number
  teamName: string
  department: { id: number; code: string; name: string }
  /* The service of the register the placement works in (every Future Leaders placement names one). */
  service: { id: number; name: string } | null
  /* Where the placement is on the entrant's shortlist, 1 first; null when it is not. */
  shortlistRank: number | null
  skills: { id: number; name: string }[]
}

/* Why the rules of the round keep an entrant out of a placement, said to the entrant. */
export type Ineligible = { code: IneligibilityCode; reason: string }

/*
 * The department of the placement's organisation: the root of its tree.
 * An organisation's path lists its ancestors' ids, root first ("/3/17/");
 * a department's own path is "/". instr() and substr() mean the same in
 * SQLite, MySQL and MariaDB, and "+ 0" turns the digits into a number in all three.
 */
const DEPARTMENT_ID_SQL =
  "case when o.path = '/' then o.id else substr(o.path, 2, instr(substr(o.path, 2), '/') - 1) + 0 end"

/* Escapes LIKE wildcards with "!" (an escape character both databases accept as written). */
function containing(term: string) {
  return `%${term.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`
}

/*
 * The round entrants are choosing placements in: the open round of their
 * programme (of any, for the Fast Stream team), or of several the one
 * whose choices close soonest. Null when no such round is open.
 */
export async function currentRound(programme?: Programme | null): Promise<PlacementRound | null> {
  const query = PlacementRound.query().where('status', RoundStatuses.Open)
  if (programme) query.where('programme', programme)
  return query.orderBy('preferences_close_at', 'asc').orderBy('id', 'asc').first()
}

/*
 * Entrants see the placements of open rounds of their own programme (the
 * Fast Stream team, with no programme given, those of any); results of
 * later stages come another way.
 */
export function entrantsCanSee(round: PlacementRound, programme?: Programme | null) {
  return round.status === RoundStatuses.Open && (!programme || round.programme === programme)
}

/* The clearances a person holding this one meets: their own and every lower one. */
export function clearancesMetBy(clearance: Clearance): Clearance[] {
  return CLEARANCES.filter((level) => clearanceLevel(level) <= clearanceLevel(clearance))
}

/* Placements ("p") with their team ("t"), organisation ("o") and department ("d"). */
export function placementBase(): DatabaseQueryBuilderContract {
  return db
    .from('placements as p')
    .join('teams as t', 't.id', 'p.team_id')
    .join('organisations as o', 'o.id', 'p.organisation_id')
    .joinRaw(`join organisations d on d.id = ${DEPARTMENT_ID_SQL}`)
}

/*
 * Approved placements of the round with their team, organisation and
 * department, under every filter but the one left out (so a filter's own
 * options can be counted as if it were not set).
 */
function filtered(
  roundId: number,
  filters: PlacementFilters,
  leaveOut?: 'department' | 'location'
): DatabaseQueryBuilderContract {
  const query = placementBase()
    .where('p.round_id', roundId)
    .where('p.status', PlacementStatuses.Approved)
  if (filters.department && leaveOut !== 'department') query.where('d.id', filters.department)
  if (filters.location && leaveOut !== 'location') {
    query.whereRaw('lower(p.location) = ?', [filters.location.toLowerCase()])
  }
  if (filters.skill) {
    query.whereIn(
      'p.id',
      db.from('placement_skills').where('skill_id', filters.skill).select('placement_id')
    )
  }
  if (filters.digitalOnly) query.where('p.is_digital', true)
  if (filters.clearance) query.whereIn('p.clearance_required', clearancesMetBy(filters.clearance))
  if (filters.q) {
    const term = containing(filters.q)
    query.where((where) => {
      where
        .whereRaw(`lower(p.title) like ? escape '!'`, [term])
        .orWhereRaw(`lower(p.description) like ? escape '!'`, [term])
        .orWhereRaw(`lower(t.name) like ? escape '!'`, [term])
        .orWhereRaw(`lower(o.name) like ? escape '!'`, [term])
        .orWhereRaw(`lower(d.name) like ? escape '!'`, [term])
    })
  }
  return query
}

/* The search's approved placements of a round under its filters: shared by the page and its export. */
export function filteredPlacements(roundId: number, filters: PlacementFilters) {
  return filtered(roundId, filters)
}

/* The columns a placement row is built from; the shortlist's rank when there is a shortlist. */
export function withColumns(query: DatabaseQueryBuilderContract, shortlistId: number | null) {
  query.select(
    'p.id',
    'p.round_id',
    'p.title',
    'p.description',
    'p.location',
    'p.starts_on',
    'p.capacity',
    'p.clearance_required',
    'p.is_digital',
    'p.status',
    'p.organisation_id',
    'o.name as organisation_name',
    'p.team_id',
    't.name as team_name',
    'd.id as department_id',
    'd.code as department_code',
    'd.name as department_name',
    'sv.id as service_id',
    'sv.name as service_name'
  )
  query.leftJoin('services as sv', 'sv.id', 'p.service_id')
  if (shortlistId === null) {
    query.select(db.raw('null as shortlist_rank'))
  } else {
    query
      .leftJoin('placement_preferences as pp', (join) => {
        join.on('pp.placement_id', '=', 'p.id').andOnVal('pp.shortlist_id', '=', shortlistId)
      })
      .select('pp.rank as shortlist_rank')
  }
  return query
}

function sorted(query: DatabaseQueryBuilderContract, sort: PlacementSort = 'title') {
  if (sort === 'start') query.orderBy('p.starts_on', 'asc')
  if (sort === 'department') query.orderBy('d.name', 'asc')
  if (sort === 'capacity') query.orderBy('p.capacity', 'desc')
  return query.orderBy('p.title', 'asc').orderBy('p.id', 'asc')
}

export function toPlacementRow(row: any): PlacementRow {
  return {
    id: Number(row.id),
    roundId: Number(row.round_id),
    title: String(row.title),
    description: String(row.description),
    location: String(row.location),
    startsOn: dateFromSql(row.starts_on)!,
    capacity: Number(row.capacity),
    clearanceRequired: row.clearance_required as Clearance,
    isDigital: Boolean(row.is_digital),
    status: row.status as PlacementStatus,
    organisationId: Number(row.organisation_id),
    organisationName: String(row.organisation_name),
    teamId: Number(row.team_id),
    teamName: String(row.team_name),
    department: {
      id: Number(row.department_id),
      code: String(row.department_code),
      name: String(row.department_name),
    },
    service:
      row.service_id === null || row.service_id === undefined
        ? null
        : { id: Number(row.service_id), name: String(row.service_name) },
    shortlistRank:
      row.shortlist_rank === null || row.shortlist_rank === undefined
        ? null
        : Number(row.shortlist_rank),
    skills: [],
  }
}

/* Fills in the skills each placement develops, in one query for all of them. */
export async function withSkills(rows: PlacementRow[]) {
  if (!rows.length) return rows
  const skills = await db
    .from('placement_skills as ps')
    .join('skills as s', 's.id', 'ps.skill_id')
    .whereIn(
      'ps.placement_id',
      rows.map((row) => row.id)
    )
    .select('ps.placement_id', 's.id', 's.name')
    .orderBy('s.name', 'asc')
  const byPlacement = new Map(rows.map((row) => [row.id, row]))
  for (const skill of skills) {
    byPlacement
      .get(Number(skill.placement_id))
      ?.skills.push({ id: Number(skill.id), name: String(skill.name) })
  }
  return rows
}

/*
 * One page of the round's approved placements under the filters, sorted,
 * with the skills each develops and, given a shortlist, where each is on it.
 */
export async function searchPlacements(
  round: PlacementRound,
  filters: PlacementFilters,
  options: { page?: number; perPage?: number; shortlistId?: number | null } = {}
) {
  const query = sorted(
    withColumns(filtered(round.id, filters), options.shortlistId ?? null),
    filters.sort
  )
  const result = await query.paginate(options.page ?? 1, options.perPage ?? PLACEMENTS_PAGE_SIZE)
  const rows = await withSkills(result.all().map(toPlacementRow))
  return { rows, meta: result.getMeta() as PageMeta }
}

export type PageMeta = { total: number; perPage: number; currentPage: number; lastPage: number }

export type FacetOption<T> = { value: T; label: string; total: number; count: number }

/*
 * The choices of the department and location filters: every department
 * and location with an approved placement in the round (its total), and
 * how many of them the other filters leave (its count). Four GROUP BY queries.
 */
export async function placementFacets(round: PlacementRound, filters: PlacementFilters) {
  const departments = (which: PlacementFilters) =>
    filtered(round.id, which, 'department')
      .groupBy('d.id', 'd.name')
      .select('d.id', 'd.name')
      .count('* as total')
  const locations = (which: PlacementFilters) =>
    filtered(round.id, which, 'location')
      .groupBy('p.location')
      .select('p.location')
      .count('* as total')
  const [allDepartments, departmentCounts, allLocations, locationCounts] = await Promise.all([
    departments({}),
    departments(filters),
    locations({}),
    locations(filters),
  ])
  return {
    departments: facetOptions(
      allDepartments,
      departmentCounts,
      (row) => Number(row.id),
      (row) => String(row.name)
    ),
    locations: facetOptions(
      allLocations,
      locationCounts,
      (row) => String(row.location),
      (row) => String(row.location)
    ),
  }
}

/*
 * One filter's choices, by label: each value with its total and its count
 * under the other filters (0 where they leave none).
 */
function facetOptions<T>(
  all: any[],
  counted: any[],
  valueOf: (row: any) => T,
  labelOf: (row: any) => string
): FacetOption<T>[] {
  const counts = new Map(counted.map((row) => [valueOf(row), Number(row.total)]))
  return all
    .map((row) => ({
      value: valueOf(row),
      label: labelOf(row),
      total: Number(row.total),
      count: counts.get(valueOf(row)) ?? 0,
    }))
    .sort((a, b) => a.label.localeCompare(b.label, 'en-GB'))
}

/* The skills the round's approved placements develop: the skill filter's choices. */
export async function skillChoices(round: PlacementRound) {
  const rows = await db
    .from('skills as s')
    .whereIn(
      's.id',
      db
        .from('placement_skills as ps')
        .join('placements as p', 'p.id', 'ps.placement_id')
        .where('p.round_id', round.id)
        .where('p.status', PlacementStatuses.Approved)
        .select('ps.skill_id')
    )
    .select('s.id', 's.name')
    .orderBy('s.name', 'asc')
  return rows.map((row) => ({ value: Number(row.id), label: String(row.name) }))
}

/*
 * Placements by id, whatever their status or round, with their department
 * and skills and, given a shortlist, their place on it.
 */
export async function placementsById(ids: number[], shortlistId: number | null = null) {
  if (!ids.length) return new Map<number, PlacementRow>()
  const found = await withColumns(placementBase().whereIn('p.id', ids), shortlistId)
  const rows = await withSkills(found.map(toPlacementRow))
  return new Map(rows.map((row) => [row.id, row]))
}

/* One placement with its details, or null. */
export async function placementDetails(id: number, shortlistId: number | null = null) {
  const rows = await placementsById([id], shortlistId)
  return rows.get(id) ?? null
}

/* What the entrant is told when the rules of the round keep them out of a placement. */
export function explainIneligibility(
  code: IneligibilityCode,
  facts: EntrantFacts,
  placement: Pick<PlacementRow, 'clearanceRequired' | 'department'>
): string {
  switch (code) {
    case 'clearance':
      return `Needs ${placement.clearanceRequired} clearance: you hold ${facts.clearance}`
    case 'previous_department':
      return `You have already had a posting in ${placement.department.name}`
    case 'not_digital':
      return 'You need a digital placement, and this one is not digital'
  }
}

/*
 * Whether the rules of the round let the entrant take each placement,
 * as the matching engine decides it: null when they do, else the reason.
 * The entrant's facts and the placements' departments are read in three queries.
 */
export async function eligibilityFor(
  round: PlacementRound,
  entrantId: number,
  placements: Pick<
    PlacementRow,
    'id' | 'organisationId' | 'clearanceRequired' | 'isDigital' | 'capacity' | 'department'
  >[]
): Promise<Map<number, Ineligible | null>> {
  const result = new Map<number, Ineligible | null>()
  if (!placements.length) return result
  const allFacts = await entrantFacts(round, [entrantId])
  const facts = allFacts.get(entrantId)
  if (!facts) return result
  const departments = await departmentsOf(placements.map((placement) => placement.organisationId))
  const entrant = {
    id: String(entrantId),
    preferences: [],
    clearance: facts.clearance,
    previousDepartments: facts.previousDepartments,
    needsDigital: facts.needsDigital,
  }
  for (const placement of placements) {
    const ineligible = ineligibilityReason(
      entrant,
      {
        id: String(placement.id),
        capacity: Math.max(1, placement.capacity),
        department: departments.get(placement.organisationId)?.code ?? placement.department.code,
        clearanceRequired: placement.clearanceRequired,
        digital: placement.isDigital,
      },
      round.rules
    )
    result.set(
      placement.id,
      ineligible
        ? { code: ineligible.code, reason: explainIneligibility(ineligible.code, facts, placement) }
        : null
    )
  }
  return result
}
