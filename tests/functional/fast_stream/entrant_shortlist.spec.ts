import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { ApiClient } from '@japa/api-client'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import {
  createEntrant,
  createPlacement,
  createRound,
  createTeam,
} from '#database/factories/fast_stream_factory'
import { savedShortlist } from '#tests/support/fixtures/fast_stream'
import PlacementShortlist from '#models/placement_shortlist'
import type PlacementRound from '#models/placement_round'
import type Placement from '#models/placement'
import type User from '#models/user'
import { submitAs } from '#tests/support/forms'
import { bodyOf, expectStatus } from '#tests/support/responses'
import { listItemText } from '#tests/support/html'

/* The titles on the shortlist page, first choice first. */
function listedTitles(html: string) {
  return [
    ...html.matchAll(
      /<span class="sr-only">Number \d+: <\/span><a href="\/fast-stream\/placements\/\d+">([^<]+)<\/a>/g
    ),
  ].map((match) => match[1])
}

/* The text of one entry of the shortlist page. */
function entryText(html: string, placement: Placement) {
  return listItemText(html, `choice-${placement.id}`)
}

function add(client: ApiClient, user: User, placement: Placement) {
  return submitAs(client, user).post(`/fast-stream/shortlist/placements/${placement.id}`)
}

function remove(client: ApiClient, user: User, placement: Placement, from?: string) {
  return client
    .delete(`/fast-stream/shortlist/placements/${placement.id}`)
    .form(from ? { from } : {})
    .withCsrfToken()
    .loginAs(user)
    .redirects(0)
}

function move(client: ApiClient, user: User, placement: Placement, direction: 'up' | 'down') {
  return submitAs(client, user).post(
    `/fast-stream/shortlist/placements/${placement.id}/${direction}`
  )
}

/* The whole list in a new order, as the drag and drop script sends it. */
function reorder(
  client: ApiClient,
  user: User,
  body: { round: number; placements: unknown[]; moved?: number }
) {
  return client
    .put('/fast-stream/shortlist/order')
    .json(body)
    .accept('json')
    .withCsrfToken()
    .loginAs(user)
}

function submit(client: ApiClient, user: User, round: PlacementRound) {
  return client
    .post('/fast-stream/shortlist/submit')
    .form({ round: round.id })
    .withCsrfToken()
    .loginAs(user)
    .redirects(0)
}

/* An open round with three approved placements in one department, and an entrant. */
async function setUp(options: { maxPreferences?: number } = {}) {
  const round = await createRound({ name: 'Spring round', maxPreferences: options.maxPreferences })
  const department = await OrganisationFactory.merge({ name: 'Cabinet Office' }).create()
  const team = await createTeam(department, 'Platform team')
  const first = await createPlacement(round, { team, title: 'Alpha placement' })
  const second = await createPlacement(round, { team, title: 'Beta placement' })
  const third = await createPlacement(round, { team, title: 'Gamma placement' })
  const { entrant, user } = await createEntrant({ clearance: 'SC' })
  return { round, department, team, first, second, third, entrant, user }
}

/* Puts the placements on the entrant's list in this order. */
async function listed(client: ApiClient, user: User, placements: Placement[]) {
  for (const placement of placements) expectStatus(await add(client, user, placement), 302)
}

