import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { Page } from 'playwright'
import { afterAutofocus } from '#tests/support/focus'
import { assertErrorSummary } from '#tests/support/error_summary'
import { navigateTo } from '#tests/support/navigation'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { createSkill } from '#database/factories/framework_factory'
import {
  createCohort,
  createEntrant,
  createPlacement,
  createRound,
  createScheme,
  createShortlist,
} from '#database/factories/fast_stream_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import Placement from '#models/placement'
import type PlacementRound from '#models/placement_round'
import FastStreamEntrant from '#models/fast_stream_entrant'
import { textOf, textsOf } from '#tests/support/page_text'
import { pageFor } from '#tests/support/browser_sign_in'
import { teamLeadAndAdmin } from '#tests/support/fixtures/fast_stream_team'
import { fillDate } from '#tests/support/date_input'

/* Waits for the page to show the flash message (the page may still be loading after a submit). */
async function assertFlash(page: Page, message: string) {
  const shown = page.locator('div[role=status] > p', { hasText: message })
  await shown.waitFor()
  if ((await textOf(shown)) !== message) throw new Error(`Expected the message “${message}”`)
}

/* A department with a delivery team and its lead, a Fast Stream admin, an open round and some skills. */
async function setUp() {
  const dwp = await OrganisationFactory.merge({
    code: 'dwp',
    name: 'Department for Work and Pensions',
  }).create()
  const { team, lead, admin } = await teamLeadAndAdmin(dwp, 'Universal Credit')
  const round = await createRound({ name: 'Spring round' })
  await createSkill('User research', 'User-centred design')
  await createSkill('Service design', 'User-centred design')
  await createSkill('Data analysis', 'Data')
  return { dwp, team, lead, admin, round }
}

/* Entrants who put the placement on a submitted list: first choices, then a second choice, in submission order. */
async function applicants(round: PlacementRound, placement: Placement) {
  const scheme = await createScheme('Digital and Technology')
  const cohort = await createCohort(2013)
  const start = DateTime.fromISO('2026-05-01T09:00:00Z')
  const people = [
    { name: 'Ravi Patel', choice: 1 },
    { name: 'Sara Jones', choice: 1 },
    { name: 'Olu Ade', choice: 2 },
  ]
  const other = await Placement.query()
    .where('round_id', round.id)
    .whereNot('id', placement.id)
    .first()
  for (const [index, person] of people.entries()) {
    const { entrant } = await createEntrant({ name: person.name, scheme, cohort })
    const chosen = person.choice === 1 ? [placement] : [other!, placement]
    await createShortlist(round, entrant, chosen, start.plus({ hours: index }))
  }
}

