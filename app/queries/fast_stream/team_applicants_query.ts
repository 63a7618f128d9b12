import { type DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import type Placement from '#models/placement'
import type PlacementRound from '#models/placement_round'
import { departmentsOf, entrantFacts, type EntrantFacts } from '#queries/fast_stream/entrant_query'
import { ineligibilityReason, type IneligibilityCode } from '#domain/fast_stream/matching_engine'
import type { Clearance } from '#enums/fast_stream'
import { instantFromSql } from '#domain/shared/uk_time'

/* One entrant who put the placement on a submitted shortlist, as its team sees them. */
export type Applicant = {
  /* Where the applicant stands in the team's order, 1 first: ranked ones, then the rest. */
  position: number
  entrantId: number
  name: string
  email: string
  scheme: string
  cohort: string
  clearance: Clearance
  /* Where the entrant put this placement on their list (1 = their first choice). */
  choice: number
  submittedAt: DateTime
  /* The team's rank, or null when the team has not ranked them. */
  teamRank: number | null
  /* Codes of the departments of their earlier postings. */
  previousDepartments: string[]
  /* The same departments by name. */
  previousDepartmentNames: string[]
  postings: number
  hadDigital: boolean
  needsDigital: boolean
  /* Why the round's rules keep them out of this placement, or null. */
  ineligible: { code: IneligibilityCode; reason: string } | null
}

/*
 * Applications: a placement (`pp`, `p`) on an entrant's submitted
 * shortlist (`sl`), with the team's rank of the entrant for it (`pr`)
 * where the team has ranked them. The caller narrows it to a placement,
 * or to a round by naming the round of both the shortlist and the
 * placement: joining the two rounds instead leads the planner to pair
 * every shortlist with every placement of the round.
 */
export function applicationsQuery(client: QueryClientContract = db.connection()) {
  return client
    .from('placement_preferences as pp')
    .join('placement_shortlists as sl', 'sl.id', 'pp.shortlist_id')
    .join('placements as p', 'p.id', 'pp.placement_id')
    .leftJoin('placement_rankings as pr', (join) => {
      join
        .on('pr.placement_id', '=', 'pp.placement_id')
        .andOn('pr.entrant_id', '=', 'sl.entrant_id')
    })
    .whereNotNull('sl.submitted_at')
}

/*
 * Orders a placement's applications in the team's order: those the team
 * ranked, by its rank; then those it has not ranked, by the rank the
 * entrant gave this placement (first choices first), then by when they
 * submitted their list (earlier first), then by entrant id. The matching
 * engine takes each placement's applicants in this order too.
 */
export function inTeamOrder<Query extends DatabaseQueryBuilderContract<any>>(query: Query) {
  return query
    .orderByRaw('case when pr.rank is null then 1 else 0 end')
    .orderBy('pr.rank', 'asc')
    .orderBy('pp.rank', 'asc')
    .orderBy('sl.submitted_at', 'asc')
    .orderBy('sl.entrant_id', 'asc')
}

/* The applicants of a placement in the team's order: only shortlists of its round count. */
export function applicantsQuery(
  placementId: number,
  client: QueryClientContract = db.connection()
) {
  return inTeamOrder(
    applicationsQuery(client)
      .where('pp.placement_id', placementId)
      .whereColumn('sl.round_id', 'p.round_id')
  )
}

/* The ids of a placement's applicants in the team's order. */
export async function applicantIds(
  placementId: number,
  client: QueryClientContract = db.connection()
): Promise<number[]> {
  const rows = await applicantsQuery(placementId, client).select('sl.entrant_id')
  return rows.map((row) => Number(row.entrant_id))
}

/* The team's saved ranking of a placement, best first, as entrant ids. */
export async function savedRanking(
  placementId: number,
  client: QueryClientContract = db.connection()
): Promise<number[]> {
  const rows = await client
    .from('placement_rankings')
    .where('placement_id', placementId)
    .orderBy('rank', 'asc')
    .orderBy('entrant_id', 'asc')
    .select('entrant_id')
  return rows.map((row) => Number(row.entrant_id))
}

/*
 * Adds to a query of applications (`sl`, `pp`, `pr`) who each applicant is:
 * name, e-mail, scheme, cohort, clearance and how many postings they have had.
 */
export function withApplicantDetails(query: ReturnType<typeof applicationsQuery>) {
  return query
    .join('fast_stream_entrants as e', 'e.id', 'sl.entrant_id')
    .join('users as u', 'u.id', 'e.user_id')
    .join('fast_stream_schemes as s', 's.id', 'e.scheme_id')
    .join('fast_stream_cohorts as c', 'c.id', 'e.cohort_id')
    .select(
      'sl.entrant_id',
      'sl.submitted_at',
      'pp.rank as choice',
      'pr.rank as team_rank',
      'u.full_name',
      'u.email',
      's.name as scheme',
      'c.name as cohort',
      'e.clearance'
    )
    .select(
      db.raw(
        '(select count(*) from fast_stream_postings fp where fp.entrant_id = sl.entrant_id) as postings'
      )
    )
}

/*
 * Everything the ranking page and the API show about a placement's
 * applicants: who they are, where they ranked it, their posting history
 * in short, and whether the round's rules let them be matched to it.
 */
export async function applicantsOf(
  placement: Placement,
  round: PlacementRound
): Promise<Applicant[]> {
  const rows = await withApplicantDetails(applicantsQuery(placement.id))
  const ids = rows.map((row) => Number(row.entrant_id))
  const facts = await entrantFacts(round, ids)
  const target = await applicationTarget(placement)
  return rows.map((row, index) => {
    const entrantId = Number(row.entrant_id)
    const fact = facts.get(entrantId)!
    return {
      position: index + 1,
      entrantId,
      name: String(row.full_name),
      email: String(row.email),
      scheme: String(row.scheme),
      cohort: String(row.cohort),
      clearance: row.clearance as Clearance,
      choice: Number(row.choice),
      submittedAt: instantFromSql(row.submitted_at)!,
      teamRank:
        row.team_rank === null || row.team_rank === undefined ? null : Number(row.team_rank),
      previousDepartments: fact.previousDepartments,
      previousDepartmentNames: fact.previousDepartmentNames,
      postings: Number(row.postings),
      hadDigital: fact.hadDigital,
      needsDigital: fact.needsDigital,
      ineligible: whyIneligible(entrantId, fact, target, round),
    }
  })
}

/* The placement as the round's rules judge an application to it, with its department's code and name. */
export async function applicationTarget(placement: Placement) {
  const departments = await departmentsOf([placement.organisationId])
  const department = departments.get(placement.organisationId)
  return {
    id: String(placement.id),
    capacity: placement.capacity,
    department: department?.code ?? '',
    departmentName: department?.name ?? '',
    clearanceRequired: placement.clearanceRequired,
    digital: placement.isDigital,
  }
}

/* Why the round's rules keep an applicant out of the placement, in the team's words, or null. */
export function whyIneligible(
  entrantId: number,
  fact: EntrantFacts,
  target: Awaited<ReturnType<typeof applicationTarget>>,
  round: PlacementRound
): { code: IneligibilityCode; reason: string } | null {
  const ineligible = ineligibilityReason(
    {
      id: String(entrantId),
      preferences: [target.id],
      clearance: fact.clearance,
      previousDepartments: fact.previousDepartments,
      needsDigital: fact.needsDigital,
    },
    target,
    round.rules
  )
  return ineligible
    ? { code: ineligible.code, reason: describe(ineligible.code, fact, target) }
    : null
}

/* Why an applicant cannot be matched to the placement, in the team's words (its department by name). */
export function describe(
  code: IneligibilityCode,
  fact: { clearance: Clearance },
  placement: { clearanceRequired: Clearance; departmentName: string }
) {
  switch (code) {
    case 'clearance':
      return `Holds ${fact.clearance} clearance; this placement needs ${placement.clearanceRequired}`
    case 'previous_department':
      return `Has already had a posting in ${placement.departmentName}`
    case 'not_digital':
      return 'Still needs a digital placement, and this one is not digital'
  }
}
