import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import PlacementRound from '#models/placement_round'
import type User from '#models/user'
import { RoundStatuses, type RoundStatus } from '#enums/fast_stream'
import { AuditActions } from '#enums/audit_actions'
import { recordAudit } from '#services/audit'
import { sqlStamp } from '#services/password_links'
import { inParts } from '#actions/batch_writes'
import { idOfKey, readRound, submittedEntrantCount } from '#queries/fast_stream/round_input_query'
import {
  departmentNamesByCode,
  withDepartmentNames,
  type OverlappingPosting,
} from '#queries/fast_stream/entrant_query'
import { POSTING_OVERLAP } from '#queries/fast_stream/match_results_query'
import { matchRound, type MatchStats, type Unmatched } from '#domain/fast_stream/matching_engine'
import { UkFormats } from '#domain/shared/uk_time'

export const MATCHING_LIMITS = {
  /* Rounds with up to this many entrants are matched within the request; larger ones are queued. */
  inlineEntrants: 500,
  /* A queued match not finished after this long is taken to have died, and may be run again. */
  stalledAfterMinutes: 15,
  /* Rows per insert statement (SQLite takes 500 at most). */
  batch: 400,
}

/*
 * Where a round stands for matching. A queued match leaves the round
 * 'matched' with no matchedAt until the job has stored the result: that is
 * the running state, and no column is needed for it.
 */
export type MatchState = 'open' | 'ready' | 'running' | 'stalled' | 'matched' | 'published'

export function matchState(round: PlacementRound, now = DateTime.now()): MatchState {
  switch (round.status) {
    case RoundStatuses.Open:
      return 'open'
    case RoundStatuses.Closed:
      return 'ready'
    case RoundStatuses.Published:
      return 'published'
    case RoundStatuses.Matched: {
      if (round.matchedAt) return 'matched'
      const stalledBefore = now.minus({ minutes: MATCHING_LIMITS.stalledAfterMinutes })
      return round.updatedAt < stalledBefore ? 'stalled' : 'running'
    }
    default: {
      const unreachable: never = round.status
      return unreachable
    }
  }
}

export type RunMatchResult =
  | { type: 'matched'; stats: MatchStats }
  | { type: 'round_open' }
  | { type: 'round_published' }
  | { type: 'round_not_found' }

export type RequestMatchResult =
  RunMatchResult | { type: 'queued'; entrants: number } | { type: 'running' }

/*
 * Runs the match for a round, or queues it when the round is large.
 * Allowed once the round has closed, and again while the result is
 * unpublished (the new result replaces the old one, hand moves included).
 */
export async function requestMatch(
  round: PlacementRound,
  actor: User
): Promise<RequestMatchResult> {
  const state = matchState(round)
  if (state === 'open') return { type: 'round_open' }
  if (state === 'published') return { type: 'round_published' }
  if (state === 'running') return { type: 'running' }

  const entrants = await submittedEntrantCount(round)
  if (entrants <= MATCHING_LIMITS.inlineEntrants) return runMatch(round.id, actor.id)

  const previous = {
    status: round.status === RoundStatuses.Matched ? round.status : RoundStatuses.Closed,
    matchedAt: state === 'stalled' ? null : (round.matchedAt?.toUTC().toISO() ?? null),
  }
  await db.transaction(async (trx) => {
    await setRoundState(
      trx,
      round.id,
      round.name,
      { status: RoundStatuses.Matched, matchedAt: null },
      actor.id
    )
  })
  // Loaded here: the job imports this module.
  const { default: MatchRound } = await import('#jobs/match_round')
  await MatchRound.dispatch({ roundId: round.id, actorId: actor.id, previous })
  await round.refresh()
  return { type: 'queued', entrants }
}

/*
 * Matches the round now: builds the engine's input from the database, runs
 * the engine, and replaces the round's matches with one row per entrant
 * (their placement and which choice it was, or why they have none).
 * Entrants whose earlier postings run into the round's posting window are
 * left out of the engine's input and get a row saying so. The round
 * becomes 'matched'. Every write is in one transaction and audited.
 */
