import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { parse } from 'csv-parse/sync'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import {
  createCohort,
  createEntrant,
  createRound,
  createScheme,
} from '#database/factories/fast_stream_factory'
import FastStreamScheme from '#models/fast_stream_scheme'
import FastStreamEntrant from '#models/fast_stream_entrant'
import PlacementRound from '#models/placement_round'
import Service from '#models/service'
import AuditEvent from '#models/audit_event'
import { apiAs, bearer } from '#tests/support/api'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/user'
import { submitWithDatesAs } from '#tests/support/date_input'

/* Forms send their dates as GOV.UK date inputs do: day, month and year boxes. */
const submitAs = (client: ApiClient, user: User) => submitWithDatesAs(client, user)

function roundForm(extra: Record<string, unknown> = {}) {
  return {
    name: 'Future Leaders spring 2027',
    placementsOpenAt: '2027-01-04 09:00',
    preferencesOpenAt: '2027-01-18 09:00',
    preferencesCloseAt: '2027-02-01 17:00',
    resultsAt: '2027-02-15 12:00',
    postingStartsOn: '2027-03-01',
    postingEndsOn: '2027-09-01',
    maxPreferences: '5',
    rules: ['enforceDigital'],
    ...extra,
  }
}

test.group('Future Leaders Scheme: administration', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the Fast Stream team adds a Future Leaders scheme and round; each keeps its programme, audited', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['fast_stream_admin', 'learner'] })
    const form = await client.get('/fast-stream/admin/schemes/create').loginAs(admin)
    form.assertStatus(200)
    form.assertTextIncludes('Future Leaders Scheme')

    const added = await submitAs(client, admin).post('/fast-stream/admin/schemes', {
      name: 'Future Leaders 2027',
      programme: 'future_leaders',
    })
    added.assertStatus(302)
    const scheme = await FastStreamScheme.findByOrFail('name', 'Future Leaders 2027')
    assert.equal(scheme.programme, 'future_leaders')
    const created = await AuditEvent.query()
      .where({ subject_type: 'fast_stream_scheme', subject_id: String(scheme.id) })
      .firstOrFail()
    assert.equal(created.afterValues?.programme, 'future_leaders')

    // Renaming keeps the programme, whatever the form sends.
    await submitAs(client, admin).put(`/fast-stream/admin/schemes/${scheme.id}`, {
      name: 'Future Leaders Scheme 2027',
      programme: 'fast_stream',
    })
    await scheme.refresh()
    assert.equal(scheme.name, 'Future Leaders Scheme 2027')
    assert.equal(scheme.programme, 'future_leaders')

    const list = await client.get('/fast-stream/admin/schemes').loginAs(admin)
    assert.include(
      list.text().replace(/\s+/g, ' '),
      'Future Leaders Scheme 2027<span class="sr-only">: change</span></a></th> <td>Future Leaders Scheme</td>'
    )

    const unknown = await submitAs(client, admin).post('/fast-stream/admin/schemes', {
      name: 'Another',
      programme: 'graduates',
    })
    unknown.assertFlashMessage('inputErrorsBag', {
      programme: ['Select the programme: the Fast Stream or the Future Leaders Scheme'],
    })

    const round = await submitAs(client, admin).post(
      '/fast-stream/admin/rounds',
      roundForm({ programme: 'future_leaders' })
    )
    round.assertStatus(302)
    const saved = await PlacementRound.findByOrFail('name', 'Future Leaders spring 2027')
    assert.equal(saved.programme, 'future_leaders')
    const page = await client.get(`/fast-stream/admin/rounds/${saved.id}`).loginAs(admin)
    page.assertTextIncludes('Future Leaders Scheme')

    // A round added without saying is the Fast Stream's, as before.
    await submitAs(client, admin).post(
      '/fast-stream/admin/rounds',
      roundForm({ name: 'Spring 2027' })
    )
    const spring = await PlacementRound.findByOrFail('name', 'Spring 2027')
    assert.equal(spring.programme, 'fast_stream')
  })

  test('the schemes and placement rounds CSVs name each one’s programme', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['fast_stream_admin', 'learner'] })
    await createScheme('Digital and technology')
    await createScheme('Future Leaders 2027', 'future_leaders')
    await createRound({ name: 'Fast Stream spring' })
    await createRound({ name: 'Future Leaders spring', programme: 'future_leaders' })

    const schemes = await client.get('/fast-stream/admin/schemes.csv').loginAs(admin)
    schemes.assertStatus(200)
    assert.deepEqual(parse(schemes.text()), [
      ['Scheme', 'Programme', 'Description', 'Entrants'],
      ['Digital and technology', 'Fast Stream', '', '0'],
      ['Future Leaders 2027', 'Future Leaders Scheme', '', '0'],
    ])

    const rounds = await client.get('/fast-stream/admin/rounds.csv').loginAs(admin)
    rounds.assertStatus(200)
    const [header, ...lines]: string[][] = parse(rounds.text())
    assert.deepEqual(header.slice(0, 3), ['Round', 'Programme', 'Status'])
    assert.sameDeepMembers(
      lines.map((line) => line.slice(0, 2)),
      [
        ['Fast Stream spring', 'Fast Stream'],
        ['Future Leaders spring', 'Future Leaders Scheme'],
      ]
    )
  })

  test('only people at Grade 7 or Grade 6 join the Future Leaders Scheme; entrants stay on their programme', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['fast_stream_admin', 'learner'] })
    const leaders = await createScheme('Future Leaders Scheme', 'future_leaders')
    const generalist = await createScheme('Generalist')
    const cohort = await createCohort(2027)
    const heo = await createUser({ overrides: { email: 'heo@example.gov.uk', grade: 'HEO' } })
    const scs = await createUser({ overrides: { email: 'scs@example.gov.uk', grade: 'SCS1' } })
    const g6 = await createUser({ overrides: { email: 'g6@example.gov.uk', grade: 'G6' } })
    const form = (email: string, schemeId: number) => ({
      email,
      schemeId: String(schemeId),
      cohortId: String(cohort.id),
      clearance: 'SC',
      startedOn: '2027-01-04',
    })

    for (const [person, grade] of [
      [heo, 'Higher Executive Officer (HEO)'],
      [scs, 'Senior Civil Service 1 (Deputy Director)'],
    ] as const) {
      const refused = await submitAs(client, admin).post(
        '/fast-stream/admin/entrants',
        form(person.email, leaders.id)
      )
      refused.assertFlashMessage('inputErrorsBag', {
        schemeId: [
          `Only people at Grade 7 or Grade 6 can join the Future Leaders Scheme: this person is at ${grade}`,
        ],
      })
    }
    assert.isNull(await FastStreamEntrant.findBy('user_id', heo.id))
    assert.isNull(await FastStreamEntrant.findBy('user_id', scs.id))

    // The Fast Stream takes any grade, as before.
    const graduate = await submitAs(client, admin).post(
      '/fast-stream/admin/entrants',
      form(heo.email, generalist.id)
    )
    graduate.assertStatus(302)
    const joined = await submitAs(client, admin).post(
      '/fast-stream/admin/entrants',
      form(g6.email, leaders.id)
    )
    joined.assertStatus(302)
    const leader = await FastStreamEntrant.findByOrFail('user_id', g6.id)
    assert.equal(leader.schemeId, leaders.id)

    // Neither moves to the other programme's scheme.
    const entrant = await FastStreamEntrant.findByOrFail('user_id', heo.id)
    const { schemeId, cohortId, clearance, startedOn } = form(heo.email, leaders.id)
    const change = { schemeId, cohortId, clearance, startedOn }
    const moved = await submitAs(client, admin).put(
      `/fast-stream/admin/entrants/${entrant.id}`,
      change
    )
    moved.assertFlashMessage('inputErrorsBag', {
      schemeId: [
        'Select a scheme of the entrant’s own programme: they cannot move to the Future Leaders Scheme',
      ],
    })
    await entrant.refresh()
    assert.equal(entrant.schemeId, generalist.id)

    const page = await client.get(`/fast-stream/admin/entrants/${leader.id}`).loginAs(admin)
    page.assertTextIncludes('Scheme ends')
    page.assertTextIncludes('4 Jul 2028')
  })

  test('an import refuses a person below Grade 7 for a Future Leaders scheme, and a move between programmes', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['fast_stream_admin'] })
    await createScheme('Future Leaders Scheme', 'future_leaders')
    const generalist = await createScheme('Generalist')
    const cohort = await createCohort(2027)
    const heo = await createUser({
      overrides: { email: 'heo@example.gov.uk', fullName: 'Hal Eo', grade: 'HEO' },
    })
    await createUser({
      overrides: { email: 'g7@example.gov.uk', fullName: 'Gina Seven', grade: 'G7' },
    })
    const graduate = await createUser({
      overrides: { email: 'fs@example.gov.uk', fullName: 'Finn Stream', grade: 'G7' },
    })
    await createEntrant({ user: graduate, scheme: generalist, cohort })
    const file = [
      'Email,Scheme,Cohort,Clearance,Started_On',
      `heo@example.gov.uk,Future Leaders Scheme,${cohort.name},SC,2027-01-04`,
      `g7@example.gov.uk,Future Leaders Scheme,${cohort.name},SC,2027-01-04`,
      `fs@example.gov.uk,Future Leaders Scheme,${cohort.name},SC,2027-01-04`,
    ].join('\n')
    const response = await client
      .post('/fast-stream/admin/entrants/import')
      .loginAs(admin)
      .withCsrfToken()
      .file('file', Buffer.from(file, 'utf8'), { filename: 'entrants.csv' })
      .redirects(0)
    response.assertStatus(200)
    const html = response.text().replace(/\s+/g, ' ')
    assert.include(
      html,
      'Only people at Grade 7 or Grade 6 can join the Future Leaders Scheme: Hal Eo is at Higher Executive Officer (HEO)'
    )
    assert.include(
      html,
      'Finn Stream is on another programme and cannot move to the Future Leaders Scheme'
    )
    assert.include(html, 'New entrants to add</th><td class="text-right">1</td>')
    assert.isNull(await FastStreamEntrant.findBy('user_id', heo.id))
  })

  test('HR say a service is used online; the register and the API show it digitally delivered only in beta or live', async ({
    client,
    assert,
  }) => {
    const dft = await OrganisationFactory.merge({ name: 'Department for Transport' }).create()
    const hr = await createUser({ roles: ['department_hr', 'learner'], organisation: dft })
    const add = (name: string, phase: string, online: boolean) =>
      submitAs(client, hr).post('/workforce/services', {
        organisationId: String(dft.id),
        name,
        annualTransactions: '1800000',
        phase,
        ...(online ? { hasDigitalChannel: 'true' } : {}),
      })
    for (const [name, phase, online] of [
      ['Book your driving test', 'live', true],
      ['Book a theory test', 'alpha', true],
      ['Driving instructor register', 'live', false],
    ] as const) {
      const added = await add(name, phase, online)
      added.assertStatus(302)
    }
    const booked = await Service.findByOrFail('name', 'Book your driving test')
    assert.isTrue(booked.hasDigitalChannel)
    const event = await AuditEvent.query()
      .where({ subject_type: 'service', subject_id: String(booked.id), action: 'create' })
      .firstOrFail()
    assert.equal(event.afterValues?.hasDigitalChannel, true)

    const register = await client.get('/workforce/services').loginAs(hr)
    const rows = register.text().split('<tr>')
    const row = (name: string) => rows.find((one) => one.includes(name))!
    assert.include(row('Book your driving test'), 'Digitally delivered')
    assert.notInclude(row('Book a theory test'), 'Digitally delivered')
    assert.notInclude(row('Driving instructor register'), 'Digitally delivered')

    const api = await apiAs(client, await bearer(hr)).get('/api/v1/services')
    api.assertStatus(200)
    const byName = new Map(
      api
        .body()
        .data.map((item: any) => [item.name, [item.hasDigitalChannel, item.digitallyDelivered]])
    )
    assert.deepEqual(byName.get('Book your driving test'), [true, true])
    assert.deepEqual(byName.get('Book a theory test'), [true, false])
    assert.deepEqual(byName.get('Driving instructor register'), [false, false])

    // Unticking the box is a change HR make, audited.
    const update = await submitAs(client, hr).put(`/workforce/services/${booked.id}`, {
      organisationId: String(dft.id),
      name: 'Book your driving test',
      annualTransactions: '1800000',
      phase: 'live',
    })
    update.assertStatus(302)
    await booked.refresh()
    assert.isFalse(booked.hasDigitalChannel)
    const changed = await AuditEvent.query()
      .where({ subject_type: 'service', subject_id: String(booked.id), action: 'update' })
      .firstOrFail()
    assert.equal(changed.afterValues?.hasDigitalChannel, false)
  })
})
