import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { createUser } from '#database/factories/user_factory'
import { createService } from '#database/factories/workforce_factory'
import { twoDepartments } from '#tests/support/fixtures/departments'
import { submitAs } from '#tests/support/forms'
import { apiAs, bearer } from '#tests/support/api'
import { textWithoutMarkup } from '#tests/support/html'
import AuditEvent from '#models/audit_event'
import { UK_ZONE, isoDateFromSql } from '#domain/shared/uk_time'

/*
 * Strategy action 13: a service's Service Manager, HR of its department and
 * capability admins report its figures period by period, on its pages and
 * through the API; the four indicators are worked out from them.
 */

/* DVLA's "Tax your vehicle", reporting monthly, with its Service Manager; HMRC's HR elsewhere. */
async function setUp() {
  const { departmentA, agencyA, hrA, hrB, admin } = await twoDepartments({
    hrB: {},
    admin: {},
    learners: true,
  })
  const manager = await createUser({
    organisation: agencyA,
    overrides: { fullName: 'Grace Hopper' },
  })
  const service = await createService(agencyA, 'Tax your vehicle', {
    annualTransactions: 40_000_000,
    phase: 'live',
    serviceManagerId: manager.id,
  })
  const learner = await createUser({ organisation: departmentA })
  return { service, manager, hrA: hrA!, hrB: hrB!, admin: admin!, learner }
}

/* The period before the one in progress, in UK time: always reportable. */
function lastMonth() {
  return DateTime.now().setZone(UK_ZONE).minus({ months: 1 }).toFormat('yyyy-MM')
}

/* A month's form: 10,000 transactions, 8,000 online, £25,000; 100 answers; 12,000 started. */
function form(changes: Record<string, string> = {}) {
  return {
    digitalTransactions: '8000',
    assistedDigitalTransactions: '500',
    phoneTransactions: '1000',
    paperTransactions: '400',
    faceToFaceTransactions: '100',
    totalTransactions: '10000',
    totalCost: '25,000',
    digitalCost: '',
    assistedDigitalCost: '',
    phoneCost: '12000.50',
    paperCost: '',
    faceToFaceCost: '',
    verySatisfied: '50',
    satisfied: '30',
    neither: '10',
    dissatisfied: '5',
    veryDissatisfied: '5',
    startedTransactions: '12000',
    completedTransactions: '10000',
    notes: '',
    ...changes,
  }
}

/* The same figures as the API takes them, money in pence. */
function apiBody(changes: Record<string, unknown> = {}) {
  return {
    digitalTransactions: 8000,
    assistedDigitalTransactions: 500,
    phoneTransactions: 1000,
    paperTransactions: 400,
    faceToFaceTransactions: 100,
    totalTransactions: 10_000,
    totalCostPence: 2_500_000,
    phoneCostPence: 1_200_050,
    verySatisfied: 50,
    satisfied: 30,
    neither: 10,
    dissatisfied: 5,
    veryDissatisfied: 5,
    startedTransactions: 12_000,
    completedTransactions: 10_000,
    ...changes,
  }
}

const reportsOf = (serviceId: number) =>
  db.from('service_performance_reports').where('service_id', serviceId).orderBy('period_start')

const eventsOf = (reportId: number) =>
  AuditEvent.query()
    .where({ subject_type: 'service_performance', subject_id: String(reportId) })
    .orderBy('id')

