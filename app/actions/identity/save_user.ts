import db from '@adonisjs/lucid/services/db'
import { transactionUnlessDuplicate } from '#actions/transactions'
import { DateTime } from 'luxon'
import User from '#models/user'
import UserRole from '#models/user_role'
import Team from '#models/team'
import { recordAudit } from '#services/audit'
import type { OrganisationScope } from '#services/organisation_scope'
import { AuditActions } from '#enums/audit_actions'
import { endSessionsOf } from '#services/user_sessions'
import type { Role } from '#enums/roles'
import type { Grade } from '#enums/grades'
import type { Profession } from '#enums/professions'

export type UserInput = {
  fullName: string
  email: string
  password?: string
  organisationId: number
  teamId?: number | null
  grade?: Grade | null
  profession?: Profession | null
  lineManagerEmail?: string | null
  roles: Role[]
}

export type SaveUserResult =
  | { type: 'saved'; user: User }
  | { type: 'email_taken' }
  | { type: 'line_manager_not_found' }
  | { type: 'line_manager_is_self' }
  | { type: 'line_manager_cycle' }
  | { type: 'team_not_in_organisation' }

/*
 * Creates or updates a person with their roles, checking the references a
 * form cannot: a unique e-mail, a real line manager who is not the person
 * or one of their reports, and a team inside the chosen organisation.
 * The line manager is looked for in the administrator's scope only (their
 * person's current one is kept), so someone elsewhere reads as no one.
 */
export async function saveUser(
  input: UserInput,
  scope: OrganisationScope,
  existing?: User
): Promise<SaveUserResult> {
  return transactionUnlessDuplicate({ type: 'email_taken' as const }, async (trx) => {
    const clash = await User.query({ client: trx })
      .where('email', input.email)
      .if(existing, (query) => query.whereNot('id', existing!.id))
      .first()
    if (clash) return { type: 'email_taken' as const }

    let lineManagerId: number | null = null
    if (input.lineManagerEmail) {
      const currentManagerId = existing?.lineManagerId
      const manager = await User.query({ client: trx })
        .where('email', input.lineManagerEmail.toLowerCase())
        .if(!scope.everything, (query) =>
          query.where((visible) => {
            visible.whereIn('organisation_id', scope.organisationIdsQuery())
            if (currentManagerId) visible.orWhere('id', currentManagerId)
          })
        )
        .first()
      if (!manager) return { type: 'line_manager_not_found' as const }
      if (existing && manager.id === existing.id) return { type: 'line_manager_is_self' as const }
      if (existing && (await managesIndirectly(existing.id, manager.id, trx))) {
        return { type: 'line_manager_cycle' as const }
      }
      lineManagerId = manager.id
    }

    if (input.teamId) {
      const team = await Team.query({ client: trx }).where('id', input.teamId).first()
      if (!team || team.organisationId !== input.organisationId)
        return { type: 'team_not_in_organisation' as const }
    }

    const user = existing ?? new User()
    user.useTransaction(trx)
    user.merge({
      fullName: input.fullName,
      email: input.email,
      organisationId: input.organisationId,
      teamId: input.teamId ?? null,
      grade: input.grade ?? null,
      profession: input.profession ?? null,
      lineManagerId,
    })
    if (input.password) user.password = input.password
    await user.save()
    await syncRoles(user, input.roles, trx)
    return { type: 'saved' as const, user }
  })
}

/* Whether `candidateId` reports, directly or not, to `managerId`. */
async function managesIndirectly(managerId: number, candidateId: number, trx: any) {
  let current: number | null = candidateId
  const seen = new Set<number>()
  while (current && !seen.has(current)) {
    seen.add(current)
    const row: { line_manager_id: number | null } | null = await trx
      .from('users')
      .where('id', current)
      .select('line_manager_id')
      .first()
    current = row?.line_manager_id ?? null
    if (current === managerId) return true
  }
  return false
}

async function syncRoles(user: User, roles: Role[], trx: any) {
  const current = await UserRole.query({ client: trx }).where('user_id', user.id)
  const held = current.map((row) => row.role)
  const wanted = [...new Set(roles)]
  const added = wanted.filter((role) => !held.includes(role))
  const removed = held.filter((role) => !wanted.includes(role))
  if (added.length === 0 && removed.length === 0) return
  if (removed.length) {
    await UserRole.query({ client: trx })
      .where('user_id', user.id)
      .whereIn('role', removed)
      .delete()
  }
  for (const role of added) {
    await UserRole.create({ userId: user.id, role }, { client: trx })
  }
  await recordAudit(
    {
      action: AuditActions.Update,
      subjectType: 'user',
      subjectId: user.id,
      subjectLabel: user.email,
      organisationId: user.organisationId,
      before: { roles: held },
      after: { roles: wanted },
    },
    trx
  )
}

/*
 * Deactivates or restores an account. A deactivated person cannot sign in,
 * their sessions end at once and their API tokens are deleted.
 */
export async function setUserActive(user: User, active: boolean) {
  await db.transaction(async (trx) => {
    user.useTransaction(trx)
    user.deactivatedAt = active ? null : DateTime.now()
    await user.save()
    if (!active) {
      await trx.from('auth_access_tokens').where('tokenable_id', user.id).delete()
    }
    await recordAudit(
      {
        action: active ? AuditActions.Reactivate : AuditActions.Deactivate,
        subjectType: 'user',
        subjectId: user.id,
        subjectLabel: user.email,
        organisationId: user.organisationId,
      },
      trx
    )
  })
  // After the commit: on SQLite the session store shares the one connection the transaction held.
  if (!active) await endSessionsOf(user.id)
}
