import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { createSkill } from '#database/factories/framework_factory'
import {
  createPlacement,
  createRound,
  createTeam,
  createTeamLead,
} from '#database/factories/fast_stream_factory'
import { twoDepartments } from '#tests/support/fixtures/departments'
import Placement from '#models/placement'
import AuditEvent from '#models/audit_event'
import { submitAs } from '#tests/support/forms'
import { withDateParts } from '#tests/support/date_input'

/* Two teams in different departments, each with its lead, an open round and three skills. */
async function setUp() {
  const {
    departmentA: dft,
    agencyA: dvla,
    departmentB: hmrc,
  } = await twoDepartments({ hrA: false })
  const team = await createTeam(dvla, 'Vehicle tax')
  const otherTeam = await createTeam(hmrc, 'Tax accounts')
  const lead = await createTeamLead(team, { organisation: dvla })
  const otherLead = await createTeamLead(otherTeam, { organisation: hmrc })
  const round = await createRound({ name: 'Open round' })
  const research = await createSkill('User research', 'User-centred design')
  const design = await createSkill('Service design', 'User-centred design')
  const data = await createSkill('Data analysis', 'Data')
  const startsOn = round.resultsAt.plus({ days: 30 }).toISODate()!
  return {
    dft,
    dvla,
    hmrc,
    team,
    otherTeam,
    lead,
    otherLead,
    round,
    research,
    design,
    data,
    startsOn,
  }
}

/* The offer form as the browser sends it: the start date as day, month and year. */
function offerForm(roundId: number, skillIds: number[], startsOn: string, extra = {}) {
  return withDateParts(offerFields(roundId, skillIds, startsOn, extra), ['startsOn'])
}

function offerFields(roundId: number, skillIds: number[], startsOn: string, extra = {}) {
  return {
    roundId: String(roundId),
    title: 'Junior product manager',
    description: 'Work with the vehicle tax team on a live service used by millions.',
    location: 'Swansea',
    skillIds: skillIds.map(String),
    clearanceRequired: 'SC',
    isDigital: 'yes',
    capacity: '2',
    startsOn,
    ...extra,
  }
}

