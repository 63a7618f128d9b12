import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import mail from '@adonisjs/mail/services/main'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { createSkill } from '#database/factories/framework_factory'
import {
  OrganisationFactory,
  createChildOrganisation,
} from '#database/factories/organisation_factory'
import {
  createEntrant,
  createPlacement,
  createRanking,
  createRound,
  createScheme,
  createShortlist,
  createTeam,
  createTeamLead,
} from '#database/factories/fast_stream_factory'
import Placement from '#models/placement'
import PlacementMatch from '#models/placement_match'
import FastStreamPosting from '#models/fast_stream_posting'
import Service from '#models/service'
import AuditEvent from '#models/audit_event'
import type Organisation from '#models/organisation'
import { buildRoundInput, entrantKey, placementKey } from '#queries/fast_stream/round_input_query'
import { matchRound } from '#domain/fast_stream/matching_engine'
import { apiAs, bearer } from '#tests/support/api'
import { createService } from '#database/factories/workforce_factory'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/user'
import { submitWithDatesAs } from '#tests/support/date_input'
import { monthsAway } from '#tests/support/fixtures/digital_rule'

/* Forms send their dates as GOV.UK date inputs do: day, month and year boxes. */
const submitAs = (client: ApiClient, user: User) => submitWithDatesAs(client, user)

function service(
  organisation: Organisation,
  name: string,
  phase: 'discovery' | 'alpha' | 'beta' | 'live',
  hasDigitalChannel: boolean
) {
  return createService(organisation, name, {
    annualTransactions: 1_000_000,
    phase,
    hasDigitalChannel,
  })
}

/*
 * DfT with its agency DVLA, and HMRC; the register's services: two of
 * DVLA's digitally delivered (live or beta, used online), one in alpha,
 * one live but not used online, and one of HMRC's. A delivery team at DVLA
 * with its lead, and a Future Leaders round and a Fast Stream round open
 * to offers.
 */
async function register() {
  const dft = await OrganisationFactory.merge({ name: 'Department for Transport' }).create()
  const dvla = await createChildOrganisation(dft, { name: 'Driver and Vehicle Licensing Agency' })
  const hmrc = await OrganisationFactory.merge({ name: 'HM Revenue and Customs' }).create()
  const taxYourVehicle = await service(dvla, 'Tax your vehicle', 'live', true)
  const drivingTest = await service(dft, 'Book your driving test', 'beta', true)
  const renewLicence = await service(dvla, 'Renew your driving licence', 'alpha', true)
  const plates = await service(dvla, 'Personalised registration numbers', 'live', false)
  const selfAssessment = await service(hmrc, 'Self Assessment online', 'live', true)
  const team = await createTeam(dvla, 'Vehicle tax')
  const lead = await createTeamLead(team, { organisation: dvla })
  const leadersRound = await createRound({
    name: 'Future Leaders spring',
    programme: 'future_leaders',
  })
  const fastStreamRound = await createRound({ name: 'Fast Stream spring' })
  const skill = await createSkill('Service ownership', 'Product and delivery')
  return {
    dft,
    dvla,
    hmrc,
    taxYourVehicle,
    drivingTest,
    renewLicence,
    plates,
    selfAssessment,
    team,
    lead,
    leadersRound,
    fastStreamRound,
    skill,
    startsOn: leadersRound.postingStartsOn!.toISODate()!,
  }
}

function offer(roundId: number, skillId: number, startsOn: string, extra = {}) {
  return {
    roundId: String(roundId),
    title: 'Operations manager, Tax your vehicle',
    description: 'Run the day-to-day operation of a live digital service and its support team.',
    location: 'Swansea',
    skillIds: [String(skillId)],
    clearanceRequired: 'BPSS',
    isDigital: 'no',
    capacity: '1',
    startsOn,
    ...extra,
  }
}

