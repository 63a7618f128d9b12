import db from '@adonisjs/lucid/services/db'
import IdentityProvider from '#models/identity_provider'

export type IdentityProviderRow = {
  id: number
  name: string
  issuer: string
  organisationName: string
  domains: string[]
  people: number
}

/* Every identity provider with its domains, default organisation and how many people it has signed in. */
export async function identityProviderList(): Promise<IdentityProviderRow[]> {
  const rows = await db
    .from('identity_providers')
    .join('organisations', 'organisations.id', 'identity_providers.organisation_id')
    .select(
      'identity_providers.id',
      'identity_providers.name',
      'identity_providers.issuer',
      'organisations.name as organisation_name'
    )
    .select(
      db
        .from('user_identities')
        .whereColumn('user_identities.identity_provider_id', 'identity_providers.id')
        .count('*')
        .as('people')
    )
    .orderBy('identity_providers.name')
  const domains = await db
    .from('identity_provider_domains')
    .whereIn(
      'identity_provider_id',
      rows.map((row) => row.id)
    )
    .orderBy('domain')
    .select('identity_provider_id', 'domain')
  return rows.map((row) => ({
    id: Number(row.id),
    name: String(row.name),
    issuer: String(row.issuer),
    organisationName: String(row.organisation_name),
    domains: domains
      .filter((domain) => Number(domain.identity_provider_id) === Number(row.id))
      .map((domain) => String(domain.domain)),
    people: Number(row.people),
  }))
}

/* One provider by the id in an address; null reads as "not found". */
export async function findIdentityProvider(id: unknown) {
  const key = Number(id)
  if (!Number.isSafeInteger(key) || key < 1) return null
  return IdentityProvider.query().where('id', key).preload('domains').first()
}
