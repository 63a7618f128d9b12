import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import mail from '@adonisjs/mail/services/main'
import PlacementRound from '#models/placement_round'
import type User from '#models/user'
import { RoundStatuses } from '#enums/fast_stream'
import { Roles } from '#enums/roles'
import { AuditActions } from '#enums/audit_actions'
import { recordAudit } from '#services/audit'
import { sqlStamp } from '#services/password_links'
import { inParts } from '#actions/batch_writes'
import { MATCHING_LIMITS, matchState, setRoundState } from '#actions/fast_stream/matching/run_match'
import { entrantReason, roundMatches } from '#queries/fast_stream/match_results_query'
import { dateFromSql, isoDateFromSql } from '#domain/shared/uk_time'
import { matchedOverlaps, type MatchOverlap } from '#queries/fast_stream/publish_query'
import { addMonths, POSTING_MONTHS } from '#domain/fast_stream/postings'
import type { Programme } from '#domain/fast_stream/programmes'
import type { FastStreamMail } from '#mails/fast_stream_mail'
import FastStreamMatched from '#mails/fast_stream_matched'
import FastStreamNotMatched from '#mails/fast_stream_not_matched'
import FastStreamTeamArrivals, {
  type TeamArrivalsMailContext,
} from '#mails/fast_stream_team_arrivals'

export { POSTING_MONTHS }

export type PublishRoundResult =
  | { type: 'published'; postings: number; entrantMails: number; teamMails: number }
  | { type: 'not_matched' }
  | { type: 'running' }
  | { type: 'already_published' }
  | { type: 'overlapping_postings'; overlaps: MatchOverlap[] }

/*
 * Publishes a matched round. In one transaction: a posting in each matched
 * entrant's history, with the round's posting window as its dates (six
 * months from the placement's start for a round without one), and the
 * round marked published. Refused, with the entrants named, when a
 * matched entrant's earlier posting overlaps the window: no one gets two
 * postings at once. After the commit, each entrant is e-mailed their
 * result and each team lead the entrants joining their team.
 */
export async function publishRound(
  round: PlacementRound,
  actor: User
): Promise<PublishRoundResult> {
  const outcome = await db.transaction(async (trx) => {
    const locked = await PlacementRound.query({ client: trx })
      .where('id', round.id)
      .forUpdate()
      .firstOrFail()
    const state = matchState(locked)
    if (state === 'published') return { type: 'already_published' as const }
    if (state === 'running') return { type: 'running' as const }
    if (state !== 'matched') return { type: 'not_matched' as const }
    const overlaps = await matchedOverlaps(locked, trx)
    if (overlaps.length) return { type: 'overlapping_postings' as const, overlaps }

    const matched = await trx
      .from('placement_matches as m')
      .join('placements as p', 'p.id', 'm.placement_id')
      .leftJoin('teams as t', 't.id', 'p.team_id')
      .where('m.round_id', locked.id)
      .select(
        'm.entrant_id',
        'p.id as placement_id',
        'p.organisation_id',
        'p.team_id',
        't.name as team_name',
        'p.title',
        'p.starts_on',
        'p.is_digital'
      )
    // A posting already recorded for the same placement is kept, not duplicated.
    const recorded = await trx
      .from('fast_stream_postings')
      .whereIn('placement_id', trx.from('placements').where('round_id', locked.id).select('id'))
      .select('entrant_id', 'placement_id')
    const already = new Set(recorded.map((row) => `${row.entrant_id} ${row.placement_id}`))

    const now = sqlStamp(DateTime.utc())
    const window = locked.postingWindow
    const postings = matched
      .filter((row) => !already.has(`${row.entrant_id} ${row.placement_id}`))
      .map((row) => {
        const startsOn = window?.startsOn ?? isoDateFromSql(row.starts_on)!
        return {
          entrant_id: Number(row.entrant_id),
          organisation_id: Number(row.organisation_id),
          team_id: row.team_id === null ? null : Number(row.team_id),
          team_name: row.team_name ?? null,
          title: String(row.title),
          starts_on: startsOn,
          ends_on: window?.endsOn ?? addMonths(startsOn, POSTING_MONTHS),
          is_digital: Boolean(row.is_digital),
          placement_id: Number(row.placement_id),
          created_at: now,
          updated_at: now,
        }
      })
    for (const part of inParts(postings, MATCHING_LIMITS.batch)) {
      await trx.table('fast_stream_postings').multiInsert(part)
    }

    await setRoundState(
      trx,
      locked.id,
      locked.name,
      { status: RoundStatuses.Published, publishedAt: DateTime.utc() },
      actor.id
    )
    await recordAudit(
      {
        action: AuditActions.Create,
        subjectType: 'fast_stream_posting',
        subjectLabel: `Postings from ${locked.name}`,
        actorId: actor.id,
        after: { roundId: locked.id, postings: postings.length },
      },
      trx
    )
    return { type: 'published' as const, postings: postings.length }
  })
  if (outcome.type !== 'published') return outcome

  const mails = await resultMails(round.id, round.name, round.programme)
  let entrantMails = 0
  let teamMails = 0
  for (const message of mails) {
    try {
      await mail.sendLater(message)
      if (message instanceof FastStreamTeamArrivals) teamMails++
      else entrantMails++
    } catch (error) {
      logger.error(
        { err: error, roundId: round.id, mail: message.constructor.name },
        'Could not send a Fast Stream result e-mail'
      )
    }
  }
  return { ...outcome, entrantMails, teamMails }
}

