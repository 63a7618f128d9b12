import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
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
import type Placement from '#models/placement'
import { bodyOf, expectStatus } from '#tests/support/responses'
import { listItemText } from '#tests/support/html'

/* The titles of the results on a search page, in the order shown. */
function resultTitles(html: string) {
  return [
    ...html.matchAll(
      /<h2 class="text-xl mb-2"><a href="\/fast-stream\/placements\/\d+">([^<]+)<\/a><\/h2>/g
    ),
  ].map((match) => match[1])
}

/* The "N placements found" count of a search page. */
function foundCount(html: string) {
  const match = html.match(/<strong>(\d+)<\/strong> placements? found/)
  return match ? Number(match[1]) : null
}

/* The text of one result, from its heading to the end of its list item. */
function resultText(html: string, placement: Placement) {
  return listItemText(html, `placement-${placement.id}`)
}

/*
 * One open round with four approved placements in two departments (DfT,
 * with its agency DVLA, and HMRC), one placement waiting for approval, and
 * an approved placement of a closed round. The entrant holds CTC, has had
 * a posting in HMRC and none in a digital role, so still needs a digital one.
 */
async function round() {
  const open = await createRound({ name: 'Spring round' })
  const closed = await createRound({ status: 'closed', name: 'Autumn round' })
  const dft = await OrganisationFactory.merge({
    name: 'Department for Transport',
    code: 'dft',
  }).create()
  const dvla = await createChildOrganisation(dft, {
    name: 'Driver and Vehicle Licensing Agency',
    code: 'dvla',
  })
  const hmrc = await OrganisationFactory.merge({
    name: 'HM Revenue and Customs',
    code: 'hmrc',
  }).create()
  const railTeam = await createTeam(dft, 'Rail data team')
  const licenceTeam = await createTeam(dvla, 'Licensing platform team')
  const taxTeam = await createTeam(hmrc, 'Tax credits team')
  const dataSkill = await createSkill('Data engineering')
  const cloudSkill = await createSkill('Cloud operations')

  const rail = await createPlacement(open, {
    team: railTeam,
    title: 'Data engineer on rail timetables',
    location: 'London',
    clearanceRequired: 'BPSS',
    digital: true,
    capacity: 2,
    startsOn: '2014-03-01',
  })
  const licences = await createPlacement(open, {
    team: licenceTeam,
    title: 'Platform engineer for driving licences',
    location: 'Swansea',
    clearanceRequired: 'SC',
    digital: true,
    capacity: 1,
    startsOn: '2014-04-01',
  })
  const tax = await createPlacement(open, {
    team: taxTeam,
    title: 'Policy adviser on tax credits',
    location: 'Leeds',
    clearanceRequired: 'CTC',
    digital: false,
    capacity: 3,
    startsOn: '2014-02-01',
  })
  const commercial = await createPlacement(open, {
    team: railTeam,
    title: 'Commercial adviser for rail franchises',
    location: 'London',
    clearanceRequired: 'BPSS',
    digital: false,
    capacity: 1,
    startsOn: '2014-03-15',
  })
  const waiting = await createPlacement(open, {
    team: railTeam,
    title: 'Waiting for approval placement',
    status: 'offered',
  })
  const elsewhere = await createPlacement(closed, {
    team: railTeam,
    title: 'Placement of a closed round',
  })
  await addPlacementSkills(rail, [dataSkill])
  await addPlacementSkills(licences, [cloudSkill, dataSkill])

  const { entrant, user } = await createEntrant({
    clearance: 'CTC',
    startedOn: '2013-09-01',
    postings: [{ organisation: hmrc, title: 'Policy adviser', digital: false }],
  })
  return {
    open,
    closed,
    dft,
    hmrc,
    dataSkill,
    placements: { rail, licences, tax, commercial, waiting, elsewhere },
    entrant,
    user,
  }
}

