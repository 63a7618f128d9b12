import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import RoleAssignment from '#models/role_assignment'
import type User from '#models/user'
import { RoleAssignmentStatuses } from '#enums/capability'

export type ConfirmRoleAssignmentResult =
  | { type: 'confirmed'; assignment: RoleAssignment }
  | { type: 'not_found' }
  | { type: 'not_proposed'; assignment: RoleAssignment }

/*
 * A confirmer (already authorised by CapabilityPolicy.confirmFor) confirms
 * a role level a person proposed for themselves, while it is in force.
 */
export async function confirmRoleAssignment(
  actor: User,
  assignmentId: number,
  now = DateTime.now()
): Promise<ConfirmRoleAssignmentResult> {
  return db.transaction(async (trx) => {
    const assignment = await RoleAssignment.query({ client: trx })
      .where('id', assignmentId)
      .forUpdate()
      .first()
    if (!assignment) return { type: 'not_found' as const }
    if (assignment.status !== RoleAssignmentStatuses.Proposed || assignment.activeKind === null)
      return { type: 'not_proposed' as const, assignment }
    assignment.useTransaction(trx)
    assignment.merge({
      status: RoleAssignmentStatuses.Confirmed,
      confirmedBy: actor.id,
      confirmedAt: now,
    })
    await assignment.save()
    return { type: 'confirmed' as const, assignment }
  })
}
