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
 * rose from 60% to 80% after. The licence service's did not train; the
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
  await report(licence.id, 2, 7000)
  await report(licence.id, 1, 6500)
  await report(selfAssessment.id, 1, 9000)
  return { hrA: hrA!, admin: admin!, dvla, hmrc }
}

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
