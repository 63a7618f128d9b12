import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Locator, Page } from 'playwright'
// The user factory first: it loads the models in an order their import cycle accepts.
import '#database/factories/user_factory'
import {
  OrganisationFactory,
  createChildOrganisation,
} from '#database/factories/organisation_factory'
import {
  createEntrant,
  createPlacement,
  createRound,
  createShortlist,
  createTeam,
} from '#database/factories/fast_stream_factory'
import { textOf } from '#tests/support/page_text'
import { pageFor } from '#tests/support/browser_sign_in'
import { teamLeadAndAdmin } from '#tests/support/fixtures/fast_stream_team'

/* The departments' codes: what the matching compares, never what people read. */
const CODES = /\b(dwp|hmrc|dft)\b/i

/* The row of a table that holds this text. */
function rowWith(table: Locator, text: string) {
  return table.locator('tbody tr', { hasText: text })
}

async function assertNoCodes(page: Page, assert: any) {
  const main = await textOf(page.locator('main'))
  assert.notMatch(main, CODES, `the page names departments, not codes: ${main}`)
}

/*
 * DWP, HMRC, and DfT with its agency DVLA, each with a code. Universal
 * Credit (DWP) offers a placement in an open round: Ravi, who has had a
 * posting in DWP, and Nia, who has had one in DVLA, chose it. In a closed
 * round, Dee, who has had a posting in HMRC, chose only an HMRC placement.
 */
async function departments() {
  const dwp = await OrganisationFactory.merge({
    code: 'dwp',
    name: 'Department for Work and Pensions',
  }).create()
  const hmrc = await OrganisationFactory.merge({
    code: 'hmrc',
    name: 'HM Revenue and Customs',
  }).create()
  const dft = await OrganisationFactory.merge({
    code: 'dft',
    name: 'Department for Transport',
  }).create()
  const dvla = await createChildOrganisation(dft, { name: 'Driver and Vehicle Licensing Agency' })

  const { team, lead, admin } = await teamLeadAndAdmin(dwp, 'Universal Credit')

  const spring = await createRound({ name: 'Spring round' })
  const designer = await createPlacement(spring, { title: 'Junior service designer', team })
  const { entrant: ravi, user: raviUser } = await createEntrant({
    name: 'Ravi Patel',
    postings: [{ organisation: dwp, title: 'Work coach', startsOn: '2013-09-02' }],
  })
  const { entrant: nia } = await createEntrant({
    name: 'Nia Evans',
    postings: [{ organisation: dvla, title: 'Data analyst', startsOn: '2013-09-02' }],
  })
  await createShortlist(spring, ravi, [designer])
  await createShortlist(spring, nia, [designer])

  const winter = await createRound({ name: 'Winter round', status: 'closed' })
  const taxData = await createPlacement(winter, {
    title: 'Tax data analyst',
    team: await createTeam(hmrc, 'Tax data'),
  })
  const { entrant: dee } = await createEntrant({
    name: 'Dee Dee',
    postings: [
      { organisation: hmrc, title: 'Policy', startsOn: '2013-09-02', endsOn: '2014-02-28' },
    ],
  })
  await createShortlist(winter, dee, [taxData])
  return { lead, admin, designer, raviUser, nia, winter }
}

test.group('Departments are named, not coded, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a team lead, the Fast Stream team and an entrant read departments by name, on accessible pages', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const { lead, admin, designer, raviUser, nia, winter } = await departments()

    // Tom reads where his applicants have had postings, and why Ravi cannot be matched.
    const leadPage = await pageFor(browser, lead, cleanup, 15_000)
    await leadPage.goto(`/fast-stream/team/placements/${designer.id}/applicants`)
    await leadPage.getByRole('heading', { level: 1, name: /^Applicants/ }).waitFor()
    const applicants = leadPage.getByRole('table', { name: 'Applicants in your team’s order' })
    const ravi = rowWith(applicants, 'Ravi Patel')
    assert.include(
      await textOf(ravi),
      'Cannot be matched here: Has already had a posting in Department for Work and Pensions'
    )
    assert.include(await textOf(ravi), '1 posting: Department for Work and Pensions')
    // An agency's posting counts in its department, named as such.
    assert.include(
      await textOf(rowWith(applicants, 'Nia Evans')),
      '1 posting: Department for Transport'
    )
    await assertNoCodes(leadPage, assert)
    await leadPage.assertAccessible()

    // Ravi reads on the placement's page why he is not eligible.
    const raviPage = await pageFor(browser, raviUser, cleanup, 15_000)
    await raviPage.goto(`/fast-stream/placements/${designer.id}`)
    await raviPage.getByRole('heading', { level: 1, name: 'Junior service designer' }).waitFor()
    assert.equal(
      await textOf(raviPage.locator('#eligibility p')),
      'You have already had a posting in Department for Work and Pensions. You can still add it to your shortlist, but you will not be matched to it.'
    )
    await assertNoCodes(raviPage, assert)
    await raviPage.assertAccessible()

    // Ada reads Nia's postings with the agency's department by name.
    const adminPage = await pageFor(browser, admin, cleanup, 15_000)
    await adminPage.goto(`/fast-stream/admin/entrants/${nia.id}`)
    await adminPage.getByRole('heading', { level: 1, name: 'Nia Evans' }).waitFor()
    const postings = adminPage.getByRole('table', { name: /^Postings of Nia Evans/ })
    assert.include(
      await textOf(rowWith(postings, 'Data analyst')),
      'Driver and Vehicle Licensing Agency (Department for Transport)'
    )
    await assertNoCodes(adminPage, assert)
    await adminPage.assertAccessible()

    // She runs the closed round's match: Dee is told which department kept her out, by name.
    await adminPage.goto(`/fast-stream/admin/rounds/${winter.id}/results`)
    await adminPage.getByRole('button', { name: 'Run the match' }).click()
    const entrants = adminPage.getByRole('table', { name: /^Entrants, page 1 of 1/ })
    await entrants.waitFor()
    assert.include(
      await textOf(rowWith(entrants, 'Dee Dee')),
      '“Tax data analyst” is in HM Revenue and Customs, where the entrant has already had a posting.'
    )
    await assertNoCodes(adminPage, assert)
    await adminPage.assertAccessible()
  })
})