test.group('Fast Stream shortlist: adding and removing', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('adding a placement puts it at the foot of the list and returns to the placement', async ({
    client,
    assert,
  }) => {
    const { round, first, second, entrant, user } = await setUp()
    const response = await add(client, user, first)
    response.assertStatus(302)
    response.assertHeader('location', `/fast-stream/placements/${first.id}`)
    response.assertFlashMessage('success', 'Alpha placement is number 1 on your shortlist')
    const next = await add(client, user, second)
    next.assertFlashMessage('success', 'Beta placement is number 2 on your shortlist')
    assert.deepEqual(await savedShortlist(entrant, round), [first.id, second.id])

    const page = await client.get('/fast-stream/shortlist').loginAs(user)
    page.assertStatus(200)
    assert.deepEqual(listedTitles(page.text()), ['Alpha placement', 'Beta placement'])
    assert.include(page.text(), '2 of 10 placements')
    assert.include(page.text(), 'Not submitted yet.')
  })

  test('adding a placement already on the list changes nothing and says where it is', async ({
    client,
    assert,
  }) => {
    const { round, first, second, entrant, user } = await setUp()
    await listed(client, user, [first, second])
    const again = await add(client, user, first)
    again.assertFlashMessage('success', 'Alpha placement is already number 1 on your shortlist')
    assert.deepEqual(await savedShortlist(entrant, round), [first.id, second.id])
  })

  test('adding beyond the round’s limit is refused with a clear message', async ({
    client,
    assert,
  }) => {
    const { round, first, second, third, entrant, user } = await setUp({ maxPreferences: 2 })
    await listed(client, user, [first, second])
    const response = await add(client, user, third)
    response.assertStatus(302)
    response.assertHeader('location', `/fast-stream/placements/${third.id}`)
    response.assertFlashMessage(
      'error',
      'Your shortlist already has 2 placements, the most this round takes. Remove one before you add another.'
    )
    assert.deepEqual(await savedShortlist(entrant, round), [first.id, second.id])

    const page = await client.get(`/fast-stream/placements/${third.id}`).loginAs(user)
    assert.include(page.text(), 'Your shortlist is full: it has 2 placements')
    assert.notInclude(page.text(), 'Add to my shortlist')
  })

  test('a round that takes one placement says so in the singular', async ({ client, assert }) => {
    const { first, second, user } = await setUp({ maxPreferences: 1 })
    const search = await client.get('/fast-stream/placements').loginAs(user)
    assert.include(search.text(), 'Add up to 1 placement to your shortlist')
    assert.include(search.text(), 'has 0 of 1 placement.')
    await listed(client, user, [first])
    const refused = await add(client, user, second)
    refused.assertFlashMessage(
      'error',
      'Your shortlist already has 1 placement, the most this round takes. Remove one before you add another.'
    )
    const shortlist = await client.get('/fast-stream/shortlist').loginAs(user)
    assert.include(shortlist.text(), 'Spring round: up to 1 placement, your first choice')
    assert.include(shortlist.text(), '1 of 1 placement</h2>')
    const full = await client.get(`/fast-stream/placements/${second.id}`).loginAs(user)
    assert.include(full.text(), 'Your shortlist is full: it has 1 placement, the most')
  })

  test('a placement not approved, or of a round that is not open, cannot be added', async ({
    client,
    assert,
  }) => {
    const { round, team, entrant, user } = await setUp()
    const offered = await createPlacement(round, { team, status: 'offered' })
    const closedRound = await createRound({ status: 'closed' })
    const old = await createPlacement(closedRound, { team })
    expectStatus(await add(client, user, offered), 404)
    expectStatus(await add(client, user, old), 404)
    assert.deepEqual(await savedShortlist(entrant, round), [])
    assert.isNull(await PlacementShortlist.findBy('entrant_id', entrant.id))
  })

  test('removing a placement moves the ones below it up', async ({ client, assert }) => {
    const { round, first, second, third, entrant, user } = await setUp()
    await listed(client, user, [first, second, third])
    const response = await remove(client, user, second, 'shortlist')
    response.assertStatus(302)
    response.assertHeader('location', '/fast-stream/shortlist')
    response.assertFlashMessage('success', 'Beta placement is no longer on your shortlist')
    assert.deepEqual(await savedShortlist(entrant, round), [first.id, third.id])

    const fromPlacement = await remove(client, user, first, 'placement')
    fromPlacement.assertHeader('location', `/fast-stream/placements/${first.id}`)
    assert.deepEqual(await savedShortlist(entrant, round), [third.id])
  })

  test('removing a placement that is not on the list says so', async ({ client, assert }) => {
    const { round, first, second, entrant, user } = await setUp()
    await listed(client, user, [first])
    const response = await remove(client, user, second)
    response.assertFlashMessage('error', 'Beta placement is not on your shortlist')
    assert.deepEqual(await savedShortlist(entrant, round), [first.id])
  })

  test('every change to the list is in the audit trail, with the order before and after', async ({
    client,
    assert,
  }) => {
    const { first, second, entrant, user } = await setUp()
    await listed(client, user, [first, second])
    await move(client, user, second, 'up')
    const shortlist = await PlacementShortlist.findByOrFail('entrant_id', entrant.id)
    const events = await db
      .from('audit_events')
      .where('subject_type', 'placement_shortlist')
      .where('subject_id', String(shortlist.id))
      .orderBy('id')
      .select('action', 'before', 'after', 'actor_id')
    assert.deepEqual(
      events.map((event) => [
        event.action,
        event.before && JSON.parse(event.before),
        JSON.parse(event.after),
      ]),
      [
        [
          'create',
          null,
          {
            roundId: shortlist.roundId,
            entrantId: entrant.id,
            submittedAt: null,
            id: shortlist.id,
          },
        ],
        ['update', { placements: [] }, { placements: [first.id] }],
        ['update', { placements: [first.id] }, { placements: [first.id, second.id] }],
        ['update', { placements: [first.id, second.id] }, { placements: [second.id, first.id] }],
      ]
    )
    assert.isTrue(events.every((event) => Number(event.actor_id) === user.id))
  })
})