test.group('Service performance: reporting on the service’s pages', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the Service Manager reports a month: the figures are kept as given, audited, and the four indicators shown', async ({
    client,
    assert,
  }) => {
    const { service, manager } = await setUp()
    const month = lastMonth()
    const path = `/workforce/services/${service.id}/performance/${month}`

    const page = await client.get(`/workforce/services/${service.id}/performance`).loginAs(manager)
    page.assertStatus(200)
    assert.include(
      textWithoutMarkup(page.text()),
      'No figures have been reported for this service yet.'
    )
    const blank = await client.get(path).loginAs(manager)
    blank.assertStatus(200)

    const saved = await submitAs(client, manager).put(path, form())
    saved.assertHeader('location', `/workforce/services/${service.id}/performance`)
    const label = DateTime.fromFormat(month, 'yyyy-MM').toFormat('MMMM yyyy')
    saved.assertFlashMessage('success', `Figures for ${label} added to Tax your vehicle`)

    const [row] = await reportsOf(service.id)
    assert.equal(isoDateFromSql(row.period_start), `${month}-01`)
    assert.equal(Number(row.total_cost_pence), 2_500_000)
    assert.equal(Number(row.phone_cost_pence), 1_200_050)
    assert.isNull(row.digital_cost_pence)
    assert.equal(Number(row.digital_transactions), 8000)
    assert.equal(Number(row.very_dissatisfied), 5)
    assert.equal(Number(row.revision), 1)
    assert.equal(Number(row.reported_by), manager.id)
    const [created] = await eventsOf(row.id)
    assert.equal(created.action, 'create')
    assert.equal(created.actorId, manager.id)
    assert.equal(created.organisationId, service.organisationId)

    const after = await client.get(`/workforce/services/${service.id}/performance`).loginAs(manager)
    const shown = textWithoutMarkup(after.text())
    assert.include(shown, `${label} 10,000 80.0% £2.50 78.8 out of 100 100 answers 83.3%`)
  })

  test('a correction changes the period, counts a revision and is audited with the version before; the same figures again change nothing', async ({
    client,
    assert,
  }) => {
    const { service, hrA } = await setUp()
    const path = `/workforce/services/${service.id}/performance/${lastMonth()}`
    await submitAs(client, hrA).put(path, form())
    const corrected = await submitAs(client, hrA).put(
      path,
      form({ completedTransactions: '11000' })
    )
    corrected.assertFlashMessage(
      'success',
      `Figures for ${DateTime.fromFormat(lastMonth(), 'yyyy-MM').toFormat('MMMM yyyy')} corrected for Tax your vehicle`
    )
    const again = await submitAs(client, hrA).put(path, form({ completedTransactions: '11000' }))
    assert.match(String(again.flashMessages().success ?? ''), /unchanged/)

    const rows = await reportsOf(service.id)
    assert.lengthOf(rows, 1)
    assert.equal(Number(rows[0].completed_transactions), 11_000)
    assert.equal(Number(rows[0].revision), 2)
    const events = await eventsOf(rows[0].id)
    assert.deepEqual(
      events.map((event) => event.action),
      ['create', 'update']
    )
    assert.equal(events[1].beforeValues?.completedTransactions, 10_000)
    assert.equal(events[1].afterValues?.completedTransactions, 11_000)
    const correcting = await client.get(path).loginAs(hrA)
    assert.include(
      textWithoutMarkup(correcting.text()),
      'These figures were reported before and corrected 1 time.'
    )
  })

  test('figures that contradict each other, or are missing, are refused with a message under each field, and nothing is saved', async ({
    client,
    assert,
  }) => {
    const { service, manager } = await setUp()
    const path = `/workforce/services/${service.id}/performance/${lastMonth()}`
    const empty = await submitAs(client, manager).put(path, {})
    empty.assertFlashMessage('inputErrorsBag', {
      ...Object.fromEntries(
        Object.entries({
          digitalTransactions: 'digital transactions',
          assistedDigitalTransactions: 'assisted digital transactions',
          phoneTransactions: 'phone transactions',
          paperTransactions: 'paper transactions',
          faceToFaceTransactions: 'face to face transactions',
          totalTransactions: 'transactions in all',
        }).map(([field, what]) => [field, [`Enter the number of ${what}, or 0`]])
      ),
      totalCost: ['Enter the total cost in pounds'],
      verySatisfied: ['Enter the number of “Very satisfied” answers, or 0'],
      satisfied: ['Enter the number of “Satisfied” answers, or 0'],
      neither: ['Enter the number of “Neither satisfied nor dissatisfied” answers, or 0'],
      dissatisfied: ['Enter the number of “Dissatisfied” answers, or 0'],
      veryDissatisfied: ['Enter the number of “Very dissatisfied” answers, or 0'],
      startedTransactions: ['Enter the number of transactions started, or 0'],
      completedTransactions: ['Enter the number of transactions completed, or 0'],
    })

    const wrong = await submitAs(client, manager).put(
      path,
      form({ totalTransactions: '9000', completedTransactions: '12001', phoneCost: '30000' })
    )
    wrong.assertFlashMessage('inputErrorsBag', {
      completedTransactions: ['Transactions completed cannot be more than transactions started'],
      totalTransactions: [
        'The channels add up to 10,000 transactions: make the total the same, or correct a channel',
      ],
      totalCost: ['The costs by channel add up to £30,000, more than the total cost'],
    })
    const typed = await submitAs(client, manager).put(
      path,
      form({ totalCost: 'lots', phoneTransactions: '1000.5' })
    )
    typed.assertFlashMessage('inputErrorsBag', {
      totalCost: ['Enter the total cost in pounds as a number, like 12500 or 12500.50'],
      phoneTransactions: ['The number of phone transactions must be a whole number, like 1250'],
    })
    assert.lengthOf(await reportsOf(service.id), 0)
  })

  test('a figure far from the previous period’s needs a note; with one it is saved', async ({
    client,
    assert,
  }) => {
    const { service, manager } = await setUp()
    const before = DateTime.now().setZone(UK_ZONE).minus({ months: 2 }).toFormat('yyyy-MM')
    await submitAs(client, manager).put(
      `/workforce/services/${service.id}/performance/${before}`,
      form()
    )
    const path = `/workforce/services/${service.id}/performance/${lastMonth()}`
    const surge = form({ digitalTransactions: '29000', totalTransactions: '31000' })
    const refused = await submitAs(client, manager).put(path, surge)
    refused.assertFlashMessage('inputErrorsBag', {
      notes: [
        'Transactions and Cost per transaction moved more than the usual amount from the previous period: add a note saying why',
      ],
    })
    assert.lengthOf(await reportsOf(service.id), 1)
    const noted = await submitAs(client, manager).put(path, {
      ...surge,
      notes: 'The vehicle tax reminder campaign ran this month.',
    })
    noted.assertStatus(302)
    const rows = await reportsOf(service.id)
    assert.lengthOf(rows, 2)
    assert.equal(rows[1].notes, 'The vehicle tax reminder campaign ran this month.')
  })

  test('only the Service Manager, HR of the department and capability admins reach a service’s performance; anyone else, and a period to come or not a month, get 404', async ({
    client,
    assert,
  }) => {
    const { service, manager, hrA, hrB, admin, learner } = await setUp()
    const base = `/workforce/services/${service.id}/performance`
    const month = `${base}/${lastMonth()}`
    for (const person of [manager, hrA, admin]) {
      const page = await client.get(base).loginAs(person)
      page.assertStatus(200)
      // Back to the register for those who keep it; a Service Manager goes back home.
      page.assertTextIncludes(
        person === manager ? '<a href="/">Home</a>' : '<a href="/workforce/services">Services</a>'
      )
      const edit = await client.get(month).loginAs(person)
      edit.assertStatus(200)
    }
    for (const person of [hrB, learner]) {
      const page = await client.get(base).loginAs(person)
      page.assertStatus(404)
      const edit = await client.get(month).loginAs(person)
      edit.assertStatus(404)
      const put = await submitAs(client, person).put(month, form())
      put.assertStatus(404)
    }
    const next = DateTime.now().setZone(UK_ZONE).plus({ months: 1 }).toFormat('yyyy-MM')
    for (const period of [next, '2026-13', '2026-Q1', 'x']) {
      const edit = await client.get(`${base}/${period}`).loginAs(manager)
      edit.assertStatus(404)
    }
    const unknown = await client.get('/workforce/services/999999/performance').loginAs(admin)
    unknown.assertStatus(404)
    assert.lengthOf(await reportsOf(service.id), 0)
  })

  test('a gap between reported months is flagged with a link to report it', async ({
    client,
    assert,
  }) => {
    const { service, manager } = await setUp()
    const month = (back: number) =>
      DateTime.now().setZone(UK_ZONE).minus({ months: back }).toFormat('yyyy-MM')
    for (const back of [4, 1]) {
      await submitAs(client, manager).put(
        `/workforce/services/${service.id}/performance/${month(back)}`,
        form()
      )
    }
    const page = await client.get(`/workforce/services/${service.id}/performance`).loginAs(manager)
    const text = textWithoutMarkup(page.text())
    assert.include(text, '2 periods have no figures')
    for (const back of [3, 2]) {
      page.assertTextIncludes(`/workforce/services/${service.id}/performance/${month(back)}`)
    }
  })
})

