import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createUser } from '#database/factories/user_factory'
import {
  createCohort,
  createEntrant,
  createScheme,
  createTeam,
  createTeamLead,
} from '#database/factories/fast_stream_factory'
import { twoDepartments } from '#tests/support/fixtures/departments'
import FastStreamEntrant from '#models/fast_stream_entrant'
import FastStreamPosting from '#models/fast_stream_posting'
import AuditEvent from '#models/audit_event'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/user'
import { submitWithDatesAs } from '#tests/support/date_input'

/* Forms send their dates as GOV.UK date inputs do: day, month and year boxes. */
const submitAs = (client: ApiClient, user: User) => submitWithDatesAs(client, user)

/* The names in the entrant list's table, in the order shown. */
function listedNames(html: string) {
  return [...html.matchAll(/<a href="\/fast-stream\/admin\/entrants\/\d+">([^<]+)<\/a>/g)].map(
    (match) => match[1]
  )
}

async function people() {
  const {
    departmentA: dft,
    agencyA: dvla,
    departmentB: hmrc,
  } = await twoDepartments({
    departmentA: { code: 'dft' },
    agencyA: { code: 'dvla' },
    departmentB: { code: 'hmrc' },
    hrA: false,
  })
  const digital = await createScheme('Digital and Technology')
  const generalist = await createScheme('Generalist')
  const older = await createCohort(2012)
  const newer = await createCohort(2013)
  const amira = await createEntrant({
    user: await createUser({
      overrides: { fullName: 'Amira Hassan', email: 'amira@example.gov.uk' },
    }),
    scheme: digital,
    cohort: newer,
    clearance: 'SC',
    startedOn: '2013-09-02',
    postings: [
      { organisation: dvla, title: 'Data analyst', digital: true, startsOn: '2013-09-02' },
    ],
  })
  const ben = await createEntrant({
    user: await createUser({ overrides: { fullName: 'Ben Carter', email: 'ben@example.gov.uk' } }),
    scheme: generalist,
    cohort: older,
    clearance: 'BPSS',
    startedOn: '2012-09-03',
    postings: [{ organisation: hmrc, title: 'Policy adviser', startsOn: '2012-09-03' }],
  })
  const chloe = await createEntrant({
    user: await createUser({
      overrides: { fullName: 'Chloe Dunn', email: 'chloe@example.gov.uk' },
    }),
    scheme: digital,
    cohort: older,
    clearance: 'DV',
    startedOn: '2012-09-03',
  })
  const admin = await createUser({ roles: ['fast_stream_admin'] })
  return { dft, dvla, hmrc, digital, generalist, older, newer, amira, ben, chloe, admin }
}