test.group('Fast Stream placement search: filters, sorting and counts', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an entrant sees the approved placements of the open round, by title, with the total', async ({
    client,
    assert,
  }) => {
    const { user, open } = await round()
    const response = await client.get('/fast-stream/placements').loginAs(user)
    response.assertStatus(200)
    const html = response.text()
    assert.equal(foundCount(html), 4)
    assert.deepEqual(resultTitles(html), [
      'Commercial adviser for rail franchises',
      'Data engineer on rail timetables',
      'Platform engineer for driving licences',
      'Policy adviser on tax credits',
    ])
    assert.include(html, 'Placements delivery teams offer in Spring round')
    assert.include(html, `Add up to ${open.maxPreferences} placements to your shortlist`)
    assert.notInclude(html, 'Waiting for approval placement')
    assert.notInclude(html, 'Placement of a closed round')
  })

  test('the department filter keeps the department and its agencies', async ({
    client,
    assert,
  }) => {
    const { user, dft, hmrc } = await round()
    const byDft = await client.get(`/fast-stream/placements?department=${dft.id}`).loginAs(user)
    assert.deepEqual(resultTitles(byDft.text()), [
      'Commercial adviser for rail franchises',
      'Data engineer on rail timetables',
      'Platform engineer for driving licences',
    ])
    const byHmrc = await client.get(`/fast-stream/placements?department=${hmrc.id}`).loginAs(user)
    assert.deepEqual(resultTitles(byHmrc.text()), ['Policy adviser on tax credits'])
  })

  test('location, skill and text filters each narrow the results', async ({ client, assert }) => {
    const { user, dataSkill } = await round()
    const swansea = await client.get('/fast-stream/placements?location=swansea').loginAs(user)
    assert.deepEqual(resultTitles(swansea.text()), ['Platform engineer for driving licences'])

    const data = await client.get(`/fast-stream/placements?skill=${dataSkill.id}`).loginAs(user)
    assert.deepEqual(resultTitles(data.text()), [
      'Data engineer on rail timetables',
      'Platform engineer for driving licences',
    ])

    const byTitle = await client.get('/fast-stream/placements?q=LICENCES').loginAs(user)
    assert.deepEqual(resultTitles(byTitle.text()), ['Platform engineer for driving licences'])

    const byTeam = await client.get('/fast-stream/placements?q=tax+credits+team').loginAs(user)
    assert.deepEqual(resultTitles(byTeam.text()), ['Policy adviser on tax credits'])

    const byOrganisation = await client
      .get('/fast-stream/placements?q=vehicle+licensing')
      .loginAs(user)
    assert.deepEqual(resultTitles(byOrganisation.text()), [
      'Platform engineer for driving licences',
    ])

    const byDescription = await client
      .get('/fast-stream/placements?q=multidisciplinary')
      .loginAs(user)
    assert.equal(foundCount(byDescription.text()), 4)

    const wildcard = await client.get('/fast-stream/placements?q=100%25').loginAs(user)
    assert.equal(foundCount(wildcard.text()), 0, 'a % is searched for as itself')
  })

  test('digital only keeps digital placements, and my clearance keeps those my clearance meets', async ({
    client,
    assert,
  }) => {
    const { user } = await round()
    const digital = await client.get('/fast-stream/placements?digitalOnly=true').loginAs(user)
    assert.deepEqual(resultTitles(digital.text()), [
      'Data engineer on rail timetables',
      'Platform engineer for driving licences',
    ])
    assert.include(digital.text(), 'name="digitalOnly" value="true" checked')

    const cleared = await client.get('/fast-stream/placements?myClearance=true').loginAs(user)
    assert.deepEqual(
      resultTitles(cleared.text()),
      [
        'Commercial adviser for rail franchises',
        'Data engineer on rail timetables',
        'Policy adviser on tax credits',
      ],
      'CTC meets BPSS and CTC, not SC'
    )
    assert.include(cleared.text(), 'You hold Counter-terrorist check (CTC)')

    const both = await client
      .get('/fast-stream/placements?myClearance=true&digitalOnly=true')
      .loginAs(user)
    assert.deepEqual(resultTitles(both.text()), ['Data engineer on rail timetables'])
  })

  test('results sort by start date, department and places', async ({ client, assert }) => {
    const { user } = await round()
    const byStart = await client.get('/fast-stream/placements?sort=start').loginAs(user)
    assert.deepEqual(resultTitles(byStart.text()), [
      'Policy adviser on tax credits',
      'Data engineer on rail timetables',
      'Commercial adviser for rail franchises',
      'Platform engineer for driving licences',
    ])
    const byDepartment = await client.get('/fast-stream/placements?sort=department').loginAs(user)
    assert.deepEqual(resultTitles(byDepartment.text()), [
      'Commercial adviser for rail franchises',
      'Data engineer on rail timetables',
      'Platform engineer for driving licences',
      'Policy adviser on tax credits',
    ])
    const byPlaces = await client.get('/fast-stream/placements?sort=capacity').loginAs(user)
    assert.deepEqual(resultTitles(byPlaces.text()), [
      'Policy adviser on tax credits',
      'Data engineer on rail timetables',
      'Commercial adviser for rail franchises',
      'Platform engineer for driving licences',
    ])
  })

  test('each department and location is counted under the other filters', async ({
    client,
    assert,
  }) => {
    const { user, dft, hmrc } = await round()
    const all = await client.get('/fast-stream/placements').loginAs(user)
    assert.include(all.text(), `<option value="${dft.id}">Department for Transport (3)</option>`)
    assert.include(all.text(), `<option value="${hmrc.id}">HM Revenue and Customs (1)</option>`)
    assert.include(all.text(), '<option value="London">London (2)</option>')

    const digital = await client
      .get(`/fast-stream/placements?digitalOnly=true&department=${hmrc.id}`)
      .loginAs(user)
    const html = digital.text()
    assert.equal(foundCount(html), 0)
    assert.include(
      html,
      `<option value="${dft.id}">Department for Transport (2)</option>`,
      'the department filter does not count itself out'
    )
    assert.include(html, `<option value="${hmrc.id}" selected>HM Revenue and Customs (0)</option>`)
    assert.include(
      html,
      '<option value="Swansea">Swansea (0)</option>',
      'locations are counted within the department chosen'
    )
    assert.include(html, 'No placements match these filters')
  })

  test('twenty placements a page, with the rest on the next page', async ({ client, assert }) => {
    const open = await createRound()
    const team = await createTeam()
    for (let i = 1; i <= 23; i++) {
      await createPlacement(open, { team, title: `Placement ${String(i).padStart(2, '0')}` })
    }
    const { user } = await createEntrant()
    const first = await client.get('/fast-stream/placements').loginAs(user)
    assert.equal(foundCount(first.text()), 23)
    assert.lengthOf(resultTitles(first.text()), 20)
    assert.include(first.text(), 'showing 1 to 20')
    const second = await client.get('/fast-stream/placements?page=2').loginAs(user)
    assert.deepEqual(resultTitles(second.text()), ['Placement 21', 'Placement 22', 'Placement 23'])
  })

  test('bad filters are named on the page and left out, and the other filters still apply', async ({
    client,
    assert,
  }) => {
    const { user } = await round()
    const response = await client
      .get('/fast-stream/placements?department=transport&sort=cheapest&location=Swansea')
      .loginAs(user)
    response.assertStatus(200)
    const html = response.text()
    assert.include(html, '<title>Error: Find a placement')
    assert.include(html, 'There is a problem')
    assert.include(html, 'Select a department from the list')
    assert.include(html, 'Sort by title, start date, department or places')
    assert.deepEqual(resultTitles(html), ['Platform engineer for driving licences'])
  })

  test('the open round whose choices close soonest is the one searched', async ({
    client,
    assert,
  }) => {
    const later = await createRound({ name: 'Later round' })
    later.preferencesCloseAt = later.preferencesCloseAt.plus({ days: 5 })
    await later.save()
    const sooner = await createRound({ name: 'Sooner round' })
    await createPlacement(later, { title: 'Placement of the later round' })
    await createPlacement(sooner, { title: 'Placement of the sooner round' })
    const { user } = await createEntrant()
    const response = await client.get('/fast-stream/placements').loginAs(user)
    assert.deepEqual(resultTitles(response.text()), ['Placement of the sooner round'])
  })

  test('with no open round the page says so and shows nothing else', async ({ client, assert }) => {
    const closed = await createRound({ status: 'closed' })
    await createPlacement(closed, { title: 'Placement of a closed round' })
    const { user } = await createEntrant()
    const response = await client.get('/fast-stream/placements').loginAs(user)
    response.assertStatus(200)
    assert.include(response.text(), 'There is no placement round open at the moment.')
    assert.notInclude(response.text(), 'Placement of a closed round')
    assert.notInclude(response.text(), 'Apply filters')
  })
})