test.group('Future Leaders Scheme: placements in digitally delivered services', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the offer form lists only the digitally delivered services of the team’s own department', async ({
    client,
    assert,
  }) => {
    const { lead } = await register()
    const form = await client.get('/fast-stream/team/placements/create').loginAs(lead)
    form.assertStatus(200)
    const html = form.text()
    assert.include(html, 'Future Leaders spring, Future Leaders Scheme (offers close')
    assert.include(html, 'Fast Stream spring, Fast Stream (offers close')
    assert.include(
      html,
      '<label for="field-serviceId" class="block font-bold mb-1">Service (Future Leaders placements)</label>'
    )
    assert.include(html, 'Book your driving test (Department for Transport)</option>')
    assert.include(html, 'Tax your vehicle (Driver and Vehicle Licensing Agency)</option>')
    assert.notInclude(html, 'Renew your driving licence')
    assert.notInclude(html, 'Personalised registration numbers')
    assert.notInclude(html, 'Self Assessment online')
  })

  test('a Future Leaders placement is refused without a service, with another department’s or with one not digitally delivered', async ({
    client,
    assert,
  }) => {
    const { lead, leadersRound, skill, startsOn, renewLicence, plates, selfAssessment } =
      await register()
    const post = (extra: Record<string, unknown>) =>
      submitAs(client, lead).post(
        '/fast-stream/team/placements',
        offer(leadersRound.id, skill.id, startsOn, extra)
      )

    const none = await post({})
    none.assertStatus(302)
    none.assertFlashMessage('inputErrorsBag', {
      serviceId: [
        'Select the service the placement works in: a Future Leaders placement is in a digitally delivered service',
      ],
    })
    const elsewhere = await post({ serviceId: String(selfAssessment.id) })
    elsewhere.assertFlashMessage('inputErrorsBag', {
      serviceId: [
        'Self Assessment online is run by another department: select a service of your own department',
      ],
    })
    for (const notDigital of [renewLicence, plates]) {
      const refused = await post({ serviceId: String(notDigital.id) })
      refused.assertFlashMessage('inputErrorsBag', {
        serviceId: [
          `${notDigital.name} is not digitally delivered: select a service in beta or live that people can use online`,
        ],
      })
    }
    const unknown = await post({ serviceId: '999999' })
    unknown.assertFlashMessage('inputErrorsBag', {
      serviceId: ['Select the service the placement works in from the list'],
    })
    const text = await post({ serviceId: 'tax your vehicle' })
    text.assertFlashMessage('inputErrorsBag', {
      serviceId: ['Select the service the placement works in from the list'],
    })
    const count = await Placement.query().where('round_id', leadersRound.id).count('* as total')
    assert.equal(Number(count[0].$extras.total), 0)
  })

  test('a placement in a digitally delivered service of the department is offered, digital, and audited', async ({
    client,
    assert,
  }) => {
    const { lead, leadersRound, skill, startsOn, drivingTest, taxYourVehicle, dvla } =
      await register()
    const response = await submitAs(client, lead).post(
      '/fast-stream/team/placements',
      offer(leadersRound.id, skill.id, startsOn, { serviceId: String(taxYourVehicle.id) })
    )
    response.assertStatus(302)
    const placement = await Placement.query().where('round_id', leadersRound.id).firstOrFail()
    response.assertHeader('location', `/fast-stream/team/placements/${placement.id}`)
    response.assertFlashMessage(
      'success',
      'Placement offered: Operations manager, Tax your vehicle. The Future Leaders Scheme team will review it.'
    )
    assert.equal(placement.serviceId, taxYourVehicle.id)
    assert.equal(placement.organisationId, dvla.id)
    // In a digitally delivered service area: digital whatever the form said.
    assert.isTrue(placement.isDigital)
    const created = await AuditEvent.query()
      .where({ subject_type: 'placement', subject_id: String(placement.id), action: 'create' })
      .firstOrFail()
    assert.equal(created.afterValues?.serviceId, taxYourVehicle.id)

    // A service of the department above the agency is the team's department's too.
    const page = await client.get(`/fast-stream/team/placements/${placement.id}`).loginAs(lead)
    page.assertTextIncludes('Tax your vehicle')
    const change = await submitAs(client, lead).put(
      `/fast-stream/team/placements/${placement.id}`,
      { ...offer(leadersRound.id, skill.id, startsOn), serviceId: String(drivingTest.id) }
    )
    change.assertStatus(302)
    await placement.refresh()
    assert.equal(placement.serviceId, drivingTest.id)
  })

  test('a Fast Stream placement needs no service', async ({ client, assert }) => {
    const { lead, fastStreamRound, skill } = await register()
    const response = await submitAs(client, lead).post(
      '/fast-stream/team/placements',
      offer(fastStreamRound.id, skill.id, fastStreamRound.postingStartsOn!.toISODate()!, {
        isDigital: 'no',
      })
    )
    response.assertStatus(302)
    const placement = await Placement.query().where('round_id', fastStreamRound.id).firstOrFail()
    assert.isNull(placement.serviceId)
    assert.isFalse(placement.isDigital)
  })

  test('approving a placement checks its service again: one that moved since the offer is refused with the reason, unchanged and unaudited', async ({
    client,
    assert,
  }) => {
    const { leadersRound, fastStreamRound, team, taxYourVehicle, plates, hmrc, dvla } =
      await register()
    const admin = await createUser({ roles: ['fast_stream_admin', 'learner'] })
    const placement = await createPlacement(leadersRound, {
      title: 'Operations lead, Tax your vehicle',
      team,
      service: taxYourVehicle,
      status: 'offered',
    })
    const review = `/fast-stream/admin/placements/${placement.id}`
    const approve = (id = placement.id) =>
      submitAs(client, admin).post(`/fast-stream/admin/placements/${id}/approve`)
    const refusedWith = async (message: string, id = placement.id) => {
      const refused = await approve(id)
      refused.assertStatus(302)
      refused.assertHeader('location', `/fast-stream/admin/placements/${id}`)
      refused.assertFlashMessage('inputErrorsBag', { serviceId: [message] })
      const still = await Placement.findOrFail(id)
      assert.equal(still.status, 'offered')
      assert.isNull(still.reviewedBy)
    }

    // Back in alpha since the team offered it.
    taxYourVehicle.phase = 'alpha'
    await taxYourVehicle.save()
    const notDigital =
      'Tax your vehicle is no longer digitally delivered (in beta or live and used online): the team must choose another service before the placement can be approved'
    await refusedWith(notDigital)
    // Live again, but no longer used online.
    taxYourVehicle.merge({ phase: 'live', hasDigitalChannel: false })
    await taxYourVehicle.save()
    await refusedWith(notDigital)
    // Used online, but now run by another department.
    taxYourVehicle.merge({ hasDigitalChannel: true, organisationId: hmrc.id })
    await taxYourVehicle.save()
    await refusedWith(
      'Tax your vehicle is now run by another department: the team must choose a service of their own department before the placement can be approved'
    )
    // A Future Leaders placement naming no service.
    const without = await createPlacement(leadersRound, { team, status: 'offered' })
    await refusedWith(
      'The placement names no service: the team must choose a digitally delivered service of their department before a Future Leaders placement can be approved',
      without.id
    )
    // A Fast Stream placement may name no service, but one it names is checked the same way.
    const fastStream = await createPlacement(fastStreamRound, {
      team,
      service: plates,
      status: 'offered',
    })
    await refusedWith(
      'Personalised registration numbers is no longer digitally delivered (in beta or live and used online): the team must choose another service before the placement can be approved',
      fastStream.id
    )
    const refusals = await AuditEvent.query()
      .where('subject_type', 'placement')
      .whereIn('subject_id', [String(placement.id), String(without.id), String(fastStream.id)])
      .where('action', 'update')
    assert.lengthOf(refusals, 0)

    // The review page shows the reason under the approval, linked from the error summary.
    const page = await client
      .get(review)
      .loginAs(admin)
      .withFlashMessages({ inputErrorsBag: { serviceId: [notDigital] } })
    page.assertStatus(200)
    const html = page.text()
    assert.include(html, '<title>Error: ')
    assert.include(html, `href="#field-serviceId"`)
    assert.match(html, /id="field-serviceId"[^>]*>[\s\S]*?no longer digitally delivered/)

    // Back in the team's department, digitally delivered: approved as before.
    taxYourVehicle.organisationId = dvla.id
    await taxYourVehicle.save()
    const approved = await approve()
    approved.assertHeader('location', `/fast-stream/admin/rounds/${leadersRound.id}?status=offered`)
    await placement.refresh()
    assert.equal(placement.status, 'approved')
    assert.equal(placement.reviewedBy, admin.id)
  })
})