test.group('Service performance: beside other services, and as CSV', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the latest period is shown beside the medians of its department and of similar services, with the Service Manager’s standing', async ({
    client,
    assert,
  }) => {
    const { service, manager, admin } = await setUp()
    const dvla = await service.related('organisation').query().firstOrFail()
    const hmrc = await createUser({ roles: ['learner'] }).then((person) =>
      person.related('organisation').query().firstOrFail()
    )
    const renew = await createService(dvla, 'Renew your driving licence', {
      annualTransactions: 6_000_000,
      phase: 'live',
    })
    const selfAssessment = await createService(hmrc, 'Self Assessment', {
      annualTransactions: 10_000_000,
      phase: 'live',
    })
    // Digital take-up: Tax your vehicle 80%, the licence 60%, Self Assessment 50%.
    const takeUp = (digital: number) =>
      form({
        digitalTransactions: String(digital),
        phoneTransactions: String(10_000 - digital - 1000),
      })
    for (const [reported, digital] of [
      [service, 8000],
      [renew, 6000],
      [selfAssessment, 5000],
    ] as const) {
      const saved = await submitAs(client, admin).put(
        `/workforce/services/${reported.id}/performance/${lastMonth()}`,
        takeUp(digital)
      )
      saved.assertStatus(302)
    }
    const page = await client.get(`/workforce/services/${service.id}/performance`).loginAs(manager)
    const text = textWithoutMarkup(page.text())
    assert.include(text, 'Service Manager Grace Hopper')
    assert.include(text, 'Action 02 Service Manager not trained')
    // The department: DVLA's two services; similar: live, tens of millions a year.
    assert.include(text, 'Digital take-up 80.0% 70.0% of 2 services 65.0% of 2 services')
    assert.include(text, 'Cost per transaction £2.50 £2.50 of 2 services £2.50 of 2 services')
  })

  test('every period downloads as CSV, money in pounds and the indicators beside the figures', async ({
    client,
    assert,
  }) => {
    const { service, manager, hrB } = await setUp()
    await submitAs(client, manager).put(
      `/workforce/services/${service.id}/performance/${lastMonth()}`,
      form({ notes: '=HYPERLINK("http://example.com")' })
    )
    const response = await client
      .get(`/workforce/services/${service.id}/performance.csv`)
      .loginAs(manager)
    response.assertStatus(200)
    response.assertHeader('cache-control', 'no-store')
    const [header, row, ...rest] = response.text().trim().split(/\r?\n/)
    assert.lengthOf(rest, 0)
    assert.isTrue(
      header.startsWith('Service ID,Period,Digital transactions,Assisted digital transactions')
    )
    assert.equal(
      row,
      `${service.id},${lastMonth()},8000,500,1000,400,100,10000,25000.00,,,12000.50,,,50,30,10,5,5,12000,10000,80.0,2.50,78.8,83.3,"'=HYPERLINK(""http://example.com"")",0`
    )
    const elsewhere = await client
      .get(`/workforce/services/${service.id}/performance.csv`)
      .loginAs(hrB)
    elsewhere.assertStatus(404)
  })
})

