import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { createUser } from '#database/factories/user_factory'
import { createRole } from '#database/factories/framework_factory'
import {
  createAudience,
  createCompletion,
  createCourse,
} from '#database/factories/learning_factory'
import { createService } from '#database/factories/workforce_factory'
import { twoDepartments } from '#tests/support/fixtures/departments'
import { submitAs } from '#tests/support/forms'
import { textWithoutMarkup } from '#tests/support/html'
import { UK_ZONE } from '#domain/shared/uk_time'
import db from '@adonisjs/lucid/services/db'
import insightsConfig from '#config/insights'
import { forgetPerformanceOverviews } from '#queries/workforce/performance_overview_query'
import { columnsFromFigures } from '#models/service_performance_report'

/* The month `back` months before this one, as a period key. */
const month = (back: number) =>
  DateTime.now().setZone(UK_ZONE).startOf('month').minus({ months: back }).toFormat('yyyy-MM')
const label = (back: number) => DateTime.fromFormat(month(back), 'yyyy-MM').toFormat('MMMM yyyy')

/* A month of 10,000 transactions, `digital` of them online and £25,000 in all. */
function month10k(digital: number) {
  return {
    digitalTransactions: String(digital),
    assistedDigitalTransactions: '0',
    phoneTransactions: String(10_000 - digital),
    paperTransactions: '0',
    faceToFaceTransactions: '0',
    totalTransactions: '10000',
    totalCost: '25000',
    verySatisfied: '1',
    satisfied: '0',
    neither: '0',
    dissatisfied: '0',
    veryDissatisfied: '0',
    startedTransactions: '10000',
    completedTransactions: '10000',
  }
}

/*
 * DVLA runs three services and HMRC one. Tax your vehicle's Service Manager
 * completed the Service Manager programme four months ago; its take-up
 * rose from 60% to 80% after (and was 10% a year ago, too long before to
 * count). The licence service's did not train; the
 * registration numbers service has a Service Manager and no figures.
 */
async function setUp(client: any) {
  const { role } = await createRole({ role: 'Service Manager', levels: [] })
  const programme = await createCourse({ title: 'Service Manager programme' })
  await createAudience(programme, role, 'mandatory')
  const {
    agencyA: dvla,
    departmentB: hmrc,
    hrA,
    admin,
  } = await twoDepartments({
    admin: {},
    learners: true,
  })
  const trained = await createUser({ organisation: dvla })
  await createCompletion(trained, programme, {
    completedOn: DateTime.now()
      .setZone(UK_ZONE)
      .startOf('month')
      .minus({ months: 4 })
      .plus({ days: 9 }),
  })
  const untrained = await createUser({ organisation: dvla })
  const other = await createUser({ organisation: dvla })
  const make = (organisation: any, name: string, managerId: number | null) =>
    createService(organisation, name, {
      annualTransactions: 120_000,
      phase: 'live',
      serviceManagerId: managerId,
    })
  const tax = await make(dvla, 'Tax your vehicle', trained.id)
  const licence = await make(dvla, 'Renew your driving licence', untrained.id)
  await make(dvla, 'Personalised registration numbers', other.id)
  const selfAssessment = await make(hmrc, 'Self Assessment', null)
  const report = async (serviceId: number, back: number, digital: number) => {
    const saved = await submitAs(client, admin!).put(
      `/workforce/services/${serviceId}/performance/${month(back)}`,
      { ...month10k(digital), notes: 'Figures from the service’s own records.' }
    )
    saved.assertStatus(302)
  }
  for (let back = 8; back >= 1; back--) await report(tax.id, back, back > 3 ? 6000 : 8000)
  // A year ago, beyond the six months before training that the before-and-after reads.
  await report(tax.id, 12, 1000)
  await report(licence.id, 2, 7000)
  await report(licence.id, 1, 6500)
  await report(selfAssessment.id, 1, 9000)
  return { hrA: hrA!, admin: admin!, dvla, hmrc }
}

test.group('Service performance across services: kept figures', (group) => {
  group.each.setup(async () => {
    const settings = insightsConfig as { cacheSeconds: number }
    const before = settings.cacheSeconds
    settings.cacheSeconds = 300
    await forgetPerformanceOverviews()
    const restore = await testUtils.db().withGlobalTransaction()
    return async () => {
      settings.cacheSeconds = before
      await forgetPerformanceOverviews()
      await restore()
    }
  })

  test('the overview is counted once and kept, and saving figures shows them at once', async ({
    client,
    assert,
  }) => {
    const { hrA, admin } = await setUp(client)
    const overview = async () => {
      const response = await client.get('/workforce/performance').loginAs(hrA)
      return textWithoutMarkup(response.text())
    }
    const first = await overview()
    assert.include(
      first,
      `2 Renew your driving licence Driver and Vehicle Licensing Agency ${label(1)} 65.0%`
    )
    // Figures written behind the service's back are not seen while the overview is kept.
    const licence = await db.from('services').where('name', 'Renew your driving licence').first()
    await db
      .from('service_performance_reports')
      .where('service_id', licence.id)
      .where('period_start', `${month(1)}-01`)
      .update({ digital_transactions: 9500, phone_transactions: 500 })
    const kept = await overview()
    assert.include(kept, 'Renew your driving licence Driver and Vehicle Licensing Agency')
    assert.include(kept, `${label(1)} 65.0%`)
    // Saving a period through the service forgets what was kept.
    const saved = await submitAs(client, admin).put(
      `/workforce/services/${licence.id}/performance/${month(1)}`,
      { ...month10k(9000), notes: 'Figures from the service’s own records.' }
    )
    saved.assertStatus(302)
    const fresh = await overview()
    assert.include(
      fresh,
      `1 Renew your driving licence Driver and Vehicle Licensing Agency ${label(1)} 90.0% up 20.0 points`
    )
  })
})

