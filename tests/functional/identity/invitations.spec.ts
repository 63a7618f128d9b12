import { test } from '@japa/runner'
import {
  type FormChange,
  assertPageIncludes,
  assertPagesAndChangesAnswer,
} from '#tests/support/page_access'
import type { Assert } from '@japa/assert'
import type { ApiClient } from '@japa/api-client'
import type { FakeMailer } from '@adonisjs/mail'
import { createHash } from 'node:crypto'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import { DateTime } from 'luxon'
import { createUser, grantRole } from '#database/factories/user_factory'
import {
  OrganisationFactory,
  createChildOrganisation,
} from '#database/factories/organisation_factory'
import User from '#models/user'
import AuditEvent from '#models/audit_event'
import InvitationRun from '#models/invitation_run'
import PasswordLink from '#models/password_link'
import StaffImport from '#models/staff_import'
import { apiAs, bearer } from '#tests/support/api'
import { Visitor, forgetAllSessions } from '#tests/support/session_cookies'
import {
  clock,
  invitationsIn,
  linkPathOf,
  setPasswordAt,
  signsIn,
  statusAt,
  textAt,
} from '#tests/support/password_links'
import { submitAs } from '#tests/support/forms'

const GOOD_PASSWORD = 'lighthouse copper meadow'

/*
 * DfT with its agency DVLA, and HMRC; HR of DfT and of HMRC, a capability
 * admin, and at DVLA a person added by a staff import (no password, never
 * signed in) and one who has signed in.
 */
async function setting() {
  const dft = await OrganisationFactory.merge({
    code: 'dft',
    name: 'Department for Transport',
  }).create()
  const dvla = await createChildOrganisation(dft, { code: 'dvla', name: 'DVLA' })
  const hmrc = await OrganisationFactory.merge({ code: 'hmrc', name: 'HMRC' }).create()
  const dftHr = await createUser({
    roles: ['department_hr', 'learner'],
    organisation: dft,
    overrides: { fullName: 'Dee Dft' },
  })
  const hmrcHr = await createUser({ roles: ['department_hr', 'learner'], organisation: hmrc })
  const admin = await createUser({ roles: ['capability_admin', 'learner'], organisation: hmrc })
  const newcomer = await imported(dvla, 'Nia Newcomer')
  const regular = await createUser({
    organisation: dvla,
    overrides: { fullName: 'Reg Ular', lastSignedInAt: DateTime.now().minus({ days: 3 }) },
  })
  return { dft, dvla, hmrc, dftHr, hmrcHr, admin, newcomer, regular }
}

/* Someone as a staff import adds them: no password, never signed in. */
async function imported(organisation: { id: number }, fullName: string) {
  const user = await createUser({ organisation: organisation as any, overrides: { fullName } })
  await db.from('users').where('id', user.id).update({ password: null })
  return User.findOrFail(user.id)
}

function post(client: any, url: string, user: User, form: Record<string, unknown> = {}) {
  return submitAs(client, user).post(url, form)
}

async function events(action: string, userId: number) {
  return AuditEvent.query()
    .where('action', action)
    .where('subject_type', 'user')
    .where('subject_id', String(userId))
    .orderBy('id')
}

async function setPassword(visitor: Visitor, path: string, password = GOOD_PASSWORD) {
  return visitor.setPassword(path, password)
}

/* Sends the person an invitation as HR and answers the path of the link it carries. */
async function invitationLink(client: ApiClient, fake: FakeMailer, hr: User, person: User) {
  await post(client, `/admin/users/${person.id}/invitation`, hr)
  return linkPathOf(invitationsIn(fake)[0])
}

/*
 * The link answers 410 with the message, to a browser opening it and to a
 * password sent to it, and the person still has no password; answers the page.
 */
async function assertLinkRefused(
  assert: Assert,
  client: ApiClient,
  path: string,
  person: User,
  message: string
) {
  const page = await new Visitor().get(path)
  assert.equal(page.status, 410)
  assert.include(page.text, message)
  const used = await setPasswordAt(client, path, GOOD_PASSWORD)
  used.assertStatus(410)
  await person.refresh()
  assert.isNull(person.password)
  return page
}

