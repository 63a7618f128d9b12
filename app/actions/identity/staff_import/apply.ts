import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type StaffImport from '#models/staff_import'
import { StaffImportStatuses } from '#models/staff_import'
import type User from '#models/user'
import { recordAudit } from '#services/audit'
import { AuditActions } from '#enums/audit_actions'
import { RoleAssignmentKinds, RoleAssignmentStatuses } from '#enums/capability'
import { type StaffValues } from '#domain/identity/staff_rows'
import { standingsChanged } from '#actions/capability/refresh_standings'
import {
  chunks,
  checkRows,
  count,
  fail,
  progress,
  recordOutcomes,
  scopeOf,
  type Checked,
} from '#actions/identity/staff_import/rows'
import { insertAll } from '#actions/batch_writes'
import { sqlStamp } from '#services/password_links'

type AuditRow = Record<string, unknown>

const describe = (values: StaffValues, organisationCode: string, roleLevel: string | null) => ({
  fullName: values.fullName,
  email: values.email,
  organisation: organisationCode,
  grade: values.grade,
  profession: values.profession,
  lineManager: values.lineManagerEmail,
  ...(roleLevel === null ? {} : { roleLevel }),
})

/*
 * Applies an import: re-checks every row against the records as they are
 * now, then adds the new people and updates the changed ones, a batch per
 * transaction with its audit events, and links line managers last (a
 * manager may come later in the file). Running it again changes nothing,
 * so an import stopped part way is finished by applying it again.
 */
export async function applyStaffImport(staffImport: StaffImport, actor: User) {
  const now = DateTime.now()
  try {
    staffImport.merge({ status: StaffImportStatuses.Applying, processedRows: 0, failure: null })
    await staffImport.save()
    const scope = await scopeOf(staffImport)
    const checked = await checkRows(staffImport, scope, async () => {})
    await recordOutcomes(checked)
    const toWrite = checked.filter(
      (item) => item.verdict.outcome === 'new' || item.verdict.outcome === 'changed'
    )
    staffImport.merge({
      newRows: count(checked, 'new'),
      changedRows: count(checked, 'changed'),
      unchangedRows: count(checked, 'unchanged'),
      badRows: count(checked, 'bad'),
    })
    await staffImport.save()

    const levelNames = await roleLevelNames()
    const ids = new Map<string, number>()
    let done = 0
    for (const part of chunks(toWrite)) {
      await db.transaction(async (trx) => {
        await writeBatch(trx, part, actor, now, levelNames, ids)
      })
      done += part.length
      await progress(staffImport)(Math.floor(done * 0.95))
    }
    await linkManagers(toWrite, ids, now)

    staffImport.merge({
      status: StaffImportStatuses.Applied,
      processedRows: toWrite.length,
      createdPeople: count(checked, 'new'),
      updatedPeople: count(checked, 'changed'),
      appliedAt: DateTime.now(),
    })
    await staffImport.save()
    await recordAudit({
      action: AuditActions.Update,
      subjectType: 'staff_import',
      subjectId: staffImport.id,
      subjectLabel: staffImport.fileName,
      organisationId: staffImport.scopeOrganisationId,
      actorId: actor.id,
      after: {
        status: 'applied',
        added: staffImport.createdPeople,
        updated: staffImport.updatedPeople,
        unchanged: staffImport.unchangedRows,
        bad: staffImport.badRows,
      },
    })
  } catch (error) {
    await fail(staffImport, error)
    throw error
  }
}

async function roleLevelNames() {
  const rows = await db.from('role_levels').select('id', 'name')
  return new Map(rows.map((row) => [Number(row.id), String(row.name)]))
}

