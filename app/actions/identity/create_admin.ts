import db from '@adonisjs/lucid/services/db'
import { errors as vineErrors } from '@vinejs/vine'
import User from '#models/user'
import UserRole from '#models/user_role'
import Organisation from '#models/organisation'
import { createAdminValidator } from '#validators/create_admin'
import { invitee, issueInvitations, type SentInvitation } from '#actions/identity/send_invitations'
import { recordAudit } from '#services/audit'
import { AuditActions } from '#enums/audit_actions'
import { Roles } from '#enums/roles'
import type { NotInvitedReason } from '#domain/identity/password_links'

export type CreateAdminResult =
  | {
      type: 'done'
      user: User
      organisation: Organisation
      /* created: a new person; promoted: given the role; unchanged: they held it already. */
      change: 'created' | 'promoted' | 'unchanged'
      /* The recorded name, when it differs from the one given (it is kept). */
      recordedName: string | null
      invitation: SentInvitation | null
      notInvited: NotInvitedReason | null
    }
  | { type: 'invalid'; messages: string[] }
  | { type: 'no_organisations' }
  | { type: 'organisation_needed'; codes: string[] }
  | { type: 'organisation_not_found'; code: string; codes: string[] }
  | { type: 'other_organisation'; user: User; organisation: Organisation }
  | { type: 'deactivated'; user: User }

/* The codes of the top-level organisations, to suggest one. */
async function topLevelCodes() {
  const rows = await db.from('organisations').whereNull('parent_id').orderBy('code').select('code')
  return rows.map((row) => String(row.code))
}

/*
 * Makes someone a capability admin from the command line, in any
 * environment: the way to the first admin of a production database. A new
 * person is created without a password in the organisation given (or the
 * only one there is); someone already recorded keeps their organisation
 * and name and gains the role. Anyone who has never signed in gets an
 * invitation (a new one replaces any still open): the caller e-mails it or
 * prints its link. Everything is audited, with no one as the actor.
 */
export async function createAdmin(input: {
  email?: string
  fullName?: string
  organisationCode?: string
}): Promise<CreateAdminResult> {
  let values: Awaited<ReturnType<typeof createAdminValidator.validate>>
  try {
    values = await createAdminValidator.validate(input)
  } catch (error) {
    if (error instanceof vineErrors.E_VALIDATION_ERROR)
      return {
        type: 'invalid',
        messages: (error.messages as Array<{ message: string }>).map((item) => item.message),
      }
    throw error
  }

  const existing = await User.query().where('email', values.email).preload('roles').first()
  if (existing && !existing.isActive) return { type: 'deactivated', user: existing }

  let organisation: Organisation | null = null
  if (values.organisationCode) {
    organisation = await Organisation.query()
      .whereRaw('lower(code) = ?', [values.organisationCode.toLowerCase()])
      .first()
    if (!organisation)
      return {
        type: 'organisation_not_found',
        code: values.organisationCode,
        codes: await topLevelCodes(),
      }
    if (existing && existing.organisationId !== organisation.id) {
      return {
        type: 'other_organisation',
        user: existing,
        organisation: await Organisation.findOrFail(existing.organisationId),
      }
    }
  } else if (existing) {
    organisation = await Organisation.findOrFail(existing.organisationId)
  } else {
    const all = await Organisation.query().limit(2)
    if (all.length === 0) return { type: 'no_organisations' }
    if (all.length > 1) return { type: 'organisation_needed', codes: await topLevelCodes() }
    organisation = all[0]
  }

  const { user, change } = await db.transaction(async (trx) => {
    let person = existing
    let made: 'created' | 'promoted' | 'unchanged' = 'unchanged'
    if (!person) {
      // Audited as a new person by the model. No password is set (the column stays empty, never
      // hashed from null) until they use the invitation.
      person = await User.create(
        { fullName: values.fullName, email: values.email, organisationId: organisation!.id },
        { client: trx }
      )
      made = 'created'
    }
    const held = person.roleNames
    const wanted = [...new Set([...held, Roles.CapabilityAdmin, Roles.Learner])]
    const added = wanted.filter((role) => !held.includes(role))
    for (const role of added) await UserRole.create({ userId: person.id, role }, { client: trx })
    if (added.length) {
      if (made === 'unchanged') made = added.includes(Roles.CapabilityAdmin) ? 'promoted' : made
      await recordAudit(
        {
          action: AuditActions.Update,
          subjectType: 'user',
          subjectId: person.id,
          subjectLabel: person.email,
          organisationId: person.organisationId,
          actorId: null,
          before: { roles: held },
          after: { roles: wanted, via: 'users:create-admin' },
        },
        trx
      )
    }
    return { user: person, change: made }
  })
  await user.load('roles')

  const outcome = await issueInvitations([invitee(user)], {
    actor: null,
    source: 'command line',
    resend: true,
  })
  return {
    type: 'done',
    user,
    organisation: organisation!,
    change,
    recordedName: existing && existing.fullName !== values.fullName ? existing.fullName : null,
    invitation: outcome.sent[0] ?? null,
    notInvited: outcome.notInvited[0]?.reason ?? null,
  }
}