test.group('Fast Stream placements: team lead and admin, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a team lead offers a placement, the admin approves it, and the lead ranks its applicants by keyboard', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const { lead, admin, round, team } = await setUp()

    // Tom, a team lead, offers a placement, first forgetting its title and skills.
    const leadPage = await pageFor(browser, lead, cleanup, 10_000)
    await leadPage.goto('/')
    await navigateTo(leadPage, 'Team placements')
    await leadPage.assertPath('/fast-stream/team/placements')
    await leadPage.assertTextContains('h1', 'Placements offered by Universal Credit')
    await leadPage.assertAccessible()

    await leadPage.getByRole('link', { name: 'Offer a placement' }).click()
    await leadPage.assertPath('/fast-stream/team/placements/create')
    await leadPage.assertTextContains('main', 'Round: Spring round')
    await leadPage.assertAccessible()
    await leadPage.getByRole('button', { name: 'Offer placement' }).click()
    await leadPage.assertTitleContains('Error: Offer a placement')
    await afterAutofocus(leadPage)
    await leadPage.assertFocused('error-summary-title', 'the error summary has focus')
    const summary = leadPage.getByRole('alert')
    assert.includeMembers(await textsOf(summary.getByRole('link')), [
      'Enter the title of the placement',
      'Select at least one skill the placement develops',
    ])
    await leadPage.assertAccessible()

    const startsOn = round.resultsAt.plus({ days: 30 }).toISODate()!
    await leadPage.getByLabel('Title').fill('Junior service designer')
    await leadPage
      .getByLabel('Description')
      .fill('Design the journey people take to claim Universal Credit, with a team of twelve.')
    await leadPage.getByLabel('Location').fill('Leeds')
    await leadPage.locator('summary', { hasText: 'User-centred design' }).click()
    await leadPage.getByLabel('Service design').check()
    await leadPage.getByLabel('Counter-terrorist check (CTC)').check()
    await leadPage.getByLabel('Number of entrants the placement takes').fill('2')
    await fillDate(leadPage, 'Starts on', startsOn)
    await leadPage.getByRole('button', { name: 'Offer placement' }).click()

    const placement = await Placement.query()
      .where({ team_id: team.id, title: 'Junior service designer' })
      .firstOrFail()
    await leadPage.assertPath(`/fast-stream/team/placements/${placement.id}`)
    await assertFlash(
      leadPage,
      'Placement offered: Junior service designer. The Fast Stream team will review it.'
    )
    await leadPage.assertTextContains('main .tag', 'Waiting for approval')
    await leadPage.assertTextContains('main', 'Service design')
    await leadPage.assertAccessible()

    // Ada, the Fast Stream admin, approves it from the round's page.
    const adminPage = await pageFor(browser, admin, cleanup, 10_000)
    await adminPage.goto('/')
    await navigateTo(adminPage, 'Fast Stream')
    await adminPage.assertPath('/fast-stream/admin')
    await adminPage.assertTextContains('main', '1 placement waiting for approval')
    await adminPage.assertAccessible()
    await adminPage
      .getByRole('navigation', { name: 'Fast Stream administration' })
      .getByRole('link', { name: 'Placement rounds' })
      .click()
    await adminPage.assertPath('/fast-stream/admin/rounds')
    await adminPage.assertAccessible()
    await adminPage.getByRole('link', { name: 'Spring round' }).click()
    await adminPage.assertPath(`/fast-stream/admin/rounds/${round.id}`)
    await adminPage.assertTextContains('h1', 'Spring round')
    await adminPage.assertAccessible()
    await adminPage.getByRole('button', { name: 'Approve Junior service designer' }).click()
    await adminPage.assertPath(`/fast-stream/admin/rounds/${round.id}`)
    await assertFlash(adminPage, 'Placement approved: Junior service designer')
    await adminPage.assertAccessible()
    await adminPage.getByRole('link', { name: /^Approved \(1\)$/ }).click()
    await adminPage.getByRole('link', { name: 'Junior service designer', exact: true }).click()
    await adminPage.assertPath(`/fast-stream/admin/placements/${placement.id}`)
    await adminPage.assertTextContains('main .tag', 'Approved')
    await adminPage.assertAccessible()

    // Entrants choose it (set up directly), and Tom ranks them without a mouse.
    await placement.refresh()
    assert.equal(placement.status, 'approved')
    await createPlacement(round)
    await applicants(round, placement)

    await leadPage.goto(`/fast-stream/team/placements/${placement.id}`)
    await leadPage.assertTextContains('main .tag', 'Approved')
    await leadPage.getByRole('link', { name: 'Applicants and ranking' }).click()
    await leadPage.assertPath(`/fast-stream/team/placements/${placement.id}/applicants`)
    const table = leadPage.getByRole('table', { name: 'Applicants in your team’s order' })
    assert.deepEqual(await textsOf(table.locator('tbody th span.font-bold')), [
      'Ravi Patel',
      'Sara Jones',
      'Olu Ade',
    ])
    await leadPage.assertTextContains(
      'main [role=status]',
      '3 applicants: 0 ranked by your team, 3 not ranked'
    )
    await leadPage.assertAccessible()

    const entrants = await FastStreamEntrant.query()
      .join('users', 'users.id', 'fast_stream_entrants.user_id')
      .whereIn('users.full_name', ['Ravi Patel', 'Sara Jones', 'Olu Ade'])
      .select('fast_stream_entrants.id', 'users.full_name')
    const idOf = (name: string) =>
      entrants.find((entrant) => entrant.$extras.full_name === name)!.id
    const inputId = (name: string) => `field-ranks-e${idOf(name)}`

    // First a slip: two applicants ranked 1.
    await leadPage.getByLabel('Rank for Ravi Patel').focus()
    await leadPage.keyboard.type('1')
    await leadPage.keyboard.press('Tab')
    await leadPage.assertFocused(inputId('Sara Jones'))
    await leadPage.keyboard.type('1')
    await leadPage.keyboard.press('Enter')
    const errors = await assertErrorSummary(
      leadPage,
      assert,
      'Applicants for Junior service designer',
      ['Ravi Patel and Sara Jones both have rank 1: give each applicant a different rank']
    )
    assert.equal(
      await leadPage.getByLabel('Rank for Sara Jones').getAttribute('aria-invalid'),
      'true'
    )
    assert.equal(await leadPage.getByLabel('Rank for Sara Jones').inputValue(), '1')
    await leadPage.assertAccessible()

    // The summary's link takes him to the field; he corrects it and ranks Olu first.
    await errors.getByRole('link').first().focus()
    await leadPage.keyboard.press('Enter')
    await leadPage.assertFocused(inputId('Sara Jones'))
    await leadPage.keyboard.press('Control+A')
    await leadPage.keyboard.type('3')
    await leadPage.keyboard.press('Tab')
    await leadPage.assertFocused(inputId('Olu Ade'))
    await leadPage.keyboard.type('1')
    await leadPage.getByLabel('Rank for Ravi Patel').focus()
    await leadPage.keyboard.press('Control+A')
    await leadPage.keyboard.type('2')
    await leadPage.getByLabel('Rank for Olu Ade').focus()
    await leadPage.keyboard.press('Tab')
    assert.equal(
      await leadPage.evaluate(() => document.activeElement?.textContent?.trim()),
      'Save ranking'
    )
    await leadPage.keyboard.press('Enter')

    await leadPage.getByText('Ranking saved: 3 ranked, 0 not ranked').waitFor()
    await leadPage.assertPath(`/fast-stream/team/placements/${placement.id}/applicants`)
    assert.deepEqual(await textsOf(table.locator('tbody th span.font-bold')), [
      'Olu Ade',
      'Ravi Patel',
      'Sara Jones',
    ])
    const saved = await db
      .from('placement_rankings')
      .where('placement_id', placement.id)
      .orderBy('rank')
      .select('entrant_id')
    assert.deepEqual(
      saved.map((row) => Number(row.entrant_id)),
      [idOf('Olu Ade'), idOf('Ravi Patel'), idOf('Sara Jones')]
    )
    await leadPage.assertAccessible()

    // The placement's page and the edit form are accessible too.
    await leadPage.goto(`/fast-stream/team/placements/${placement.id}/edit`)
    await leadPage.assertTextContains('main', 'This placement is approved.')
    await leadPage.assertAccessible()
  })

  test('the Fast Stream admin’s pages for schemes, cohorts, entrants, imports and rounds are accessible', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const { admin, dwp, round } = await setUp()
    const scheme = await createScheme('Digital and Technology')
    const cohort = await createCohort(2013)
    const { entrant } = await createEntrant({
      user: await createUser({ overrides: { fullName: 'Nia Evans', email: 'nia@example.gov.uk' } }),
      scheme,
      cohort,
      postings: [{ organisation: dwp, title: 'Policy adviser' }],
    })
    await createUser({
      overrides: { email: 'new.entrant@example.gov.uk', fullName: 'New Entrant' },
    })
    const page = await pageFor(browser, admin, cleanup, 10_000)

    for (const [url, heading] of [
      ['/fast-stream/admin/schemes', 'Schemes'],
      ['/fast-stream/admin/schemes/create', 'Add a scheme'],
      [`/fast-stream/admin/schemes/${scheme.id}/edit`, 'Change Digital and Technology'],
      ['/fast-stream/admin/cohorts', 'Cohorts'],
      ['/fast-stream/admin/cohorts/create', 'Add a cohort'],
      [`/fast-stream/admin/cohorts/${cohort.id}/edit`, `Change ${cohort.name}`],
      ['/fast-stream/admin/entrants?digital=none', 'Entrants'],
      [`/fast-stream/admin/entrants/${entrant.id}`, 'Nia Evans'],
      [`/fast-stream/admin/entrants/${entrant.id}/edit`, 'Change Nia Evans’s Fast Stream details'],
      [`/fast-stream/admin/entrants/${entrant.id}/postings/create`, 'Add a posting'],
      ['/fast-stream/admin/entrants/create', 'Add an entrant'],
      ['/fast-stream/admin/rounds/create', 'Add a placement round'],
      [`/fast-stream/admin/rounds/${round.id}/edit`, 'Change Spring round'],
    ]) {
      await page.goto(url)
      await page.assertTextContains('h1', heading)
      await page.assertAccessible()
    }

    // A posting with an end before its start is refused, with the message by the field.
    await page.goto(`/fast-stream/admin/entrants/${entrant.id}`)
    await page.getByRole('link', { name: 'Change Policy adviser' }).click()
    await page.assertTextContains('h1', 'Change a posting')
    await page.assertAccessible()
    await fillDate(page, 'Ended on (optional)', '2013-01-01')
    await page.getByRole('button', { name: 'Save changes' }).click()
    await page.assertTitleContains('Error: Change a posting')
    await page.assertTextContains(
      '#field-endsOn-error',
      'The end date must be after the start date'
    )
    await page.assertAccessible()

    // A round with its dates out of order is refused; then added.
    const year = DateTime.now().year + 1
    await page.goto('/fast-stream/admin/rounds/create')
    await page.getByLabel('Name').fill('Autumn round')
    await page.getByLabel('Teams can offer placements from').fill(`${year}-09-01T09:00`)
    await page.getByLabel('Entrants can choose from').fill(`${year}-09-15T09:00`)
    await page.getByLabel('Entrants’ choices close at').fill(`${year}-09-10T17:00`)
    await page.getByLabel('Results are published at').fill(`${year}-10-01T12:00`)
    await fillDate(page, 'Postings start on', `${year}-11-01`)
    await fillDate(page, 'Postings end on', `${year + 1}-05-01`)
    await page.getByRole('button', { name: 'Add round' }).click()
    await page.assertTitleContains('Error: Add a placement round')
    assert.deepEqual(await textsOf(page.getByRole('alert').getByRole('link')), [
      'Entrants’ choices must close after they open',
    ])
    assert.equal(
      await page.getByLabel('Teams can offer placements from').inputValue(),
      `${year}-09-01T09:00`
    )
    await page.assertAccessible()
    await page.getByLabel('Entrants’ choices close at').fill(`${year}-09-29T17:00`)
    await page.getByRole('button', { name: 'Add round' }).click()
    await page.assertTextContains('h1', 'Autumn round')
    await page.assertTextContains('main', `29 Sep ${year} at 17:00`)
    await page.assertAccessible()

    // Closing choices early asks for confirmation.
    await page.getByRole('button', { name: 'Close choices' }).click()
    await page.assertTitleContains('Error: Autumn round')
    await page.assertAccessible()
    await page.getByLabel(/^Close choices early/).check()
    await page.getByRole('button', { name: 'Close choices' }).click()
    await assertFlash(page, 'Preferences closed early: Autumn round is ready to be matched')
    await page.assertTextContains('main', 'Match and publish')
    await page.assertAccessible()

    // An import: the preview lists the bad row by its line; applying adds the good one.
    await page.goto('/fast-stream/admin/entrants')
    await page.getByRole('link', { name: 'Import entrants from a file' }).click()
    await page.assertTextContains('h1', 'Import entrants from a file')
    await page.assertAccessible()
    await page.getByLabel('CSV file of entrants').setInputFiles({
      name: 'entrants.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        [
          'email,scheme,cohort,clearance,started on,locations',
          `new.entrant@example.gov.uk,Digital and Technology,${cohort.name},SC,2013-09-02,Leeds`,
          `ghost@example.gov.uk,Digital and Technology,${cohort.name},SC,2013-09-02,`,
        ].join('\n')
      ),
    })
    await page.getByRole('button', { name: 'Upload and check' }).click()
    await page.assertTextContains('h1', 'Check the entrant import')
    await page.assertTextContains('[role=alert]', '1 row cannot be imported')
    assert.deepEqual(await textsOf(page.getByRole('alert').locator('tbody tr').locator('th, td')), [
      '3',
      'ghost@example.gov.uk',
      'No one has the e-mail address ghost@example.gov.uk: add them as a person first',
    ])
    await page.assertAccessible()
    await page.getByRole('button', { name: 'Apply: add 1, change 0' }).click()
    await page.assertPath('/fast-stream/admin/entrants')
    await assertFlash(page, 'Import applied: 1 entrant added, 0 changed; 1 row left out')
    await page.assertTextContains('main table', 'New Entrant')
    await page.assertAccessible()
  })
})
