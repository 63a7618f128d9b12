import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import type { Page } from 'playwright'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import PlacementRound from '#models/placement_round'
import { assertErrorSummary } from '#tests/support/error_summary'
import { baseURL, textOf } from '#tests/support/page_text'
import { dateGroup, dateParts, dateTyped, fillDate } from '#tests/support/date_input'

const DESKTOP = { width: 1280, height: 800 }
const PHONE = { width: 320, height: 640 }

const WINDOW_BACKWARDS = 'Postings must end after the day they start'

/* Accessible on a desktop and on a 320 px phone, ending at desktop width again. */
async function assertAccessibleAtBothWidths(page: Page) {
  await page.assertAccessible()
  await page.setViewportSize(PHONE)
  await page.assertAccessible()
  await page.setViewportSize(DESKTOP)
}

/* The summary list's value for a row, such as “Postings run”. */
function summaryValue(page: Page, key: string) {
  return page.locator('dl div', { has: page.locator('dt', { hasText: key }) }).locator('dd')
}

/*
 * The form sent back with a posting window that ends before it starts:
 * the title says so, the GOV.UK error summary has focus and its one link
 * goes to the end date, which says why, is marked invalid and keeps what
 * was typed.
 */
async function assertWindowRefused(page: Page, assert: any, title: string, typed: string) {
  const summary = await assertErrorSummary(page, assert, title, [WINDOW_BACKWARDS])
  const link = summary.getByRole('link', { name: WINDOW_BACKWARDS })
  assert.equal(await link.getAttribute('href'), '#field-postingEndsOn')
  assert.equal(
    await textOf(page.locator('#field-postingEndsOn-error')),
    `Error: ${WINDOW_BACKWARDS}`
  )
  const endsOn = dateGroup(page, 'Postings end on')
  for (const part of ['Day', 'Month', 'Year']) {
    const box = endsOn.getByLabel(part, { exact: true })
    assert.equal(await box.getAttribute('aria-invalid'), 'true', `${part} is marked`)
  }
  assert.include(await endsOn.getAttribute('aria-describedby'), 'field-postingEndsOn-error')
  assert.deepEqual(
    await dateTyped(page, 'Postings end on'),
    dateParts(typed),
    'what was typed is kept'
  )
  await assertAccessibleAtBothWidths(page)

  await link.click()
  await page.assertFocused('field-postingEndsOn', 'the summary link moves focus to the field')
}

test.group('Fast Stream: a placement round’s posting window, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the Fast Stream team adds and changes a round’s posting window; one that ends before it starts is refused with the error summary', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const admin = await createUser({
      roles: ['fast_stream_admin', 'learner'],
      overrides: { fullName: 'Ada Admin' },
    })
    const context = await browser.newContext({ baseURL: baseURL(), viewport: DESKTOP })
    cleanup(() => context.close())
    context.setDefaultTimeout(15_000)
    await context.loginAs(admin)
    const page = await context.newPage()
    const year = DateTime.now().year + 1

    // Ada adds a round whose postings end a fortnight before they start.
    await page.goto('/fast-stream/admin/rounds/create')
    await page.assertTextContains('h1', 'Add a placement round')
    await assertAccessibleAtBothWidths(page)
    await page.getByLabel('Name').fill('Autumn round')
    await page.getByLabel('Teams can offer placements from').fill(`${year}-09-01T09:00`)
    await page.getByLabel('Entrants can choose from').fill(`${year}-09-15T09:00`)
    await page.getByLabel('Entrants’ choices close at').fill(`${year}-09-29T17:00`)
    await page.getByLabel('Results are published at').fill(`${year}-10-01T12:00`)
    await fillDate(page, 'Postings start on', `${year}-11-01`)
    await fillDate(page, 'Postings end on', `${year}-10-15`)
    await page.getByRole('button', { name: 'Add round' }).click()
    await assertWindowRefused(page, assert, 'Add a placement round', `${year}-10-15`)
    assert.deepEqual(await dateTyped(page, 'Postings start on'), dateParts(`${year}-11-01`))
    assert.isNull(await PlacementRound.findBy('name', 'Autumn round'))

    // From the field she enters an end six months after the start, and the round is added.
    await fillDate(page, 'Postings end on', `${year + 1}-05-01`)
    await page.getByRole('button', { name: 'Add round' }).click()
    await page.getByRole('heading', { level: 1, name: 'Autumn round' }).waitFor()
    assert.equal(
      await textOf(summaryValue(page, 'Postings run')),
      `1 Nov ${year} to 1 May ${year + 1}`
    )
    await assertAccessibleAtBothWidths(page)
    const round = await PlacementRound.findByOrFail('name', 'Autumn round')
    assert.equal(round.postingStartsOn?.toISODate(), `${year}-11-01`)
    assert.equal(round.postingEndsOn?.toISODate(), `${year + 1}-05-01`)

    // Changing it: a window that ends on the day before it starts is refused the same way.
    await page.getByRole('link', { name: 'Change the round’s dates and rules' }).click()
    await page.getByRole('heading', { level: 1, name: 'Change Autumn round' }).waitFor()
    assert.deepEqual(await dateTyped(page, 'Postings end on'), dateParts(`${year + 1}-05-01`))
    await assertAccessibleAtBothWidths(page)
    await fillDate(page, 'Postings start on', `${year}-12-01`)
    await fillDate(page, 'Postings end on', `${year}-11-30`)
    await page.getByRole('button', { name: 'Save changes' }).click()
    await assertWindowRefused(page, assert, 'Change Autumn round', `${year}-11-30`)
    await round.refresh()
    assert.equal(round.postingStartsOn?.toISODate(), `${year}-11-01`)

    await fillDate(page, 'Postings end on', `${year + 1}-06-01`)
    await page.getByRole('button', { name: 'Save changes' }).click()
    await page.getByRole('heading', { level: 1, name: 'Autumn round' }).waitFor()
    assert.equal(
      await textOf(summaryValue(page, 'Postings run')),
      `1 Dec ${year} to 1 Jun ${year + 1}`
    )
    await assertAccessibleAtBothWidths(page)
  })
})
