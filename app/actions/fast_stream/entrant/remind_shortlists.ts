import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import mail from '@adonisjs/mail/services/main'
import { RoundStatuses } from '#enums/fast_stream'
import { recordAudit } from '#services/audit'
import { sqlStamp } from '#services/password_links'
import { AuditActions } from '#enums/audit_actions'
import FastStreamShortlistReminder from '#mails/fast_stream_shortlist_reminder'
import { UK_ZONE, instantFromSql } from '#domain/shared/uk_time'

/* How long before choices close an entrant with a list not submitted is reminded. */
export const SHORTLIST_REMINDER_HOURS = 72

export type ShortlistRemindersResult = { rounds: number; sent: number; failed: number }

/*
 * E-mails each active entrant who has started a list of placements (one
 * or more on it) in a round open to choices but not submitted it, when
 * choices close within `hours`, in the words of the round's programme.
 * Once per entrant and round: the list's reminded_at is set before the
 * e-mail goes, by an update only one run can win, so runs from several
 * instances or run twice send nothing twice.
 * A failed send is logged and its mark taken back, so the next run tries
 * again while choices are still open. Each reminder is audited.
 */
export async function remindShortlists(
  options: { hours?: number; now?: DateTime } = {}
): Promise<ShortlistRemindersResult> {
  const now = options.now ?? DateTime.utc()
  const until = now.plus({ hours: options.hours ?? SHORTLIST_REMINDER_HOURS })

  const rows = await db
    .from('placement_shortlists as s')
    .join('placement_rounds as r', 'r.id', 's.round_id')
    .join('fast_stream_entrants as e', 'e.id', 's.entrant_id')
    .join('users as u', 'u.id', 'e.user_id')
    .where('r.status', RoundStatuses.Open)
    .where('r.preferences_close_at', '>', sqlStamp(now))
    .where('r.preferences_close_at', '<=', sqlStamp(until))
    .whereNull('s.submitted_at')
    .whereNull('s.reminded_at')
    .whereNull('u.deactivated_at')
    .orderBy('s.id')
    .select(
      's.id',
      's.entrant_id',
      'r.id as round_id',
      'r.name as round_name',
      'r.programme',
      'r.preferences_close_at',
      'u.email',
      'u.full_name'
    )
    .select(
      db
        .from('placement_preferences as pp')
        .whereColumn('pp.shortlist_id', 's.id')
        .count('*')
        .as('choices')
    )

  const result: ShortlistRemindersResult = { rounds: 0, sent: 0, failed: 0 }
  const rounds = new Set<number>()
  for (const row of rows) {
    const choices = Number(row.choices ?? 0)
    if (choices === 0) continue
    rounds.add(Number(row.round_id))
    const remindedAt = sqlStamp(DateTime.utc())
    const claimed = await db
      .from('placement_shortlists')
      .where('id', row.id)
      .whereNull('reminded_at')
      .whereNull('submitted_at')
      .update({ reminded_at: remindedAt })
    if (!Number(Array.isArray(claimed) ? claimed[0] : claimed)) continue

    const closesAt = instantFromSql(row.preferences_close_at)!.setZone(UK_ZONE)
    try {
      await mail.send(
        new FastStreamShortlistReminder({
          entrant: { email: String(row.email), name: String(row.full_name) },
          programme: row.programme,
          round: String(row.round_name),
          closesAt,
          choices,
        })
      )
      result.sent += 1
      await recordAudit({
        action: AuditActions.Update,
        subjectType: 'placement_shortlist',
        subjectId: Number(row.id),
        subjectLabel: `${row.full_name}’s list for ${row.round_name}`,
        before: { remindedAt: null },
        after: { remindedAt },
      })
    } catch (error) {
      result.failed += 1
      await db.from('placement_shortlists').where('id', row.id).update({ reminded_at: null })
      logger.error(
        { err: error, shortlistId: Number(row.id), roundId: Number(row.round_id) },
        'Could not send a shortlist reminder'
      )
    }
  }
  result.rounds = rounds.size
  return result
}