/*
 * A Future Leader and a Fast Stream entrant, each with an open round of
 * their own programme and an approved placement in it.
 */
async function bothRounds() {
  const { dvla, taxYourVehicle, leadersRound, fastStreamRound, team } = await register()
  const leadersPlacement = await createPlacement(leadersRound, {
    title: 'Operations lead, Tax your vehicle',
    team,
    service: taxYourVehicle,
  })
  const fastStreamPlacement = await createPlacement(fastStreamRound, {
    title: 'Junior product manager',
    team,
  })
  const scheme = await createScheme('Future Leaders Scheme', 'future_leaders')
  const leaderUser = await createUser({
    organisation: dvla,
    overrides: { fullName: 'Callum Fraser', grade: 'G7' },
  })
  const { entrant: leader } = await createEntrant({ user: leaderUser, scheme })
  const { user: entrantUser, entrant } = await createEntrant({ name: 'Nova Newer' })
  return {
    leadersRound,
    fastStreamRound,
    leadersPlacement,
    fastStreamPlacement,
    leader,
    leaderUser,
    entrant,
    entrantUser,
  }
}

test.group('Future Leaders Scheme: choosing placements', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('Future Leaders search their own programme’s round and see each placement’s service; entrants theirs', async ({
    client,
    assert,
  }) => {
    const { leaderUser, entrantUser } = await bothRounds()
    const leaders = await client.get('/fast-stream/placements').loginAs(leaderUser)
    leaders.assertStatus(200)
    assert.include(leaders.text(), 'Operations lead, Tax your vehicle')
    assert.include(leaders.text(), 'Service: Tax your vehicle')
    assert.notInclude(leaders.text(), 'Junior product manager')

    const entrants = await client.get('/fast-stream/placements').loginAs(entrantUser)
    entrants.assertStatus(200)
    assert.include(entrants.text(), 'Junior product manager')
    assert.notInclude(entrants.text(), 'Operations lead, Tax your vehicle')
  })

  test('the placement search API names each placement’s service, null when it has none', async ({
    client,
    assert,
  }) => {
    const { leaderUser, entrantUser, leadersRound, fastStreamRound, leadersPlacement } =
      await bothRounds()
    const leaders = await apiAs(client, await bearer(leaderUser)).get(
      `/api/v1/rounds/${leadersRound.id}/placements`
    )
    leaders.assertStatus(200)
    assert.deepEqual(
      leaders.body().data.map((item: any) => [item.title, item.service]),
      [
        [
          'Operations lead, Tax your vehicle',
          { id: leadersPlacement.serviceId, name: 'Tax your vehicle' },
        ],
      ]
    )

    const entrants = await apiAs(client, await bearer(entrantUser)).get(
      `/api/v1/rounds/${fastStreamRound.id}/placements`
    )
    entrants.assertStatus(200)
    assert.deepEqual(
      entrants.body().data.map((item: any) => [item.title, item.service]),
      [['Junior product manager', null]]
    )
  })

  test('each adds to a shortlist only in their own programme’s rounds; the other’s placements are not found', async ({
    client,
    assert,
  }) => {
    const { leaderUser, entrantUser, leadersPlacement, fastStreamPlacement, leadersRound } =
      await bothRounds()
    const add = (user: typeof leaderUser, placement: Placement) =>
      submitAs(client, user).post(`/fast-stream/shortlist/placements/${placement.id}`)
    const otherRound = await add(leaderUser, fastStreamPlacement)
    otherRound.assertStatus(404)
    const otherProgramme = await add(entrantUser, leadersPlacement)
    otherProgramme.assertStatus(404)
    const page = await client
      .get(`/fast-stream/placements/${leadersPlacement.id}`)
      .loginAs(entrantUser)
    page.assertStatus(404)

    const added = await add(leaderUser, leadersPlacement)
    added.assertStatus(302)
    added.assertFlashMessage(
      'success',
      'Operations lead, Tax your vehicle is number 1 on your shortlist'
    )
    const shortlist = await client.get('/fast-stream/shortlist').loginAs(leaderUser)
    shortlist.assertStatus(200)
    assert.include(shortlist.text(), 'Operations lead, Tax your vehicle')

    // The API answers as the pages do.
    const search = await apiAs(client, await bearer(entrantUser)).get(
      `/api/v1/rounds/${leadersRound.id}/placements`
    )
    search.assertStatus(404)
    const choose = await apiAs(client, await bearer(entrantUser))
      .put(`/api/v1/rounds/${leadersRound.id}/preferences`)
      .json({ placements: [leadersPlacement.id] })
    choose.assertStatus(404)
  })
})