test.group('Fast Stream team leads: placements', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('people who lead no team are refused the team pages with 403', async ({ client }) => {
    const { round, team } = await setUp()
    const placement = await createPlacement(round, { team })
    const learner = await createUser({ roles: ['learner'] })
    const teamless = await createUser({ roles: ['team_lead'] })
    const admin = await createUser({ roles: ['fast_stream_admin'] })
    for (const user of [learner, teamless]) {
      for (const url of [
        '/fast-stream/team/placements',
        '/fast-stream/team/placements/create',
        `/fast-stream/team/placements/${placement.id}`,
        `/fast-stream/team/placements/${placement.id}/applicants`,
      ]) {
        const response = await client.get(url).loginAs(user)
        response.assertStatus(403)
      }
    }
    const adminList = await client.get('/fast-stream/team/placements').loginAs(admin)
    adminList.assertStatus(403)
    const adminView = await client
      .get(`/fast-stream/team/placements/${placement.id}`)
      .loginAs(admin)
    adminView.assertStatus(200)
  })

  test('the list shows only the lead’s own team’s placements, with their applicants', async ({
    client,
    assert,
  }) => {
    const { round, team, otherTeam, lead } = await setUp()
    const mine = await createPlacement(round, { team, title: 'Our placement', status: 'offered' })
    await createPlacement(round, { team: otherTeam, title: 'Their placement' })
    const older = await createRound({ status: 'published', name: 'Earlier round' })
    older.merge({
      placementsOpenAt: older.placementsOpenAt.minus({ years: 1 }),
      preferencesOpenAt: older.preferencesOpenAt.minus({ years: 1 }),
      preferencesCloseAt: older.preferencesCloseAt.minus({ years: 1 }),
      resultsAt: older.resultsAt.minus({ years: 1 }),
    })
    await older.save()
    await createPlacement(older, { team, title: 'Last year’s placement' })
    const response = await client.get('/fast-stream/team/placements').loginAs(lead)
    response.assertStatus(200)
    const text = response.text()
    assert.include(text, 'Placements offered by Vehicle tax')
    assert.include(text, `/fast-stream/team/placements/${mine.id}">Our placement</a>`)
    assert.include(text, 'Last year’s placement')
    assert.notInclude(text, 'Their placement')
    assert.include(text, 'Waiting for approval')
    assert.isBelow(text.indexOf('Our placement'), text.indexOf('Last year’s placement'))
    assert.include(text, 'Offer a placement')
  })

  test('offering a placement puts it in the team’s organisation, waiting for approval', async ({
    client,
    assert,
  }) => {
    const { dvla, team, lead, round, research, data, startsOn } = await setUp()
    const form = await client.get('/fast-stream/team/placements/create').loginAs(lead)
    form.assertStatus(200)
    form.assertTextIncludes('Open round')
    form.assertTextIncludes('User research')
    const response = await submitAs(client, lead).post(
      '/fast-stream/team/placements',
      offerForm(round.id, [research.id, data.id], startsOn)
    )
    response.assertStatus(302)
    const placement = await Placement.query()
      .where('title', 'Junior product manager')
      .preload('skills')
      .firstOrFail()
    response.assertHeader('location', `/fast-stream/team/placements/${placement.id}`)
    response.assertFlashMessage(
      'success',
      'Placement offered: Junior product manager. The Fast Stream team will review it.'
    )
    assert.equal(placement.teamId, team.id)
    assert.equal(placement.organisationId, dvla.id)
    assert.equal(placement.roundId, round.id)
    assert.equal(placement.status, 'offered')
    assert.equal(placement.offeredBy, lead.id)
    assert.equal(placement.capacity, 2)
    assert.equal(placement.clearanceRequired, 'SC')
    assert.isTrue(placement.isDigital)
    assert.equal(placement.startsOn.toISODate(), startsOn)
    assert.sameMembers(
      placement.skills.map((skill) => skill.id),
      [research.id, data.id]
    )
    const events = await AuditEvent.query()
      .where({ subject_type: 'placement', subject_id: String(placement.id) })
      .orderBy('id')
    assert.deepEqual(
      events.map((event) => event.action),
      ['create', 'update']
    )
    assert.deepEqual(events[1].afterValues, {
      skillIds: [research.id, data.id].sort((a, b) => a - b),
    })
  })

  test('each field of an offer gets a specific message', async ({ client, assert }) => {
    const { lead, round, research, startsOn } = await setUp()
    const post = (extra: Record<string, unknown>) =>
      submitAs(client, lead).post(
        '/fast-stream/team/placements',
        offerForm(round.id, [research.id], startsOn, extra)
      )
    const empty = await post({
      title: '',
      description: '',
      location: '',
      skillIds: [],
      clearanceRequired: '',
      isDigital: '',
      capacity: '',
      startsOn: '',
    })
    empty.assertFlashMessage('inputErrorsBag', {
      title: ['Enter the title of the placement'],
      description: ['Describe the placement: the team, the work and what the entrant will do'],
      location: ['Enter where the entrant will work, like Leeds'],
      skillIds: ['Select at least one skill the placement develops'],
      clearanceRequired: ['Select the security clearance the placement needs'],
      isDigital: ['Select yes if this is a digital placement'],
      capacity: ['Enter how many entrants the placement takes'],
      startsOn: ['Enter the date the placement starts'],
    })
    const wrong = await post({ capacity: '21', description: 'Too short', startsOn: '2026-02-30' })
    wrong.assertFlashMessage('inputErrorsBag', {
      capacity: ['The placement must take between 1 and 20 entrants'],
      description: ['The description must be 20 characters or more'],
      startsOn: ['The start date must be a real date'],
    })
    const zero = await post({ capacity: '0' })
    zero.assertFlashMessage('inputErrorsBag', {
      capacity: ['The placement must take between 1 and 20 entrants'],
    })
    const early = await post({ startsOn: round.resultsAt.minus({ days: 2 }).toISODate() })
    early.assertFlashMessage('inputErrorsBag', {
      startsOn: [
        `The placement must start on or after ${round.resultsAt.setZone('Europe/London').toFormat('d LLL yyyy')}, when the round’s results are published`,
      ],
    })
    const unknownSkill = await post({ skillIds: ['999999'] })
    unknownSkill.assertFlashMessage('inputErrorsBag', {
      skillIds: ['Select the skills the placement develops from the list'],
    })
    const closed = await createRound({ status: 'closed', name: 'Closed round' })
    const late = await post({ roundId: String(closed.id) })
    late.assertFlashMessage('inputErrorsBag', {
      roundId: ['Closed round is not open for offers: select a round that is'],
    })
    assert.lengthOf(await Placement.all(), 0)
  })

  test('changing an approved placement’s places sends it back for approval; its location does not', async ({
    client,
    assert,
  }) => {
    const { team, lead, round, research, design, startsOn } = await setUp()
    const placement = await createPlacement(round, { team, title: 'Developer', capacity: 1 })
    await db.table('placement_skills').insert({ placement_id: placement.id, skill_id: research.id })
    placement.merge({ reviewedBy: lead.id, reviewedAt: DateTime.now(), reviewNote: 'Good' })
    await placement.save()
    const form = await client.get(`/fast-stream/team/placements/${placement.id}/edit`).loginAs(lead)
    form.assertStatus(200)
    form.assertTextIncludes('This placement is approved.')
    const edit = (extra: Record<string, unknown>) =>
      submitAs(client, lead).put(`/fast-stream/team/placements/${placement.id}`, {
        ...offerForm(round.id, [research.id, design.id], startsOn, {
          title: 'Developer',
          description: placement.description,
          clearanceRequired: 'BPSS',
          capacity: '1',
        }),
        ...extra,
      })
    const moved = await edit({ location: 'Leeds' })
    moved.assertFlashMessage('success', 'Placement updated: Developer.')
    await placement.refresh()
    assert.equal(placement.status, 'approved')
    assert.equal(placement.location, 'Leeds')
    await placement.load('skills')
    assert.lengthOf(placement.skills, 2)

    const bigger = await edit({ location: 'Leeds', capacity: '3' })
    bigger.assertFlashMessage(
      'success',
      'Placement updated: Developer. It goes back to the Fast Stream team for approval.'
    )
    await placement.refresh()
    assert.equal(placement.status, 'offered')
    assert.equal(placement.capacity, 3)
    assert.isNull(placement.reviewedBy)
    assert.isNull(placement.reviewNote)
  })

  test('a placement cannot change once choices have closed, or after it was turned down', async ({
    client,
    assert,
  }) => {
    const { team, lead, research, startsOn } = await setUp()
    const closed = await createRound({ status: 'closed' })
    const late = await createPlacement(closed, { team, title: 'Late placement' })
    const page = await client
      .get(`/fast-stream/team/placements/${late.id}/edit`)
      .loginAs(lead)
      .redirects(0)
    page.assertStatus(302)
    page.assertFlashMessage(
      'error',
      `${closed.name} no longer takes offers or changes: placements can change only until entrants’ choices close`
    )
    const update = await submitAs(client, lead).put(
      `/fast-stream/team/placements/${late.id}`,
      offerForm(closed.id, [research.id], startsOn, { title: 'Changed' })
    )
    update.assertStatus(302)
    await late.refresh()
    assert.equal(late.title, 'Late placement')

    const open = await createRound()
    const rejected = await createPlacement(open, { team, status: 'rejected' })
    const refused = await submitAs(client, lead).put(
      `/fast-stream/team/placements/${rejected.id}`,
      offerForm(open.id, [research.id], startsOn, { title: 'Changed' })
    )
    refused.assertFlashMessage('error', 'This placement was not approved: offer a new one instead')
  })

  test('another team’s lead is refused a placement’s pages and actions with 403', async ({
    client,
    assert,
  }) => {
    const { team, otherLead, round, research, startsOn } = await setUp()
    const placement = await createPlacement(round, { team, title: 'Ours' })
    for (const url of [
      `/fast-stream/team/placements/${placement.id}`,
      `/fast-stream/team/placements/${placement.id}/edit`,
      `/fast-stream/team/placements/${placement.id}/applicants`,
    ]) {
      const response = await client.get(url).loginAs(otherLead)
      response.assertStatus(403)
    }
    const update = await client
      .put(`/fast-stream/team/placements/${placement.id}`)
      .loginAs(otherLead)
      .withCsrfToken()
      .form(offerForm(round.id, [research.id], startsOn, { title: 'Taken over' }))
    update.assertStatus(403)
    const withdraw = await client
      .post(`/fast-stream/team/placements/${placement.id}/withdraw`)
      .loginAs(otherLead)
      .withCsrfToken()
    withdraw.assertStatus(403)
    await placement.refresh()
    assert.equal(placement.title, 'Ours')
    assert.equal(placement.status, 'approved')
    const missing = await client.get('/fast-stream/team/placements/999999').loginAs(otherLead)
    missing.assertStatus(404)
  })

  test('withdrawing a placement is final and audited', async ({ client, assert }) => {
    const { team, lead, round } = await setUp()
    const placement = await createPlacement(round, { team, title: 'Analyst' })
    const page = await client.get(`/fast-stream/team/placements/${placement.id}`).loginAs(lead)
    page.assertTextIncludes('Withdraw placement')
    const response = await submitAs(client, lead).post(
      `/fast-stream/team/placements/${placement.id}/withdraw`
    )
    response.assertFlashMessage('success', 'Placement withdrawn: Analyst')
    await placement.refresh()
    assert.equal(placement.status, 'withdrawn')
    const again = await submitAs(client, lead).post(
      `/fast-stream/team/placements/${placement.id}/withdraw`
    )
    again.assertFlashMessage('error', 'This placement is withdrawn: it cannot be withdrawn')
    const event = await AuditEvent.query()
      .where({ subject_type: 'placement', subject_id: String(placement.id), action: 'update' })
      .firstOrFail()
    assert.deepEqual(event.afterValues, { status: 'withdrawn' })

    const matched = await createRound({ status: 'matched' })
    const done = await createPlacement(matched, { team })
    const tooLate = await submitAs(client, lead).post(
      `/fast-stream/team/placements/${done.id}/withdraw`
    )
    tooLate.assertFlashMessage(
      'error',
      'The round has been matched: the placement can no longer be withdrawn'
    )
  })
})