test.group('Service performance: the Service Manager’s home page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('asks the Service Manager for each finished period their service has not reported, and nobody else', async ({
    client,
    assert,
  }) => {
    const { service, manager, learner } = await setUp()
    const taskOf = async () => {
      const home = await client.get('/').loginAs(manager)
      home.assertStatus(200)
      const text = textWithoutMarkup(home.text())
      assert.include(text, 'For the services you manage')
      home.assertTextIncludes(`href="/workforce/services/${service.id}/performance"`)
      return text
    }
    const label = DateTime.fromFormat(lastMonth(), 'yyyy-MM').toFormat('MMMM yyyy')
    const before = await taskOf()
    assert.include(before, 'Report the performance of Tax your vehicle')
    assert.include(before, '1 period to report')
    assert.include(before, `From ${label}`)

    await submitAs(client, manager).put(
      `/workforce/services/${service.id}/performance/${lastMonth()}`,
      form()
    )
    assert.include(await taskOf(), 'No periods to report')

    const other = await client.get('/').loginAs(learner)
    assert.notInclude(textWithoutMarkup(other.text()), 'For the services you manage')
  })
})

test.group('Service performance: the API', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('PUT adds a period (201), the same again changes nothing (200), a correction counts a revision; GET lists them with the indicators', async ({
    client,
    assert,
  }) => {
    const { service, manager } = await setUp()
    const api = apiAs(client, await bearer(manager))
    const path = `/api/v1/services/${service.id}/performance/${lastMonth()}`

    const added = await api.put(path).json(apiBody())
    added.assertStatus(201)
    assert.deepEqual(added.body().data.indicators, {
      costPerTransactionPence: 250,
      satisfactionScore: 78.8,
      satisfactionResponses: 100,
      completionRate: 10_000 / 12_000,
      digitalTakeUp: 0.8,
    })
    assert.equal(added.body().data.figures.channelCostPence.phone, 1_200_050)
    assert.isNull(added.body().data.figures.channelCostPence.digital)
    assert.equal(added.body().data.revision, 1)

    const same = await api.put(path).json(apiBody())
    same.assertStatus(200)
    assert.equal(same.body().data.revision, 1)
    const corrected = await api.put(path).json(apiBody({ completedTransactions: 11_000 }))
    corrected.assertStatus(200)
    assert.equal(corrected.body().data.revision, 2)
    const [row] = await reportsOf(service.id)
    const events = await eventsOf(row.id)
    assert.deepEqual(
      events.map((event) => event.action),
      ['create', 'update']
    )

    const list = await api.get(`/api/v1/services/${service.id}/performance`)
    list.assertStatus(200)
    assert.deepEqual(list.body().meta, {
      service: { id: service.id, name: 'Tax your vehicle' },
      reportingPeriod: 'monthly',
      missingPeriods: [],
    })
    assert.deepEqual(
      list.body().data.map((period: any) => [period.period, period.figures.completedTransactions]),
      [[lastMonth(), 11_000]]
    )
  })

  test('a body that breaks the rules answers 422 naming each field, and nothing is saved', async ({
    client,
    assert,
  }) => {
    const { service, manager } = await setUp()
    const api = apiAs(client, await bearer(manager))
    const path = `/api/v1/services/${service.id}/performance/${lastMonth()}`

    const wrong = await api
      .put(path)
      .json(apiBody({ totalTransactions: 9000, completedTransactions: 12_001 }))
    wrong.assertStatus(422)
    assert.sameDeepMembers(wrong.body().errors, [
      {
        field: 'completedTransactions',
        message: 'Transactions completed cannot be more than transactions started',
        rule: 'completed_over_started',
      },
      {
        field: 'totalTransactions',
        message:
          'The channels add up to 10,000 transactions: make the total the same, or correct a channel',
        rule: 'channels_not_total',
      },
    ])
    const typed = await api.put(path).json(apiBody({ totalCostPence: '2500000' }))
    typed.assertStatus(422)
    assert.equal(typed.body().errors[0].field, 'totalCostPence')
    const extra = await api.put(path).json(apiBody({ satisfactionScore: 80 }))
    extra.assertStatus(422)
    assert.equal(extra.body().errors[0].field, 'satisfactionScore')
    const missing = await api.put(path).json({ ...apiBody(), totalCostPence: undefined })
    missing.assertStatus(422)
    assert.deepInclude(missing.body().errors, {
      field: 'totalCostPence',
      message: 'Enter the total cost in pence',
      rule: 'required',
    })

    const next = DateTime.now().setZone(UK_ZONE).plus({ months: 1 }).toFormat('yyyy-MM')
    const future = await api
      .put(`/api/v1/services/${service.id}/performance/${next}`)
      .json(apiBody())
    future.assertStatus(422)
    assert.deepEqual(future.body().errors, [
      {
        field: 'period',
        message: 'You can only report figures for a period that has started',
        rule: 'future_period',
      },
    ])
    const quarter = await api
      .put(`/api/v1/services/${service.id}/performance/2026-Q1`)
      .json(apiBody())
    quarter.assertStatus(404)
    assert.equal(quarter.body().detail, 'The service reports monthly: name a month like 2026-10.')
    assert.lengthOf(await reportsOf(service.id), 0)
  })

  test('another department’s HR and people who do not run the service get 404; so does a service that does not exist', async ({
    client,
    assert,
  }) => {
    const { service, hrA, hrB, learner, admin } = await setUp()
    const path = `/api/v1/services/${service.id}/performance`
    for (const person of [hrB, learner]) {
      const api = apiAs(client, await bearer(person))
      const read = await api.get(path)
      read.assertStatus(404)
      const write = await api.put(`${path}/${lastMonth()}`).json(apiBody())
      write.assertStatus(404)
    }
    for (const person of [hrA, admin]) {
      const read = await apiAs(client, await bearer(person)).get(path)
      read.assertStatus(200)
    }
    const none = await apiAs(client, await bearer(admin)).get('/api/v1/services/999999/performance')
    none.assertStatus(404)
    assert.lengthOf(await reportsOf(service.id), 0)
  })
})