export async function runMatch(roundId: number, actorId: number | null): Promise<RunMatchResult> {
  const round = await PlacementRound.find(roundId)
  if (!round) return { type: 'round_not_found' }
  if (round.status === RoundStatuses.Open) return { type: 'round_open' }
  if (round.status === RoundStatuses.Published) return { type: 'round_published' }

  const { input, leftOut } = await readRound(round)
  const result = matchRound(input)
  const stats = { ...result.stats, entrants: result.stats.entrants + leftOut.size }
  const titles = await placementTitles(round.id)
  const departments = await departmentNamesByCode()
  const now = sqlStamp(DateTime.utc())
  const rows = [
    ...result.matches.map((match) => ({
      round_id: round.id,
      entrant_id: idOfKey(match.entrant),
      placement_id: idOfKey(match.placement),
      choice: match.choice,
      unmatched_code: null,
      unmatched_reason: null,
      created_at: now,
      updated_at: now,
    })),
    ...result.unmatched.map((unmatched) => ({
      round_id: round.id,
      entrant_id: idOfKey(unmatched.entrant),
      placement_id: null,
      choice: null,
      unmatched_code: unmatched.code,
      unmatched_reason: withDepartmentNames(readableReason(unmatched, titles), departments),
      created_at: now,
      updated_at: now,
    })),
    ...[...leftOut].map(([entrantId, posting]) => ({
      round_id: round.id,
      entrant_id: entrantId,
      placement_id: null,
      choice: null,
      unmatched_code: POSTING_OVERLAP,
      unmatched_reason: overlapReason(posting, round),
      created_at: now,
      updated_at: now,
    })),
  ]

  return db.transaction(async (trx) => {
    const locked = await PlacementRound.query({ client: trx })
      .where('id', round.id)
      .forUpdate()
      .firstOrFail()
    if (locked.status === RoundStatuses.Open) return { type: 'round_open' as const }
    if (locked.status === RoundStatuses.Published) return { type: 'round_published' as const }

    const replaced = await trx.from('placement_matches').where('round_id', round.id).delete()
    for (const part of inParts(rows, MATCHING_LIMITS.batch))
      await trx.table('placement_matches').multiInsert(part)
    await setRoundState(
      trx,
      round.id,
      round.name,
      { status: RoundStatuses.Matched, matchedAt: DateTime.utc() },
      actorId
    )
    await recordAudit(
      {
        action: AuditActions.Create,
        subjectType: 'placement_match',
        subjectLabel: `Match of ${round.name}`,
        actorId,
        before: replaced ? { matches: Number(replaced) } : null,
        after: { roundId: round.id, matches: rows.length, ...stats, leftOut: leftOut.size },
      },
      trx
    )
    return { type: 'matched' as const, stats }
  })
}

/*
 * Puts a round whose queued match failed back as it was before the match
 * was asked for, so it can be run again. Does nothing if the round has
 * moved on (another run finished it).
 */
export async function abandonMatch(
  roundId: number,
  previous: { status: RoundStatus; matchedAt: string | null },
  actorId: number | null
) {
  await db.transaction(async (trx) => {
    const locked = await PlacementRound.query({ client: trx })
      .where('id', roundId)
      .forUpdate()
      .first()
    if (!locked || locked.status !== RoundStatuses.Matched || locked.matchedAt) return
    await setRoundState(
      trx,
      locked.id,
      locked.name,
      {
        status: previous.status,
        matchedAt: previous.matchedAt ? DateTime.fromISO(previous.matchedAt) : null,
      },
      actorId
    )
  })
}

/*
 * Changes a round's status and match or publication time, with its audit
 * event naming the person who asked (a queued job has no request to take
 * them from).
 */
export async function setRoundState(
  trx: TransactionClientContract,
  roundId: number,
  roundName: string,
  changes: { status: RoundStatus; matchedAt?: DateTime | null; publishedAt?: DateTime | null },
  actorId: number | null
) {
  const current = await trx
    .from('placement_rounds')
    .where('id', roundId)
    .select('status', 'matched_at', 'published_at')
    .first()
  const values: Record<string, unknown> = { status: changes.status }
  const before: Record<string, unknown> = { status: current.status }
  if (changes.matchedAt !== undefined) {
    values.matched_at = changes.matchedAt ? sqlStamp(changes.matchedAt) : null
    before.matchedAt = current.matched_at
  }
  if (changes.publishedAt !== undefined) {
    values.published_at = changes.publishedAt ? sqlStamp(changes.publishedAt) : null
    before.publishedAt = current.published_at
  }
  await trx
    .from('placement_rounds')
    .where('id', roundId)
    .update({ ...values, updated_at: sqlStamp(DateTime.utc()) })
  await recordAudit(
    {
      action: AuditActions.Update,
      subjectType: 'placement_round',
      subjectId: roundId,
      subjectLabel: roundName,
      actorId,
      before,
      after: {
        status: values.status,
        ...('matched_at' in values ? { matchedAt: values.matched_at } : {}),
        ...('published_at' in values ? { publishedAt: values.published_at } : {}),
      },
    },
    trx
  )
}

async function placementTitles(roundId: number) {
  const rows = await db.from('placements').where('round_id', roundId).select('id', 'title')
  return new Map(rows.map((row) => [Number(row.id), String(row.title)]))
}

/*
 * The engine's reason with placement titles in place of the keys it
 * works with ("p12 needs SC clearance…" → "“Data engineer” needs SC
 * clearance…"), for the people who read it.
 */
export function readableReason(unmatched: Unmatched, titles: Map<number, string>) {
  const keys = new Set(unmatched.choices.map((choice) => choice.placement))
  return unmatched.reason.replace(/\bp\d+\b/g, (key) => {
    const title = keys.has(key) ? titles.get(idOfKey(key)) : undefined
    return title ? `“${title}”` : key
  })
}

const day = (value: DateTime) => value.toFormat(UkFormats.date)

/* A posting's dates for people to read: “1 Sep 2026 to 1 Apr 2027”, or from its start when it has no end. */
export function postingDates(startsOn: DateTime, endsOn: DateTime | null) {
  return endsOn ? `${day(startsOn)} to ${day(endsOn)}` : `from ${day(startsOn)}, with no end date`
}

/* Why an entrant was left out of the round: the posting of theirs that overlaps its posting window. */
export function overlapReason(posting: OverlappingPosting, round: PlacementRound) {
  const window = round.postingStartsOn
    ? ` (${postingDates(round.postingStartsOn, round.postingEndsOn)})`
    : ''
  return `Left out of the match: their posting “${posting.title}” (${postingDates(posting.startsOn, posting.endsOn)}) overlaps this round’s postings${window}.`
}
