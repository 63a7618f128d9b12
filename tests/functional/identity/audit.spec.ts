import { test } from '@japa/runner'
import { assertPageIncludes } from '#tests/support/page_access'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
// The user factory first: loading #models/organisation before #models/user trips the
// models' import cycle (audited_model → audit → audit_event → user → audited_model).
import { createUser } from '#database/factories/user_factory'
import AuditEvent from '#models/audit_event'
import { createAuditEvent } from '#database/factories/audit_event_factory'
import { ALPHA_AND_BETA, twoDepartments } from '#tests/support/fixtures/departments'
import { submitAs } from '#tests/support/forms'

/* Two departments with an agency each, their HR, and an admin; the trail starts empty. */
async function departmentsWithEmptyTrail() {
  const departments = await twoDepartments({
    ...ALPHA_AND_BETA,
    admin: { email: 'central.admin@example.gov.uk', fullName: 'Cara Admin' },
    hrA: { email: 'alpha.hr@example.gov.uk', fullName: 'Alfie HR' },
    hrB: { email: 'beta.hr@example.gov.uk', fullName: 'Bea HR' },
  })
  await AuditEvent.query().delete()
  return departments
}

test.group('Audit trail', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a capability admin sees every event, newest first, with who did what and the changes', async ({
    client,
    assert,
  }) => {
    const { agencyA, agencyB, admin, hrA } = await departmentsWithEmptyTrail()
    await createAuditEvent({
      actorId: hrA.id,
      subjectLabel: 'Alpha Payments',
      organisationId: agencyA.id,
      before: JSON.stringify({ location: 'Leeds' }),
      after: JSON.stringify({ location: 'York' }),
      createdAt: DateTime.fromISO('2026-03-01T09:00:00'),
    })
    await createAuditEvent({
      action: 'create',
      subjectLabel: 'Beta Payments',
      organisationId: agencyB.id,
      createdAt: DateTime.fromISO('2026-03-02T09:00:00'),
    })

    const response = await client.get('/admin/audit').loginAs(admin)
    response.assertStatus(200)
    response.assertTextIncludes('<strong>2</strong> events found')
    response.assertTextIncludes('Alpha Payments')
    response.assertTextIncludes('Beta Payments')
    response.assertTextIncludes('Alfie HR')
    response.assertTextIncludes('System')
    response.assertTextIncludes('Leeds <span aria-hidden="true">→</span>')
    response.assertTextIncludes('York')
    const text = response.text()
    assert.isBelow(text.indexOf('Beta Payments'), text.indexOf('Alpha Payments'), 'newest first')
  })

  test('an event about a person links to that person’s page', async ({ client }) => {
    const { departmentA, admin, hrA } = await departmentsWithEmptyTrail()
    await createAuditEvent({
      subjectType: 'user',
      subjectId: String(hrA.id),
      subjectLabel: hrA.email,
      organisationId: departmentA.id,
    })
    const response = await client.get('/admin/audit').loginAs(admin)
    response.assertTextIncludes(`<a href="/admin/users/${hrA.id}">${hrA.email}</a>`)
  })

  test('filtering by action shows only that action, and keeps the choice in the form', async ({
    client,
    assert,
  }) => {
    const { agencyA, admin } = await departmentsWithEmptyTrail()
    await createAuditEvent({
      action: 'create',
      subjectLabel: 'Created team',
      organisationId: agencyA.id,
    })
    await createAuditEvent({
      action: 'delete',
      subjectLabel: 'Deleted team',
      organisationId: agencyA.id,
    })

    const response = await client.get('/admin/audit?action=delete').loginAs(admin)
    response.assertStatus(200)
    response.assertTextIncludes('<strong>1</strong> event found')
    response.assertTextIncludes('Deleted team')
    assert.notInclude(response.text(), 'Created team')
    response.assertTextIncludes('<option value="delete" selected>')
  })

  test('filtering by part of an email address shows only that person’s events', async ({
    client,
    assert,
  }) => {
    const { agencyA, admin, hrA } = await departmentsWithEmptyTrail()
    await createAuditEvent({
      actorId: hrA.id,
      subjectLabel: 'By Alfie',
      organisationId: agencyA.id,
    })
    await createAuditEvent({
      actorId: admin.id,
      subjectLabel: 'By Cara',
      organisationId: agencyA.id,
    })

    const response = await client.get('/admin/audit?actor=ALPHA.hr').loginAs(admin)
    response.assertTextIncludes('<strong>1</strong> event found')
    response.assertTextIncludes('By Alfie')
    assert.notInclude(response.text(), 'By Cara')
    response.assertTextIncludes('value="ALPHA.hr"')

    const wildcard = await client.get('/admin/audit?actor=%25').loginAs(admin)
    wildcard.assertTextIncludes('<strong>0</strong> events found')
  })

  test('filtering by dates includes both the first and the last day', async ({
    client,
    assert,
  }) => {
    const { agencyA, admin } = await departmentsWithEmptyTrail()
    await createAuditEvent({
      subjectLabel: 'Last of February',
      organisationId: agencyA.id,
      createdAt: DateTime.fromISO('2026-02-28T23:59:00'),
    })
    await createAuditEvent({
      subjectLabel: 'Start of March',
      organisationId: agencyA.id,
      createdAt: DateTime.fromISO('2026-03-01T00:00:00'),
    })
    await createAuditEvent({
      subjectLabel: 'End of March',
      organisationId: agencyA.id,
      createdAt: DateTime.fromISO('2026-03-31T23:59:00'),
    })
    await createAuditEvent({
      subjectLabel: 'First of April',
      organisationId: agencyA.id,
      createdAt: DateTime.fromISO('2026-04-01T00:00:00'),
    })

    const response = await client.get('/admin/audit?from=2026-03-01&to=2026-03-31').loginAs(admin)
    response.assertTextIncludes('<strong>2</strong> events found')
    response.assertTextIncludes('Start of March')
    response.assertTextIncludes('End of March')
    assert.notInclude(response.text(), 'Last of February')
    assert.notInclude(response.text(), 'First of April')
  })

  test('filtering by an organisation includes the organisations that are part of it', async ({
    client,
    assert,
  }) => {
    const { departmentA, agencyA, agencyB, admin } = await departmentsWithEmptyTrail()
    await createAuditEvent({ subjectLabel: 'In the department', organisationId: departmentA.id })
    await createAuditEvent({ subjectLabel: 'In the agency', organisationId: agencyA.id })
    await createAuditEvent({ subjectLabel: 'Elsewhere', organisationId: agencyB.id })

    const response = await client
      .get(`/admin/audit?organisationId=${departmentA.id}`)
      .loginAs(admin)
    response.assertTextIncludes('<strong>2</strong> events found')
    assert.notInclude(response.text(), 'Elsewhere')
  })

  test('department HR see only the events of their own department and its agencies', async ({
    client,
    assert,
  }) => {
    const { departmentA, agencyA, agencyB, hrA } = await departmentsWithEmptyTrail()
    await createAuditEvent({
      subjectLabel: 'Alpha department event',
      organisationId: departmentA.id,
    })
    await createAuditEvent({ subjectLabel: 'Alpha agency event', organisationId: agencyA.id })
    await createAuditEvent({ subjectLabel: 'Beta agency event', organisationId: agencyB.id })
    await createAuditEvent({ subjectLabel: 'System-wide event', organisationId: null })

    const response = await client.get('/admin/audit').loginAs(hrA)
    response.assertStatus(200)
    response.assertTextIncludes('<strong>2</strong> events found')
    response.assertTextIncludes('Alpha department event')
    response.assertTextIncludes('Alpha agency event')
    assert.notInclude(response.text(), 'Beta agency event')
    assert.notInclude(response.text(), 'System-wide event')
    assert.notInclude(response.text(), 'Department Beta')

    const probing = await client.get(`/admin/audit?organisationId=${agencyB.id}`).loginAs(hrA)
    probing.assertTextIncludes('<strong>0</strong> events found')
    assert.notInclude(probing.text(), 'Beta agency event')
  })

  test('results come 50 to a page, with a link to the next', async ({ client, assert }) => {
    const { agencyA, admin } = await departmentsWithEmptyTrail()
    const start = DateTime.fromISO('2026-01-01T08:00:00')
    for (let index = 1; index <= 51; index++) {
      await createAuditEvent({
        subjectLabel: `Event number ${index}.`,
        organisationId: agencyA.id,
        createdAt: start.plus({ minutes: index }),
      })
    }
    const first = await client.get('/admin/audit?action=update').loginAs(admin)
    first.assertTextIncludes('<strong>51</strong> events found')
    first.assertTextIncludes('Page 1 of 2')
    first.assertTextIncludes('Event number 51.')
    assert.notInclude(first.text(), 'Event number 1.')
    first.assertTextIncludes('action=update&amp;page=2')

    const second = await client.get('/admin/audit?action=update&page=2').loginAs(admin)
    second.assertTextIncludes('Page 2 of 2')
    second.assertTextIncludes('Event number 1.')
    assert.notInclude(second.text(), 'Event number 2.')
  })

  test('a date that is not real is refused with a message, and the filters are kept', async ({
    client,
  }) => {
    const { admin } = await departmentsWithEmptyTrail()
    const response = await client
      .get('/admin/audit?from=2026-02-30&actor=alpha')
      .loginAs(admin)
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/admin/audit')
    response.assertFlashMessage('inputErrorsBag', {
      from: ['Date from must be a real date, like 2026-03-27'],
    })
    response.assertFlashMessage('actor', 'alpha')
  })

  test('an end date before the start date is refused', async ({ client }) => {
    const { admin } = await departmentsWithEmptyTrail()
    const response = await client
      .get('/admin/audit?from=2026-03-10&to=2026-03-01')
      .loginAs(admin)
      .redirects(0)
    response.assertFlashMessage('inputErrorsBag', {
      to: ['Date to must be the same as or after date from'],
    })
  })

  test('a learner is refused the audit trail and someone not signed in is sent to sign in', async ({
    client,
  }) => {
    const { departmentA } = await departmentsWithEmptyTrail()
    const learner = await createUser({ roles: ['learner'], organisation: departmentA })
    const refused = await client.get('/admin/audit').loginAs(learner)
    refused.assertStatus(403)
    const anonymous = await client.get('/admin/audit')
    anonymous.assertRedirectsTo('/sign-in')
  })

  test('changes made through the admin pages appear in the trail with their actor', async ({
    client,
  }) => {
    const { agencyA, admin, hrA } = await departmentsWithEmptyTrail()
    await submitAs(client, hrA).post(`/admin/organisations/${agencyA.id}/teams`, {
      name: 'Audited team',
      location: 'Leeds',
    })
    await assertPageIncludes(client, admin, '/admin/audit?subjectType=team&action=create', [
      '<strong>1</strong> event found',
      'Audited team',
      'Alfie HR',
      '<dt class="font-bold text-sm">Location</dt>',
    ])
  })
})