test.group('Fast Stream placement search: eligibility and the shortlist', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('each result says why the rules keep the entrant out: clearance, an earlier department, the digital rule', async ({
    client,
    assert,
  }) => {
    const { user, placements } = await round()
    const html = bodyOf(await client.get('/fast-stream/placements').loginAs(user))
    assert.include(
      resultText(html, placements.licences),
      'Not eligible: Needs SC clearance: you hold CTC'
    )
    assert.include(
      resultText(html, placements.tax),
      'Not eligible: You have already had a posting in HM Revenue and Customs'
    )
    assert.include(
      resultText(html, placements.commercial),
      'Not eligible: You need a digital placement, and this one is not digital'
    )
    assert.notInclude(resultText(html, placements.rail), 'Not eligible')
  })

  test('an entrant who has had a digital posting may take non-digital placements', async ({
    client,
    assert,
  }) => {
    const { placements } = await round()
    const home = await OrganisationFactory.create()
    const { user } = await createEntrant({
      clearance: 'DV',
      postings: [{ organisation: home, digital: true }],
    })
    const html = bodyOf(await client.get('/fast-stream/placements').loginAs(user))
    for (const placement of Object.values(placements).slice(0, 4)) {
      assert.notInclude(resultText(html, placement), 'Not eligible', placement.title)
    }
  })

  test('results on the entrant’s shortlist say where they are on it', async ({
    client,
    assert,
  }) => {
    const { user, placements } = await round()
    await client
      .post(`/fast-stream/shortlist/placements/${placements.tax.id}`)
      .withCsrfToken()
      .loginAs(user)
    await client
      .post(`/fast-stream/shortlist/placements/${placements.rail.id}`)
      .withCsrfToken()
      .loginAs(user)
    const html = bodyOf(await client.get('/fast-stream/placements').loginAs(user))
    assert.include(resultText(html, placements.tax), 'On your shortlist: number 1')
    assert.include(resultText(html, placements.rail), 'On your shortlist: number 2')
    assert.notInclude(resultText(html, placements.licences), 'On your shortlist')
    assert.include(html, 'has 2 of 10 placements')
  })

  test('another entrant does not see the first entrant’s shortlist', async ({ client, assert }) => {
    const { user, placements } = await round()
    await client
      .post(`/fast-stream/shortlist/placements/${placements.rail.id}`)
      .withCsrfToken()
      .loginAs(user)
    const { user: other } = await createEntrant()
    const html = bodyOf(await client.get('/fast-stream/placements').loginAs(other))
    assert.notInclude(html, 'On your shortlist')
    assert.include(html, 'has 0 of 10 placements')
  })
})

