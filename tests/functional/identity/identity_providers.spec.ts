import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import encryption from '@adonisjs/core/services/encryption'
import { createUser } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import { createIdentityProvider, uniqueDomain } from '#database/factories/identity_provider_factory'
import AuditEvent from '#models/audit_event'
import IdentityProvider from '#models/identity_provider'
import IdentityProviderDomain from '#models/identity_provider_domain'
import { submitAs } from '#tests/support/forms'
import type Organisation from '#models/organisation'

const SECRET = 'a-client-secret-nobody-may-read-again'

async function admin() {
  return createUser({ roles: ['capability_admin'] })
}

function formFor(organisationId: number, overrides: Record<string, string> = {}) {
  return {
    name: 'HMRC staff sign-in',
    issuer: 'https://login.hmrc.example.gov.uk',
    clientId: 'digital-capability',
    clientSecret: SECRET,
    domains: `${uniqueDomain('hmrc')}\n@${uniqueDomain('voa')}`,
    organisationId: String(organisationId),
    ...overrides,
  }
}

/* A provider at login.example.gov.uk signing in for the domain, its new people joining the organisation. */
function providerOf(organisation: Organisation, domain: string, name?: string) {
  return createIdentityProvider({
    name,
    issuer: 'https://login.example.gov.uk',
    clientId: 'dcs',
    clientSecret: SECRET,
    domains: [domain],
    organisation,
  })
}

async function providerEvents(providerId: number) {
  return AuditEvent.query()
    .where('subject_type', 'identity_provider')
    .where('subject_id', String(providerId))
    .orderBy('id')
}

test.group('Identity providers: who configures them', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('only capability admins see or change identity providers', async ({ client, assert }) => {
    const organisation = await OrganisationFactory.create()
    const provider = await providerOf(organisation, uniqueDomain())
    for (const roles of [['department_hr'], ['learner'], ['course_admin']] as const) {
      const user = await createUser({ roles: [...roles], organisation })
      for (const page of ['', '/create', `/${provider.id}/edit`]) {
        const response = await client.get(`/admin/identity-providers${page}`).loginAs(user)
        response.assertStatus(403)
      }
      const post = await submitAs(client, user).post(
        '/admin/identity-providers',
        formFor(organisation.id)
      )
      post.assertStatus(403)
      const removal = await submitAs(client, user).delete(
        `/admin/identity-providers/${provider.id}`
      )
      removal.assertStatus(403)
    }
    assert.lengthOf(await IdentityProvider.all(), 1, 'nothing added or removed')
    const allowed = await client.get('/admin/identity-providers').loginAs(await admin())
    allowed.assertStatus(200)
  })

  test('a provider that does not exist answers 404', async ({ client }) => {
    const response = await client
      .get('/admin/identity-providers/999999/edit')
      .loginAs(await admin())
    response.assertStatus(404)
  })
})

