import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import retentionConfig from '#config/retention'
import { recordAudit } from '#services/audit'
import { endSessionsOf } from '#services/user_sessions'
import { AuditActions } from '#enums/audit_actions'
import { anonymisePerson } from '#actions/identity/anonymise_person'

/* A leaver whose keeping time has run out: who, and the day they left. */
export type LapsedLeaver = { id: number; organisationId: number; leftOn: string }

/* What applying retention did, or, on a dry run, would do. */
export type RetentionOutcome = {
  dryRun: boolean
  leavers: LapsedLeaver[]
  auditEventsDeleted: number
  passwordLinksDeleted: number
  /* The days before which each kind of record is past its keeping time. */
  cutoffs: { leftBefore: string; auditEventsBefore: string; passwordLinksBefore: string }
}

/* The keeping times as they stand on a day: records before these are past them. */
function cutoffsOn(now: DateTime) {
  return {
    leftBefore: now.minus({ years: retentionConfig.leaversYears }),
    auditEventsBefore: now.minus({ years: retentionConfig.auditEventsYears }),
    passwordLinksBefore: now.minus({ days: retentionConfig.passwordLinksDays }),
  }
}

const sql = (time: DateTime) => time.toSQL({ includeOffset: false })!

/*
 * Applies the keeping times (config/retention.ts): leavers whose day of
 * leaving is further back than the keeping time are anonymised (never
 * anyone still in post, nor anyone anonymised already), audit events past
 * theirs are deleted, and so are password links that ran out long ago. A
 * dry run finds the same and changes nothing. A run that changed anything
 * writes one summary event to the trail, with counts and no personal data.
 */
export async function applyRetention({
  dryRun = false,
  now = DateTime.now(),
}: { dryRun?: boolean; now?: DateTime } = {}): Promise<RetentionOutcome> {
  const cutoffs = cutoffsOn(now)
  const lapsed = await db
    .from('users')
    .whereNotNull('deactivated_at')
    .whereNull('anonymised_at')
    .where('deactivated_at', '<', sql(cutoffs.leftBefore))
    .select('id', 'organisation_id', 'deactivated_at')
    .orderBy('id')
  const leavers = lapsed.map((row) => ({
    id: row.id as number,
    organisationId: row.organisation_id as number,
    leftOn: (row.deactivated_at instanceof Date
      ? DateTime.fromJSDate(row.deactivated_at)
      : DateTime.fromSQL(String(row.deactivated_at))
    ).toISODate()!,
  }))
  const oldEvents = db.from('audit_events').where('created_at', '<', sql(cutoffs.auditEventsBefore))
  const oldLinks = db
    .from('password_links')
    .where('expires_at', '<', sql(cutoffs.passwordLinksBefore))
  const outcome: RetentionOutcome = {
    dryRun,
    leavers,
    auditEventsDeleted: 0,
    passwordLinksDeleted: 0,
    cutoffs: {
      leftBefore: cutoffs.leftBefore.toISODate()!,
      auditEventsBefore: cutoffs.auditEventsBefore.toISODate()!,
      passwordLinksBefore: cutoffs.passwordLinksBefore.toISODate()!,
    },
  }
  if (dryRun) {
    outcome.auditEventsDeleted = await countOf(oldEvents)
    outcome.passwordLinksDeleted = await countOf(oldLinks)
    return outcome
  }

  for (let start = 0; start < leavers.length; start += retentionConfig.batchSize) {
    const batch = leavers.slice(start, start + retentionConfig.batchSize)
    await db.transaction(async (trx) => {
      for (const leaver of batch) await anonymisePerson(leaver.id, 'retention', trx, null, now)
    })
    for (const leaver of batch) await endSessionsOf(leaver.id)
  }
  outcome.auditEventsDeleted = Number(await oldEvents.delete())
  outcome.passwordLinksDeleted = Number(await oldLinks.delete())

  if (leavers.length + outcome.auditEventsDeleted + outcome.passwordLinksDeleted > 0) {
    await recordAudit({
      action: AuditActions.RetentionApplied,
      subjectType: 'retention',
      subjectLabel: 'Keeping times applied',
      actorId: null,
      ip: null,
      requestId: null,
      after: {
        leaversAnonymised: leavers.length,
        auditEventsDeleted: outcome.auditEventsDeleted,
        passwordLinksDeleted: outcome.passwordLinksDeleted,
        ...outcome.cutoffs,
      },
    })
  }
  return outcome
}

async function countOf(query: ReturnType<typeof db.from>) {
  const row = await query.clone().count('* as total').first()
  return Number(row?.total ?? 0)
}
