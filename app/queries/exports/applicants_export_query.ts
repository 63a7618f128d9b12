import Placement from '#models/placement'
import type PlacementRound from '#models/placement_round'
import type User from '#models/user'
import FastStreamPolicy from '#policies/fast_stream_policy'
import { type CsvLine, type KeyColumn, countRows, keysetBatches } from '#services/csv_export'
import {
  applicationsQuery,
  applicationTarget,
  whyIneligible,
  withApplicantDetails,
} from '#queries/fast_stream/team_applicants_query'
import { entrantFacts } from '#queries/fast_stream/entrant_query'
import { clearanceLabels, type Clearance } from '#enums/fast_stream'
import { sqlTime } from '#queries/exports/sql_time'

export const APPLICANTS_HEADER = [
  'Order',
  'Name',
  'Email',
  'Scheme',
  'Cohort',
  'Clearance',
  'Their choice',
  'Submitted at',
  'Team rank',
  'Placed by',
  'Postings',
  'Previous departments',
  'Had a digital posting',
  'Needs a digital placement',
  'Can be matched here',
]

/*
 * The placement, with its round, when this person may rank its applicants
 * (its own team's lead, or the Fast Stream team); null otherwise. The job
 * that writes a large file asks again, so a lead who has changed team
 * gets nothing.
 */
export async function applicantsPlacementFor(user: User, placementId: number) {
  const placement = await Placement.query().where('id', placementId).preload('round').first()
  if (!placement) return null
  return new FastStreamPolicy().managePlacement(user, placement) === true ? placement : null
}

/* A placement's applications from submitted shortlists of its own round. */
function applicationsOf(placementId: number) {
  return applicationsQuery()
    .where('pp.placement_id', placementId)
    .whereColumn('sl.round_id', 'p.round_id')
}

export function countApplicants(placementId: number) {
  return countRows(applicationsOf(placementId))
}

/* The applicants the team ranked (by its rank), or those it has not (by the entrant's choice). */
function applicantsPart(placementId: number, ranked: boolean) {
  const query = withApplicantDetails(applicationsOf(placementId))
  return ranked ? query.whereNotNull('pr.rank') : query.whereNull('pr.rank')
}

const TIE_BREAKS: KeyColumn[] = [
  { column: 'pp.rank', key: 'choice', direction: 'asc' },
  { column: 'sl.submitted_at', key: 'submitted_at', direction: 'asc' },
  { column: 'sl.entrant_id', key: 'entrant_id', direction: 'asc' },
]

/*
 * A placement's applicants in the team's order, as the ranking page lists
 * them: first those the team ranked, by its rank; then the rest by the
 * rank they gave the placement, then by when they submitted, then by
 * entrant. Read a batch at a time; each batch's eligibility under the
 * round's rules is worked out with one look-up of the entrants' facts.
 */
export async function* applicantLines(
  placement: Placement,
  round: PlacementRound,
  batchSize: number
): AsyncGenerator<CsvLine> {
  const target = await applicationTarget(placement)
  let position = 0
  const parts = [
    {
      build: () => applicantsPart(placement.id, true),
      keys: [{ column: 'pr.rank', key: 'team_rank', direction: 'asc' } as KeyColumn, ...TIE_BREAKS],
      placedBy: 'Your team’s rank',
    },
    {
      build: () => applicantsPart(placement.id, false),
      keys: TIE_BREAKS,
      placedBy: 'Not ranked: their choice, then when they submitted',
    },
  ]
  for (const part of parts) {
    for await (const batch of keysetBatches<Record<string, any>>(
      part.build,
      part.keys,
      batchSize
    )) {
      const facts = await entrantFacts(
        round,
        batch.map((row) => Number(row.entrant_id))
      )
      for (const row of batch) {
        position++
        const fact = facts.get(Number(row.entrant_id))!
        const ineligible = whyIneligible(Number(row.entrant_id), fact, target, round)
        yield [
          position,
          row.full_name,
          row.email,
          row.scheme,
          row.cohort,
          clearanceLabels[row.clearance as Clearance] ?? row.clearance,
          Number(row.choice),
          sqlTime(row.submitted_at),
          row.team_rank === null || row.team_rank === undefined ? null : Number(row.team_rank),
          part.placedBy,
          Number(row.postings),
          fact.previousDepartmentNames.join(', '),
          fact.hadDigital,
          fact.needsDigital,
          ineligible ? `No: ${ineligible.reason}` : 'yes',
        ]
      }
    }
  }
}
