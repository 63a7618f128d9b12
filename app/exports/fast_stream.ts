import type User from '#models/user'
import type PlacementRound from '#models/placement_round'
import type { ExportKind, FixedCsv, PageCsv } from '#services/list_pipeline'
import {
  defineQueuedList,
  everyonesExport,
  filtersFrom,
  idFilter,
  keptFilters,
  noFilters,
  wholeNumber,
} from '#services/list_pipeline'
import { placementStatusValues } from '#enums/fast_stream'
import { reachedExport } from '#exports/reached_export'
import { placementFiltersValidator } from '#validators/fast_stream_entrant'
import { entrantFilters, entrantsPage } from '#queries/fast_stream/admin_entrants_query'
import { currentRound, placementFilters } from '#queries/fast_stream/placement_search_query'
import { entrantOf, programmeOf } from '#queries/fast_stream/entrant_query'
import { shortlistFor } from '#queries/fast_stream/shortlist_query'
import { matchBatches, type EntrantMatchRow } from '#queries/fast_stream/match_results_query'
import {
  atRiskEntrants,
  atRiskFilters,
  atRiskLines,
  AT_RISK_HEADER,
  FUTURE_LEADERS_AT_RISK_HEADER,
  type AtRiskFilters,
} from '#queries/fast_stream/digital_rule_query'
import {
  countEntrants,
  countPlacements,
  countRounds,
  entrantLines,
  placementLines,
  roundLines,
  ENTRANTS_HEADER,
  PLACEMENTS_HEADER,
  ROUNDS_HEADER,
  type PlacementExportFilters,
} from '#queries/exports/fast_stream_export_query'
import {
  cohortLines,
  countCohorts,
  countRoundPlacements,
  countSchemes,
  roundPlacementLines,
  schemeLines,
  COHORTS_HEADER,
  ROUND_PLACEMENTS_HEADER,
  SCHEMES_HEADER,
} from '#queries/exports/fast_stream_lists_export_query'
import {
  applicantLines,
  applicantsPlacementFor,
  countApplicants,
  APPLICANTS_HEADER,
} from '#queries/exports/applicants_export_query'
import { MATCHES_HEADER } from '#queries/exports/page_csv_headers'
import { IMPORT_HEADER } from '#actions/fast_stream/admin/import_entrants'

/* The Fast Stream area's lists that may be exported as a queued job, and the CSVs its pages write. */

/* Fast Stream entrants: a page at a time, every entrant in the export, from the same filters. */
export const entrantsList = defineQueuedList({
  path: '/fast-stream/admin/entrants',
  // The Fast Stream team see every entrant: the list has no scope of its own.
  scope: async () => null,
  async filters(_scope, qs) {
    const filters = entrantFilters(qs)
    return { input: filters, filters }
  },
  page: (_scope, filters) => entrantsPage(filters),
  export: {
    title: 'Fast Stream entrants',
    fileStem: 'fast-stream-entrants',
    header: ENTRANTS_HEADER,
    count: (_scope, filters) => countEntrants(filters),
    lines: (_scope, filters, batchSize) => entrantLines(filters, batchSize),
  },
})

const rounds = everyonesExport(
  {
    title: 'Placement rounds',
    fileStem: 'placement-rounds',
    header: ROUNDS_HEADER,
    listPath: '/fast-stream/admin/rounds',
  },
  countRounds,
  roundLines
)

/* A team lead's placements: their own team's, whichever team that is when the file is written. */
const teamPlacements: ExportKind<null> = {
  title: 'Your team’s placements',
  fileStem: 'team-placements',
  header: PLACEMENTS_HEADER,
  listPath: '/fast-stream/team/placements',
  filters: noFilters,
  count: (user) => countPlacements({ teamId: user.teamId ?? 0 }),
  lines: (user, _filters, batchSize) => placementLines({ teamId: user.teamId ?? 0 }, batchSize),
}

const roundPlacements: ExportKind<PlacementExportFilters> = {
  title: 'Placements in a round',
  fileStem: 'round-placements',
  header: PLACEMENTS_HEADER,
  listPath: '/fast-stream/admin/rounds',
  filters: filtersFrom(['roundId', 'status'], (kept) => ({
    roundId: wholeNumber(kept.roundId) ?? 0,
    status: placementStatusValues.find((value) => value === kept.status),
  })),
  count: async (_user, filters) => countPlacements(filters),
  lines: (_user, filters, batchSize) => placementLines(filters, batchSize),
}

const schemes = everyonesExport(
  {
    title: 'Fast Stream schemes',
    fileStem: 'fast-stream-schemes',
    header: SCHEMES_HEADER,
    listPath: '/fast-stream/admin/schemes',
  },
  countSchemes,
  schemeLines
)

const cohorts = everyonesExport(
  {
    title: 'Fast Stream cohorts',
    fileStem: 'fast-stream-cohorts',
    header: COHORTS_HEADER,
    listPath: '/fast-stream/admin/cohorts',
  },
  countCohorts,
  cohortLines
)

type PlacementSearchInput = Awaited<ReturnType<typeof placementFiltersValidator.validate>>

