import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { createSkill } from '#database/factories/framework_factory'
import { createRound, createTeam, createTeamLead } from '#database/factories/fast_stream_factory'
import { createCapabilityGap } from '#database/factories/workforce_factory'
import { twoDepartments } from '#tests/support/fixtures/departments'
import { decodeEntities } from '#tests/support/html'
import { dateParts, dateShown } from '#tests/support/date_input'

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

/* The attributes of the date input's box for one part of the field `name`. */
function partInput(html: string, name: string, part: string) {
  return new RegExp(`<input\\b[^>]*\\sname="${name}\\[${part}\\]"[^>]*>`).exec(html)?.[0] ?? ''
}

test.group('Page messages: dates', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a date is asked as day, month and year; the part left out is named and is the one marked', async ({
    client,
    assert,
  }) => {
    const { agencyA } = await twoDepartments({ hrA: false })
    const team = await createTeam(agencyA, 'Vehicle tax')
    const lead = await createTeamLead(team, { organisation: agencyA })
    const round = await createRound({ name: 'Open round' })
    const skill = await createSkill('User research', 'User-centred design')
    const form = '/fast-stream/team/placements/create'
    const blank = await client.get(form).loginAs(lead)
    blank.assertStatus(200)
    assert.notInclude(blank.text(), 'type="date"', 'no native date control')
    assert.match(blank.text(), /<fieldset role="group"[^>]*>\s*<legend[^>]*>Starts on<\/legend>/)
    assert.deepEqual(dateShown(blank.text(), 'startsOn'), { day: '', month: '', year: '' })

    const startsOn = round.resultsAt.plus({ days: 30 }).toISODate()!
    const { day, year } = dateParts(startsOn)
    const page = await client
      .post('/fast-stream/team/placements')
      .withCsrfToken()
      .loginAs(lead)
      .header('referer', form)
      .form({
        roundId: String(round.id),
        title: 'Junior product manager',
        description: 'Work with the vehicle tax team on a live service used by millions.',
        location: 'Swansea',
        skillIds: [String(skill.id)],
        clearanceRequired: 'SC',
        isDigital: 'yes',
        capacity: '2',
        startsOn: { day, month: '', year },
      })
    page.assertStatus(200)
    const html = page.text()
    assert.deepEqual(
      summaryLinks(html).map((link) => link.text),
      ['The start date must include a month']
    )
    assert.deepEqual(
      dateShown(html, 'startsOn'),
      { day, month: '', year },
      'what was typed is kept'
    )
    assert.include(partInput(html, 'startsOn', 'month'), 'aria-invalid="true"')
    assert.notInclude(partInput(html, 'startsOn', 'day'), 'aria-invalid')
    assert.notInclude(partInput(html, 'startsOn', 'year'), 'aria-invalid')
    assert.include(
      partInput(html, 'startsOn', 'day'),
      'id="field-startsOn"',
      'the summary lands on the day'
    )
  })

  test('a saved date is shown in its day, month and year boxes', async ({ client, assert }) => {
    const { departmentA, hrA } = await twoDepartments()
    const gap = await createCapabilityGap(departmentA, 'headcount', 'Too few data engineers', {
      dueOn: DateTime.fromISO('2031-09-30'),
    })
    const page = await client.get(`/workforce/gaps/${gap.id}/edit`).loginAs(hrA)
    page.assertStatus(200)
    assert.notInclude(page.text(), 'type="date"', 'no native date control')
    assert.deepEqual(dateShown(page.text(), 'dueOn'), { day: '30', month: '9', year: '2031' })
  })
})

test.group('Page messages: the accessibility statement', () => {
  test('the statement no longer lists unannounced messages, small radios and checkboxes or native date controls on forms, and lists what is left', async ({
    client,
    assert,
  }) => {
    const page = await client.get('/accessibility')
    page.assertStatus(200)
    const text = page.text().replace(/\s+/g, ' ')
    for (const fixed of [
      'not read out by screen readers',
      '4.1.3 (Status messages)',
      'Radio buttons and checkboxes can be smaller',
      '2.5.8 (Target size, minimum)',
      'dates are entered with your browser',
    ]) {
      assert.notInclude(text, fixed)
    }
    assert.include(text, "A placement round's times use the browser's own date and time control")
    assert.include(
      text,
      "the course catalogue's ask for a date as a year, month and day in one box"
    )
  })
})