test.group('Invitations', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => forgetAllSessions())
  group.each.setup(() => limiter.clear(['memory']))
  group.each.teardown(() => mail.restore())
  group.each.teardown(() => clock.restore())

  test('HR invite a person from their page: a single-use link for 7 days is e-mailed and audited', async ({
    client,
    assert,
  }) => {
    const fake = mail.fake()
    const sentAt = clock.at(DateTime.fromISO('2026-06-01T09:00:00Z'))
    const { dftHr, newcomer } = await setting()
    const page = await client.get(`/admin/users/${newcomer.id}`).loginAs(dftHr)
    page.assertTextIncludes('Never signed in')
    page.assertTextIncludes('Send an invitation')

    const sent = await post(client, `/admin/users/${newcomer.id}/invitation`, dftHr)
    sent.assertHeader('location', `/admin/users/${newcomer.id}`)
    sent.assertFlashMessage(
      'success',
      `An invitation has been sent to ${newcomer.email}. Its link works until 8 Jun 2026 at 10am`
    )

    const [invitation] = invitationsIn(fake)
    assert.lengthOf(invitationsIn(fake), 1)
    invitation.message.assertTo(newcomer.email, 'Nia Newcomer')
    invitation.message.assertSubject('You are invited to the Digital Capability Service')
    invitation.message.assertTextIncludes('Dee Dft invited you to the Digital Capability Service')
    invitation.message.assertTextIncludes('until 10am on Monday 8 June 2026 (UK time)')
    invitation.message.assertTextIncludes(`Create your password:\n${invitation.link}`)
    invitation.message.assertHtmlIncludes(`href="${invitation.link}"`)

    // Only a hash of the secret is stored.
    const token = linkPathOf(invitation).split('/').pop()!
    const row = await db.from('password_links').where('user_id', newcomer.id).firstOrFail()
    assert.equal(row.kind, 'invitation')
    assert.equal(token.slice(0, 22), row.selector)
    assert.equal(row.secret_hash, createHash('sha256').update(token.slice(22)).digest('hex'))
    assert.notInclude(JSON.stringify(row), token.slice(22))
    const link = await PasswordLink.findOrFail(row.id)
    assert.equal(link.expiresAt.toUTC().toISO(), sentAt.plus({ days: 7 }).toUTC().toISO())

    const [event] = await events('invitation_sent', newcomer.id)
    assert.equal(event.actorId, dftHr.id)
    assert.deepEqual(JSON.parse(event.after!), {
      expiresAt: '2026-06-08T09:00:00Z',
      via: 'person page',
    })

    await assertPageIncludes(client, dftHr, `/admin/users/${newcomer.id}`, [
      'Invited: the link works until 8 Jun 2026 at 10am',
      'Withdraw the invitation',
    ])
    await assertPageIncludes(client, dftHr, '/admin/users?account=invited', [
      'Nia Newcomer',
      'Until 8 Jun 2026 at 10am',
    ])
  })

  test('the link signs the person in with the password they create, in a new session, once', async ({
    client,
    assert,
  }) => {
    const fake = mail.fake()
    const { dftHr, newcomer } = await setting()
    const path = await invitationLink(client, fake, dftHr, newcomer)

    const browser = new Visitor()
    const form = await browser.get(path)
    assert.equal(form.status, 200)
    assert.include(form.text, '<h1>Create your password</h1>')
    assert.include(form.text, newcomer.email)
    const before = await browser.sessionId()

    // The service's password rule applies.
    const weak = await setPassword(browser, path, 'password123!')
    assert.equal(weak.status, 302)
    const refused = await browser.get(path)
    assert.include(
      refused.text,
      'Choose a password that is harder to guess: this one is too common'
    )
    assert.include(refused.text, '<title>Error: Create your password')
    const mismatch = await browser.submit(path, path, {
      newPassword: GOOD_PASSWORD,
      confirmPassword: 'something else entirely',
    })
    assert.equal(mismatch.status, 302)
    assert.include(await textAt(browser, path), 'The passwords do not match')
    assert.isFalse(await browser.isSignedIn())

    const done = await setPassword(browser, path)
    assert.equal(done.status, 302)
    assert.equal(done.location, '/')
    assert.notEqual(await browser.sessionId(), before)
    const home = await browser.get('/')
    assert.include(home.text, 'Your password has been created and you are signed in')
    assert.include(home.text, 'Welcome, Nia Newcomer')

    await newcomer.refresh()
    assert.isNotNull(newcomer.lastSignedInAt)
    assert.isTrue(await newcomer.verifyPassword(GOOD_PASSWORD))
    const [accepted] = await events('invitation_accepted', newcomer.id)
    assert.equal(accepted.actorId, newcomer.id)
    assert.lengthOf(await events('sign_in', newcomer.id), 1)

    // The link works once.
    const again = await new Visitor().get(path)
    assert.equal(again.status, 410)
    assert.include(again.text, 'This link has already been used')
    const replay = await setPasswordAt(client, path, 'another fine passphrase')
    replay.assertStatus(410)
    await newcomer.refresh()
    assert.isTrue(await newcomer.verifyPassword(GOOD_PASSWORD))

    // And with the password they chose, they sign in as anyone does.
    assert.isTrue(await signsIn(newcomer.email, GOOD_PASSWORD))
    const page = await client.get(`/admin/users/${newcomer.id}`).loginAs(dftHr)
    assert.match(page.text(), /<dt[^>]*>Account<\/dt>\s*<dd[^>]*>Active<\/dd>/)
  })

  test('using the link ends every other session of the person, and of whoever was signed in in that browser', async ({
    client,
    assert,
  }) => {
    const fake = mail.fake()
    const { dftHr, dvla } = await setting()
    // Given a password by an administrator, signed in once, then never recorded as signed in.
    const person = await createUser({ organisation: dvla, overrides: { fullName: 'Pat Person' } })
    const elsewhere = await Visitor.signedIn(person.email)
    const token = await bearer(person)
    await db.from('users').where('id', person.id).update({ last_signed_in_at: null })
    const colleague = await createUser({ organisation: dvla })
    const shared = await Visitor.signedIn(colleague.email)
    const colleagueCopy = shared.copy()

    const path = await invitationLink(client, fake, dftHr, person)
    const done = await setPassword(shared, path)
    assert.equal(done.location, '/')
    assert.include(await textAt(shared, '/'), 'Welcome, Pat Person')
    assert.isFalse(await elsewhere.isSignedIn(), 'their other session still signs in')
    assert.isFalse(await colleagueCopy.isSignedIn(), 'the colleague’s session still signs in')
    const api = await apiAs(client, token).get('/api/v1/me')
    api.assertStatus(401)
  })

  test('a link works until 7 days have passed, then says it expired; the person shows the invitation expired', async ({
    client,
    assert,
  }) => {
    const fake = mail.fake()
    const sentAt = clock.at(DateTime.fromISO('2026-06-01T09:00:00Z'))
    const { dftHr, newcomer } = await setting()
    const path = await invitationLink(client, fake, dftHr, newcomer)

    clock.at(sentAt.plus({ days: 7 }).minus({ seconds: 1 }))
    assert.equal(await statusAt(path), 200)

    clock.at(sentAt.plus({ days: 7 }))
    const expired = await assertLinkRefused(
      assert,
      client,
      path,
      newcomer,
      'This invitation has expired'
    )
    assert.include(expired.text, 'Ask your HR team to send you a new invitation')

    await assertPageIncludes(client, dftHr, `/admin/users/${newcomer.id}`, [
      'Invitation expired',
      'Send a new invitation',
    ])
    const list = await client.get('/admin/users?account=invitation_expired').loginAs(dftHr)
    list.assertTextIncludes('Nia Newcomer')
    const invited = await client.get('/admin/users?account=invited').loginAs(dftHr)
    assert.notInclude(invited.text(), 'Nia Newcomer')
  })

  test('resending gives a new link and the old one stops working; withdrawing stops the new one', async ({
    client,
    assert,
  }) => {
    const fake = mail.fake()
    const { dftHr, newcomer } = await setting()
    await post(client, `/admin/users/${newcomer.id}/invitation`, dftHr)
    const resent = await post(client, `/admin/users/${newcomer.id}/invitation`, dftHr)
    const flashed = resent.flashMessages().success as string
    assert.match(
      flashed,
      /^A new invitation has been sent to .*\. The earlier link no longer works/
    )
    const [first, second] = invitationsIn(fake).map(linkPathOf)
    assert.notEqual(first, second)

    const old = await new Visitor().get(first)
    assert.equal(old.status, 410)
    assert.include(old.text, 'This invitation has been withdrawn')
    assert.equal(await statusAt(second), 200)
    assert.lengthOf(await events('invitation_sent', newcomer.id), 1)
    assert.lengthOf(await events('invitation_resent', newcomer.id), 1)

    const withdrawn = await submitAs(client, dftHr).delete(`/admin/users/${newcomer.id}/invitation`)
    withdrawn.assertFlashMessage(
      'success',
      'Nia Newcomer’s invitation has been withdrawn: its link no longer works'
    )
    assert.equal(await statusAt(second), 410)
    const [revoked] = await events('invitation_revoked', newcomer.id)
    assert.equal(revoked.actorId, dftHr.id)
    const page = await client.get(`/admin/users/${newcomer.id}`).loginAs(dftHr)
    page.assertTextIncludes('Never signed in')

    const nothing = await submitAs(client, dftHr).delete(`/admin/users/${newcomer.id}/invitation`)
    nothing.assertFlashMessage('error', 'Nia Newcomer has no invitation to withdraw')
  })

  test('another department’s HR get 404 for the person, learners 403, and nothing is sent', async ({
    client,
    assert,
  }) => {
    const fake = mail.fake()
    const { hmrcHr, newcomer, dftHr } = await setting()
    const learner = await createUser()
    const changes: FormChange[] = [
      ['post', `/admin/users/${newcomer.id}/invitation`, {}],
      ['delete', `/admin/users/${newcomer.id}/invitation`, {}],
      ['post', '/admin/invitations', { who: 'selected', people: [String(newcomer.id)] }],
    ]
    for (const [user, status] of [
      [hmrcHr, 404],
      [learner, 403],
    ] as const) {
      await assertPagesAndChangesAnswer(assert, client, user, { pages: [], changes }, status)
    }
    assert.lengthOf(invitationsIn(fake), 0)
    assert.lengthOf(await events('invitation_sent', newcomer.id), 0)

    // Without the CSRF token nothing is sent either.
    const forged = await client
      .post(`/admin/users/${newcomer.id}/invitation`)
      .loginAs(dftHr)
      .redirects(0)
    forged.assertStatus(302)
    assert.lengthOf(invitationsIn(fake), 0)
  })

  test('nobody who has signed in, is deactivated or is oneself can be invited', async ({
    client,
    assert,
  }) => {
    const fake = mail.fake()
    const { dftHr, regular, dvla } = await setting()
    const signedIn = await post(client, `/admin/users/${regular.id}/invitation`, dftHr)
    signedIn.assertFlashMessage(
      'error',
      'Reg Ular has signed in before: they can reset a forgotten password from the sign-in page'
    )
    const gone = await imported(dvla, 'Gil Gone')
    await db.from('users').where('id', gone.id).update({ deactivated_at: '2026-01-01 00:00:00' })
    const deactivated = await post(client, `/admin/users/${gone.id}/invitation`, dftHr)
    deactivated.assertFlashMessage(
      'error',
      'Gil Gone is deactivated: reactivate the account before inviting them'
    )
    const self = await post(client, `/admin/users/${dftHr.id}/invitation`, dftHr)
    self.assertStatus(403)
    assert.lengthOf(invitationsIn(fake), 0)
  })

  test('a link sent before the person was deactivated no longer works', async ({
    client,
    assert,
  }) => {
    const fake = mail.fake()
    const { dftHr, newcomer } = await setting()
    const path = await invitationLink(client, fake, dftHr, newcomer)
    await post(client, `/admin/users/${newcomer.id}/deactivate`, dftHr)
    await assertLinkRefused(assert, client, path, newcomer, 'This account has been deactivated')
  })

  test('people of a single sign-on only organisation are not invited, and a link sent before no longer works', async ({
    client,
    assert,
  }) => {
    const fake = mail.fake()
    const { dftHr, newcomer, dvla } = await setting()
    const path = await invitationLink(client, fake, dftHr, newcomer)
    await db.from('organisations').where('id', dvla.id).update({ sso_only: true })

    const refused = await post(client, `/admin/users/${newcomer.id}/invitation`, dftHr)
    refused.assertFlashMessage(
      'error',
      'Nia Newcomer signs in with single sign-on: their organisation does not use passwords'
    )
    assert.lengthOf(invitationsIn(fake), 1)
    await assertLinkRefused(assert, client, path, newcomer, 'Your organisation uses single sign-on')
  })

  test('a made-up or altered link answers 404 and says what to do', async ({ client, assert }) => {
    const fake = mail.fake()
    const { dftHr, newcomer } = await setting()
    const path = await invitationLink(client, fake, dftHr, newcomer)
    const altered = path.slice(0, -1) + (path.endsWith('A') ? 'B' : 'A')
    for (const url of [altered, '/set-password/nothing', `/set-password/${'a'.repeat(65)}`]) {
      const response = await client.get(url)
      response.assertStatus(404)
      response.assertTextIncludes('This link does not work')
    }
    assert.equal(await statusAt(path), 200)
  })

  test('HR invite the people they tick, or everyone on the page without JavaScript; the others are counted', async ({
    client,
    assert,
  }) => {
    const fake = mail.fake()
    const { dftHr, newcomer, regular, dvla, admin } = await setting()
    const second = await imported(dvla, 'Sam Second')
    await assertPageIncludes(client, dftHr, '/admin/users?organisationId=' + dvla.id, [
      'name="people[]"',
      'name="listed[]"',
      'Select everyone on this page',
    ])

    const nobody = await post(client, '/admin/invitations', dftHr, { who: 'selected' })
    nobody.assertFlashMessage('inputErrorsBag', {
      people: ['Select the people to invite, or choose everyone found by the filters'],
    })

    const ticked = await post(client, '/admin/invitations', dftHr, {
      who: 'selected',
      people: [String(newcomer.id), String(regular.id)],
    })
    ticked.assertStatus(302)
    assert.deepEqual(ticked.flashMessages().invitationSummary, {
      headline: 'Invitations sent to 1 person',
      notInvited: ['1 person has already signed in'],
    })
    assert.deepEqual(
      invitationsIn(fake).map((sent) => sent.recipient().name),
      ['Nia Newcomer']
    )

    // "Select all" with the page's people listed: everyone on it; the one already invited is left alone.
    const all = await post(client, '/admin/invitations', dftHr, {
      who: 'selected',
      all: 'page',
      listed: [newcomer.id, regular.id, second.id].map(String),
    })
    assert.deepEqual(all.flashMessages().invitationSummary, {
      headline: 'Invitations sent to 1 person',
      notInvited: [
        '1 person has already signed in',
        '1 person already has an invitation that has not expired',
      ],
    })
    assert.deepEqual(
      invitationsIn(fake).map((sent) => sent.recipient().name),
      ['Nia Newcomer', 'Sam Second']
    )
    assert.lengthOf(await events('invitation_sent', second.id), 1)

    // A capability admin in HR's organisation is named, not invited.
    const otherAdmin = await imported(dvla, 'Ada Admin')
    await grantRole(otherAdmin, 'capability_admin')
    const mixed = await post(client, '/admin/invitations', dftHr, {
      who: 'selected',
      people: [String(otherAdmin.id)],
    })
    assert.deepEqual(mixed.flashMessages().invitationSummary, {
      headline: 'No invitations were sent',
      notInvited: ['Ada Admin: you cannot invite this person'],
    })
    void admin
  })

  test('inviting everyone the filters found makes a run whose page counts who was invited and who not', async ({
    client,
    assert,
  }) => {
    const fake = mail.fake()
    const { dftHr, hmrcHr, dvla, hmrc } = await setting()
    await imported(dvla, 'Sam Second')
    await imported(hmrc, 'Hal Elsewhere')
    const sent = await post(client, '/admin/invitations', dftHr, {
      'who': 'found',
      'filters[organisationId]': String(dvla.id),
    })
    const run = await InvitationRun.query().orderBy('id', 'desc').firstOrFail()
    sent.assertHeader('location', `/admin/invitations/${run.id}`)
    assert.equal(run.status, 'done')
    assert.equal(run.total, 3)
    assert.equal(run.invited, 2)
    assert.deepEqual(run.notInvited, { signed_in: 1 })
    assert.sameMembers(
      invitationsIn(fake).map((invitation) => invitation.recipient().name),
      ['Nia Newcomer', 'Sam Second']
    )

    const page = await client.get(`/admin/invitations/${run.id}`).loginAs(dftHr)
    page.assertStatus(200)
    page.assertTextIncludes('Invitations sent to 2 people')
    page.assertTextIncludes('1 person has already signed in')
    const elsewhere = await client.get(`/admin/invitations/${run.id}`).loginAs(hmrcHr)
    elsewhere.assertStatus(404)
    const progress = await client.get(`/admin/invitations/${run.id}/progress`).loginAs(dftHr)
    assert.deepEqual(progress.body(), {
      status: 'done',
      working: false,
      percent: 100,
      processed: 3,
      total: 3,
    })
  })
})

