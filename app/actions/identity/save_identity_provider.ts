import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import IdentityProvider from '#models/identity_provider'
import IdentityProviderDomain from '#models/identity_provider_domain'
import Organisation from '#models/organisation'
import { recordAudit } from '#services/audit'
import { isUniqueViolation } from '#services/database_errors'
import {
  encryptSecret,
  forgetDiscoveredProviders,
  plainHttpAllowed,
} from '#services/single_sign_on'
import { domainsFrom } from '#validators/single_sign_on'
import { AuditActions } from '#enums/audit_actions'

export type IdentityProviderInput = {
  name: string
  issuer: string
  clientId: string
  clientSecret?: string
  domains: string
  organisationId: number
}

export type SaveIdentityProviderResult =
  | { type: 'saved'; provider: IdentityProvider }
  | { type: 'issuer_invalid' }
  | { type: 'issuer_not_https' }
  | { type: 'issuer_has_query' }
  | { type: 'secret_required' }
  | { type: 'organisation_not_found' }
  | { type: 'domain_taken'; domain: string; providerName: string }

/* What the audit trail keeps of a provider: never its secret, only that one was set or changed. */
function audited(provider: IdentityProvider, domains: string[]) {
  return {
    name: provider.name,
    issuer: provider.issuer,
    clientId: provider.clientId,
    organisationId: provider.organisationId,
    domains,
  }
}

async function domainsOf(providerId: number, trx: TransactionClientContract) {
  const rows = await IdentityProviderDomain.query({ client: trx })
    .where('identity_provider_id', providerId)
    .orderBy('domain')
  return rows.map((row) => row.domain)
}

/*
 * Adds an identity provider, or changes one: its issuer, client, the
 * e-mail domains it signs in for (each belongs to one provider) and the
 * organisation new people join. The client secret is stored encrypted
 * with the application's key; left blank when changing a provider, the
 * saved one is kept. The audit trail records that a secret was set, never
 * the secret.
 */
export async function saveIdentityProvider(
  input: IdentityProviderInput,
  existing?: IdentityProvider
): Promise<SaveIdentityProviderResult> {
  let issuer: URL
  try {
    issuer = new URL(input.issuer.trim())
  } catch {
    return { type: 'issuer_invalid' }
  }
  if (issuer.protocol !== 'https:' && !plainHttpAllowed()) return { type: 'issuer_not_https' }
  if (issuer.search || issuer.hash) return { type: 'issuer_has_query' }
  const secret = input.clientSecret ?? ''
  if (!existing && secret === '') return { type: 'secret_required' }
  const domains = domainsFrom(input.domains).sort()

  try {
    return await db.transaction(async (trx) => {
      const organisation = await Organisation.query({ client: trx })
        .where('id', input.organisationId)
        .whereNull('retired_at')
        .first()
      if (!organisation) return { type: 'organisation_not_found' as const }

      const clash = await trx
        .from('identity_provider_domains')
        .join(
          'identity_providers',
          'identity_providers.id',
          'identity_provider_domains.identity_provider_id'
        )
        .whereIn('identity_provider_domains.domain', domains)
        .if(existing, (query) => query.whereNot('identity_providers.id', existing!.id))
        .orderBy('identity_provider_domains.domain')
        .select('identity_provider_domains.domain', 'identity_providers.name')
        .first()
      if (clash) {
        return { type: 'domain_taken' as const, domain: clash.domain, providerName: clash.name }
      }

      const before = existing ? audited(existing, await domainsOf(existing.id, trx)) : null
      const provider = existing ?? new IdentityProvider()
      provider.useTransaction(trx)
      provider.merge({
        name: input.name,
        issuer: input.issuer.trim(),
        clientId: input.clientId,
        organisationId: organisation.id,
      })
      if (secret !== '') provider.clientSecret = encryptSecret(secret)
      await provider.save()

      await IdentityProviderDomain.query({ client: trx })
        .where('identity_provider_id', provider.id)
        .whereNotIn('domain', domains)
        .delete()
      const kept = await domainsOf(provider.id, trx)
      for (const domain of domains.filter((wanted) => !kept.includes(wanted))) {
        await IdentityProviderDomain.create(
          { identityProviderId: provider.id, domain },
          { client: trx }
        )
      }

      const after = audited(provider, domains)
      await recordAudit(
        {
          action: existing ? AuditActions.Update : AuditActions.Create,
          subjectType: IdentityProvider.auditSubjectType,
          subjectId: provider.id,
          subjectLabel: provider.name,
          organisationId: provider.organisationId,
          before: before && changedOnly(before, after, secret !== ''),
          after: before
            ? changedOnly(after, before, secret !== '')
            : { ...after, clientSecret: 'set' },
        },
        trx
      )
      return { type: 'saved' as const, provider }
    })
  } catch (error) {
    // Another provider took one of the domains at the same moment.
    if (isUniqueViolation(error)) {
      return { type: 'domain_taken' as const, domain: domains[0], providerName: 'another provider' }
    }
    throw error
  } finally {
    forgetDiscoveredProviders()
  }
}

/* The values that differ from the other side's; a new secret shows as changed, never as itself. */
function changedOnly(
  values: Record<string, unknown>,
  other: Record<string, unknown>,
  secretChanged: boolean
) {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(values)) {
    if (JSON.stringify(value) !== JSON.stringify(other[key])) out[key] = value
  }
  if (secretChanged) out.clientSecret = 'changed'
  return out
}

/*
 * Removes an identity provider: its domains go with it, and the people it
 * signed in keep their accounts (they sign in with a password, if they
 * have one, or through a provider added later for their domain).
 */
export async function deleteIdentityProvider(provider: IdentityProvider) {
  await db.transaction(async (trx) => {
    const domains = await domainsOf(provider.id, trx)
    await trx.from('identity_provider_domains').where('identity_provider_id', provider.id).delete()
    await trx.from('user_identities').where('identity_provider_id', provider.id).delete()
    provider.useTransaction(trx)
    await provider.delete()
    await recordAudit(
      {
        action: AuditActions.Delete,
        subjectType: IdentityProvider.auditSubjectType,
        subjectId: provider.id,
        subjectLabel: provider.name,
        organisationId: provider.organisationId,
        before: audited(provider, domains),
      },
      trx
    )
  })
  forgetDiscoveredProviders()
}