async function writeBatch(
  trx: TransactionClientContract,
  part: Checked[],
  actor: User,
  now: DateTime,
  levelNames: Map<number, string>,
  ids: Map<string, number>
) {
  const at = sqlStamp(now)
  const fresh = part.filter((item) => item.verdict.outcome === 'new')
  if (fresh.length) {
    await insertAll(
      trx,
      'users',
      fresh.map(({ verdict }) => {
        const values = (verdict as { values: StaffValues }).values
        return {
          full_name: values.fullName,
          email: values.email,
          password: null,
          organisation_id: values.organisationId,
          grade: values.grade,
          profession: values.profession,
          created_at: at,
          updated_at: at,
        }
      })
    )
    const inserted = await trx
      .from('users')
      .whereIn(
        'email',
        fresh.map((item) => item.row.email)
      )
      .select('id', 'email')
    for (const row of inserted) ids.set(String(row.email), Number(row.id))
  }

  const audits: AuditRow[] = []
  const levelChanges: Array<{ userId: number; roleLevelId: number }> = []
  const moved: number[] = []
  for (const { row, verdict } of part) {
    if (verdict.outcome === 'new') {
      const userId = ids.get(row.email)!
      if (verdict.values.roleLevelId !== null)
        levelChanges.push({ userId, roleLevelId: verdict.values.roleLevelId })
      audits.push(
        auditRow(
          actor,
          AuditActions.Create,
          userId,
          verdict.values,
          null,
          {
            ...describe(
              verdict.values,
              row.organisationCode,
              verdict.values.roleLevelId === null
                ? null
                : (levelNames.get(verdict.values.roleLevelId) ?? null)
            ),
            via: 'staff import',
          },
          at
        )
      )
    } else if (verdict.outcome === 'changed') {
      const { values, existing, changes } = verdict
      ids.set(row.email, existing.id)
      const update: Record<string, unknown> = {}
      const before: Record<string, unknown> = {}
      const after: Record<string, unknown> = {}
      const note = (key: string, was: unknown, now_: unknown) => {
        before[key] = was
        after[key] = now_
      }
      for (const change of changes) {
        switch (change) {
          case 'name':
            update.full_name = values.fullName
            note('fullName', existing.fullName, values.fullName)
            break
          case 'organisation':
            update.organisation_id = values.organisationId
            moved.push(existing.id)
            note('organisationId', existing.organisationId, values.organisationId)
            break
          case 'grade':
            update.grade = values.grade
            note('grade', existing.grade, values.grade)
            break
          case 'profession':
            update.profession = values.profession
            note('profession', existing.profession, values.profession)
            break
          case 'role level':
            levelChanges.push({ userId: existing.id, roleLevelId: values.roleLevelId! })
            note(
              'roleLevel',
              existing.roleLevelId === null ? null : (levelNames.get(existing.roleLevelId) ?? null),
              levelNames.get(values.roleLevelId!) ?? null
            )
            break
          case 'line manager':
            note('lineManager', existing.lineManagerEmail, values.lineManagerEmail)
            break
        }
      }
      if (Object.keys(update).length) {
        await trx
          .from('users')
          .where('id', existing.id)
          .update({ ...update, updated_at: at })
      }
      audits.push(
        auditRow(
          actor,
          AuditActions.Update,
          existing.id,
          values,
          { ...before },
          { ...after, via: 'staff import' },
          at
        )
      )
    }
  }

  if (levelChanges.length) {
    await trx
      .from('role_assignments')
      .whereIn(
        'user_id',
        levelChanges.map((change) => change.userId)
      )
      .where('active_kind', RoleAssignmentKinds.Current)
      .update({
        status: RoleAssignmentStatuses.Ended,
        active_kind: null,
        ended_at: at,
        updated_at: at,
      })
    await insertAll(
      trx,
      'role_assignments',
      levelChanges.map((change) => ({
        user_id: change.userId,
        role_level_id: change.roleLevelId,
        kind: RoleAssignmentKinds.Current,
        status: RoleAssignmentStatuses.Confirmed,
        active_kind: RoleAssignmentKinds.Current,
        proposed_by: actor.id,
        confirmed_by: actor.id,
        confirmed_at: at,
        created_at: at,
        updated_at: at,
      }))
    )
  }
  if (audits.length) await insertAll(trx, 'audit_events', audits)
  // New role levels and new organisations move these people's capability standings.
  const restanding = [...levelChanges.map((change) => change.userId), ...moved]
  if (restanding.length) await standingsChanged({ userIds: restanding }, trx)
}

function auditRow(
  actor: User,
  action: string,
  userId: number,
  values: StaffValues,
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
  at: string
): AuditRow {
  return {
    actor_id: actor.id,
    action,
    subject_type: 'user',
    subject_id: String(userId),
    subject_label: values.email,
    organisation_id: values.organisationId,
    before: before ? JSON.stringify(before) : null,
    after: JSON.stringify(after),
    ip: null,
    request_id: null,
    created_at: at,
  }
}

/* Sets line managers once everyone in the file exists, grouping people by manager. */
async function linkManagers(toWrite: Checked[], ids: Map<string, number>, now: DateTime) {
  const wanted = toWrite.filter(
    (item) =>
      (item.verdict.outcome === 'new' && item.verdict.values.lineManagerEmail !== null) ||
      (item.verdict.outcome === 'changed' && item.verdict.changes.includes('line manager'))
  )
  if (!wanted.length) return
  const managerEmails = [
    ...new Set(
      wanted
        .map((item) => (item.verdict as { values: StaffValues }).values.lineManagerEmail)
        .filter((email): email is string => !!email)
    ),
  ]
  const managerIds = new Map<string, number>()
  for (const part of chunks(managerEmails)) {
    const rows = await db.from('users').whereIn('email', part).select('id', 'email')
    for (const row of rows) managerIds.set(String(row.email), Number(row.id))
  }
  const byManager = new Map<number | null, number[]>()
  for (const item of wanted) {
    const email = (item.verdict as { values: StaffValues }).values.lineManagerEmail
    const managerId = email ? (managerIds.get(email) ?? null) : null
    const people = byManager.get(managerId) ?? []
    people.push(ids.get(item.row.email)!)
    byManager.set(managerId, people)
  }
  const at = sqlStamp(now)
  await db.transaction(async (trx) => {
    for (const [managerId, people] of byManager) {
      for (const part of chunks(people)) {
        await trx
          .from('users')
          .whereIn('id', part)
          .update({ line_manager_id: managerId, updated_at: at })
      }
    }
  })
}
