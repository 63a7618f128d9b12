import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { createSkill } from '#database/factories/framework_factory'
import {
  OrganisationFactory,
  createChildOrganisation,
} from '#database/factories/organisation_factory'
import {
  createCohort,
  createEntrant,
  createRound,
  createScheme,
} from '#database/factories/fast_stream_factory'
import Placement from '#models/placement'
import FastStreamScheme from '#models/fast_stream_scheme'
import { textOf } from '#tests/support/page_text'
import { collapse } from '#tests/support/html'
import { clickAndLoad } from '#tests/support/navigation'
import { pageFor } from '#tests/support/browser_sign_in'
import { teamLeadAndAdmin } from '#tests/support/fixtures/fast_stream_team'
import { createService } from '#database/factories/workforce_factory'
import { fillDate } from '#tests/support/date_input'

const monthsAway = (months: number) =>
  DateTime.now().setZone('Europe/London').startOf('day').plus({ months }).toISODate()!

/*
 * DfT and its agency DVLA with two services of the register: Tax your
 * vehicle, live and used online (digitally delivered), and Renew your
 * driving licence, still in alpha. A delivery team at DVLA and its lead,
 * the Fast Stream team, an open Future Leaders round, and a middle manager
 * at Grade 7 already on a Future Leaders scheme.
 */
async function setUp() {
  const dft = await OrganisationFactory.merge({ name: 'Department for Transport' }).create()
  const dvla = await createChildOrganisation(dft, { name: 'Driver and Vehicle Licensing Agency' })
  const service = (name: string, phase: 'alpha' | 'live') =>
    createService(dvla, name, { annualTransactions: 40_000_000, phase, hasDigitalChannel: true })
  const taxYourVehicle = await service('Tax your vehicle', 'live')
  await service('Renew your driving licence', 'alpha')
  const { team, lead, admin } = await teamLeadAndAdmin(dvla, 'Vehicle tax')
  const round = await createRound({ name: 'Future Leaders spring', programme: 'future_leaders' })
  await createSkill('Service ownership', 'Product and delivery')
  const scheme = await createScheme('Future Leaders Scheme', 'future_leaders')
  const { user: leader } = await createEntrant({
    user: await createUser({
      organisation: dft,
      overrides: { fullName: 'Callum Fraser', grade: 'G7' },
    }),
    scheme,
    startedOn: monthsAway(-6),
  })
  return { dft, dvla, taxYourVehicle, team, lead, admin, round, scheme, leader }
}