/*
 * The e-mails a published round calls for, from the committed rows: one to
 * every active entrant of the round, and one to every active team lead of
 * a team with entrants coming, each in the words of the round's programme.
 */
export async function resultMails(roundId: number, roundName: string, programme: Programme) {
  const rows = await roundMatches(roundId)
    .whereNull('u.deactivated_at')
    .orderBy('u.full_name')
    .orderBy('m.entrant_id')
    .select(
      'm.placement_id',
      'm.choice',
      'm.unmatched_code',
      'u.email',
      'u.full_name',
      'sc.name as scheme_name',
      'p.title',
      'p.location',
      'p.starts_on',
      'p.is_digital',
      'p.team_id',
      't.name as team_name',
      'o.name as organisation_name'
    )

  const mails: FastStreamMail[] = []
  const arrivals = new Map<number, TeamArrivalsMailContext['arrivals']>()
  const teamNames = new Map<number, string>()
  for (const row of rows) {
    const entrant = { email: String(row.email), name: String(row.full_name) }
    if (row.placement_id === null) {
      mails.push(
        new FastStreamNotMatched({
          entrant,
          programme,
          round: roundName,
          reason: entrantReason(row.unmatched_code, programme),
        })
      )
      continue
    }
    const startsOn = dateFromSql(row.starts_on)!
    mails.push(
      new FastStreamMatched({
        entrant,
        programme,
        round: roundName,
        placement: {
          title: String(row.title),
          team: String(row.team_name),
          organisation: String(row.organisation_name),
          location: String(row.location),
          startsOn,
          digital: Boolean(row.is_digital),
        },
        choice: row.choice === null ? null : Number(row.choice),
      })
    )
    const teamId = Number(row.team_id)
    teamNames.set(teamId, String(row.team_name))
    const list = arrivals.get(teamId) ?? []
    list.push({
      name: entrant.name,
      scheme: String(row.scheme_name),
      placement: String(row.title),
      startsOn,
    })
    arrivals.set(teamId, list)
  }

  if (arrivals.size) {
    const leads = await db
      .from('users as u')
      .join('user_roles as r', 'r.user_id', 'u.id')
      .where('r.role', Roles.TeamLead)
      .whereIn('u.team_id', [...arrivals.keys()])
      .whereNull('u.deactivated_at')
      .distinct('u.id', 'u.email', 'u.full_name', 'u.team_id')
      .orderBy('u.id')
    for (const lead of leads) {
      const teamId = Number(lead.team_id)
      mails.push(
        new FastStreamTeamArrivals({
          teamLead: { email: String(lead.email), name: String(lead.full_name) },
          programme,
          team: teamNames.get(teamId)!,
          round: roundName,
          arrivals: arrivals.get(teamId)!,
        })
      )
    }
  }
  return mails
}
