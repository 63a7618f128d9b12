import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Browser, Page } from 'playwright'
// The user factory first: it loads the models in an order their import cycle accepts.
import '#database/factories/user_factory'
import {
  OrganisationFactory,
  createChildOrganisation,
} from '#database/factories/organisation_factory'
import {
  addPlacementSkills,
  createEntrant,
  createPlacement,
  createRound,
  createTeam,
} from '#database/factories/fast_stream_factory'
import { createSkill } from '#database/factories/framework_factory'
import { savedShortlist } from '#tests/support/fixtures/fast_stream'
import PlacementShortlist from '#models/placement_shortlist'
import type User from '#models/user'
import { baseURL, textOf, textsOf } from '#tests/support/page_text'
import { collapse } from '#tests/support/html'
import { clickAndLoad } from '#tests/support/navigation'
import { assertAccessibleWithoutJavaScript } from '#tests/support/accessibility'
import { pageWithoutJavaScriptFor } from '#tests/support/browser_sign_in'

/* The placement titles of the shortlist page, first choice first. */
function shortlistTitles(page: Page) {
  return textsOf(
    page
      .getByRole('list', { name: 'Your shortlist, first choice first' })
      .locator(':scope > li h3 a')
  )
}

/*
 * An open round with placements in DfT (one at DVLA, its agency) and HMRC,
 * and an entrant who holds SC and has had a posting in HMRC.
 */
async function round() {
  const open = await createRound({ name: 'Spring 2014 round', maxPreferences: 5 })
  const dft = await OrganisationFactory.merge({ name: 'Department for Transport' }).create()
  const dvla = await createChildOrganisation(dft, { name: 'Driver and Vehicle Licensing Agency' })
  const hmrc = await OrganisationFactory.merge({ name: 'HM Revenue and Customs' }).create()
  const rail = await createTeam(dft, 'Rail data team')
  const licensing = await createTeam(dvla, 'Licensing platform team')
  const tax = await createTeam(hmrc, 'Tax platform team')
  const data = await createSkill('Data engineering')

  const timetables = await createPlacement(open, {
    team: rail,
    title: 'Data engineer on rail timetables',
    startsOn: '2014-03-01',
  })
  const licences = await createPlacement(open, {
    team: licensing,
    title: 'Platform engineer for driving licences',
    location: 'Swansea',
    clearanceRequired: 'SC',
    startsOn: '2014-04-01',
  })
  const franchises = await createPlacement(open, {
    team: rail,
    title: 'Commercial adviser for rail franchises',
    digital: false,
    startsOn: '2014-03-15',
  })
  const taxes = await createPlacement(open, {
    team: tax,
    title: 'Developer on tax accounts',
    location: 'Leeds',
  })
  await addPlacementSkills(timetables, [data])
  await addPlacementSkills(licences, [data])
  const { entrant, user } = await createEntrant({
    clearance: 'SC',
    postings: [{ organisation: hmrc, digital: false }],
    name: 'Sam Entrant',
  })
  return { open, dft, timetables, licences, franchises, taxes, entrant, user }
}

/* Puts placements on the entrant's list without the browser (for the test that starts from a list). */
async function listWith(user: User, placements: { id: number }[], browser: Browser) {
  const context = await browser.newContext({ baseURL: baseURL() })
  try {
    await context.loginAs(user)
    const page = await context.newPage()
    for (const placement of placements) {
      await page.goto(`/fast-stream/placements/${placement.id}`)
      await clickAndLoad(page, 'Add to my shortlist')
    }
  } finally {
    await context.close()
  }
}

