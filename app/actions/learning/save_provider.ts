import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import Provider from '#models/provider'
import User from '#models/user'
import { Roles } from '#enums/roles'
import { AuditActions } from '#enums/audit_actions'
import { transactionUnlessDuplicate } from '#actions/transactions'
import { recordAudit } from '#services/audit'

export type SaveProviderResult =
  { type: 'saved'; provider: Provider } | { type: 'code_taken' } | { type: 'name_taken' }

/*
 * Adds a training provider. Codes and names are unique whatever their case.
 */
export async function saveProvider(input: {
  code: string
  name: string
}): Promise<SaveProviderResult> {
  return transactionUnlessDuplicate(
    { type: 'name_taken' as const },
    async (trx): Promise<SaveProviderResult> => {
      const code = input.code.trim()
      const name = input.name.trim()
      const codeClash = await trx
        .from('providers')
        .whereRaw('lower(code) = ?', [code.toLowerCase()])
        .first()
      if (codeClash) return { type: 'code_taken' }
      const nameClash = await trx
        .from('providers')
        .whereRaw('lower(name) = ?', [name.toLowerCase()])
        .first()
      if (nameClash) return { type: 'name_taken' }
      const provider = await Provider.create({ code, name }, { client: trx })
      return { type: 'saved', provider }
    }
  )
}

export type LinkProviderAdminResult =
  | { type: 'linked'; user: User }
  | { type: 'user_not_found' }
  | { type: 'not_course_admin'; user: User }
  | { type: 'already_linked'; email: string }

/*
 * Lets a course admin manage a provider's courses. Only people who already
 * hold the course admin role can be linked: roles are given on the person's
 * own page. The link is a row in provider_admins, so it is audited here.
 */
export async function linkProviderAdmin(
  provider: Provider,
  email: string
): Promise<LinkProviderAdminResult> {
  return transactionUnlessDuplicate(
    { type: 'already_linked' as const, email: email.trim() },
    async (trx): Promise<LinkProviderAdminResult> => {
      const user = await User.query({ client: trx })
        .whereRaw('lower(email) = ?', [email.trim().toLowerCase()])
        .preload('roles')
        .first()
      if (!user) return { type: 'user_not_found' }
      if (!user.hasRole(Roles.CourseAdmin)) return { type: 'not_course_admin', user }
      const existing = await trx
        .from('provider_admins')
        .where({ provider_id: provider.id, user_id: user.id })
        .first()
      if (existing) return { type: 'already_linked', email: user.email }
      const [id] = await trx.table('provider_admins').insert({
        provider_id: provider.id,
        user_id: user.id,
        created_at: DateTime.now().toUTC().toFormat('yyyy-MM-dd HH:mm:ss'),
      })
      await recordAudit(
        {
          action: AuditActions.Create,
          subjectType: 'provider_admin',
          subjectId: Number(id),
          subjectLabel: `${user.email} for ${provider.name}`,
          organisationId: user.organisationId,
          after: { providerId: provider.id, userId: user.id },
        },
        trx
      )
      return { type: 'linked', user }
    }
  )
}

/* Stops a course admin managing a provider's courses; audited like the link. */
export async function unlinkProviderAdmin(provider: Provider, userId: number) {
  return db.transaction(async (trx) => {
    const link = await trx
      .from('provider_admins')
      .where({ provider_id: provider.id, user_id: userId })
      .first()
    if (!link) return { type: 'not_linked' as const }
    const user = await User.query({ client: trx }).where('id', userId).firstOrFail()
    await trx.from('provider_admins').where('id', link.id).delete()
    await recordAudit(
      {
        action: AuditActions.Delete,
        subjectType: 'provider_admin',
        subjectId: Number(link.id),
        subjectLabel: `${user.email} for ${provider.name}`,
        organisationId: user.organisationId,
        before: { providerId: provider.id, userId },
      },
      trx
    )
    return { type: 'unlinked' as const, user }
  })
}
