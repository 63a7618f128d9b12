import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import mail from '@adonisjs/mail/services/main'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import { createEntrant, createRound } from '#database/factories/fast_stream_factory'
import { rankedRound } from '#tests/support/fixtures/fast_stream'
import { runMatch } from '#actions/fast_stream/matching/run_match'
import { bodyRows, textOf } from '#tests/support/page_text'

const monthsAway = (months: number) =>
  DateTime.now().setZone('Europe/London').startOf('day').plus({ months }).toISODate()!

test.group('Fast Stream, in a browser: publishing and the digital rule', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('publishing shows what it will do and asks for confirmation first', async ({
    browserContext,
    assert,
    cleanup,
  }) => {
    mail.fake()
    cleanup(() => mail.restore())
    const { admin, round } = await rankedRound()
    await runMatch(round.id, admin.id)
    const results = `/fast-stream/admin/rounds/${round.id}/results`

    browserContext.setDefaultTimeout(15_000)
    await browserContext.loginAs(admin)
    const page = await browserContext.newPage()
    cleanup(() => page.close())
    await page.goto(results)
    await page.getByRole('button', { name: 'Publish the result' }).click()
    await page.assertPath(`/fast-stream/admin/rounds/${round.id}/publish`)
    await page.assertTextContains('h1', 'Publish the result of Spring 2014')
    const what = page.locator('dl')
    assert.equal(
      await textOf(what.locator('div').filter({ hasText: 'Postings written' }).locator('dd')),
      '3 postings in entrants’ histories, each 3 Mar 2014 to 3 Sep 2014'
    )
    assert.equal(
      await textOf(what.locator('div').filter({ hasText: 'E-mails to entrants' }).locator('dd')),
      '4 entrants told their result, matched or not'
    )
    assert.equal(
      await textOf(what.locator('div').filter({ hasText: 'E-mails to team leads' }).locator('dd')),
      '0 team leads told who is joining their team'
    )
    await page.assertTextContains('main', 'Publishing cannot be undone')
    await page.assertAccessible()

    // Cancel goes back without publishing; the button publishes.
    await page.getByRole('link', { name: 'Cancel' }).click()
    await page.assertPath(results)
    await page.assertTextContains('main', 'Status: Matched, not published.')
    await page.getByRole('button', { name: 'Publish the result' }).click()
    await page.getByRole('button', { name: 'Publish', exact: true }).click()
    await page.assertPath(results)
    assert.equal(
      await textOf(page.getByRole('status')),
      'Spring 2014 published: 3 postings added, 4 entrants and 0 team leads e-mailed'
    )
    await page.assertTextContains('main', 'Status: Published.')
    await page.assertAccessible()
  })

  test('the Fast Stream team finds the entrants at risk of the digital rule, filters them and downloads them', async ({
    browserContext,
    assert,
    cleanup,
  }) => {
    const admin = await createUser({ roles: ['fast_stream_admin', 'learner'] })
    const hmrc = await OrganisationFactory.merge({ name: 'HM Revenue and Customs' }).create()
    await createRound({
      name: 'Next round',
      postingStartsOn: monthsAway(2),
      postingEndsOn: monthsAway(8),
    })
    await createEntrant({ name: 'June Joiner', organisation: hmrc, startedOn: monthsAway(-18) })
    await createEntrant({ name: 'Rhys Risky', organisation: hmrc, startedOn: monthsAway(-12) })
    await createEntrant({ name: 'Nova Newer', organisation: hmrc, startedOn: monthsAway(-6) })

    browserContext.setDefaultTimeout(15_000)
    await browserContext.loginAs(admin)
    const page = await browserContext.newPage()
    cleanup(() => page.close())
    await page.goto('/fast-stream/admin')
    await page.getByRole('link', { name: 'Digital rule', exact: true }).click()
    await page.assertPath('/fast-stream/admin/digital-rule')
    await page.assertTextContains('h1', 'Entrants at risk of the digital rule')
    const table = page.getByRole('table', { name: /^Entrants at risk or missed/ })
    const rows = await bodyRows(table)
    assert.deepEqual(
      rows.map((row) => [row[0]?.split(' ').slice(0, 2).join(' '), row[5]]),
      [
        ['June Joiner', 'Missed'],
        ['Rhys Risky', 'At risk'],
      ]
    )
    assert.equal(
      rows[1][6],
      `Postings ${DateTime.fromISO(monthsAway(2)).toFormat('d LLL yyyy')} to ${DateTime.fromISO(monthsAway(8)).toFormat('d LLL yyyy')}`
    )
    await page.assertAccessible()

    await page.getByRole('link', { name: 'At risk (1)' }).click()
    await page.waitForURL(/\/fast-stream\/admin\/digital-rule\?state=at_risk$/)
    const atRisk = await bodyRows(page.getByRole('table', { name: /^Entrants at risk,/ }))
    assert.deepEqual(
      atRisk.map((row) => row[5]),
      ['At risk']
    )
    await page.assertAccessible()

    const download = page.waitForEvent('download')
    await page.getByRole('link', { name: /Download CSV/ }).click()
    const file = await download
    assert.match(file.suggestedFilename(), /^digital-rule-at-risk-\d{4}-\d{2}-\d{2}\.csv$/)
  })
})