test.group('Fast Stream shortlist: putting it in order', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('moving a placement up or down swaps it with its neighbour and returns to it on the list', async ({
    client,
    assert,
  }) => {
    const { round, first, second, third, entrant, user } = await setUp()
    await listed(client, user, [first, second, third])

    const up = await move(client, user, third, 'up')
    up.assertStatus(302)
    up.assertHeader('location', '/fast-stream/shortlist')
    up.assertFlashMessage('success', 'Gamma placement is now number 2 on your shortlist')
    up.assertFlashMessage('focus', { placementId: third.id, direction: 'up' })
    assert.deepEqual(await savedShortlist(entrant, round), [first.id, third.id, second.id])

    const down = await move(client, user, first, 'down')
    down.assertFlashMessage('success', 'Alpha placement is now number 2 on your shortlist')
    assert.deepEqual(await savedShortlist(entrant, round), [third.id, first.id, second.id])
  })

  test('after a move the moved placement’s button has focus, or its other button at the end of the list', async ({
    client,
    assert,
  }) => {
    const { first, second, third, user } = await setUp()
    await listed(client, user, [first, second, third])
    await move(client, user, second, 'up')

    const middle = await client
      .get('/fast-stream/shortlist')
      .withFlashMessages({ focus: { placementId: first.id, direction: 'down' } })
      .loginAs(user)
    assert.match(middle.text(), new RegExp(`id="move-down-${first.id}"\\s+autofocus`))

    const last = await client
      .get('/fast-stream/shortlist')
      .withFlashMessages({ focus: { placementId: third.id, direction: 'down' } })
      .loginAs(user)
    assert.notInclude(last.text(), `id="move-down-${third.id}"`, 'the last has no Move down')
    assert.match(last.text(), new RegExp(`id="move-up-${third.id}"\\s+autofocus`))

    const top = await client
      .get('/fast-stream/shortlist')
      .withFlashMessages({ focus: { placementId: second.id, direction: 'up' } })
      .loginAs(user)
    assert.deepEqual(listedTitles(top.text()), [
      'Beta placement',
      'Alpha placement',
      'Gamma placement',
    ])
    assert.notInclude(top.text(), `id="move-up-${second.id}"`, 'the first has no Move up')
    assert.match(top.text(), new RegExp(`id="move-down-${second.id}"\\s+autofocus`))
    assert.equal(top.text().match(/autofocus/g)?.length, 1)
  })

  test('the first cannot move up and the last cannot move down', async ({ client, assert }) => {
    const { round, first, second, entrant, user } = await setUp()
    await listed(client, user, [first, second])
    const up = await move(client, user, first, 'up')
    up.assertFlashMessage('error', 'Alpha placement is already first on your shortlist')
    const down = await move(client, user, second, 'down')
    down.assertFlashMessage('error', 'Beta placement is already last on your shortlist')
    assert.deepEqual(await savedShortlist(entrant, round), [first.id, second.id])
  })

  test('a new order from a drag and drop is saved whole, and a flash says where the placement went', async ({
    client,
    assert,
  }) => {
    const { round, first, second, third, entrant, user } = await setUp()
    await listed(client, user, [first, second, third])
    const response = await reorder(client, user, {
      round: round.id,
      placements: [third.id, first.id, second.id],
      moved: third.id,
    })
    response.assertStatus(200)
    response.assertBody({ data: { placements: [third.id, first.id, second.id] } })
    response.assertFlashMessage('success', 'Gamma placement is now number 1 on your shortlist')
    assert.deepEqual(await savedShortlist(entrant, round), [third.id, first.id, second.id])
  })

  test('an order that does not hold exactly the placements on the list changes nothing', async ({
    client,
    assert,
  }) => {
    const { round, first, second, third, entrant, user } = await setUp()
    await listed(client, user, [first, second])
    for (const placements of [
      [second.id],
      [second.id, first.id, third.id],
      [second.id, second.id],
      [third.id, first.id],
    ]) {
      const response = await reorder(client, user, { round: round.id, placements })
      response.assertStatus(409)
      response.assertBodyContains({ code: 'list_changed' })
    }
    assert.deepEqual(await savedShortlist(entrant, round), [first.id, second.id])
  })

  test('an order that is not a list of ids is refused with the field named', async ({
    client,
    assert,
  }) => {
    const { round, first, second, entrant, user } = await setUp()
    await listed(client, user, [first, second])
    const response = await reorder(client, user, {
      round: round.id,
      placements: ['first', second.id],
    })
    response.assertStatus(422)
    response.assertBodyContains({
      errors: [
        {
          field: 'placements.0',
          message: 'Each entry of the new order must be the id of a placement',
        },
      ],
    })
    assert.deepEqual(await savedShortlist(entrant, round), [first.id, second.id])
  })

  test('a form post of a new order returns to the list', async ({ client, assert }) => {
    const { round, first, second, entrant, user } = await setUp()
    await listed(client, user, [first, second])
    const response = await client
      .put('/fast-stream/shortlist/order')
      .form({ round: round.id, placements: [second.id, first.id], moved: second.id })
      .withCsrfToken()
      .loginAs(user)
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', `/fast-stream/shortlist#choice-${second.id}`)
    assert.deepEqual(await savedShortlist(entrant, round), [second.id, first.id])
  })

  test('without the form’s security token nothing changes', async ({ client, assert }) => {
    const { round, first, second, entrant, user } = await setUp()
    await listed(client, user, [first, second])
    const response = await client
      .post(`/fast-stream/shortlist/placements/${second.id}/up`)
      .loginAs(user)
      .redirects(0)
    response.assertStatus(302)
    assert.deepEqual(await savedShortlist(entrant, round), [first.id, second.id])
  })
})

