import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import RoleAssignment from '#models/role_assignment'
import type User from '#models/user'
import { RoleAssignmentStatuses } from '#enums/capability'
import { sendNotices } from '#mails/notice_mail'
import RoleLevelConfirmed from '#mails/role_level_confirmed'

export type ConfirmRoleAssignmentResult =
  | { type: 'confirmed'; assignment: RoleAssignment }
  | { type: 'not_found' }
  | { type: 'not_proposed'; assignment: RoleAssignment }

/*
 * A confirmer (already authorised by CapabilityPolicy.confirmFor) confirms
 * a role level a person proposed for themselves, while it is in force; once
 * committed, the person is e-mailed.
 */
export async function confirmRoleAssignment(
  actor: User,
  assignmentId: number,
  now = DateTime.now()
): Promise<ConfirmRoleAssignmentResult> {
  const result = await db.transaction(async (trx): Promise<ConfirmRoleAssignmentResult> => {
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
  if (result.type === 'confirmed') {
    await sendNotices(await confirmedNotice(result.assignment, actor), { assignmentId })
  }
  return result
}

/* The person's e-mail about the confirmation, read once it has committed; none when they have left. */
async function confirmedNotice(assignment: RoleAssignment, actor: User) {
  await assignment.load('user')
  await assignment.load('roleLevel', (level) => level.preload('roleProfile'))
  const person = assignment.user
  if (!person.isActive || person.id === actor.id) return []
  return [
    new RoleLevelConfirmed({
      person: { email: person.email, name: person.fullName },
      confirmer: actor.fullName,
      kind: assignment.kind,
      roleLevel: assignment.roleLevel.name,
      roleProfile: assignment.roleLevel.roleProfile.name,
    }),
  ]
}
