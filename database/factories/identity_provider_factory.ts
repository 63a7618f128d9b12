import IdentityProvider from '#models/identity_provider'
import IdentityProviderDomain from '#models/identity_provider_domain'
import UserIdentity from '#models/user_identity'
import type Organisation from '#models/organisation'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import { encryptSecret } from '#services/single_sign_on'

let sequence = 0

/*
 * An identity provider for the given issuer and client, signing in for the
 * given domains, its new people joining the given organisation (a new
 * department when none is given).
 */
export async function createIdentityProvider(options: {
  issuer: string
  clientId: string
  clientSecret: string
  domains: string[]
  organisation?: Organisation
  name?: string
}) {
  sequence += 1
  const organisation = options.organisation ?? (await OrganisationFactory.create())
  const provider = await IdentityProvider.create({
    name: options.name ?? `Department sign-in ${sequence}`,
    issuer: options.issuer,
    clientId: options.clientId,
    clientSecret: encryptSecret(options.clientSecret),
    organisationId: organisation.id,
  })
  for (const domain of options.domains) {
    await IdentityProviderDomain.create({ identityProviderId: provider.id, domain })
  }
  return provider
}

/* A domain no other test uses, so providers' domains never clash. */
export function uniqueDomain(label = 'dept') {
  sequence += 1
  return `${label}${sequence}-${Math.random().toString(36).slice(2, 8)}.example.gov.uk`
}

/* A person's account here linked to their department account at a provider, known by its subject. */
export async function linkDepartmentAccount(
  person: { id: number },
  provider: IdentityProvider,
  subject: string
) {
  return UserIdentity.create({ userId: person.id, identityProviderId: provider.id, subject })
}
