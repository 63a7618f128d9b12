/*
 * Every participant of a programme within its time for the rule (Fast
 * Stream entrants in their first two years, Future Leaders in the
 * scheme's eighteen months) against the digital-placement rule: the
 * dashboard's counts, the Fast Stream team's list of those at risk or
 * past hope, and its CSV. The rule itself is the domain's
 * (`programmeRuleStanding`); participants are read in batches with their
 * postings and the rounds where they are on course for a digital
 * placement, three queries a batch, never the whole table at once. Each
 * programme counts only its own participants and its own rounds.
 */
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { PlacementStatuses, RoundStatuses } from '#enums/fast_stream'
import { addMonths } from '#domain/fast_stream/postings'
import { UK_ZONE, isoDateFromSql } from '#domain/shared/uk_time'
import {
  programmeRuleStanding,
  windowsToCome,
  type DigitalRuleFacts,
  type DigitalRuleState,
  type KnownRound,
  type PostingWindow,
  type ProgrammeRuleStanding,
} from '#domain/fast_stream/digital_rule'
import {
  isProgramme,
  PROGRAMME_RULES,
  PROGRAMMES,
  type Programme,
} from '#domain/fast_stream/programmes'

/* How far ahead rounds to come are assumed: past the two-year mark of anyone joining today. */
const HORIZON_MONTHS = 36

/* Entrants read at a time. */
export const DIGITAL_RULE_BATCH = 500

export const digitalRuleStateLabels: Record<DigitalRuleState, string> = {
  met: 'Met',
  on_track: 'On track',
  at_risk: 'At risk',
  missed: 'Missed',
}

/* Today in the UK, as yyyy-mm-dd: the rule counts calendar days. */
export function ukToday(now = DateTime.now()) {
  return now.setZone(UK_ZONE).toISODate()!
}

/*
 * The posting windows still to come for a programme: its rounds not yet
 * published, then rounds assumed every six months after its last.
 */
export async function windowsAhead(
  today: string,
  programme: Programme = 'fast_stream'
): Promise<PostingWindow[]> {
  const rows = await db
    .from('placement_rounds')
    .where('programme', programme)
    .whereNotNull('posting_starts_on')
    .whereNotNull('posting_ends_on')
    .select('id', 'status', 'posting_starts_on', 'posting_ends_on')
  const rounds: KnownRound[] = rows.map((row) => ({
    roundId: Number(row.id),
    startsOn: isoDateFromSql(row.posting_starts_on)!,
    endsOn: isoDateFromSql(row.posting_ends_on)!,
    published: row.status === RoundStatuses.Published,
  }))
  return windowsToCome(rounds, today, addMonths(today, HORIZON_MONTHS))
}

/* One participant within their programme's time for the rule, with where they stand. */
export type DigitalRuleRow = {
  entrantId: number
  programme: Programme
  name: string
  email: string
  scheme: string
  cohort: string
  startedOn: string
  standing: ProgrammeRuleStanding
}

export type DigitalRuleScope = {
  /* Only entrants whose account is in these organisations (a subquery of ids). */
  organisations?: DatabaseQueryBuilderContract | null
  /* Whose participants: the Fast Stream's unless given. */
  programme?: Programme
}

/*
 * Every participant of the programme whose deadline (for the Fast Stream,
 * the two-year mark) is after today, by id, in batches, each with their
 * standing. Those who join later count too: their time has not begun.
 */