test.group('The Future Leaders Scheme, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the Fast Stream team adds a Future Leaders scheme and is told who it cannot take', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const { admin } = await setUp()
    const cohort = await createCohort(2027)
    await createUser({
      overrides: { email: 'hal.eo@example.gov.uk', fullName: 'Hal Eo', grade: 'HEO' },
    })
    const page = await pageFor(browser, admin, cleanup, 10_000)

    await page.goto('/fast-stream/admin/schemes/create')
    await page.assertTextContains('h1', 'Add a scheme')
    await page.assertAccessible()
    await page.getByLabel('Future Leaders Scheme').check()
    await page.getByLabel('Name').fill('Future Leaders 2027')
    await clickAndLoad(page, 'Add scheme')
    await page.assertPath('/fast-stream/admin/schemes')
    const row = page.getByRole('row', { name: /Future Leaders 2027/ })
    assert.include(await textOf(row), 'Future Leaders Scheme')
    await page.assertAccessible()
    const scheme = await FastStreamScheme.findByOrFail('name', 'Future Leaders 2027')
    assert.equal(scheme.programme, 'future_leaders')

    await page.goto('/fast-stream/admin/entrants/create')
    await page.getByLabel('E-mail address').fill('hal.eo@example.gov.uk')
    await page.getByLabel('Scheme').selectOption(String(scheme.id))
    await page.getByLabel('Cohort').selectOption(String(cohort.id))
    await page.getByLabel('Security check (SC)').check()
    await fillDate(page, 'Started on the Fast Stream', '2027-01-04')
    await clickAndLoad(page, 'Add entrant')
    await page.assertTitleContains('Error: Add an entrant')
    const summary = page.getByRole('alert')
    assert.include(
      await textOf(summary),
      'Only people at Grade 7 or Grade 6 can join the Future Leaders Scheme: this person is at Higher Executive Officer (HEO)'
    )
    await page.assertAccessible()

    await page.goto('/fast-stream/admin/rounds/create')
    await page.assertTextContains('h1', 'Add a placement round')
    await page.assertAccessible()
    await page.goto('/fast-stream/admin/digital-rule?programme=future_leaders')
    await page.assertTextContains('h1', 'Future Leaders at risk of the digital rule')
    await page.assertAccessible()
    await page.goto('/fast-stream/admin')
    await page.assertAccessible()
  })

  test('a team lead offers a placement in a digitally delivered service, and a Future Leader finds it and shortlists it', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const { lead, leader, round, admin } = await setUp()
    const leadPage = await pageFor(browser, lead, cleanup, 10_000)
    await leadPage.goto('/fast-stream/team/placements/create')
    await leadPage.assertTextContains('h1', 'Offer a placement')
    await leadPage.assertAccessible()
    const services = await leadPage
      .getByLabel('Service', { exact: true })
      .locator('option')
      .allTextContents()
    assert.deepEqual(services.map(collapse), [
      'Select a service',
      'Tax your vehicle (Driver and Vehicle Licensing Agency)',
    ])

    // Without a service, the error summary says what to do.
    await leadPage.getByLabel('Title', { exact: true }).fill('Operations manager, Tax your vehicle')
    await leadPage
      .getByLabel('Description')
      .fill('Run the day-to-day operation of a live digital service and its support team.')
    await leadPage.locator('summary', { hasText: 'Product and delivery' }).click()
    await leadPage.getByLabel('Service ownership').check()
    await fillDate(leadPage, 'Starts on', round.postingStartsOn!.toISODate()!)
    await clickAndLoad(leadPage, 'Offer placement')
    await leadPage.assertTitleContains('Error: Offer a placement')
    assert.include(
      await textOf(leadPage.getByRole('alert')),
      'Select the service the placement works in: a Future Leaders placement is in a digitally delivered service'
    )
    await leadPage.assertAccessible()
    await leadPage
      .getByLabel('Service', { exact: true })
      .selectOption({ label: 'Tax your vehicle (Driver and Vehicle Licensing Agency)' })
    await clickAndLoad(leadPage, 'Offer placement')
    await leadPage.assertTextContains('h1', 'Operations manager, Tax your vehicle')
    await leadPage.assertTextContains('main', 'Tax your vehicle')
    await leadPage.assertAccessible()

    const placement = await Placement.findByOrFail('title', 'Operations manager, Tax your vehicle')
    const adminPage = await pageFor(browser, admin, cleanup, 10_000)
    await adminPage.goto(`/fast-stream/admin/placements/${placement.id}`)
    await adminPage.assertTextContains('main', 'Tax your vehicle')
    await adminPage.assertAccessible()
    await clickAndLoad(adminPage, 'Approve placement')

    const page = await pageFor(browser, leader, cleanup, 10_000)
    await page.goto('/fast-stream/placements')
    await page.assertTextContains('h1', 'Find a placement')
    const results = page.getByRole('list', { name: 'Placements' }).locator(':scope > li')
    assert.equal(await results.count(), 1)
    assert.include(await textOf(results.first()), 'Service: Tax your vehicle')
    await page.assertAccessible()
    await page.getByRole('link', { name: 'Operations manager, Tax your vehicle' }).click()
    await page.assertTextContains('h1', 'Operations manager, Tax your vehicle')
    await page.assertAccessible()
    await clickAndLoad(page, 'Add to my shortlist')
    assert.equal(
      await textOf(page.getByRole('status')),
      'Operations manager, Tax your vehicle is number 1 on your shortlist'
    )
    await page.goto('/fast-stream/shortlist')
    await page.assertTextContains('main', 'Operations manager, Tax your vehicle')
    await page.assertAccessible()
  })

  test('the Future Leaders dashboard is accessible and reached from the other dashboards', async ({
    browser,
    cleanup,
  }) => {
    await setUp()
    const capability = await createUser({ roles: ['capability_admin', 'learner'] })
    const page = await pageFor(browser, capability, cleanup, 10_000)
    await page.goto('/insights/fast-stream')
    await page
      .getByRole('navigation', { name: 'Dashboards' })
      .getByRole('link', { name: 'Future Leaders' })
      .click()
    await page.assertPath('/insights/future-leaders')
    await page.assertTextContains('h1', 'Future Leaders dashboard')
    await page.assertTextContains(
      '#table-future-leaders-digital',
      'Future Leaders within the scheme'
    )
    await page.assertAccessible()
  })
})
