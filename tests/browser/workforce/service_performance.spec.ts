import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/user'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import {
  OrganisationFactory,
  createChildOrganisation,
} from '#database/factories/organisation_factory'
import { createService } from '#database/factories/workforce_factory'
import { assertErrorSummary } from '#tests/support/error_summary'
import { rowCells } from '#tests/support/page_text'
import { accessibleAtBothWidths } from '#tests/support/page_widths'
import { pageWithoutJavaScriptFor } from '#tests/support/browser_sign_in'
import { assertAccessibleWithoutJavaScript } from '#tests/support/accessibility'
import { submitAs } from '#tests/support/forms'
import { UK_ZONE } from '#domain/shared/uk_time'

/* DVLA's "Tax your vehicle", whose Service Manager is Grace Hopper. */
async function taxYourVehicle() {
  const dft = await OrganisationFactory.merge({ name: 'Department for Transport' }).create()
  const dvla = await createChildOrganisation(dft, { name: 'Driver and Vehicle Licensing Agency' })
  const manager = await createUser({ organisation: dvla, overrides: { fullName: 'Grace Hopper' } })
  const service = await createService(dvla, 'Tax your vehicle', {
    annualTransactions: 40_000_000,
    phase: 'live',
    serviceManagerId: manager.id,
  })
  return { manager, service }
}

const lastMonth = () => DateTime.now().setZone(UK_ZONE).minus({ months: 1 })

/*
 * Ten transactions reported for a month, `digital` of them online and the
 * rest by phone, for £100, one very satisfied answer, all completed.
 */
async function reportTen(
  client: ApiClient,
  manager: User,
  serviceId: number,
  month: string,
  digital: number
) {
  const saved = await submitAs(client, manager).put(
    `/workforce/services/${serviceId}/performance/${month}`,
    {
      digitalTransactions: String(digital),
      assistedDigitalTransactions: '0',
      phoneTransactions: String(10 - digital),
      paperTransactions: '0',
      faceToFaceTransactions: '0',
      totalTransactions: '10',
      totalCost: '100',
      verySatisfied: '1',
      satisfied: '0',
      neither: '0',
      dissatisfied: '0',
      veryDissatisfied: '0',
      startedTransactions: '10',
      completedTransactions: '10',
    }
  )
  saved.assertStatus(302)
}