test.group('Fast Stream placement page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('shows the placement in full, with its skills linked and the entrant’s eligibility', async ({
    client,
    assert,
  }) => {
    const { user, placements, dataSkill } = await round()
    const response = await client
      .get(`/fast-stream/placements/${placements.licences.id}`)
      .loginAs(user)
    response.assertStatus(200)
    const html = response.text()
    assert.include(html, '<h1>Platform engineer for driving licences</h1>')
    assert.include(html, 'Work in a multidisciplinary team on a live service.')
    assert.include(html, 'Licensing platform team')
    assert.include(html, 'Driver and Vehicle Licensing Agency')
    assert.include(html, 'Department for Transport')
    assert.include(html, 'Swansea')
    assert.include(html, '1 Apr 2014')
    assert.include(html, 'Security check (SC)')
    assert.include(html, `<a href="/framework/skills/${dataSkill.id}">Data engineering</a>`)
    assert.include(html, 'You are not eligible for this placement')
    assert.include(html, 'Needs SC clearance: you hold CTC')
    assert.include(html, 'Add to my shortlist')
  })

  test('an eligible placement says so; one on the shortlist offers to remove it', async ({
    client,
    assert,
  }) => {
    const { user, placements } = await round()
    const before = await client.get(`/fast-stream/placements/${placements.rail.id}`).loginAs(user)
    assert.include(before.text(), 'You are eligible for this placement.')
    assert.include(before.text(), 'Add to my shortlist')
    await client
      .post(`/fast-stream/shortlist/placements/${placements.rail.id}`)
      .withCsrfToken()
      .loginAs(user)
    const after = await client.get(`/fast-stream/placements/${placements.rail.id}`).loginAs(user)
    assert.include(after.text(), 'This placement is number 1 on')
    assert.include(after.text(), 'Remove from my shortlist')
    assert.notInclude(after.text(), 'Add to my shortlist')
  })

  test('a placement not approved, or of a round that is not open, is not found for an entrant', async ({
    client,
  }) => {
    const { user, placements } = await round()
    const waiting = await client
      .get(`/fast-stream/placements/${placements.waiting.id}`)
      .loginAs(user)
    waiting.assertStatus(404)
    const closed = await client
      .get(`/fast-stream/placements/${placements.elsewhere.id}`)
      .loginAs(user)
    closed.assertStatus(404)
    const missing = await client.get('/fast-stream/placements/999999').loginAs(user)
    missing.assertStatus(404)
    const nonsense = await client.get('/fast-stream/placements/abc').loginAs(user)
    nonsense.assertStatus(404)
  })
})

