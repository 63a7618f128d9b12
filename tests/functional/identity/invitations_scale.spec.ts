import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import { createUser } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import InvitationRun from '#models/invitation_run'
import { INLINE_RUN } from '#actions/identity/run_invitations'
import { invitationsIn } from '#tests/support/password_links'
import { submitAs } from '#tests/support/forms'

const PEOPLE = 5000

test.group('Invitations: many at once', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => mail.restore())

  test('inviting 5,000 people goes through the queue in batches and invites each one once', async ({
    client,
    assert,
  }) => {
    const fake = mail.fake()
    const dwp = await OrganisationFactory.merge({ code: 'dwp', name: 'DWP' }).create()
    const hr = await createUser({ roles: ['department_hr', 'learner'], organisation: dwp })
    const at = '2026-06-01 09:00:00'
    const rows = Array.from({ length: PEOPLE }, (_, i) => ({
      full_name: `Person ${i + 1}`,
      email: `person${i + 1}@dwp.example`,
      password: null,
      organisation_id: dwp.id,
      created_at: at,
      updated_at: at,
    }))
    for (let i = 0; i < rows.length; i += 400) {
      await db.table('users').multiInsert(rows.slice(i, i + 400))
    }
    assert.isAbove(PEOPLE, INLINE_RUN, 'more people than are invited within the request')

    const started = Date.now()
    const response = await submitAs(client, hr).post('/admin/invitations', {
      'who': 'found',
      'filters[account]': 'never_signed_in',
    })
    const elapsed = Date.now() - started
    const run = await InvitationRun.query().orderBy('id', 'desc').firstOrFail()
    response.assertHeader('location', `/admin/invitations/${run.id}`)

    assert.equal(run.status, 'done')
    assert.equal(run.total, PEOPLE)
    assert.equal(run.invited, PEOPLE)
    const links = await db
      .from('password_links')
      .where('kind', 'invitation')
      .countDistinct('user_id as people')
      .count('* as links')
      .first()
    assert.equal(Number(links.people), PEOPLE)
    assert.equal(Number(links.links), PEOPLE)
    const audited = await db.from('audit_events').where('action', 'invitation_sent').count('* as n')
    assert.equal(Number(audited[0].n), PEOPLE)
    const invitations = invitationsIn(fake)
    assert.lengthOf(invitations, PEOPLE)
    assert.lengthOf(new Set(invitations.map((invitation) => invitation.link)), PEOPLE)
    console.log(`Invited ${PEOPLE} people in ${elapsed} ms (${db.connection().dialect.name})`)
    assert.isBelow(elapsed, 60_000)

    // Asking again invites no one twice.
    fake.mails.clear()
    await submitAs(client, hr).post('/admin/invitations', {
      'who': 'found',
      'filters[organisationId]': String(dwp.id),
    })
    const again = await InvitationRun.query().orderBy('id', 'desc').firstOrFail()
    assert.equal(again.invited, 0)
    assert.deepEqual(again.notInvited, { already_invited: PEOPLE })
  }).timeout(180_000)
})