test.group('Fast Stream shortlist: submitting and the deadline', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('submitting records the time; the list stays submitted and can still change until the deadline', async ({
    client,
    assert,
  }) => {
    const { round, first, second, third, entrant, user } = await setUp()
    await listed(client, user, [first, second])
    const response = await submit(client, user, round)
    response.assertStatus(302)
    response.assertHeader('location', '/fast-stream/shortlist')
    const shortlist = await PlacementShortlist.findByOrFail('entrant_id', entrant.id)
    assert.isNotNull(shortlist.submittedAt)
    assert.isBelow(Math.abs(shortlist.submittedAt!.diffNow().as('seconds')), 30)
    const deadline = round.preferencesCloseAt
      .setZone('Europe/London')
      .toFormat("d LLL yyyy 'at' HH:mm")
    response.assertFlashMessage(
      'success',
      `Your shortlist of 2 placements is submitted. You can change it until ${deadline} (UK time).`
    )

    await add(client, user, third)
    await move(client, user, third, 'up')
    assert.deepEqual(await savedShortlist(entrant, round), [first.id, third.id, second.id])
    const after = await PlacementShortlist.findByOrFail('entrant_id', entrant.id)
    assert.equal(
      after.submittedAt!.toMillis(),
      shortlist.submittedAt!.toMillis(),
      'first submission kept'
    )

    const page = await client.get('/fast-stream/shortlist').loginAs(user)
    const submitted = shortlist
      .submittedAt!.setZone('Europe/London')
      .toFormat("d LLL yyyy 'at' HH:mm")
    assert.include(page.text(), `Submitted on ${submitted} (UK time).`)
    assert.include(page.text(), `You can change it until ${deadline} (UK time).`)
    assert.notInclude(page.text(), 'Submit my list')

    const again = await submit(client, user, round)
    again.assertFlashMessage(
      'success',
      `Your shortlist was submitted on ${submitted} (UK time). Changes you make are saved straight away.`
    )
  })

  test('an empty list cannot be submitted, and emptying a submitted list unsubmits it', async ({
    client,
    assert,
  }) => {
    const { round, first, entrant, user } = await setUp()
    const empty = await submit(client, user, round)
    empty.assertFlashMessage(
      'error',
      'Add at least one placement to your shortlist before you submit it'
    )

    await listed(client, user, [first])
    await submit(client, user, round)
    const removed = await remove(client, user, first)
    removed.assertFlashMessage(
      'success',
      'Alpha placement is no longer on your shortlist. Your shortlist is empty, so it is no longer submitted.'
    )
    const shortlist = await PlacementShortlist.findByOrFail('entrant_id', entrant.id)
    assert.isNull(shortlist.submittedAt)
  })

  test('after the deadline nothing on the list can change, and the page says why', async ({
    client,
    assert,
  }) => {
    const { round, first, second, third, entrant, user } = await setUp()
    await listed(client, user, [first, second])
    round.preferencesCloseAt = DateTime.now().minus({ minutes: 5 })
    await round.save()
    const deadline = round.preferencesCloseAt
      .setZone('Europe/London')
      .toFormat("d LLL yyyy 'at' HH:mm")
    const message = `The deadline for choices in Spring round was ${deadline} (UK time), so your shortlist can no longer change`

    for (const response of [
      await add(client, user, third),
      await remove(client, user, first),
      await move(client, user, second, 'up'),
      await submit(client, user, round),
    ]) {
      response.assertStatus(302)
      response.assertFlashMessage('error', message)
    }
    const drag = await reorder(client, user, { round: round.id, placements: [second.id, first.id] })
    drag.assertStatus(422)
    drag.assertBodyContains({ detail: message, code: 'deadline_passed' })

    assert.deepEqual(await savedShortlist(entrant, round), [first.id, second.id])
    const shortlist = await PlacementShortlist.findByOrFail('entrant_id', entrant.id)
    assert.isNull(shortlist.submittedAt)

    const page = await client.get('/fast-stream/shortlist').loginAs(user)
    assert.include(page.text(), `${message}.`)
    assert.include(page.text(), 'You did not submit a list.')
    assert.notInclude(page.text(), 'Move up')
    assert.notInclude(page.text(), 'Submit my list')
    assert.notInclude(page.text(), 'x-data="shortlist"')
    const placementPage = await client.get(`/fast-stream/placements/${third.id}`).loginAs(user)
    assert.include(placementPage.text(), 'Choices for Spring round have closed')
    assert.notInclude(placementPage.text(), 'Add to my shortlist')
  })

  test('before choices open the list cannot start, and the page says when it can', async ({
    client,
    assert,
  }) => {
    const { round, first, entrant, user } = await setUp()
    round.preferencesOpenAt = DateTime.now().plus({ days: 2 })
    await round.save()
    const opens = round.preferencesOpenAt.setZone('Europe/London').toFormat("d LLL yyyy 'at' HH:mm")
    const response = await add(client, user, first)
    response.assertFlashMessage(
      'error',
      `You can choose placements for Spring round from ${opens} (UK time)`
    )
    assert.deepEqual(await savedShortlist(entrant, round), [])
    const page = await client.get(`/fast-stream/placements/${first.id}`).loginAs(user)
    assert.include(page.text(), `You can choose placements from ${opens} (UK time).`)
  })

  test('a round closed by the Fast Stream team takes no more changes; its list can still be read', async ({
    client,
    assert,
  }) => {
    const { round, first, second, entrant, user } = await setUp()
    await listed(client, user, [first, second])
    await submit(client, user, round)
    round.status = 'closed'
    await round.save()

    const response = await move(client, user, second, 'up')
    response.assertHeader('location', `/fast-stream/shortlist?round=${round.id}`)
    response.assertFlashMessage(
      'error',
      'Choices for Spring round have closed, so your shortlist can no longer change'
    )
    assert.deepEqual(await savedShortlist(entrant, round), [first.id, second.id])

    const page = await client.get(`/fast-stream/shortlist?round=${round.id}`).loginAs(user)
    page.assertStatus(200)
    assert.deepEqual(listedTitles(page.text()), ['Alpha placement', 'Beta placement'])
    assert.include(page.text(), 'You submitted your list on')

    const current = await client.get('/fast-stream/shortlist').loginAs(user)
    assert.include(current.text(), 'There is no placement round open at the moment.')
  })
})

