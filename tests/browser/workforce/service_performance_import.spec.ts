import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import {
  OrganisationFactory,
  createChildOrganisation,
} from '#database/factories/organisation_factory'
import { createService } from '#database/factories/workforce_factory'
import { rowCells } from '#tests/support/page_text'
import { accessibleAtBothWidths } from '#tests/support/page_widths'
import { UK_ZONE } from '#domain/shared/uk_time'
import { IMPORT_HEADER } from '#actions/workforce/import_service_performance'

const month = (back: number) => DateTime.now().setZone(UK_ZONE).minus({ months: back })

/* A file of two months of a service, the second with the channels short of the total when told. */
function figures(serviceId: number, total: string) {
  const line = (period: string, all: string) =>
    [serviceId, period, 8000, 500, 1000, 400, 100, all, 25000, '', '', '', '', '']
      .concat([50, 30, 10, 5, 5, 12000, 10000, ''])
      .join(',')
  return Buffer.from(
    [
      IMPORT_HEADER.join(','),
      line(month(2).toFormat('yyyy-MM'), '10000'),
      line(month(1).toFormat('yyyy-MM'), total),
    ].join('\n')
  )
}

test.group('Service performance import, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a Service Manager imports two months from a CSV: a problem is shown by line, the corrected file applied', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const dft = await OrganisationFactory.merge({ name: 'Department for Transport' }).create()
    const dvla = await createChildOrganisation(dft, { name: 'Driver and Vehicle Licensing Agency' })
    const manager = await createUser({ organisation: dvla })
    const service = await createService(dvla, 'Tax your vehicle', { serviceManagerId: manager.id })
    browserContext.setDefaultTimeout(15_000)
    await browserContext.loginAs(manager)

    const page = await visit(`/workforce/services/${service.id}/performance`)
    await page.getByRole('link', { name: 'Import figures from a CSV' }).click()
    await page.assertTextContains('h1', 'Import performance figures from a file')
    await accessibleAtBothWidths(page, assert)

    await page.getByLabel('CSV file of performance figures').setInputFiles({
      name: 'figures.csv',
      mimeType: 'text/csv',
      buffer: figures(service.id, '9000'),
    })
    await page.getByRole('button', { name: 'Upload and check' }).click()
    await page.assertTextContains('h1', 'Check the performance import')
    await page.assertTitleContains('Error: Check the performance import')
    const problems = page.getByRole('table', { name: 'Rows with problems, by line' })
    assert.deepEqual(await rowCells(problems, /^3$/), [
      '3',
      String(service.id),
      month(1).toFormat('yyyy-MM'),
      'All transactions: The channels add up to 10,000 transactions: make the total the same, or correct a channel',
    ])
    assert.equal(await page.getByRole('button', { name: /^Apply/ }).count(), 0)
    await accessibleAtBothWidths(page, assert)

    await page.getByRole('link', { name: 'Upload another file' }).click()
    await page.getByLabel('CSV file of performance figures').setInputFiles({
      name: 'figures.csv',
      mimeType: 'text/csv',
      buffer: figures(service.id, '10000'),
    })
    await page.getByRole('button', { name: 'Upload and check' }).click()
    const rows = page.getByRole('table', { name: 'What each row does' })
    assert.deepEqual(await rowCells(rows, /^2$/), [
      '2',
      `Tax your vehicle ID ${service.id}`,
      month(2).toFormat('MMMM yyyy'),
      'Add',
    ])
    await accessibleAtBothWidths(page, assert)
    await page.getByRole('button', { name: 'Apply: add 2, correct 0' }).click()

    await page.assertPath('/workforce/service-performance/import')
    await page.assertTextContains(
      '[role="status"], [role="alert"]',
      'Import applied: 2 periods added, 0 corrected, 0 unchanged'
    )
    await page.goto(`/workforce/services/${service.id}/performance`)
    const table = page.getByRole('table', { name: 'Indicators by period, latest first' })
    const [, transactions] = await rowCells(table, month(1).toFormat('MMMM yyyy'))
    assert.equal(transactions, '10,000')
  })
})
