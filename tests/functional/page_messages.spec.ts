import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { createSkill } from '#database/factories/framework_factory'
import { createRound, createTeam, createTeamLead } from '#database/factories/fast_stream_factory'
import { twoDepartments } from '#tests/support/fixtures/departments'
import { decodeEntities } from '#tests/support/html'

/* The main element's markup. */
function mainOf(html: string) {
  return /<main\b[\s\S]*<\/main>/.exec(html)?.[0] ?? ''
}

/* The error summary's links, in the order the page lists them: where each goes and its text. */
function summaryLinks(html: string) {
  const summary = /<div[^>]*aria-labelledby="error-summary-title"[\s\S]*?<\/ul>/.exec(html)?.[0]
  return [...(summary ?? '').matchAll(/<a href="#([^"]+)"[^>]*>([^<]*)<\/a>/g)].map((link) => ({
    id: link[1],
    text: decodeEntities(link[2]),
  }))
}

/* Where each form control's id first stands on the page. */
function positionOf(html: string, id: string) {
  return html.search(new RegExp(`<(?:input|select|textarea)\\b[^>]*\\sid="${id}"`))
}

test.group('Page messages: the success banner', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('after a submit and redirect the success banner is in <main>, a status message that takes focus', async ({
    client,
    assert,
  }) => {
    const { departmentA, hrA } = await twoDepartments()
    const page = await client
      .post('/admin/users')
      .withCsrfToken()
      .loginAs(hrA)
      .header('referer', '/admin/users/create')
      .form({
        fullName: 'Margaret Hamilton',
        email: 'margaret.hamilton@example.gov.uk',
        password: 'a-long-initial-password',
        organisationId: String(departmentA.id),
        roles: ['learner'],
      })
    page.assertStatus(200)
    const main = mainOf(page.text())
    const banner = /<div\b[^>]*aria-labelledby="success-banner-title"[^>]*>/.exec(main)?.[0]
    assert.isDefined(banner, 'the banner is inside <main>')
    assert.include(banner!, 'role="status"')
    assert.include(banner!, 'tabindex="-1"')
    assert.include(banner!, 'autofocus')
    assert.match(main, /<p id="success-banner-title"[^>]*>Person added<\/p>/)
    assert.notInclude(page.text().replace(main, ''), 'Person added', 'only once, in <main>')
  })

  test('the banner leaves focus where the page puts it on purpose', async ({ client, assert }) => {
    const user = await createUser()
    const page = await client
      .get('/profile')
      .withFlashMessages({ success: 'Changes saved', focus: { placementId: 1, direction: 'up' } })
      .loginAs(user)
    page.assertStatus(200)
    const banner = /<div\b[^>]*aria-labelledby="success-banner-title"[^>]*>/.exec(page.text())?.[0]
    assert.isDefined(banner)
    assert.include(banner!, 'role="status"')
    assert.notInclude(banner!, 'autofocus')
    assert.notInclude(banner!, 'tabindex')
  })
})

test.group('Page messages: the error summary', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the error summary lists the fields in the order the form shows them, not the validator’s', async ({
    client,
    assert,
  }) => {
    const { agencyA } = await twoDepartments({ hrA: false })
    const team = await createTeam(agencyA, 'Vehicle tax')
    const lead = await createTeamLead(team, { organisation: agencyA })
    const round = await createRound({ name: 'Open round' })
    await createSkill('User research', 'User-centred design')
    const form = '/fast-stream/team/placements/create'
    const page = await client
      .post('/fast-stream/team/placements')
      .withCsrfToken()
      .loginAs(lead)
      .header('referer', form)
      .form({
        roundId: String(round.id),
        title: '',
        description: '',
        location: '',
        clearanceRequired: '',
        isDigital: '',
        capacity: '',
        startsOn: '',
      })
    page.assertStatus(200)
    const html = page.text()
    const links = summaryLinks(html)
    // The validator reads the location before the description and the skills before the clearance.
    assert.includeMembers(
      links.map((link) => link.id),
      ['field-title', 'field-description', 'field-location', 'field-skillIds']
    )
    const positions = links.map((link) => positionOf(html, link.id))
    assert.notInclude(positions, -1, 'every link goes to a field on the page')
    assert.deepEqual(
      positions,
      positions.toSorted((a, b) => a - b),
      `in the page's order: ${links.map((link) => link.text).join(' | ')}`
    )
  })
})