test.group('Service performance, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the Service Manager follows the task on their home page, corrects a mistake the form points to, and reads the indicators', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const { manager, service } = await taxYourVehicle()
    browserContext.setDefaultTimeout(15_000)
    await browserContext.loginAs(manager)
    const label = lastMonth().toFormat('MMMM yyyy')

    const home = await visit('/')
    await home.getByRole('link', { name: 'Report the performance of Tax your vehicle' }).click()
    await home.assertPath(`/workforce/services/${service.id}/performance`)
    await home.assertTextContains('h1', 'Performance of Tax your vehicle')
    await accessibleAtBothWidths(home, assert)

    await home.getByRole('link', { name: `Report figures for ${label}` }).click()
    await home.assertTextContains('h1', `Report figures for ${label}`)
    await accessibleAtBothWidths(home, assert)
    const transactions = home.getByRole('group', { name: 'Transactions' })
    for (const [field, value] of [
      ['Digital', '8000'],
      ['Assisted digital', '500'],
      ['Phone', '1000'],
      ['Paper', '400'],
      ['Face to face', '100'],
      ['All transactions', '9000'],
    ]) {
      await transactions.getByLabel(field, { exact: true }).fill(value)
    }
    await home.getByLabel('Total cost', { exact: true }).fill('25000')
    const satisfaction = home.getByRole('group', { name: 'User satisfaction' })
    for (const [field, value] of [
      ['Very satisfied', '50'],
      ['Satisfied', '30'],
      ['Neither satisfied nor dissatisfied', '10'],
      ['Dissatisfied', '5'],
      ['Very dissatisfied', '5'],
    ]) {
      await satisfaction.getByLabel(field, { exact: true }).fill(value)
    }
    await home.getByLabel('Transactions started').fill('12000')
    await home.getByLabel('Transactions completed').fill('10000')
    await home.getByRole('button', { name: 'Save figures' }).click()

    const message =
      'The channels add up to 10,000 transactions: make the total the same, or correct a channel'
    const summary = await assertErrorSummary(home, assert, `Report figures for ${label}`, [message])
    await accessibleAtBothWidths(home, assert)
    await summary.getByRole('link', { name: message }).click()
    await home.assertFocused('field-totalTransactions')
    assert.equal(await transactions.getByLabel('Digital', { exact: true }).inputValue(), '8000')
    await home.keyboard.press('Control+A')
    await home.keyboard.type('10000')
    await home.getByRole('button', { name: 'Save figures' }).click()

    await home.assertPath(`/workforce/services/${service.id}/performance`)
    await home.assertTextContains('[role="status"], [role="alert"]', `Figures for ${label} added`)
    const table = home.getByRole('table', { name: 'Indicators by period, latest first' })
    assert.deepEqual(await rowCells(table, label), [
      label,
      '10,000',
      '80.0%',
      '£2.50',
      '78.8 out of 100 100 answers',
      '83.3%',
      '',
      `Correct the figures for ${label}`,
    ])
    await accessibleAtBothWidths(home, assert)
  })

  test('without JavaScript the figures are reported and read the same way', async ({
    browser,
    client,
    assert,
    cleanup,
  }) => {
    const { manager, service } = await taxYourVehicle()
    const month = lastMonth().toFormat('yyyy-MM')
    const page = await pageWithoutJavaScriptFor(browser, manager, cleanup, 15_000)
    await page.goto(`/workforce/services/${service.id}/performance/${month}`)
    await page.assertTextContains('h1', 'Report figures for')
    await page.getByRole('button', { name: 'Save figures' }).click()
    await page.assertTextContains('#field-totalCost-error', 'Enter the total cost in pounds')

    await reportTen(client, manager, service.id, month, 10)
    await page.goto(`/workforce/services/${service.id}/performance`)
    const table = page.getByRole('table', { name: 'Indicators by period, latest first' })
    const label = lastMonth().toFormat('MMMM yyyy')
    const cells = await rowCells(table, label)
    assert.deepEqual(cells.slice(1, 6), [
      '10',
      '100.0%',
      '£10.00',
      '100.0 out of 100 1 answer',
      '100.0%',
    ])
  })
})

test.group('Service performance across services and in public, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('HR read the league table and capability beside performance, publish a service, and anyone reads it signed out', async ({
    browser,
    browserContext,
    client,
    visit,
    assert,
    cleanup,
  }) => {
    const { manager, service } = await taxYourVehicle()
    const dvla = await service.related('organisation').query().firstOrFail()
    const hr = await createUser({ roles: ['department_hr', 'learner'], organisation: dvla })
    const month = lastMonth().toFormat('yyyy-MM')
    await reportTen(client, manager, service.id, month, 8)
    browserContext.setDefaultTimeout(15_000)
    await browserContext.loginAs(hr)

    const overview = await visit('/workforce/performance')
    await overview.assertTextContains('h1', 'Service performance')
    const league = overview.getByRole('table', {
      name: 'Services ranked by digital take-up, highest first',
    })
    const ranked = await rowCells(league, 'Tax your vehicle')
    assert.deepEqual(ranked.slice(0, 5), [
      '1',
      'Tax your vehicle',
      'Driver and Vehicle Licensing Agency',
      lastMonth().toFormat('MMMM yyyy'),
      '80.0%',
    ])
    await accessibleAtBothWidths(overview, assert)

    await league.getByRole('link', { name: 'Tax your vehicle' }).click()
    await overview.getByRole('button', { name: 'Publish the performance' }).click()
    await overview.assertTextContains(
      '[role="status"], [role="alert"]',
      'The performance of Tax your vehicle is published for anyone to read'
    )

    // Signed out, without JavaScript.
    const anyone = await browser.newContext({ javaScriptEnabled: false })
    cleanup(() => anyone.close())
    const page = await anyone.newPage()
    await page.goto(new URL('/performance', overview.url()).toString())
    await page.getByRole('link', { name: 'Tax your vehicle' }).click()
    await page.assertTextContains('h1', 'Performance of Tax your vehicle')
    const table = page.getByRole('table', {
      name: 'Indicators and transactions by period, latest first',
    })
    const shown = await rowCells(table, lastMonth().toFormat('MMMM yyyy'))
    assert.deepEqual(shown.slice(1, 6), ['£10.00', '100.0 out of 100', '100.0%', '80.0%', '10'])
    await assertAccessibleWithoutJavaScript(browser, page)
  })
})
