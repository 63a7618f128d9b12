import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import RoleAssignment from '#models/role_assignment'
import type User from '#models/user'
import {
  RoleAssignmentKinds,
  RoleAssignmentStatuses,
  type RoleAssignmentKind,
} from '#enums/capability'

export type AssignRoleLevelsResult =
  | { type: 'saved'; changed: RoleAssignmentKind[] }
  | { type: 'role_level_not_found'; kind: RoleAssignmentKind }
  | { type: 'target_same_as_current' }

/* Ends the assignment of this kind in force, keeping it as history. */
async function endActive(
  trx: TransactionClientContract,
  userId: number,
  kind: RoleAssignmentKind,
  now: DateTime
) {
  const active = await RoleAssignment.query({ client: trx })
    .where('user_id', userId)
    .where('active_kind', kind)
    .first()
  if (!active) return
  active.useTransaction(trx)
  active.merge({ status: RoleAssignmentStatuses.Ended, activeKind: null, endedAt: now })
  await active.save()
}

/*
 * Sets a person's current and target role levels. A level set by the person
 * is proposed for their line manager to confirm; one set by someone who may
 * confirm (line manager, HR in scope, admin) is confirmed at once. A changed
 * level ends the previous assignment of that kind; an unchanged one is left
 * alone (a confirmer setting it again confirms a proposal). A null target
 * ends any target.
 */
export async function assignRoleLevels(
  actor: User,
  person: User,
  levels: { current: number; target: number | null },
  options: { confirm: boolean },
  now = DateTime.now()
): Promise<AssignRoleLevelsResult> {
  if (levels.target !== null && levels.target === levels.current)
    return { type: 'target_same_as_current' }
  const wanted: Array<[RoleAssignmentKind, number | null]> = [
    [RoleAssignmentKinds.Current, levels.current],
    [RoleAssignmentKinds.Target, levels.target],
  ]
  const ids = wanted.map(([, id]) => id).filter((id): id is number => id !== null)
  const live = await db
    .from('role_levels')
    .join('role_profiles', 'role_profiles.id', 'role_levels.role_profile_id')
    .whereIn('role_levels.id', ids)
    .whereNull('role_levels.retired_at')
    .whereNull('role_profiles.retired_at')
    .select('role_levels.id')
  const liveIds = new Set(live.map((row) => Number(row.id)))
  for (const [kind, id] of wanted) {
    if (id !== null && !liveIds.has(id)) return { type: 'role_level_not_found', kind }
  }

  return db.transaction(async (trx) => {
    const changed: RoleAssignmentKind[] = []
    for (const [kind, roleLevelId] of wanted) {
      const active = await RoleAssignment.query({ client: trx })
        .where('user_id', person.id)
        .where('active_kind', kind)
        .first()
      if (active && active.roleLevelId === roleLevelId) {
        if (options.confirm && active.status === RoleAssignmentStatuses.Proposed) {
          active.useTransaction(trx)
          active.merge({
            status: RoleAssignmentStatuses.Confirmed,
            confirmedBy: actor.id,
            confirmedAt: now,
          })
          await active.save()
          changed.push(kind)
        }
        continue
      }
      if (!active && roleLevelId === null) continue
      await endActive(trx, person.id, kind, now)
      if (roleLevelId !== null) {
        await RoleAssignment.create(
          {
            userId: person.id,
            roleLevelId,
            kind,
            activeKind: kind,
            status: options.confirm
              ? RoleAssignmentStatuses.Confirmed
              : RoleAssignmentStatuses.Proposed,
            proposedBy: actor.id,
            confirmedBy: options.confirm ? actor.id : null,
            confirmedAt: options.confirm ? now : null,
          },
          { client: trx }
        )
      }
      changed.push(kind)
    }
    return { type: 'saved' as const, changed }
  })
}