export async function* digitalRuleBatches(
  scope: DigitalRuleScope = {},
  today = ukToday(),
  batchSize = DIGITAL_RULE_BATCH
): AsyncGenerator<DigitalRuleRow[]> {
  const programme = scope.programme ?? 'fast_stream'
  const windows = await windowsAhead(today, programme)
  // A month's slack: the deadline itself decides, in the domain's calendar arithmetic.
  const joinedAfter = addMonths(today, -(PROGRAMME_RULES[programme].ruleMonths + 1))
  let after = 0
  for (;;) {
    const query = db
      .from('fast_stream_entrants as e')
      .join('users as u', 'u.id', 'e.user_id')
      .join('fast_stream_schemes as sc', 'sc.id', 'e.scheme_id')
      .join('fast_stream_cohorts as co', 'co.id', 'e.cohort_id')
      .where('sc.programme', programme)
      .where('e.started_on', '>', joinedAfter)
      .where('e.id', '>', after)
      .orderBy('e.id')
      .limit(batchSize)
      .select(
        'e.id',
        'e.started_on',
        'u.full_name',
        'u.email',
        'sc.name as scheme_name',
        'co.name as cohort_name'
      )
    if (scope.organisations) query.whereIn('u.organisation_id', scope.organisations)
    const entrants = await query
    if (!entrants.length) return
    after = Number(entrants.at(-1).id)
    const facts = await factsOf(entrants.map((row) => Number(row.id)))
    const rows: DigitalRuleRow[] = []
    for (const entrant of entrants) {
      const id = Number(entrant.id)
      const startedOn = isoDateFromSql(entrant.started_on)!
      const fact = facts.get(id) ?? { postings: [], digitalRounds: [] }
      const standing = programmeRuleStanding(programme, { startedOn, ...fact }, windows, today)
      if (standing.deadline <= today) continue
      rows.push({
        entrantId: id,
        programme,
        name: String(entrant.full_name),
        email: String(entrant.email),
        scheme: String(entrant.scheme_name),
        cohort: String(entrant.cohort_name),
        startedOn,
        standing,
      })
    }
    if (rows.length) yield rows
  }
}

/* The postings of these entrants and the unpublished rounds where they are on course for a digital placement. */
async function factsOf(ids: number[]) {
  const facts = new Map<number, Omit<DigitalRuleFacts, 'startedOn'>>()
  const factFor = (id: number) => {
    let fact = facts.get(id)
    if (!fact) {
      fact = { postings: [], digitalRounds: [] }
      facts.set(id, fact)
    }
    return fact
  }
  const postings = await db
    .from('fast_stream_postings')
    .whereIn('entrant_id', ids)
    .select('entrant_id', 'starts_on', 'ends_on', 'is_digital')
  for (const row of postings) {
    factFor(Number(row.entrant_id)).postings.push({
      startsOn: isoDateFromSql(row.starts_on)!,
      endsOn: isoDateFromSql(row.ends_on),
      digital: Boolean(row.is_digital),
    })
  }
  // Matched to a digital placement in a round not yet published.
  const matched = db
    .from('placement_matches as m')
    .join('placements as p', 'p.id', 'm.placement_id')
    .join('placement_rounds as r', 'r.id', 'm.round_id')
    .where('r.status', RoundStatuses.Matched)
    .where('p.is_digital', true)
    .whereIn('m.entrant_id', ids)
    .select('m.entrant_id', 'm.round_id')
  // Before the match: an approved digital placement on their submitted list.
  const listed = db
    .from('placement_shortlists as s')
    .join('placement_preferences as pp', 'pp.shortlist_id', 's.id')
    .join('placements as p', 'p.id', 'pp.placement_id')
    .join('placement_rounds as r', 'r.id', 's.round_id')
    .whereIn('r.status', [RoundStatuses.Open, RoundStatuses.Closed])
    .whereNotNull('s.submitted_at')
    .where('p.is_digital', true)
    .where('p.status', PlacementStatuses.Approved)
    .whereIn('s.entrant_id', ids)
    .select('s.entrant_id', 's.round_id')
  for (const row of [...(await matched), ...(await listed)]) {
    const fact = factFor(Number(row.entrant_id))
    const roundId = Number(row.round_id)
    if (!fact.digitalRounds.includes(roundId)) fact.digitalRounds.push(roundId)
  }
  return facts
}

export type DigitalRuleCounts = Record<DigitalRuleState, number> & { entrants: number }

