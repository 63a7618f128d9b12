import { DateTime } from 'luxon'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'

type Client = QueryClientContract | TransactionClientContract

/*
 * Single sign-on in the demo: HM Revenue and Customs signs its people in
 * through a department identity provider, which `npm run demo` runs on
 * this machine (bin/demo_identity_provider.ts, on the port after the
 * service's). Its accounts are in the domain below; one is already in the
 * service (linked on first sign-in), the other is not (added as a learner
 * when they first sign in). Demo and development only: the provider is an
 * oidc-provider, a development dependency, over plain http.
 */
export const DEMO_SSO = {
  name: 'HMRC staff sign-in (demo)',
  organisationCode: 'hmrc',
  domain: 'hmrc.demo.example',
  clientId: 'digital-capability-demo',
  clientSecret: 'demo-only-client-secret-not-for-any-real-provider',
  password: 'department-password',
  accounts: [
    { email: 'priya.shah@hmrc.demo.example', name: 'Priya Shah', inService: true },
    { email: 'tom.evans@hmrc.demo.example', name: 'Tom Evans', inService: false },
  ],
}

/*
 * The demo provider's client and accounts (bin/demo_identity_provider.ts),
 * sending people back to the service at the given address.
 */
export function demoIdentityProviderOptions(serviceUrl: string) {
  const service = serviceUrl.replace(/\/+$/, '')
  return {
    clientId: DEMO_SSO.clientId,
    clientSecret: DEMO_SSO.clientSecret,
    redirectUris: [`${service}/sign-in/department/callback`],
    postLogoutRedirectUris: [`${service}/sign-in`],
    accounts: DEMO_SSO.accounts.map((account) => ({
      email: account.email,
      name: account.name,
      password: DEMO_SSO.password,
    })),
    title: DEMO_SSO.name,
  }
}

/* Where the demo's provider answers: given by bin/demo.js, else the port after the service's default. */
export function demoIssuer() {
  return process.env.DEMO_IDENTITY_PROVIDER_URL || 'http://localhost:3334'
}

/*
 * Adds the demo's identity provider (or points it at the current issuer and
 * secret, when it is there already: the port can change between runs) and
 * the demo account that is already in the service. Nothing when the demo
 * department is missing.
 */
export async function seedDemoSingleSignOn(client: Client) {
  const organisation = await client
    .from('organisations')
    .where('code', DEMO_SSO.organisationCode)
    .select('id')
    .first()
  if (!organisation) return null
  // Loaded here: the demo's provider reads DEMO_SSO without booting the application.
  const { encryptSecret } = await import('#services/single_sign_on')
  const now = DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss')
  const values = {
    issuer: demoIssuer(),
    client_id: DEMO_SSO.clientId,
    client_secret: encryptSecret(DEMO_SSO.clientSecret),
    organisation_id: organisation.id,
    updated_at: now,
  }

  const domain = await client
    .from('identity_provider_domains')
    .where('domain', DEMO_SSO.domain)
    .select('identity_provider_id')
    .first()
  if (domain) {
    await client.from('identity_providers').where('id', domain.identity_provider_id).update(values)
  } else {
    await client
      .table('identity_providers')
      .insert({ ...values, name: DEMO_SSO.name, created_at: now })
    const provider = await client
      .from('identity_providers')
      .where('name', DEMO_SSO.name)
      .orderBy('id', 'desc')
      .select('id')
      .firstOrFail()
    await client
      .table('identity_provider_domains')
      .insert({ identity_provider_id: provider.id, domain: DEMO_SSO.domain })
  }

  for (const account of DEMO_SSO.accounts.filter((candidate) => candidate.inService)) {
    const existing = await client.from('users').where('email', account.email).select('id').first()
    if (existing) continue
    // Managed, like everyone in the demo, by someone senior in the department with room for a report.
    const manager = await client
      .from('users as u')
      .where('u.organisation_id', organisation.id)
      .whereIn('u.grade', ['G7', 'G6'])
      .whereRaw(
        '(select count(*) from users as r where r.line_manager_id = u.id) between ? and ?',
        [3, 7]
      )
      .orderBy('u.id')
      .select('u.id')
      .first()
    await client.table('users').insert({
      full_name: account.name,
      email: account.email,
      password: null,
      organisation_id: organisation.id,
      line_manager_id: manager?.id ?? null,
      grade: 'SEO',
      profession: 'digital',
      created_at: now,
      updated_at: now,
    })
    const person = await client
      .from('users')
      .where('email', account.email)
      .select('id')
      .firstOrFail()
    await client
      .table('user_roles')
      .insert({ user_id: person.id, role: 'learner', created_at: now })
  }
  return { issuer: values.issuer }
}
