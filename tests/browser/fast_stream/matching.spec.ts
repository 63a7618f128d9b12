import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import mail from '@adonisjs/mail/services/main'
import type { Page } from 'playwright'
// The user factory first: it loads the models in an order their import cycle accepts.
import { TEST_PASSWORD } from '#database/factories/user_factory'
import { rankedRound } from '#tests/support/fixtures/fast_stream'
import FastStreamMatched from '#mails/fast_stream_matched'
import { baseURL, bodyRows, textOf } from '#tests/support/page_text'
import { collapse } from '#tests/support/html'
import { assertAccessibleWithoutJavaScript } from '#tests/support/accessibility'
import { pageWithoutJavaScriptFor } from '#tests/support/browser_sign_in'

/* The results page's figures, by label. */
async function figures(page: Page) {
  const rows = await bodyRows(page.getByRole('table', { name: 'The result in figures' }))
  return Object.fromEntries(rows.map(([label, count]) => [label, count]))
}

test.group('Fast Stream matching, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the Fast Stream team runs the match, moves an entrant after reading the warning, and publishes; the entrant sees their placement', async ({
    browser,
    browserContext,
    assert,
    cleanup,
  }) => {
    const fake = mail.fake()
    cleanup(() => mail.restore())
    // Policy lab, Data hub and Service desk take one entrant each; Ann, Ben, Cat and Dan chose them.
    const { admin, round, ben } = await rankedRound()
    const benUser = await ben.related('user').query().firstOrFail()
    const results = `/fast-stream/admin/rounds/${round.id}/results`

    // Fiona, of the Fast Stream team, opens the closed round's results.
    browserContext.setDefaultTimeout(5000)
    await browserContext.loginAs(admin)
    const page = await browserContext.newPage()
    await page.goto(results)
    await page.assertTextContains('h1', 'Match results: Spring 2014')
    await page.assertTextContains('main', '4 entrants have submitted their choices.')
    await page.assertAccessible()

    // She runs the match.
    await page.getByRole('button', { name: 'Run the match' }).click()
    await page.assertPath(results)
    assert.equal(await textOf(page.getByRole('status')), 'Match run: 3 of 4 entrants matched')
    assert.deepInclude(await figures(page), {
      'Entrants who submitted choices': '4',
      'Matched': '3',
      'Not matched': '1',
      'Given their first choice': '3',
      'Places offered': '3',
      'Places filled': '3',
    })
    assert.deepEqual(
      await bodyRows(
        page.getByRole('table', { name: 'Placements, places and places filled, by department' })
      ),
      [
        ['Cabinet Office', '1', '1', '1'],
        ['HM Revenue and Customs', '2', '2', '2'],
      ]
    )
    const entrants = page.getByRole('table', { name: /^Entrants, page 1 of 1/ })
    const rows = await bodyRows(entrants)
    assert.deepEqual(
      rows.map((row) => row.slice(0, 4)),
      [
        ['Ann Archer', rows[0][1], 'Policy lab Open policy, Cabinet Office', '1'],
        ['Ben Baker', rows[1][1], 'Data hub Data hub team, HM Revenue and Customs', '1'],
        ['Cat Carter', rows[2][1], 'Service desk Digital support, HM Revenue and Customs', '1'],
        ['Dan Dyer', rows[3][1], 'Not matched', ''],
      ]
    )
    assert.include(rows[3][4], 'was filled by entrants its team ranked higher')
    await page.assertAccessible()

    // She moves Ann out of Policy lab, by keyboard, and is warned first.
    await page.getByRole('link', { name: 'Move Ann Archer' }).click()
    await page.assertTextContains('h1', 'Move Ann Archer')
    await page.assertAccessible()
    const select = page.getByLabel('Move to')
    await select.focus()
    await select.selectOption({ label: 'No placement: leave the entrant unmatched' })
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await page.waitForURL(/placement=none/)
    const warning = page.locator('#blocking-pairs-warning')
    assert.equal(
      await textOf(warning.locator('p').first()),
      'Warning: this move creates 2 blocking pairs.'
    )
    const pairs = await page
      .getByRole('listitem')
      .filter({ hasText: 'Policy lab' })
      .allTextContents()
    assert.deepEqual(
      pairs.map((text) => collapse(text)),
      ['Ann Archer and Policy lab', 'Dan Dyer and Policy lab']
    )
    await page.assertAccessible()
    await page
      .getByLabel('Why are you moving Ann Archer?')
      .fill('Policy lab asked for someone with research experience')
    await page.getByRole('button', { name: 'Confirm the move' }).click()
    await page.assertPath(results)
    assert.equal(await textOf(page.getByRole('status')), 'Ann Archer now has no placement')
    await page.assertTextContains('main', 'After the moves by hand the result has 2 blocking pairs')
    const moved = await bodyRows(page.getByRole('table', { name: /^Entrants: moved by hand/ }))
    assert.lengthOf(moved, 1)
    assert.equal(moved[0][0], 'Ann Archer')
    assert.include(moved[0][4], 'Moved by hand By Fiona Stream')
    await page.assertAccessible()

    // She publishes the result, after the page that says what publishing will do.
    await page.getByRole('button', { name: 'Publish the result' }).click()
    await page.assertPath(`/fast-stream/admin/rounds/${round.id}/publish`)
    await page.getByRole('button', { name: 'Publish', exact: true }).click()
    await page.assertPath(results)
    assert.equal(
      await textOf(page.getByRole('status')),
      'Spring 2014 published: 2 postings added, 4 entrants and 0 team leads e-mailed'
    )
    await page.assertTextContains('main', 'Status: Published.')
    assert.equal(await page.getByRole('button', { name: 'Publish the result' }).count(), 0)
    await page.assertAccessible()
    const toBen = fake.mails
      .queued()
      .find(
        (sent) => sent instanceof FastStreamMatched && sent.context.entrant.email === benUser.email
      )
    assert.exists(toBen, 'Ben is e-mailed his placement')

    // Ben signs in and sees his placement.
    const context = await browser.newContext({ baseURL: baseURL() })
    cleanup(() => context.close())
    context.setDefaultTimeout(5000)
    const benPage = await context.newPage()
    await benPage.goto('/sign-in')
    await benPage.getByLabel('Email address').fill(benUser.email)
    await benPage.getByLabel('Password').fill(TEST_PASSWORD)
    await benPage.getByRole('button', { name: 'Sign in' }).click()
    await benPage.goto('/fast-stream/my-placement')
    await benPage.assertTextContains('h1', 'Your placement')
    await benPage.assertTextContains('main', 'You are matched to Data hub, your choice number 1.')
    await benPage.assertTextContains('main', 'Leeds')
    await benPage.assertTextContains('main', '3 Mar 2014')
    assert.deepEqual(await bodyRows(benPage.getByRole('table')), [
      ['Data hub', 'Data hub team', 'HM Revenue and Customs', '3 Mar 2014', '3 Sep 2014', 'Yes'],
    ])
    await benPage.assertAccessible()
  })

  test('while a large match runs the page says so: without JavaScript it offers to check again, with it the page shows the result when ready', async ({
    browser,
    browserContext,
    assert,
    cleanup,
  }) => {
    const { admin, round } = await rankedRound()
    round.merge({ status: 'matched', matchedAt: null })
    await round.save()
    const results = `/fast-stream/admin/rounds/${round.id}/results`

    const withoutScript = await pageWithoutJavaScriptFor(browser, admin, cleanup)
    await withoutScript.goto(results)
    await withoutScript.assertTextContains('#progress-heading', 'Matching…')
    assert.isTrue(
      await withoutScript.getByRole('progressbar', { name: 'Matching the round' }).isVisible()
    )
    const again = withoutScript.getByRole('link', { name: 'Check again' })
    assert.equal(await again.getAttribute('href'), results)
    await assertAccessibleWithoutJavaScript(browser, withoutScript)
    await again.click()
    await withoutScript.assertTextContains('#progress-heading', 'Matching…')

    browserContext.setDefaultTimeout(5000)
    await browserContext.loginAs(admin)
    const page = await browserContext.newPage()
    await page.goto(results)
    await page.getByRole('progressbar', { name: 'Matching the round' }).waitFor()
    assert.isFalse(await page.getByRole('link', { name: 'Check again' }).isVisible())
    await page.assertAccessible()

    // The match finishes: the page reloads itself and shows the result.
    const { runMatch } = await import('#actions/fast_stream/matching/run_match')
    await runMatch(round.id, admin.id)
    await page.getByRole('table', { name: 'The result in figures' }).waitFor()
    assert.deepInclude(await figures(page), { Matched: '3' })
    await page.assertAccessible()
  })
})
