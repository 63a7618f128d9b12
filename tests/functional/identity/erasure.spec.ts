import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
// The user factory first: loading #models/organisation before #models/user trips the models' import cycle.
import AuditEvent from '#models/audit_event'
import { personWithRecordsInAlpha } from '#tests/support/fixtures/personal_data'
import { dashboardFigures } from '#tests/support/dashboard_figures'
import { submitAs } from '#tests/support/forms'

const REASON = 'Added twice by a staff import; the person never joined'

/* A person added in error, with records of every kind, in department Alpha's agency. */
function addedInError() {
  return personWithRecordsInAlpha({ name: 'Eve Error', email: 'eve.error@example.gov.uk' })
}

test.group('Erasure of a person added in error', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a capability admin confirms with a reason, and the person is anonymised at once, audited, with the dashboards unchanged', async ({
    client,
    assert,
  }) => {
    const { admin, person, enrolment, about } = await addedInError()
    const showPage = await client.get(`/admin/users/${person.id}`).loginAs(admin)
    showPage.assertTextIncludes(`href="/admin/users/${person.id}/erase"`)
    const page = await client.get(`/admin/users/${person.id}/erase`).loginAs(admin)
    page.assertStatus(200)
    page.assertTextIncludes('Erase Eve Error’s personal data')
    page.assertTextIncludes(`action="/admin/users/${person.id}/erase"`)
    page.assertTextIncludes('Eve Error was never an employee')

    const figuresBefore = await dashboardFigures(client, admin)
    const before = await db.from('users').where('id', person.id).firstOrFail()
    const otherRows = await db.from('users').whereNot('id', person.id).orderBy('id')
    const enrolmentsBefore = await db.from('enrolments').orderBy('id')

    const response = await submitAs(client, admin).post(`/admin/users/${person.id}/erase`, {
      reason: REASON,
      neverEmployed: ['yes'],
    })
    response.assertStatus(302)
    response.assertHeader('location', `/admin/users/${person.id}`)
    response.assertFlashMessage(
      'success',
      `Eve Error’s personal data has been erased. Their records are kept as Former employee ${person.id}`
    )

    const after = await db.from('users').where('id', person.id).firstOrFail()
    assert.deepEqual(after, {
      ...before,
      full_name: `Former employee ${person.id}`,
      email: `former-${person.id}@anonymised.invalid`,
      password: null,
      last_signed_in_at: null,
      anonymised_at: after.anonymised_at,
      updated_at: after.updated_at,
    })
    assert.isNotNull(after.anonymised_at)
    assert.deepEqual(await db.from('users').whereNot('id', person.id).orderBy('id'), otherRows)
    assert.deepEqual(
      await db.from('enrolments').orderBy('id'),
      enrolmentsBefore.map((row) =>
        row.id === enrolment.id
          ? { ...row, request_note: null, decision_reason: null, cancellation_reason: null }
          : row
      )
    )
    for (const table of ['two_step_verifications', 'recovery_codes', 'password_links']) {
      assert.lengthOf(await db.from(table).where('user_id', person.id), 0, table)
    }
    assert.lengthOf(await db.from('auth_access_tokens').where('tokenable_id', person.id), 0)
    const aboutAfter = await AuditEvent.findOrFail(about.id)
    assert.equal(aboutAfter.subjectLabel, `former-${person.id}@anonymised.invalid`)

    const request = await AuditEvent.query()
      .where({ action: 'erasure_requested', subject_id: String(person.id) })
      .firstOrFail()
    assert.equal(request.actorId, admin.id)
    assert.deepEqual(request.afterValues, { reason: REASON })
    const anonymised = await AuditEvent.query()
      .where({ action: 'anonymise', subject_id: String(person.id) })
      .firstOrFail()
    assert.equal(anonymised.actorId, admin.id)
    assert.deepEqual(anonymised.afterValues, { reason: 'erasure' })

    assert.deepEqual(await dashboardFigures(client, admin), figuresBefore)

    const erasedPage = await client.get(`/admin/users/${person.id}`).loginAs(admin)
    erasedPage.assertTextIncludes('This person’s personal data was anonymised on')
    assert.notInclude(erasedPage.text(), `/admin/users/${person.id}/erase`)

    // Once erased, there is nothing left to erase.
    const again = await submitAs(client, admin).post(`/admin/users/${person.id}/erase`, {
      reason: REASON,
      neverEmployed: ['yes'],
    })
    again.assertFlashMessage('error', 'This person’s personal data has already been erased')
    assert.lengthOf(
      await AuditEvent.query().where({
        action: 'erasure_requested',
        subject_id: String(person.id),
      }),
      1
    )
  })

  test('the request needs a reason and the confirmation, and changes nothing without them', async ({
    client,
    assert,
  }) => {
    const { admin, person } = await addedInError()
    const before = await db.from('users').where('id', person.id).firstOrFail()
    const response = await submitAs(client, admin).post(`/admin/users/${person.id}/erase`, {
      reason: '   ',
    })
    response.assertStatus(302)
    response.assertFlashMessage('inputErrorsBag', {
      reason: ['Enter why this person’s record is being erased'],
      neverEmployed: ['Confirm that this person was never an employee'],
    })
    assert.deepEqual(await db.from('users').where('id', person.id).firstOrFail(), before)
    assert.lengthOf(await AuditEvent.query().where('action', 'erasure_requested'), 0)
  })

  test('only a capability admin erases, never their own record; another department’s HR are answered 404', async ({
    client,
    assert,
  }) => {
    const { admin, hrA, hrB, person } = await addedInError()
    const send = (as: typeof admin, id: number) =>
      submitAs(client, as).post(`/admin/users/${id}/erase`, {
        reason: REASON,
        neverEmployed: ['yes'],
      })

    const statusOf = async (request: PromiseLike<{ status(): number }>) => {
      const response = await request
      return response.status()
    }
    const page = (as: typeof admin, id: number) =>
      client.get(`/admin/users/${id}/erase`).loginAs(as)
    assert.equal(await statusOf(page(hrA, person.id)), 403)
    assert.equal(await statusOf(send(hrA, person.id)), 403)
    const personPage = await client.get(`/admin/users/${person.id}`).loginAs(hrA)
    assert.notInclude(personPage.text(), `/admin/users/${person.id}/erase`)
    assert.equal(await statusOf(page(hrB, person.id)), 404)
    assert.equal(await statusOf(send(hrB, person.id)), 404)
    assert.equal(await statusOf(page(admin, admin.id)), 403)
    assert.equal(await statusOf(send(admin, admin.id)), 403)

    const row = await db.from('users').where('id', person.id).firstOrFail()
    assert.equal(row.full_name, 'Eve Error')
    assert.isNull(row.anonymised_at)
    assert.lengthOf(await AuditEvent.query().where('action', 'erasure_requested'), 0)
  })
})