test.group('Choosing Fast Stream placements, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an entrant filters the search, shortlists three placements, reorders them with the buttons and by dragging, and submits', async ({
    browserContext,
    assert,
  }) => {
    const { open, dft, timetables, licences, franchises, entrant, user } = await round()

    const page = await browserContext.visitAs(user, '/')
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Placements', exact: true })
      .click()
    await page.assertPath('/fast-stream/placements')
    await page.assertTextContains('h1', 'Find a placement')
    const count = page.locator('main p[role=status]')
    assert.equal(await textOf(count), '4 placements found')
    await page.assertAccessible()

    await page.getByLabel('Department').selectOption(String(dft.id))
    await page.getByLabel('Digital placements').check()
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await page.waitForURL(/digitalOnly=true/)
    const filters = new URL(page.url()).searchParams
    assert.equal(filters.get('department'), String(dft.id))
    assert.equal(await textOf(count), '2 placements found')
    const results = page.getByRole('list', { name: 'Placements' }).locator(':scope > li')
    const found = await results.locator('h2').allTextContents()
    assert.deepEqual(
      found.map((title) => collapse(title)),
      ['Data engineer on rail timetables', 'Platform engineer for driving licences']
    )
    assert.isTrue(
      await page.getByLabel('Digital placements').isChecked(),
      'the filter stays ticked'
    )
    await page.assertAccessible()

    await page.getByRole('link', { name: 'Platform engineer for driving licences' }).click()
    await page.assertPath(`/fast-stream/placements/${licences.id}`)
    await page.assertTextContains('h1', 'Platform engineer for driving licences')
    await page.assertTextContains('#eligibility', 'You are eligible for this placement.')
    await page.assertAccessible()
    await clickAndLoad(page, 'Add to my shortlist')
    await page.assertPath(`/fast-stream/placements/${licences.id}`)
    assert.equal(
      await textOf(page.getByRole('status')),
      'Platform engineer for driving licences is number 1 on your shortlist'
    )
    assert.isTrue(await page.getByRole('button', { name: 'Remove from my shortlist' }).isVisible())
    await page.assertAccessible()

    await page.goBack()
    await page.goto(`/fast-stream/placements/${timetables.id}`)
    await clickAndLoad(page, 'Add to my shortlist')
    await page.goto(`/fast-stream/placements/${franchises.id}`)
    await page.assertTextContains(
      '#eligibility',
      'You need a digital placement, and this one is not digital'
    )
    await page.assertAccessible()
    await clickAndLoad(page, 'Add to my shortlist')
    assert.equal(
      await textOf(page.getByRole('status')),
      'Commercial adviser for rail franchises is number 3 on your shortlist'
    )

    await page.getByRole('link', { name: 'Your shortlist' }).first().click()
    await page.assertPath('/fast-stream/shortlist')
    await page.assertTextContains('h1', 'Your shortlist')
    assert.deepEqual(await shortlistTitles(page), [
      'Platform engineer for driving licences',
      'Data engineer on rail timetables',
      'Commercial adviser for rail franchises',
    ])
    await page.assertTextContains(
      `#choice-${franchises.id}`,
      'Not eligible: You need a digital placement, and this one is not digital (it will not be matched)'
    )
    await page.assertTextContains(
      'main',
      'You can also drag a placement to a new place in the list.'
    )
    await page.assertAccessible()

    // The buttons: move the third choice up.
    await clickAndLoad(page, 'Move up Commercial adviser for rail franchises')
    await page.assertPath('/fast-stream/shortlist')
    assert.equal(
      await textOf(page.getByRole('status')),
      'Commercial adviser for rail franchises is now number 2 on your shortlist'
    )
    assert.deepEqual(await shortlistTitles(page), [
      'Platform engineer for driving licences',
      'Commercial adviser for rail franchises',
      'Data engineer on rail timetables',
    ])
    await page.waitForFunction(() => document.activeElement?.tagName === 'BUTTON')
    assert.equal(
      await page.evaluate(() => document.activeElement?.id),
      `move-up-${franchises.id}`,
      'focus stays on the button that was pressed'
    )
    assert.deepEqual(await savedShortlist(entrant, open), [
      licences.id,
      franchises.id,
      timetables.id,
    ])
    await page.assertAccessible()

    // Drag the first choice onto the last: it goes to the end.
    const list = page.getByRole('list', { name: 'Your shortlist, first choice first' })
    assert.equal(await list.locator(`#choice-${licences.id}`).getAttribute('draggable'), 'true')
    await Promise.all([
      page.waitForResponse(
        (response) =>
          new URL(response.url()).pathname === '/fast-stream/shortlist/order' &&
          response.status() === 200
      ),
      page.waitForEvent('load'),
      list.locator(`#choice-${licences.id}`).dragTo(list.locator(`#choice-${timetables.id}`)),
    ])
    await page.assertPath('/fast-stream/shortlist')
    assert.equal(
      await textOf(page.getByRole('status')),
      'Platform engineer for driving licences is now number 3 on your shortlist'
    )
    assert.deepEqual(await shortlistTitles(page), [
      'Commercial adviser for rail franchises',
      'Data engineer on rail timetables',
      'Platform engineer for driving licences',
    ])
    assert.deepEqual(await savedShortlist(entrant, open), [
      franchises.id,
      timetables.id,
      licences.id,
    ])
    await page.assertAccessible()

    await page.assertTextContains('#shortlist-state', 'Not submitted yet.')
    await clickAndLoad(page, 'Submit my list')
    await page.assertPath('/fast-stream/shortlist')
    await page.assertTextContains('[role=status]', 'Your shortlist of 3 placements is submitted.')
    await page.assertTextContains('#shortlist-state', 'Submitted on')
    await page.assertTextContains('#shortlist-state', 'Changes are saved straight away')
    assert.equal(await page.getByRole('button', { name: 'Submit my list' }).count(), 0)
    const shortlist = await PlacementShortlist.findByOrFail('entrant_id', entrant.id)
    assert.isNotNull(shortlist.submittedAt)
    await page.assertAccessible()
  })

  test('without JavaScript the Move up, Move down and Remove buttons reorder the list', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const { open, timetables, licences, taxes, entrant, user } = await round()
    await listWith(user, [timetables, licences, taxes], browser)

    const page = await pageWithoutJavaScriptFor(browser, user, cleanup)
    await page.goto('/fast-stream/shortlist')
    await page.assertTextContains('h1', 'Your shortlist')
    assert.deepEqual(await shortlistTitles(page), [
      'Data engineer on rail timetables',
      'Platform engineer for driving licences',
      'Developer on tax accounts',
    ])
    const list = page.getByRole('list', { name: 'Your shortlist, first choice first' })
    assert.isNull(
      await list.locator(`#choice-${timetables.id}`).getAttribute('draggable'),
      'nothing is draggable without JavaScript'
    )
    assert.isFalse(
      await page.getByText('You can also drag a placement').isVisible(),
      'the drag hint is hidden'
    )
    await assertAccessibleWithoutJavaScript(browser, page)

    await clickAndLoad(page, 'Move down Data engineer on rail timetables')
    assert.equal(
      await textOf(page.getByRole('status')),
      'Data engineer on rail timetables is now number 2 on your shortlist'
    )
    assert.deepEqual(await shortlistTitles(page), [
      'Platform engineer for driving licences',
      'Data engineer on rail timetables',
      'Developer on tax accounts',
    ])

    await clickAndLoad(page, 'Move up Developer on tax accounts')
    await clickAndLoad(page, 'Move up Developer on tax accounts')
    assert.equal(
      await textOf(page.getByRole('status')),
      'Developer on tax accounts is now number 1 on your shortlist'
    )
    assert.deepEqual(await shortlistTitles(page), [
      'Developer on tax accounts',
      'Platform engineer for driving licences',
      'Data engineer on rail timetables',
    ])
    assert.equal(
      await page.getByRole('button', { name: 'Move up Developer on tax accounts' }).count(),
      0,
      'the first choice has no Move up'
    )
    assert.deepEqual(await savedShortlist(entrant, open), [taxes.id, licences.id, timetables.id])
    await assertAccessibleWithoutJavaScript(browser, page)

    await clickAndLoad(page, 'Remove Platform engineer for driving licences')
    assert.equal(
      await textOf(page.getByRole('status')),
      'Platform engineer for driving licences is no longer on your shortlist'
    )
    assert.deepEqual(await savedShortlist(entrant, open), [taxes.id, timetables.id])
    await clickAndLoad(page, 'Submit my list')
    await page.assertTextContains('#shortlist-state', 'Submitted on')
    await assertAccessibleWithoutJavaScript(browser, page)
  })

  test('the search names a bad filter; a closed round’s list is shown read-only; with no open round the pages say so', async ({
    browserContext,
    assert,
  }) => {
    const { open, timetables, taxes, entrant, user } = await round()

    const page = await browserContext.visitAs(
      user,
      '/fast-stream/placements?sort=cheapest&location=Leeds'
    )
    assert.match(await page.title(), /^Error: Find a placement/)
    const summary = page.getByRole('alert')
    assert.equal(
      await textOf(summary.getByRole('link')),
      'Sort by title, start date, department or places'
    )
    assert.equal(await summary.getByRole('link').getAttribute('href'), '#field-sort')
    assert.equal(await textOf(page.locator('main p[role=status]')), '1 placement found')
    await page.assertAccessible()

    await page.goto(`/fast-stream/placements/${timetables.id}`)
    await clickAndLoad(page, 'Add to my shortlist')
    await page.goto(`/fast-stream/placements/${taxes.id}`)
    await page.assertTextContains(
      '#eligibility',
      'You have already had a posting in HM Revenue and Customs'
    )
    await clickAndLoad(page, 'Add to my shortlist')
    open.status = 'closed'
    await open.save()

    await page.goto(`/fast-stream/shortlist?round=${open.id}`)
    await page.assertTextContains('#shortlist-state', 'Choices for Spring 2014 round have closed')
    await page.assertTextContains('#shortlist-state', 'You did not submit a list.')
    assert.deepEqual(await shortlistTitles(page), [
      'Data engineer on rail timetables',
      'Developer on tax accounts',
    ])
    assert.equal(await page.getByRole('button', { name: /^Move|^Remove|^Submit/ }).count(), 0)
    assert.isNull(await page.locator(`#choice-${timetables.id}`).getAttribute('draggable'))
    assert.deepEqual(await savedShortlist(entrant, open), [timetables.id, taxes.id])
    await page.assertAccessible()

    await page.goto('/fast-stream/placements')
    await page.assertTextContains('main', 'There is no placement round open at the moment.')
    await page.assertAccessible()
    await page.goto('/fast-stream/shortlist')
    await page.assertTextContains('main', 'There is no placement round open at the moment.')
  })
})