test.group('Service performance across services', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('HR see their own services ranked by digital take-up with the change since the month before, the movers and those with no figures', async ({
    client,
    assert,
  }) => {
    const { hrA } = await setUp(client)
    const page = await client.get('/workforce/performance').loginAs(hrA)
    page.assertStatus(200)
    const text = textWithoutMarkup(page.text())
    assert.include(
      text,
      `1 Tax your vehicle Driver and Vehicle Licensing Agency ${label(1)} 80.0% no change ` +
        `2 Renew your driving licence Driver and Vehicle Licensing Agency ${label(1)} 65.0% down 5.0 points`
    )
    assert.notInclude(text, 'Self Assessment')
    assert.include(text, 'Worsened most Renew your driving licence: down 5.0 points, to 65.0%')
    assert.include(text, 'No service improved on the period before.')
    assert.include(
      text,
      `Personalised registration numbers Driver and Vehicle Licensing Agency ${label(1)}`
    )
  })

  test('the league table shows 50 services a page, ranked across all of them, keeping the filters between pages', async ({
    client,
    assert,
  }) => {
    const { admin, dvla } = await setUp(client)
    const lastMonth = DateTime.now().setZone(UK_ZONE).startOf('month').minus({ months: 1 })
    const now = DateTime.utc().toFormat('yyyy-LL-dd HH:mm:ss')
    for (let k = 1; k <= 50; k++) {
      const service = await createService(dvla, `Service ${String(k).padStart(2, '0')}`)
      // Digital take-up from 49% (service 1) down to 0%: all below the three above.
      const digital = (50 - k) * 100
      await db.table('service_performance_reports').insert({
        service_id: service.id,
        period_start: lastMonth.toISODate(),
        ...columnsFromFigures({
          transactions: {
            digital,
            assistedDigital: 0,
            phone: 10_000 - digital,
            paper: 0,
            faceToFace: 0,
          },
          totalTransactions: 10_000,
          totalCostPence: 2_500_000,
          channelCostPence: {
            digital: null,
            assistedDigital: null,
            phone: null,
            paper: null,
            faceToFace: null,
          },
          satisfaction: {
            verySatisfied: 1,
            satisfied: 0,
            neither: 0,
            dissatisfied: 0,
            veryDissatisfied: 0,
          },
          startedTransactions: 10_000,
          completedTransactions: 10_000,
        }),
        revision: 1,
        created_at: now,
        updated_at: now,
      })
    }
    const first = await client.get(`/workforce/performance?organisation=${dvla.id}`).loginAs(admin)
    const firstText = textWithoutMarkup(first.text())
    assert.include(firstText, 'Services 1 to 50 of 52')
    assert.include(firstText, '1 Tax your vehicle')
    assert.include(firstText, `50 Service 48 Driver and Vehicle Licensing Agency ${label(1)} 2.0%`)
    assert.notInclude(firstText, 'Service 49')
    assert.include(firstText, 'Page 1 of 2')
    const next = first
      .text()
      .match(/href="([^"]+)" rel="next"/)![1]
      .replaceAll('&amp;', '&')
    assert.include(next, `organisation=${dvla.id}`)
    const second = await client.get(next).loginAs(admin)
    const secondText = textWithoutMarkup(second.text())
    assert.include(secondText, 'Services 51 to 52 of 52')
    assert.include(
      secondText,
      `51 Service 49 Driver and Vehicle Licensing Agency ${label(1)} 1.0% No earlier figures ` +
        `52 Service 50 Driver and Vehicle Licensing Agency ${label(1)} 0.0%`
    )
    // The movers are of every service, not of the page.
    assert.include(secondText, 'Worsened most Renew your driving licence')
    const beyond = await client.get(`/workforce/performance?page=99`).loginAs(admin)
    assert.include(textWithoutMarkup(beyond.text()), 'Page 2 of 2')
  })

  test('ranked by cost per transaction, the cheapest comes first; an organisation outside the scope is 404 and a learner is refused', async ({
    client,
    assert,
  }) => {
    const { admin, hrA, hmrc } = await setUp(client)
    const page = await client
      .get('/workforce/performance?by=costPerTransactionPence')
      .loginAs(admin)
    const text = textWithoutMarkup(page.text())
    assert.include(text, 'Services ranked by cost per transaction, lowest first')
    assert.include(text, `1 Renew your driving licence`)
    assert.include(text, 'Self Assessment')
    const elsewhere = await client
      .get(`/workforce/performance?organisation=${hmrc.id}`)
      .loginAs(hrA)
    elsewhere.assertStatus(404)
    const learner = await createUser()
    const refused = await client.get('/workforce/performance').loginAs(learner)
    refused.assertStatus(403)
  })

  test('capability beside performance: trained Service Managers’ services beside the rest, and before and after training', async ({
    client,
    assert,
  }) => {
    const { admin, dvla } = await setUp(client)
    const page = await client.get(`/workforce/performance?organisation=${dvla.id}`).loginAs(admin)
    const text = textWithoutMarkup(page.text())
    assert.include(text, 'they do not show that training caused a difference')
    assert.include(
      text,
      'Indicator Trained Service Manager (1 service) Not trained, or none named (1 service) ' +
        'Cost per transaction £2.50 £2.50 User satisfaction 100.0 out of 100 100.0 out of 100 ' +
        'Completion rate 100.0% 100.0% Digital take-up 80.0% 65.0%'
    )
    // Tax your vehicle: 60% up to the month its Service Manager trained in, 80% after.
    assert.include(text, 'Digital take-up 1 60.0% 80.0%')
  })
})