test.group('Invitations: from a staff import to signed in', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => forgetAllSessions())
  group.each.teardown(() => mail.restore())

  test('a person from a staff import is signed in by invitation within a minute of HR pressing the button', async ({
    client,
    assert,
  }) => {
    const fake = mail.fake()
    const dft = await OrganisationFactory.merge({
      code: 'dft',
      name: 'Department for Transport',
    }).create()
    const dftHr = await createUser({ roles: ['department_hr', 'learner'], organisation: dft })
    const file = Buffer.from(
      'email,name,organisation code,grade,profession\n' +
        'ada.new@dft.example,Ada New,dft,EO,\n' +
        'bo.new@dft.example,Bo New,dft,HEO,\n'
    )
    await client
      .post('/admin/staff-imports')
      .withCsrfToken()
      .loginAs(dftHr)
      .file('file', file, { filename: 'people.csv' })
      .redirects(0)
    const staffImport = await StaffImport.query().orderBy('id', 'desc').firstOrFail()
    await post(client, `/admin/staff-imports/${staffImport.id}/apply`, dftHr)
    const applied = await client.get(`/admin/staff-imports/${staffImport.id}`).loginAs(dftHr)
    applied.assertTextIncludes('Invite everyone added (2 people)')

    const pressed = Date.now()
    const invited = await post(client, `/admin/staff-imports/${staffImport.id}/invitations`, dftHr)
    const run = await InvitationRun.query().orderBy('id', 'desc').firstOrFail()
    invited.assertHeader('location', `/admin/invitations/${run.id}`)
    const invitation = invitationsIn(fake).find((sent) => sent.recipient().name === 'Ada New')!
    const browser = new Visitor()
    const done = await setPassword(browser, linkPathOf(invitation))
    assert.equal(done.location, '/')
    assert.include(await textAt(browser, '/'), 'Welcome, Ada New')
    const elapsed = Date.now() - pressed
    assert.isBelow(elapsed, 60_000, `signed in ${elapsed} ms after the button was pressed`)

    assert.equal(run.invited, 2)
    const ada = await User.findByOrFail('email', 'ada.new@dft.example')
    const [event] = await events('invitation_sent', ada.id)
    assert.deepEqual(JSON.parse(event.after!).via, 'staff import')
    await assertPageIncludes(client, dftHr, `/admin/staff-imports/${staffImport.id}`, [
      'Invitations were sent to 2 people',
      'Invite those not yet invited',
    ])
  })
})