/* How many participants of the programme within its time for the rule are in each state. */
export async function digitalRuleCounts(scope: DigitalRuleScope = {}): Promise<DigitalRuleCounts> {
  const counts: DigitalRuleCounts = { entrants: 0, met: 0, on_track: 0, at_risk: 0, missed: 0 }
  for await (const rows of digitalRuleBatches(scope)) {
    for (const row of rows) {
      counts.entrants++
      counts[row.standing.state]++
    }
  }
  return counts
}

/* The states the at-risk list shows, and its filter. */
export const AT_RISK_STATES = ['at_risk', 'missed'] as const satisfies readonly DigitalRuleState[]
export type AtRiskState = (typeof AT_RISK_STATES)[number]

export type AtRiskFilters = { state?: AtRiskState; page: number; programme: Programme }

/* Reads the list's filters from a query string, ignoring anything it does not know. */
export function atRiskFilters(qs: Record<string, unknown>): AtRiskFilters {
  const page = Number(qs.page)
  return {
    state: AT_RISK_STATES.find((state) => state === qs.state),
    page: Number.isSafeInteger(page) && page > 0 ? page : 1,
    programme: isProgramme(qs.programme) ? qs.programme : PROGRAMMES[0],
  }
}

/*
 * A programme's participants at risk of the digital rule or past hope of
 * meeting it, the soonest deadline first, then by name: the Fast Stream
 * team's list (Fast Stream entrants unless another programme is given).
 */
export async function atRiskEntrants(filters: { state?: AtRiskState; programme?: Programme }) {
  const wanted: readonly DigitalRuleState[] = filters.state ? [filters.state] : AT_RISK_STATES
  const rows: DigitalRuleRow[] = []
  for await (const batch of digitalRuleBatches({ programme: filters.programme })) {
    for (const row of batch) if (wanted.includes(row.standing.state)) rows.push(row)
  }
  return rows.sort(
    (a, b) =>
      a.standing.deadline.localeCompare(b.standing.deadline) ||
      a.name.localeCompare(b.name, 'en-GB') ||
      a.entrantId - b.entrantId
  )
}

export const AT_RISK_PER_PAGE = 50

/* One page of the at-risk list, with the counts by state for its filter. */
export async function atRiskPage(filters: AtRiskFilters) {
  const all = await atRiskEntrants({ programme: filters.programme })
  const counts = { at_risk: 0, missed: 0 }
  for (const row of all) counts[row.standing.state as AtRiskState]++
  const shown = filters.state ? all.filter((row) => row.standing.state === filters.state) : all
  const lastPage = Math.max(1, Math.ceil(shown.length / AT_RISK_PER_PAGE))
  const currentPage = Math.min(filters.page, lastPage)
  const start = (currentPage - 1) * AT_RISK_PER_PAGE
  return {
    rows: shown.slice(start, start + AT_RISK_PER_PAGE),
    counts,
    meta: {
      total: shown.length,
      perPage: AT_RISK_PER_PAGE,
      currentPage,
      lastPage,
      firstPage: 1,
    },
  }
}

export const AT_RISK_HEADER = [
  'Entrant ID',
  'Name',
  'Email',
  'Scheme',
  'Cohort',
  'Started on',
  'Two-year mark',
  'State',
  'Last chance from',
  'Last chance to',
]

/* The Future Leaders list's columns: the same, with the end of the scheme for the two-year mark. */
export const FUTURE_LEADERS_AT_RISK_HEADER = AT_RISK_HEADER.map((column) =>
  column === 'Two-year mark' ? 'Scheme end' : column
)

/* The list as CSV lines, in the page's order. */
export async function* atRiskLines(filters: { state?: AtRiskState; programme?: Programme }) {
  for (const row of await atRiskEntrants(filters)) {
    const chance = row.standing.chances[0]
    yield [
      row.entrantId,
      row.name,
      row.email,
      row.scheme,
      row.cohort,
      row.startedOn,
      row.standing.deadline,
      digitalRuleStateLabels[row.standing.state],
      chance?.startsOn ?? '',
      chance?.endsOn ?? '',
    ]
  }
}