test.group('Future Leaders Scheme: matching', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => mail.restore())

  test('a Future Leaders round is matched by the same engine and rules, and publishing it meets the rule', async ({
    client,
    assert,
  }) => {
    mail.fake()
    const admin = await createUser({ roles: ['fast_stream_admin', 'learner'] })
    const capability = await createUser({ roles: ['capability_admin', 'learner'] })
    const dft = await OrganisationFactory.merge({ name: 'Department for Transport' }).create()
    const hmrc = await OrganisationFactory.merge({ name: 'HM Revenue and Customs' }).create()
    const round = await createRound({
      status: 'closed',
      name: 'Future Leaders autumn',
      programme: 'future_leaders',
      postingStartsOn: monthsAway(1),
      postingEndsOn: monthsAway(7),
    })
    const vehicleTax = await createPlacement(round, {
      title: 'Operations manager, Tax your vehicle',
      team: await createTeam(dft, 'Vehicle tax'),
      service: await service(dft, 'Tax your vehicle', 'live', true),
    })
    const selfAssessment = await createPlacement(round, {
      title: 'Operations lead, Self Assessment',
      team: await createTeam(hmrc, 'Tax platform'),
      service: await service(hmrc, 'Self Assessment online', 'live', true),
      clearanceRequired: 'SC',
    })
    const scheme = await createScheme('Future Leaders Scheme', 'future_leaders')
    // Ama's scheme ends before the next round (six months away), Kofi's after it.
    const { entrant: ama } = await createEntrant({
      name: 'Ama Owusu',
      scheme,
      startedOn: monthsAway(-13),
    })
    const { entrant: kofi } = await createEntrant({
      name: 'Kofi Mensah',
      scheme,
      startedOn: monthsAway(-2),
    })
    const { entrant: lin } = await createEntrant({
      name: 'Lin Clarke',
      scheme,
      startedOn: monthsAway(-2),
      clearance: 'BPSS',
    })
    await createShortlist(round, ama, [vehicleTax])
    await createShortlist(round, kofi, [vehicleTax, selfAssessment])
    await createShortlist(round, lin, [selfAssessment])
    await createRanking(vehicleTax, [kofi, ama])

    // The rule binds by the programme's deadline: eighteen months, so Ama needs a digital placement now.
    const input = await buildRoundInput(round)
    const needs = new Map(input.entrants.map((one) => [one.id, one.needsDigital]))
    assert.isTrue(needs.get(entrantKey(ama.id)))
    assert.isFalse(needs.get(entrantKey(kofi.id)))
    assert.isTrue(input.placements.every((placement) => placement.digital))
    const expected = matchRound(input)

    const run = await submitAs(client, admin).post(`/fast-stream/admin/rounds/${round.id}/match`)
    run.assertStatus(302)
    run.assertFlashMessage('success', 'Match run: 1 of 3 Future Leaders matched')
    const rows = await PlacementMatch.query().where('round_id', round.id)
    const byEntrant = new Map(rows.map((row) => [row.entrantId, row]))
    // The team ranked Kofi first; Ama falls to nothing; Lin lacks the clearance Self Assessment needs.
    assert.equal(byEntrant.get(kofi.id)!.placementId, vehicleTax.id)
    assert.equal(byEntrant.get(ama.id)!.unmatchedCode, 'choices_filled')
    assert.equal(byEntrant.get(lin.id)!.unmatchedCode, 'no_eligible_choice')
    for (const match of expected.matches) {
      const row = rows.find((one) => entrantKey(one.entrantId) === match.entrant)!
      assert.equal(placementKey(row.placementId!), match.placement)
    }

    const published = await submitAs(client, admin).post(
      `/fast-stream/admin/rounds/${round.id}/publish`
    )
    published.assertStatus(302)
    const posting = await FastStreamPosting.query().where('entrant_id', kofi.id).firstOrFail()
    assert.isTrue(Boolean(posting.isDigital))
    assert.equal(posting.placementId, vehicleTax.id)

    const metrics = await apiAs(client, await bearer(capability)).get(
      '/api/v1/metrics/future-leaders'
    )
    metrics.assertStatus(200)
    assert.equal(metrics.body().data.digitalRule.met, 1)
    const taxYourVehicle = await Service.findByOrFail('name', 'Tax your vehicle')
    assert.deepInclude(metrics.body().data.placementsByService, {
      id: taxYourVehicle.id,
      name: 'Tax your vehicle',
      organisation: 'Department for Transport',
      placements: 1,
      placesOffered: 1,
      placesFilled: 1,
    })
  })
})