test.group('Service performance: published for anyone', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('HR publish a service’s indicators and volumes on a public page, without its notes, costs or people, and can stop; the Service Manager alone cannot', async ({
    client,
    assert,
  }) => {
    const { service, manager, hrA } = await setUp()
    await submitAs(client, manager).put(
      `/workforce/services/${service.id}/performance/${lastMonth()}`,
      form({ notes: 'Our own note about the month' })
    )
    const publicPage = `/performance/${service.id}`
    const hidden = await client.get(publicPage)
    hidden.assertStatus(404)

    const byManager = await submitAs(client, manager).put(
      `/workforce/services/${service.id}/performance-publication`,
      { publish: 'yes' }
    )
    byManager.assertFlashMessage(
      'error',
      'Only HR of the department can publish a service’s performance'
    )
    const stillHidden = await client.get(publicPage)
    stillHidden.assertStatus(404)

    const published = await submitAs(client, hrA).put(
      `/workforce/services/${service.id}/performance-publication`,
      { publish: 'yes' }
    )
    published.assertFlashMessage(
      'success',
      'The performance of Tax your vehicle is published for anyone to read'
    )
    const [event] = await AuditEvent.query()
      .where({ subject_type: 'service', subject_id: String(service.id), action: 'update' })
      .orderBy('id', 'desc')
    assert.equal(event.actorId, hrA.id)
    assert.equal(event.afterValues?.performancePublished, true)

    const list = await client.get('/performance')
    list.assertStatus(200)
    list.assertTextIncludes(`href="/performance/${service.id}"`)
    const page = await client.get(publicPage)
    page.assertStatus(200)
    const text = textWithoutMarkup(page.text())
    const label = DateTime.fromFormat(lastMonth(), 'yyyy-MM').toFormat('MMMM yyyy')
    assert.include(
      text,
      `${label} £2.50 78.8 out of 100 83.3% 80.0% 10,000 8,000 500 1,000 400 100`
    )
    for (const kept of ['Our own note about the month', '12,000.50', '12000.50', 'Grace Hopper']) {
      assert.notInclude(text, kept)
    }

    await submitAs(client, hrA).put(`/workforce/services/${service.id}/performance-publication`, {
      publish: 'no',
    })
    const gone = await client.get(publicPage)
    gone.assertStatus(404)
  })
})