/*
 * The placement search as this person runs it when the file is written:
 * the round open then, their own clearance for "my clearance" and their
 * shortlist. Null when no round is open.
 */
async function placementSearchFor(user: User, input: PlacementSearchInput) {
  const entrant = await entrantOf(user)
  const round = await currentRound(entrant ? await programmeOf(entrant) : null)
  if (!round) return null
  const filters = placementFilters(input, entrant)
  const shortlist = entrant ? await shortlistFor(round.id, entrant.id) : null
  return {
    round,
    filters,
    reader: { entrantId: entrant?.id ?? null, shortlistId: shortlist?.id ?? null },
  }
}

const placementSearch = reachedExport(
  {
    title: 'Placements to choose from',
    fileStem: 'placements',
    header: ROUND_PLACEMENTS_HEADER,
    listPath: '/fast-stream/placements',
    filters: filtersFrom(
      ['q', 'department', 'location', 'skill', 'digitalOnly', 'myClearance', 'sort'],
      (kept) => placementFiltersValidator.validate(kept)
    ),
  },
  placementSearchFor,
  (search) => countRoundPlacements(search.round, search.filters),
  (search, batchSize) => roundPlacementLines(search.round, search.filters, search.reader, batchSize)
)

/*
 * A placement's applicants in the team's order. Who may see them is asked
 * again when the file is written: the placement's own team lead, or the
 * Fast Stream team; anyone else gets no rows.
 */
const applicants = reachedExport(
  {
    title: 'Applicants for a placement',
    fileStem: 'placement-applicants',
    header: APPLICANTS_HEADER,
    listPath: '/fast-stream/team/placements',
    filters: idFilter('placementId'),
  },
  applicantsPlacementFor,
  (placement) => countApplicants(placement.id),
  (placement, batchSize) => applicantLines(placement, placement.round, batchSize)
)

/* Entrants at risk of the digital rule or past meeting it: the Fast Stream team's list. */
const digitalRuleAtRisk: ExportKind<Pick<AtRiskFilters, 'state'>> = {
  title: 'Entrants at risk of the digital rule',
  fileStem: 'digital-rule-at-risk',
  header: AT_RISK_HEADER,
  listPath: '/fast-stream/admin/digital-rule',
  filters: filtersFrom(['state'], (kept) => ({ state: atRiskFilters(kept).state })),
  count: async (_user, filters) => {
    const rows = await atRiskEntrants(filters)
    return rows.length
  },
  lines: (_user, filters) => atRiskLines(filters),
}

/* Future Leaders at risk of the rule or past meeting it: the same list, for the other programme. */
const futureLeadersAtRisk: ExportKind<Pick<AtRiskFilters, 'state'>> = {
  title: 'Future Leaders at risk of the digital rule',
  fileStem: 'future-leaders-at-risk',
  header: FUTURE_LEADERS_AT_RISK_HEADER,
  listPath: '/fast-stream/admin/digital-rule?programme=future_leaders',
  async filters(qs) {
    const kept = { ...keptFilters(qs, ['state']), programme: 'future_leaders' }
    return { kept, parsed: { state: atRiskFilters(kept).state } }
  },
  count: async (_user, filters) => {
    const rows = await atRiskEntrants({ ...filters, programme: 'future_leaders' })
    return rows.length
  },
  lines: (_user, filters) => atRiskLines({ ...filters, programme: 'future_leaders' }),
}

export const fastStreamExports = {
  entrants: entrantsList.exportKind,
  rounds,
  teamPlacements,
  roundPlacements,
  schemes,
  cohorts,
  placementSearch,
  applicants,
  digitalRuleAtRisk,
  futureLeadersAtRisk,
}

/* A round's match, one entrant at a time, read a batch at a time. */
export async function* matchesOf(round: PlacementRound) {
  for await (const rows of matchBatches(round)) yield* rows
}

/* A round's match as CSV (matchesOf): who went where, or why not, and who moved them. */
export const matchesCsv = (round: PlacementRound): PageCsv<EntrantMatchRow> => ({
  fileName: `round-${round.id}-matches.csv`,
  header: MATCHES_HEADER,
  line: (row) => [
    row.entrantId,
    row.name,
    row.email,
    row.scheme,
    row.placement ? 'matched' : 'unmatched',
    row.placement?.id ?? '',
    row.placement?.title ?? '',
    row.placement?.team ?? '',
    row.placement?.organisation ?? '',
    row.placement?.location ?? '',
    row.placement ? (row.placement.digital ? 'yes' : 'no') : '',
    row.choice ?? '',
    row.unmatchedCode ?? '',
    row.unmatchedReason ?? '',
    row.adjustedBy ?? '',
    row.adjustedAt?.toISO() ?? '',
    row.adjustedReason ?? '',
  ],
})

/* The entrants import's template: the columns it reads, with one entrant. */
export const entrantsTemplate: FixedCsv = {
  fileName: 'fast-stream-entrants.csv',
  header: IMPORT_HEADER,
  lines: [
    [
      'name@example.gov.uk',
      'Digital and Technology',
      '2013 intake',
      'SC',
      '2013-09-02',
      'London; Leeds',
    ],
  ],
}
