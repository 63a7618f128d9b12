import { rm } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { DateTime } from 'luxon'
import string from '@adonisjs/core/helpers/string'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import exportsConfig from '#config/exports'
import { recordAudit } from '#services/audit'
import { AuditActions } from '#enums/audit_actions'
import {
  PERSONAL_RECORDS,
  auditEventsAboutRecords,
  personalRecordIds,
} from '#queries/identity/subject_access_query'

/* Why a person was anonymised: their keeping time ran out after they left, or an erasure request. */
export type AnonymisationReason = 'retention' | 'erasure'

/* The name and e-mail address that take the place of an anonymised person's. */
export function anonymisedIdentity(userId: number) {
  return {
    fullName: `Former employee ${userId}`,
    email: `former-${userId}@anonymised.invalid`,
  }
}

/*
 * What anonymisation does to each kind of a person's own records (ADR
 * 0016): `keep` what counts in the figures, `clear` the free text written
 * about them, `delete` the ways in (sessions, tokens, two-step, links)
 * and what has no statistical value. Every kind of personal record has an
 * entry; a functional test fails when one is missing.
 */
export const ANONYMISATION: Record<string, 'keep' | 'delete' | { clear: string[] }> = {
  users: 'keep',
  user_roles: 'keep',
  role_assignments: 'keep',
  skill_assessments: { clear: ['comment'] },
  skill_claims: { clear: ['comment'] },
  enrolments: { clear: ['request_note', 'decision_reason', 'cancellation_reason'] },
  self_paced_enrolments: 'keep',
  nomination_people: 'keep',
  learning_records: { clear: ['evidence_url'] },
  course_feedback: { clear: ['comments'] },
  certificates: { clear: ['revocation_reason'] },
  course_requirement_people: 'keep',
  course_requirement_reminders: 'keep',
  development_plan_items: { clear: ['notes'] },
  capability_standings: 'keep',
  capability_standing_categories: 'keep',
  provider_admins: 'delete',
  fast_stream_entrants: { clear: ['location_preferences'] },
  placement_shortlists: 'keep',
  placement_preferences: 'keep',
  placement_rankings: 'keep',
  placement_matches: { clear: ['adjusted_reason'] },
  fast_stream_postings: 'keep',
  two_step_verifications: 'delete',
  recovery_codes: 'delete',
  password_links: 'delete',
  auth_access_tokens: 'delete',
  user_identities: 'delete',
  sessions: 'delete',
  exports: 'delete',
}

/* An audit event's before or after values with the free text anonymisation clears set to null. */
function withoutValues(json: string | null, keys: string[]) {
  if (!json) return json
  const values = JSON.parse(json) as Record<string, unknown>
  for (const key of keys) if (key in values) values[key] = null
  return JSON.stringify(values)
}

/*
 * An audit event's before or after values about the person, with every
 * name and address they had (earlier ones too) and any other value equal
 * to their name or address replaced.
 */
function withoutIdentity(
  json: string | null,
  old: { fullName: string; email: string },
  replacement: { fullName: string; email: string }
) {
  if (!json) return json
  const values = JSON.parse(json) as Record<string, unknown>
  for (const [key, value] of Object.entries(values)) {
    if (key === 'fullName' || value === old.fullName) values[key] = replacement.fullName
    if (key === 'email' || value === old.email) values[key] = replacement.email
  }
  return JSON.stringify(values)
}

/*
 * Replaces one person's personal data by placeholders, inside the
 * caller's transaction, keeping every record that counts in the figures
 * (their organisation, grade, profession, team, roles, role levels,
 * assessments, enrolments, learning record and Fast Stream history): the
 * dashboards read the same before and after. Their name and e-mail
 * address become "Former employee 1234" and former-1234@anonymised.invalid,
 * in the audit trail about them too, the free text written about them is
 * cleared, and their ways in are deleted. Whether they are deactivated
 * is left as it was, so nobody is counted differently. The audit event
 * says why, never what was removed. Their sessions are ended by the
 * caller after the commit.
 */
export async function anonymisePerson(
  userId: number,
  reason: AnonymisationReason,
  trx: TransactionClientContract,
  actorId: number | null = null,
  now: DateTime = DateTime.now()
) {
  const person = await trx.from('users').where('id', userId).forUpdate().first()
  if (!person || person.anonymised_at) return false
  const replacement = anonymisedIdentity(userId)
  const stamp = now.toSQL({ includeOffset: false })!

  const { entrant: entrantIds } = await personalRecordIds(trx, userId)
  const exports = await trx.from('exports').where('user_id', userId).whereNotNull('file_name')
  const exportFiles = exports.map((row: { file_name: string }) => row.file_name)

  for (const records of PERSONAL_RECORDS) {
    const treatment = ANONYMISATION[records.table]
    if (treatment === 'keep' || records.of === 'shortlist') continue
    const ids = records.of === 'entrant' ? entrantIds : [userId]
    if (ids.length === 0) continue
    const rows = trx
      .from(records.table)
      .whereIn(records.column, records.table === 'sessions' ? ids.map(String) : ids)
    if (treatment === 'delete') {
      await rows.delete()
    } else {
      await rows.update(Object.fromEntries(treatment.clear.map((column) => [column, null])))
    }
  }

  await trx.from('users').where('id', userId).update({
    full_name: replacement.fullName,
    email: replacement.email,
    password: null,
    last_signed_in_at: null,
    anonymised_at: stamp,
    updated_at: stamp,
  })
  await trx
    .from('staff_import_rows')
    .where('email', person.email)
    .update({ email: replacement.email, full_name: replacement.fullName })
  await trx
    .from('staff_import_rows')
    .where('line_manager_email', person.email)
    .update({ line_manager_email: replacement.email })

  const about = await trx
    .from('audit_events')
    .where((where) =>
      where
        .where((subject) =>
          subject.where('subject_type', 'user').where('subject_id', String(userId))
        )
        .orWhere('subject_label', person.email)
    )
    .select('id', 'before', 'after')
  const old = { fullName: person.full_name as string, email: person.email as string }
  for (const event of about) {
    await trx
      .from('audit_events')
      .where('id', event.id)
      .update({
        subject_label: replacement.email,
        before: withoutIdentity(event.before, old, replacement),
        after: withoutIdentity(event.after, old, replacement),
        ip: null,
      })
  }
  await trx.from('audit_events').where('actor_id', userId).update({ ip: null })
  for (const event of await auditEventsAboutRecords(trx, userId)) {
    const records = PERSONAL_RECORDS.find((kind) => kind.auditSubject === event.subject_type)!
    const treatment = ANONYMISATION[records.table]
    if (typeof treatment !== 'object') continue
    const keys = treatment.clear.map((column) => string.camelCase(column))
    await trx
      .from('audit_events')
      .where('id', event.id)
      .update({
        before: withoutValues(event.before, keys),
        after: withoutValues(event.after, keys),
      })
  }

  await recordAudit(
    {
      action: AuditActions.Anonymise,
      subjectType: 'user',
      subjectId: userId,
      subjectLabel: replacement.email,
      organisationId: person.organisation_id,
      actorId,
      after: { reason },
    },
    trx
  )

  for (const fileName of exportFiles) {
    await rm(join(exportsConfig.directory, basename(fileName)), { force: true })
  }
  return true
}