test.group('Fast Stream admin: entrants', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('learners and team leads are refused the entrant pages with 403', async ({ client }) => {
    const { amira } = await people()
    const team = await createTeam()
    const lead = await createTeamLead(team, { learner: false })
    const learner = await createUser({ roles: ['learner'] })
    for (const user of [learner, lead, amira.user]) {
      for (const url of [
        '/fast-stream/admin/entrants',
        `/fast-stream/admin/entrants/${amira.entrant.id}`,
        `/fast-stream/admin/entrants/${amira.entrant.id}/edit`,
        `/fast-stream/admin/entrants/${amira.entrant.id}/postings/create`,
        '/fast-stream/admin/entrants/import',
      ]) {
        const response = await client.get(url).loginAs(user)
        response.assertStatus(403)
      }
    }
  })

  test('the list filters by scheme, cohort, clearance, text and digital posting', async ({
    client,
    assert,
  }) => {
    const { digital, older, admin } = await people()
    const list = async (qs: Record<string, string>) => {
      const response = await client.get('/fast-stream/admin/entrants').qs(qs).loginAs(admin)
      response.assertStatus(200)
      return listedNames(response.text())
    }
    assert.deepEqual(await list({}), ['Amira Hassan', 'Ben Carter', 'Chloe Dunn'])
    assert.deepEqual(await list({ schemeId: String(digital.id) }), ['Amira Hassan', 'Chloe Dunn'])
    assert.deepEqual(await list({ cohortId: String(older.id) }), ['Ben Carter', 'Chloe Dunn'])
    assert.deepEqual(await list({ clearance: 'DV' }), ['Chloe Dunn'])
    assert.deepEqual(await list({ q: 'CARTER' }), ['Ben Carter'])
    assert.deepEqual(await list({ q: 'chloe@example' }), ['Chloe Dunn'])
    assert.deepEqual(await list({ digital: 'none' }), ['Ben Carter', 'Chloe Dunn'])
    assert.deepEqual(await list({ digital: 'had' }), ['Amira Hassan'])
    assert.deepEqual(
      await list({ schemeId: String(digital.id), digital: 'none', cohortId: String(older.id) }),
      ['Chloe Dunn']
    )
    // Unknown filter values are ignored rather than failing.
    assert.deepEqual(await list({ clearance: 'TOP', schemeId: 'x', sort: 'drop' }), [
      'Amira Hassan',
      'Ben Carter',
      'Chloe Dunn',
    ])
  })

  test('the list sorts by a column either way, counts and pages', async ({ client, assert }) => {
    const { admin } = await people()
    const sorted = await client
      .get('/fast-stream/admin/entrants')
      .qs({ sort: 'started', direction: 'desc' })
      .loginAs(admin)
    assert.deepEqual(listedNames(sorted.text()), ['Amira Hassan', 'Ben Carter', 'Chloe Dunn'])
    const byName = await client
      .get('/fast-stream/admin/entrants')
      .qs({ sort: 'name', direction: 'desc' })
      .loginAs(admin)
    assert.deepEqual(listedNames(byName.text()), ['Chloe Dunn', 'Ben Carter', 'Amira Hassan'])
    byName.assertTextIncludes('<strong>3</strong> entrants found')

    for (let i = 0; i < 24; i++) await createEntrant()
    const first = await client.get('/fast-stream/admin/entrants').loginAs(admin)
    assert.lengthOf(listedNames(first.text()), 25)
    first.assertTextIncludes('Page 1 of 2')
    const second = await client.get('/fast-stream/admin/entrants').qs({ page: 2 }).loginAs(admin)
    assert.lengthOf(listedNames(second.text()), 2)
  })

  test('an entrant’s page shows their details and posting history', async ({ client, assert }) => {
    const { amira, admin } = await people()
    const response = await client
      .get(`/fast-stream/admin/entrants/${amira.entrant.id}`)
      .loginAs(admin)
    response.assertStatus(200)
    response.assertTextIncludes('<h1>Amira Hassan</h1>')
    response.assertTextIncludes('Security check (SC)')
    response.assertTextIncludes('2 Sep 2015')
    response.assertTextIncludes('Data analyst')
    response.assertTextIncludes('Driver and Vehicle Licensing Agency (Department for Transport)')
    assert.notInclude(response.text(), '(dft)')
    const missing = await client.get('/fast-stream/admin/entrants/999999').loginAs(admin)
    missing.assertStatus(404)
  })

  test('adding an entrant finds the person by e-mail and audits the record', async ({
    client,
    assert,
  }) => {
    const { digital, newer, admin } = await people()
    const person = await createUser({ overrides: { email: 'dara@example.gov.uk' } })
    const response = await submitAs(client, admin).post('/fast-stream/admin/entrants', {
      email: ' Dara@Example.gov.uk ',
      schemeId: String(digital.id),
      cohortId: String(newer.id),
      clearance: 'CTC',
      startedOn: '2013-09-02',
      locations: 'Leeds; London ,, Bristol',
    })
    response.assertStatus(302)
    const entrant = await FastStreamEntrant.findByOrFail('user_id', person.id)
    response.assertHeader('location', `/fast-stream/admin/entrants/${entrant.id}`)
    assert.equal(entrant.clearance, 'CTC')
    assert.equal(entrant.startedOn.toISODate(), '2013-09-02')
    assert.equal(entrant.locationPreferences, 'Leeds, London, Bristol')
    const event = await AuditEvent.query()
      .where({ subject_type: 'fast_stream_entrant', subject_id: String(entrant.id) })
      .firstOrFail()
    assert.equal(event.action, 'create')
    assert.equal(event.actorId, admin.id)
    assert.equal(event.organisationId, person.organisationId)
  })

  test('adding an entrant explains each problem under its field', async ({ client }) => {
    const { amira, digital, newer, admin } = await people()
    const post = (form: Record<string, string>) =>
      submitAs(client, admin).post('/fast-stream/admin/entrants', {
        email: 'nobody@example.gov.uk',
        schemeId: String(digital.id),
        cohortId: String(newer.id),
        clearance: 'SC',
        startedOn: '2013-09-02',
        ...form,
      })
    const empty = await post({
      email: '',
      schemeId: '',
      cohortId: '',
      clearance: '',
      startedOn: '',
    })
    empty.assertFlashMessage('inputErrorsBag', {
      email: ['Enter the e-mail address of the person joining the Fast Stream'],
      schemeId: ['Select the entrant’s scheme'],
      cohortId: ['Select the entrant’s cohort'],
      clearance: ['Select the security clearance the entrant holds'],
      startedOn: ['Enter the date the entrant started on the Fast Stream'],
    })
    const bad = await post({ email: 'not an email', clearance: 'TOP', startedOn: '2013-02-30' })
    bad.assertFlashMessage('inputErrorsBag', {
      email: ['Enter an e-mail address in the correct format, like name@example.gov.uk'],
      clearance: ['Select the security clearance the entrant holds'],
      startedOn: ['The start date must be a real date'],
    })
    const unknown = await post({})
    unknown.assertFlashMessage('inputErrorsBag', {
      email: ['No one has this e-mail address: add them as a person first'],
    })
    const again = await post({ email: amira.user.email })
    again.assertFlashMessage('inputErrorsBag', {
      email: ['This person is already on the Fast Stream'],
    })
    const person = await createUser({ overrides: { email: 'eve@example.gov.uk' } })
    const noScheme = await post({ email: person.email, schemeId: '999999' })
    noScheme.assertFlashMessage('inputErrorsBag', {
      schemeId: ['Select the entrant’s scheme from the list'],
    })
    // Commas gain a space each when the list is tidied, which can make it too long to keep.
    const crowded = await post({ email: person.email, locations: 'ab,'.repeat(84) + 'ab' })
    crowded.assertFlashMessage('inputErrorsBag', {
      locations: ['Location preferences must be 255 characters or fewer'],
    })
  })

  test('changing an entrant keeps the person and records the change', async ({
    client,
    assert,
  }) => {
    const { amira, generalist, older, admin } = await people()
    const form = await client
      .get(`/fast-stream/admin/entrants/${amira.entrant.id}/edit`)
      .loginAs(admin)
    form.assertStatus(200)
    form.assertTextIncludes('Amira Hassan (amira@example.gov.uk)')
    const response = await submitAs(client, admin).put(
      `/fast-stream/admin/entrants/${amira.entrant.id}`,
      {
        email: 'someone-else@example.gov.uk',
        schemeId: String(generalist.id),
        cohortId: String(older.id),
        clearance: 'DV',
        startedOn: '2012-09-03',
        locations: '',
      }
    )
    response.assertFlashMessage('success', 'Entrant updated')
    await amira.entrant.refresh()
    assert.equal(amira.entrant.userId, amira.user.id)
    assert.equal(amira.entrant.schemeId, generalist.id)
    assert.equal(amira.entrant.clearance, 'DV')
    assert.isNull(amira.entrant.locationPreferences)
    const event = await AuditEvent.query()
      .where({
        subject_type: 'fast_stream_entrant',
        subject_id: String(amira.entrant.id),
        action: 'update',
      })
      .firstOrFail()
    assert.equal(event.beforeValues.clearance, 'SC')
    assert.equal(event.afterValues.clearance, 'DV')
  })

  test('postings can be added, corrected and removed, each change audited', async ({
    client,
    assert,
  }) => {
    const { ben, dft, hmrc, admin } = await people()
    const base = `/fast-stream/admin/entrants/${ben.entrant.id}/postings`
    const form = await client.get(`${base}/create`).loginAs(admin)
    form.assertStatus(200)
    form.assertTextIncludes('Add a posting')
    const added = await submitAs(client, admin).post(base, {
      title: 'Product manager',
      organisationId: String(dft.id),
      teamName: 'Vehicle tax',
      startsOn: '2013-03-04',
      endsOn: '2013-08-30',
      isDigital: 'true',
    })
    added.assertHeader('location', `/fast-stream/admin/entrants/${ben.entrant.id}`)
    added.assertFlashMessage('success', 'Posting added: Product manager')
    const posting = await FastStreamPosting.query()
      .where({ entrant_id: ben.entrant.id, title: 'Product manager' })
      .firstOrFail()
    assert.isTrue(Boolean(posting.isDigital))
    assert.equal(posting.teamName, 'Vehicle tax')

    const page = await client.get(`/fast-stream/admin/entrants/${ben.entrant.id}`).loginAs(admin)
    page.assertTextIncludes('Vehicle tax')
    page.assertTextIncludes('4 Mar 2013')

    const corrected = await submitAs(client, admin).put(`${base}/${posting.id}`, {
      title: 'Product manager',
      organisationId: String(hmrc.id),
      startsOn: '2013-03-04',
      isDigital: 'false',
    })
    corrected.assertFlashMessage('success', 'Posting updated: Product manager')
    await posting.refresh()
    assert.equal(posting.organisationId, hmrc.id)
    assert.isFalse(Boolean(posting.isDigital))
    assert.isNull(posting.endsOn)

    const removed = await submitAs(client, admin).delete(`${base}/${posting.id}`)
    removed.assertFlashMessage('success', 'Posting removed: Product manager')
    assert.isNull(await FastStreamPosting.find(posting.id))
    const actions = await AuditEvent.query()
      .where({ subject_type: 'fast_stream_posting', subject_id: String(posting.id) })
      .orderBy('id')
    assert.deepEqual(
      actions.map((event) => event.action),
      ['create', 'update', 'delete']
    )
  })

  test('a posting needs a title, an organisation and dates in order', async ({
    client,
    assert,
  }) => {
    const { ben, dft, admin } = await people()
    const base = `/fast-stream/admin/entrants/${ben.entrant.id}/postings`
    const empty = await submitAs(client, admin).post(base, {
      title: '',
      organisationId: '',
      startsOn: '',
    })
    empty.assertFlashMessage('inputErrorsBag', {
      title: ['Enter the title of the posting'],
      organisationId: ['Select the organisation of the posting'],
      startsOn: ['Enter the date the posting started'],
    })
    const backwards = await submitAs(client, admin).post(base, {
      title: 'Analyst',
      organisationId: String(dft.id),
      startsOn: '2014-03-03',
      endsOn: '2014-03-01',
    })
    backwards.assertFlashMessage('inputErrorsBag', {
      endsOn: ['The end date must be after the start date'],
    })
    const unknown = await submitAs(client, admin).post(base, {
      title: 'Analyst',
      organisationId: '999999',
      startsOn: '2014-03-03',
    })
    unknown.assertFlashMessage('inputErrorsBag', {
      organisationId: ['Select the organisation of the posting from the list'],
    })
    assert.lengthOf(await FastStreamPosting.query().where('entrant_id', ben.entrant.id), 1)
  })

  test('another entrant’s posting is not found under this entrant', async ({ client }) => {
    const { amira, ben, admin } = await people()
    const posting = await FastStreamPosting.query()
      .where('entrant_id', amira.entrant.id)
      .firstOrFail()
    const response = await client
      .get(`/fast-stream/admin/entrants/${ben.entrant.id}/postings/${posting.id}/edit`)
      .loginAs(admin)
    response.assertStatus(404)
    const removal = await client
      .delete(`/fast-stream/admin/entrants/${ben.entrant.id}/postings/${posting.id}`)
      .loginAs(admin)
      .withCsrfToken()
    removal.assertStatus(404)
  })
})