test.group('Fast Stream shortlist: what the list shows, and whose it is', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('ineligible and withdrawn placements stay on the list, flagged as not to be matched', async ({
    client,
    assert,
  }) => {
    const { round, department, first, second, user } = await setUp()
    const secret = await createPlacement(round, {
      team: await createTeam(department),
      title: 'Secret placement',
      clearanceRequired: 'DV',
    })
    await listed(client, user, [first, secret, second])
    second.status = 'withdrawn'
    await second.save()

    const html = bodyOf(await client.get('/fast-stream/shortlist').loginAs(user))
    assert.deepEqual(listedTitles(html), ['Alpha placement', 'Secret placement', 'Beta placement'])
    assert.include(
      entryText(html, secret),
      'Not eligible: Needs DV clearance: you hold SC (it will not be matched)'
    )
    assert.include(entryText(html, second), 'No longer offered: it will not be matched')
    assert.notInclude(entryText(html, first), 'will not be matched')
  })

  test('an entrant sees only their own list, and cannot change another’s', async ({
    client,
    assert,
  }) => {
    const { round, first, second, entrant, user } = await setUp()
    await listed(client, user, [first, second])
    const { entrant: otherEntrant, user: other } = await createEntrant()

    const page = await client.get('/fast-stream/shortlist').loginAs(other)
    page.assertStatus(200)
    assert.deepEqual(listedTitles(page.text()), [])
    assert.include(page.text(), 'Your shortlist is empty.')

    const moved = await move(client, other, second, 'up')
    moved.assertFlashMessage('error', 'Beta placement is not on your shortlist')
    const removed = await remove(client, other, first)
    removed.assertFlashMessage('error', 'Alpha placement is not on your shortlist')
    const reordered = await reorder(client, other, {
      round: round.id,
      placements: [second.id, first.id],
    })
    reordered.assertStatus(409)

    assert.deepEqual(await savedShortlist(entrant, round), [first.id, second.id])
    assert.deepEqual(await savedShortlist(otherEntrant, round), [])
  })

  test('people who are not entrants cannot change a shortlist', async ({ client, assert }) => {
    const { round, first, entrant, user } = await setUp()
    await listed(client, user, [first])
    for (const roles of [['learner'], ['fast_stream_admin'], ['team_lead']] as const) {
      const person = await createUser({ roles: [...roles] })
      expectStatus(await add(client, person, first), 403)
      expectStatus(await remove(client, person, first), 403)
      expectStatus(await move(client, person, first, 'down'), 403)
      expectStatus(await submit(client, person, round), 403)
    }
    assert.deepEqual(await savedShortlist(entrant, round), [first.id])
  })

  test('a shortlist of a round that does not exist is not found', async ({ client }) => {
    const { user } = await setUp()
    expectStatus(await client.get('/fast-stream/shortlist?round=999999').loginAs(user), 404)
    expectStatus(await client.get('/fast-stream/shortlist?round=first').loginAs(user), 404)
  })
})
