import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import { DateTime } from 'luxon'
import { createUser } from '#database/factories/user_factory'
import {
  OrganisationFactory,
  createChildOrganisation,
} from '#database/factories/organisation_factory'
import User from '#models/user'
import AuditEvent from '#models/audit_event'
import UsersCreateAdmin from '../../../commands/users_create_admin.js'
import { Visitor, forgetAllSessions } from '#tests/support/session_cookies'
import { invitationsIn, linkPathOf, statusAt, textAt } from '#tests/support/password_links'

async function run(...args: string[]) {
  const ace = await app.container.make('ace')
  ace.ui.switchMode('raw')
  const command = await ace.create(UsersCreateAdmin, args)
  await command.exec()
  const logs = command.logger.getLogs().map((log) => log.message)
  return { command, logs, text: logs.join('\n') }
}

async function rolesOf(email: string) {
  const rows = await db
    .from('user_roles')
    .join('users', 'users.id', 'user_roles.user_id')
    .where('users.email', email)
    .orderBy('role')
    .select('role')
  return rows.map((row) => row.role)
}

test.group('users:create-admin', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => forgetAllSessions())
  group.each.teardown(() => mail.restore())

  test('creates a capability admin in the only organisation and e-mails an invitation, all audited', async ({
    assert,
  }) => {
    const fake = mail.fake()
    const co = await OrganisationFactory.merge({ code: 'co', name: 'Cabinet Office' }).create()
    const { command, text } = await run(
      '--email',
      'First.Admin@Example.gov.uk',
      '--name',
      'Fay First'
    )
    command.assertSucceeded()
    assert.include(
      text,
      'Created Fay First (first.admin@example.gov.uk) in Cabinet Office (co) as a capability admin'
    )
    assert.match(
      text,
      /Invitation e-mailed to first\.admin@example\.gov\.uk; its link works until /
    )

    const admin = await User.findByOrFail('email', 'first.admin@example.gov.uk')
    assert.equal(admin.organisationId, co.id)
    assert.isNull(admin.password)
    assert.deepEqual(await rolesOf(admin.email), ['capability_admin', 'learner'])

    const [invitation] = invitationsIn(fake)
    assert.lengthOf(fake.mails.sent(), 1)
    invitation.message.assertTo(admin.email, 'Fay First')
    invitation.message.assertTextIncludes('Your organisation invited you')

    const actions = await AuditEvent.query()
      .where('subject_type', 'user')
      .where('subject_id', String(admin.id))
      .orderBy('id')
    // The person's creation, then the roles given, then the invitation.
    assert.equal(actions[0].action, 'create')
    assert.deepEqual(
      actions.map((event) => event.action).filter((action) => action !== 'create'),
      ['update', 'invitation_sent']
    )
    assert.isTrue(actions.every((event) => event.actorId === null))
    const [granted, invited] = actions.filter((event) => event.action !== 'create')
    assert.deepEqual(JSON.parse(granted.after!), {
      roles: ['capability_admin', 'learner'],
      via: 'users:create-admin',
    })
    assert.equal(JSON.parse(invited.after!).via, 'command line')

    // The link lets them in, as a capability admin.
    const browser = new Visitor()
    const path = linkPathOf(invitation)
    const done = await browser.setPassword(path, 'granite orchard kestrel')
    assert.equal(done.location, '/')
    assert.include(await textAt(browser, '/admin/users'), '<h1>People</h1>')
  })

  test('--print-link prints a one-time link instead of e-mailing it', async ({ assert }) => {
    const fake = mail.fake()
    const co = await OrganisationFactory.merge({ code: 'co', name: 'Cabinet Office' }).create()
    await createChildOrganisation(co, { code: 'gds' })
    const { command, logs } = await run(
      '--email=ada@example.gov.uk',
      '--name=Ada Admin',
      '--organisation=GDS',
      '--print-link'
    )
    command.assertSucceeded()
    assert.lengthOf(fake.mails.sent(), 0)
    assert.lengthOf(fake.mails.queued(), 0)
    const link = logs.find((line) => line.includes('/set-password/'))!
    assert.match(link, /^https?:\/\/[^/]+\/set-password\/[A-Za-z0-9_-]{65}$/)
    const page = await new Visitor().get(new URL(link).pathname)
    assert.equal(page.status, 200)
    assert.include(page.text, 'Create your password')

    // Run again: the person is kept, and a new link replaces the first.
    const again = await run('--email=ada@example.gov.uk', '--name=Ada Admin', '--print-link')
    again.command.assertSucceeded()
    assert.include(again.text, 'Ada Admin (ada@example.gov.uk) was already a capability admin')
    assert.equal(await statusAt(new URL(link).pathname), 410)
    assert.lengthOf(await User.query().where('email', 'ada@example.gov.uk'), 1)
  })

  test('promotes someone already recorded, keeping their name and organisation; no invitation once they have signed in', async ({
    assert,
  }) => {
    const fake = mail.fake()
    const dft = await OrganisationFactory.merge({
      code: 'dft',
      name: 'Department for Transport',
    }).create()
    await OrganisationFactory.merge({ code: 'hmrc' }).create()
    const person = await createUser({
      organisation: dft,
      overrides: { fullName: 'Pat Person', lastSignedInAt: DateTime.now() },
    })
    const { command, text } = await run('--email', person.email, '--name', 'Patricia Person')
    command.assertSucceeded()
    assert.include(text, `Pat Person (${person.email}) is now a capability admin`)
    assert.include(text, 'Their recorded name, Pat Person, is kept')
    assert.include(text, 'No invitation: they have signed in before')
    assert.deepEqual(await rolesOf(person.email), ['capability_admin', 'learner'])
    assert.lengthOf(invitationsIn(fake), 0)
    const promoted = await AuditEvent.query()
      .where('action', 'update')
      .where('subject_id', String(person.id))
      .firstOrFail()
    assert.deepEqual(JSON.parse(promoted.before!), { roles: ['learner'] })
  })

  test('someone in a single sign-on only organisation is made an admin without an invitation', async ({
    assert,
  }) => {
    const fake = mail.fake()
    await OrganisationFactory.merge({ code: 'co', name: 'Cabinet Office', ssoOnly: true }).create()
    const { command, text } = await run('--email', 'sso@example.gov.uk', '--name', 'Sol Single')
    command.assertSucceeded()
    assert.include(text, 'No invitation: their organisation signs in with single sign-on only')
    assert.deepEqual(await rolesOf('sso@example.gov.uk'), ['capability_admin', 'learner'])
    assert.lengthOf(invitationsIn(fake), 0)
  })

  test('bad input is refused with a clear message and changes nothing', async ({ assert }) => {
    mail.fake()
    const dft = await OrganisationFactory.merge({
      code: 'dft',
      name: 'Department for Transport',
    }).create()
    await OrganisationFactory.merge({ code: 'hmrc' }).create()
    const gone = await createUser({
      organisation: dft,
      overrides: { deactivatedAt: DateTime.now() },
    })
    const elsewhere = await createUser({ organisation: dft })
    const cases: Array<[string[], string]> = [
      [['--name', 'No Email'], 'Give the email address with --email'],
      [
        ['--email', 'not-an-address', '--name', 'Bad Email'],
        'Give an email address in the correct format with --email, like name@example.gov.uk',
      ],
      [['--email', 'x@example.gov.uk'], 'Give the person’s full name with --name'],
      [
        ['--email', 'x@example.gov.uk', '--name', 'Two Orgs'],
        'Give their organisation with --organisation, one of: dft, hmrc',
      ],
      [
        ['--email', 'x@example.gov.uk', '--name', 'No Such', '--organisation', 'nope'],
        'There is no organisation with the code nope. Top-level codes: dft, hmrc',
      ],
      [
        ['--email', gone.email, '--name', 'Gone Person'],
        `${gone.email} is deactivated: reactivate their account, or choose another person`,
      ],
      [
        ['--email', elsewhere.email, '--name', 'Else Where', '--organisation', 'hmrc'],
        `${elsewhere.email} already belongs to Department for Transport (dft): leave --organisation out`,
      ],
    ]
    const before = await db.from('audit_events').count('* as n')
    for (const [args, message] of cases) {
      const { command, text } = await run(...args)
      command.assertFailed()
      assert.include(text, message, args.join(' '))
    }
    const after = await db.from('audit_events').count('* as n')
    assert.equal(Number(after[0].n), Number(before[0].n))
    assert.isNull(await User.findBy('email', 'x@example.gov.uk'))
  })

  test('an empty database is told to load the reference data first', async ({ assert }) => {
    mail.fake()
    await db.from('organisations').delete()
    const { command, text } = await run('--email', 'x@example.gov.uk', '--name', 'First One')
    command.assertFailed()
    assert.include(text, 'There are no organisations yet: load the reference data first')
  })
})