test.group('Identity providers: adding and changing', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a capability admin adds a provider: the secret is kept encrypted and never shown or audited', async ({
    client,
    assert,
  }) => {
    const user = await admin()
    const organisation = await OrganisationFactory.merge({
      name: 'HM Revenue and Customs',
    }).create()
    const form = formFor(organisation.id)
    const response = await submitAs(client, user).post('/admin/identity-providers', form)
    response.assertStatus(302)
    response.assertHeader('location', '/admin/identity-providers')

    const provider = await IdentityProvider.findByOrFail('name', 'HMRC staff sign-in')
    assert.equal(provider.issuer, 'https://login.hmrc.example.gov.uk')
    assert.equal(provider.organisationId, organisation.id)
    assert.notInclude(provider.clientSecret, SECRET)
    assert.equal(
      encryption.decrypt(provider.clientSecret, 'identity_provider.client_secret'),
      SECRET
    )
    const domains = await IdentityProviderDomain.query()
      .where('identity_provider_id', provider.id)
      .orderBy('domain')
    const [first, second] = form.domains.split('\n')
    assert.deepEqual(
      domains.map((row) => row.domain),
      [first, second.slice(1)].sort()
    )

    const list = await client.get('/admin/identity-providers').loginAs(user)
    list.assertTextIncludes('HMRC staff sign-in')
    list.assertTextIncludes('HM Revenue and Customs')
    list.assertTextIncludes('/sign-in/department/callback')
    const edit = await client.get(`/admin/identity-providers/${provider.id}/edit`).loginAs(user)
    edit.assertStatus(200)
    assert.notInclude(edit.text(), SECRET)
    assert.notInclude(edit.text(), provider.clientSecret)
    assert.notInclude(list.text(), SECRET)

    const [created] = await providerEvents(provider.id)
    assert.equal(created.action, 'create')
    assert.notInclude(created.after ?? '', SECRET)
    assert.notInclude(created.after ?? '', provider.clientSecret)
    assert.include(created.after ?? '', '"clientSecret":"[redacted]"')
    assert.include(created.after ?? '', first)
  })

  test('changing a provider without a new secret keeps the saved one; a new one replaces it, audited without its value', async ({
    client,
    assert,
  }) => {
    const user = await admin()
    const organisation = await OrganisationFactory.create()
    const domain = uniqueDomain()
    const provider = await providerOf(organisation, domain)
    const kept = provider.clientSecret
    const unchanged = await submitAs(client, user).put(
      `/admin/identity-providers/${provider.id}`,
      formFor(organisation.id, { clientSecret: '', domains: domain, name: 'Renamed' })
    )
    unchanged.assertHeader('location', '/admin/identity-providers')
    await provider.refresh()
    assert.equal(provider.name, 'Renamed')
    assert.equal(provider.clientSecret, kept)

    const replaced = await submitAs(client, user).put(
      `/admin/identity-providers/${provider.id}`,
      formFor(organisation.id, {
        clientSecret: 'the-new-secret',
        domains: domain,
        name: 'Renamed',
      })
    )
    replaced.assertHeader('location', '/admin/identity-providers')
    await provider.refresh()
    assert.equal(
      encryption.decrypt(provider.clientSecret, 'identity_provider.client_secret'),
      'the-new-secret'
    )
    const events = await providerEvents(provider.id)
    const last = events[events.length - 1]
    assert.equal(last.action, 'update')
    assert.notInclude(`${last.before}${last.after}`, 'the-new-secret')
    assert.include(last.after ?? '', '"clientSecret":"[redacted]"')
  })

  test('a domain belongs to one provider', async ({ client, assert }) => {
    const user = await admin()
    const organisation = await OrganisationFactory.create()
    const domain = uniqueDomain()
    await providerOf(organisation, domain, 'First sign-in')
    const response = await submitAs(client, user).post(
      '/admin/identity-providers',
      formFor(organisation.id, { domains: `${uniqueDomain()}\n${domain.toUpperCase()}` })
    )
    response.assertStatus(302)
    response.assertFlashMessage('inputErrorsBag', {
      domains: [
        `${domain} already signs in through First sign-in: a domain belongs to one provider`,
      ],
    })
    assert.isNull(await IdentityProvider.findBy('name', 'HMRC staff sign-in'))
  })

  test('an empty or malformed form gets a specific message for each field, and the secret is not kept in the session', async ({
    client,
    assert,
  }) => {
    const user = await admin()
    const empty = await submitAs(client, user).post('/admin/identity-providers', {})
    empty.assertFlashMessage('inputErrorsBag', {
      name: ['Enter the name people know the sign-in service by'],
      issuer: ['Enter the issuer URL, like https://login.example.gov.uk'],
      clientId: ['Enter the client ID the provider gave this service'],
      domains: ['Enter at least one email domain, like hmrc.gov.uk'],
      organisationId: ['Select the organisation new people join'],
    })

    const organisation = await OrganisationFactory.create()
    const malformed = await submitAs(client, user).post(
      '/admin/identity-providers',
      formFor(organisation.id, {
        issuer: 'login.example.gov.uk',
        domains: 'hmrc.gov.uk\nnot a domain',
      })
    )
    malformed.assertFlashMessage('inputErrorsBag', {
      issuer: ['Enter the issuer URL as a full web address, like https://login.example.gov.uk'],
      domains: ['Enter each email domain as its name only, like hmrc.gov.uk: "not" is not one'],
    })
    const flashed = malformed.flashMessages() as Record<string, unknown>
    assert.equal(flashed.name, 'HMRC staff sign-in', 'typed values are kept')
    assert.notProperty(flashed, 'clientSecret')
    assert.notInclude(JSON.stringify(flashed), SECRET)

    const noSecret = await submitAs(client, user).post(
      '/admin/identity-providers',
      formFor(organisation.id, { clientSecret: '' })
    )
    noSecret.assertFlashMessage('inputErrorsBag', {
      clientSecret: ['Enter the client secret the provider gave this service'],
    })
    const withQuery = await submitAs(client, user).post(
      '/admin/identity-providers',
      formFor(organisation.id, { issuer: 'https://login.example.gov.uk/?tenant=1' })
    )
    withQuery.assertFlashMessage('inputErrorsBag', {
      issuer: ['Enter the issuer URL without a query or a # part'],
    })
    assert.lengthOf(await IdentityProvider.all(), 0)
  })

  test('removing a provider removes its domains, keeps its people and is audited', async ({
    client,
    assert,
  }) => {
    const user = await admin()
    const organisation = await OrganisationFactory.create()
    const provider = await providerOf(organisation, uniqueDomain())
    const person = await createUser({ organisation })
    const response = await submitAs(client, user).delete(`/admin/identity-providers/${provider.id}`)
    response.assertHeader('location', '/admin/identity-providers')
    assert.isNull(await IdentityProvider.find(provider.id))
    assert.isNull(await IdentityProviderDomain.findBy('identity_provider_id', provider.id))
    await person.refresh()
    const events = await providerEvents(provider.id)
    assert.equal(events[events.length - 1].action, 'delete')
  })
})