test.group('Fast Stream placement search: who may use it', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('people who are not entrants are refused the search, the placement page and the shortlist', async ({
    client,
  }) => {
    const { placements } = await round()
    for (const roles of [['learner'], ['team_lead'], ['department_hr']] as const) {
      const person = await createUser({ roles: [...roles] })
      expectStatus(await client.get('/fast-stream/placements').loginAs(person), 403)
      expectStatus(
        await client.get(`/fast-stream/placements/${placements.rail.id}`).loginAs(person),
        403
      )
      expectStatus(await client.get('/fast-stream/shortlist').loginAs(person), 403)
    }
  })

  test('someone signed out is sent to sign in', async ({ client }) => {
    const response = await client.get('/fast-stream/placements').redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/sign-in')
  })

  test('the Fast Stream team may look at the search and a placement, without eligibility or a shortlist', async ({
    client,
    assert,
  }) => {
    const { placements } = await round()
    const admin = await createUser({ roles: ['fast_stream_admin'] })
    const search = await client.get('/fast-stream/placements').loginAs(admin)
    search.assertStatus(200)
    assert.equal(foundCount(search.text()), 4)
    assert.notInclude(search.text(), 'Not eligible')
    assert.notInclude(search.text(), 'Your shortlist')
    assert.notInclude(search.text(), 'name="myClearance"')

    const page = await client
      .get(`/fast-stream/placements/${placements.elsewhere.id}`)
      .loginAs(admin)
    page.assertStatus(200)
    assert.notInclude(page.text(), 'Add to my shortlist')
    assert.notInclude(page.text(), 'eligible for this placement')

    const shortlist = await client.get('/fast-stream/shortlist').loginAs(admin)
    shortlist.assertStatus(403)
  })
})
