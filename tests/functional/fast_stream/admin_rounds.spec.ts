import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { createUser } from '#database/factories/user_factory'
import {
  createEntrant,
  createPlacement,
  createRound,
  createTeam,
  createTeamLead,
} from '#database/factories/fast_stream_factory'
import PlacementRound from '#models/placement_round'
import PlacementShortlist from '#models/placement_shortlist'
import AuditEvent from '#models/audit_event'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/user'
import { FORM_DATES, submitWithDatesAs, withDateParts } from '#tests/support/date_input'
import { roundForm as autumnRoundForm } from '#tests/support/fixtures/fast_stream_round'

/* Forms send their dates as GOV.UK date inputs do: day, month and year boxes. */
const submitAs = (client: ApiClient, user: User) => submitWithDatesAs(client, user)

/* The new round's form with the date of the next round and twelve choices. */
const roundForm = (extra: Record<string, unknown> = {}) =>
  autumnRoundForm({ nextRoundOn: '2027-01-04', maxPreferences: '12', ...extra })

/* An entrant's shortlist in the round with these placements, in order; submitted unless told. */
async function shortlist(
  roundId: number,
  entrantId: number,
  placementIds: number[],
  submitted = true
) {
  const list = await PlacementShortlist.create({
    roundId,
    entrantId,
    submittedAt: submitted ? DateTime.now() : null,
  })
  for (const [index, placementId] of placementIds.entries()) {
    await db
      .table('placement_preferences')
      .insert({ shortlist_id: list.id, placement_id: placementId, rank: index + 1 })
  }
  return list
}

test.group('Fast Stream admin: rounds and placement review', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('learners and team leads are refused the round pages and actions with 403', async ({
    client,
    assert,
  }) => {
    const round = await createRound()
    const team = await createTeam()
    const placement = await createPlacement(round, { team, status: 'offered' })
    const lead = await createTeamLead(team, { learner: false })
    const learner = await createUser({ roles: ['learner'] })
    for (const user of [learner, lead]) {
      for (const url of [
        '/fast-stream/admin/rounds',
        '/fast-stream/admin/rounds/create',
        `/fast-stream/admin/rounds/${round.id}`,
        `/fast-stream/admin/rounds/${round.id}/edit`,
        `/fast-stream/admin/placements/${placement.id}`,
      ]) {
        const response = await client.get(url).loginAs(user)
        response.assertStatus(403)
      }
      for (const url of [
        `/fast-stream/admin/placements/${placement.id}/approve`,
        `/fast-stream/admin/rounds/${round.id}/close`,
      ]) {
        const response = await client
          .post(url)
          .loginAs(user)
          .withCsrfToken()
          .form({ confirmEarly: 'true' })
        response.assertStatus(403)
      }
    }
    await placement.refresh()
    await round.refresh()
    assert.equal(placement.status, 'offered')
    assert.equal(round.status, 'open')
  })

  test('adding a round reads its times as UK time and its rules from the boxes', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['fast_stream_admin'] })
    const form = await client.get('/fast-stream/admin/rounds/create').loginAs(admin)
    form.assertStatus(200)
    form.assertTextIncludes('type="datetime-local"')
    const response = await submitAs(client, admin).post('/fast-stream/admin/rounds', roundForm())
    response.assertStatus(302)
    const round = await PlacementRound.findByOrFail('name', 'Autumn 2026')
    response.assertHeader('location', `/fast-stream/admin/rounds/${round.id}`)
    response.assertFlashMessage('success', 'Round added: Autumn 2026')
    assert.equal(round.status, 'open')
    // British Summer Time: 09:00 in London is 08:00 UTC.
    assert.equal(round.placementsOpenAt.toUTC().toISO(), '2026-06-01T08:00:00.000Z')
    assert.equal(round.preferencesCloseAt.toUTC().toISO(), '2026-06-29T16:00:00.000Z')
    assert.equal(round.nextRoundOn?.toISODate(), '2027-01-04')
    assert.equal(round.maxPreferences, 12)
    assert.isFalse(round.excludePreviousDepartments)
    assert.isTrue(round.enforceDigital)
    const event = await AuditEvent.query()
      .where({ subject_type: 'placement_round', subject_id: String(round.id) })
      .firstOrFail()
    assert.equal(event.action, 'create')

    const page = await client.get(`/fast-stream/admin/rounds/${round.id}`).loginAs(admin)
    page.assertTextIncludes('1 Jun 2026 at 09:00')
    page.assertTextIncludes('29 Jun 2026 at 17:00')
    const edit = await client.get(`/fast-stream/admin/rounds/${round.id}/edit`).loginAs(admin)
    edit.assertTextIncludes('value="2026-06-01T09:00"')
  })

  test('a round’s fields each get a specific message', async ({ client, assert }) => {
    const admin = await createUser({ roles: ['fast_stream_admin'] })
    const post = (extra: Record<string, unknown>) =>
      submitAs(client, admin).post('/fast-stream/admin/rounds', roundForm(extra))
    const empty = await post({
      name: '',
      placementsOpenAt: '',
      preferencesOpenAt: '',
      preferencesCloseAt: '',
      resultsAt: '',
      maxPreferences: '',
    })
    empty.assertFlashMessage('inputErrorsBag', {
      name: ['Enter the name of the round'],
      placementsOpenAt: ['Enter the date and time teams can start offering placements'],
      preferencesOpenAt: ['Enter the date and time entrants can start choosing'],
      preferencesCloseAt: ['Enter the date and time entrants’ choices close'],
      resultsAt: ['Enter the date and time results are published'],
      maxPreferences: ['Enter how many placements an entrant may choose'],
    })
    const bad = await post({
      placementsOpenAt: '2026-02-30T09:00',
      resultsAt: 'next week',
      nextRoundOn: '2027-13-01',
      maxPreferences: '21',
      rules: ['everything'],
    })
    bad.assertFlashMessage('inputErrorsBag', {
      'placementsOpenAt': [
        'Enter the date and time teams can start offering placements as a real date and time, like 2026-03-27 09:30',
      ],
      'resultsAt': [
        'Enter the date and time results are published as a real date and time, like 2026-03-27 09:30',
      ],
      'nextRoundOn': ['The date of the next round must be a real date'],
      'maxPreferences': ['The number of choices must be between 1 and 20'],
      'rules.0': ['Select the rules from the list'],
    })
    const fraction = await post({ maxPreferences: '2.5' })
    fraction.assertFlashMessage('inputErrorsBag', {
      maxPreferences: ['Enter the number of choices as a whole number, like 10'],
    })
    for (const [extra, field, message] of [
      [
        { preferencesOpenAt: '2026-05-31T09:00' },
        'preferencesOpenAt',
        'Entrants can start choosing only once teams can offer placements',
      ],
      [
        { preferencesCloseAt: '2026-06-15T09:00' },
        'preferencesCloseAt',
        'Entrants’ choices must close after they open',
      ],
      [
        { resultsAt: '2026-06-29T16:59' },
        'resultsAt',
        'Results must be published after entrants’ choices close',
      ],
      [
        { nextRoundOn: '2026-07-13' },
        'nextRoundOn',
        'The next round must start after the day this round’s results are published',
      ],
    ] as const) {
      const response = await post(extra)
      response.assertFlashMessage('inputErrorsBag', { [field]: [message] })
    }
    await createRound({ name: 'Spring 2026' })
    const taken = await post({ name: 'spring 2026' })
    taken.assertFlashMessage('inputErrorsBag', {
      name: ['There is already a round with this name'],
    })
    assert.isNull(await PlacementRound.findBy('name', 'Autumn 2026'))
  })

  test('the round list counts placements waiting and approved, places and submitted lists', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['fast_stream_admin'] })
    const round = await createRound({ name: 'Counted round' })
    const approved = await createPlacement(round, { capacity: 3 })
    await createPlacement(round, { capacity: 2 })
    await createPlacement(round, { status: 'offered' })
    await createPlacement(round, { status: 'withdrawn', capacity: 5 })
    const first = await createEntrant()
    const second = await createEntrant()
    await shortlist(round.id, first.entrant.id, [approved.id])
    await shortlist(round.id, second.entrant.id, [approved.id], false)
    await createRound({ name: 'Empty round' })

    const response = await client.get('/fast-stream/admin/rounds').loginAs(admin)
    response.assertStatus(200)
    const row = response
      .text()
      .replace(/\s+/g, ' ')
      .split('<tr>')
      .find((part) => part.includes('Counted round'))!
    const cells = [...row.matchAll(/<td class="text-right">([^<]+)<\/td>/g)].map((m) => m[1])
    assert.deepEqual(cells, ['1', '2 (5)', '1'])
  })

  test('the round page groups placements by status, with counts', async ({ client, assert }) => {
    const admin = await createUser({ roles: ['fast_stream_admin'] })
    const round = await createRound()
    await createPlacement(round, { title: 'Waiting placement', status: 'offered' })
    await createPlacement(round, { title: 'Approved placement', capacity: 2 })
    await createPlacement(round, { title: 'Rejected placement', status: 'rejected' })
    const page = await client.get(`/fast-stream/admin/rounds/${round.id}`).loginAs(admin)
    page.assertStatus(200)
    const text = page.text()
    assert.include(text, 'Waiting for approval (1)')
    assert.include(text, 'Approved (1)')
    assert.include(text, 'Not approved (1)')
    assert.include(text, 'Waiting placement')
    assert.notInclude(text, 'Approved placement</a>')
    assert.include(text, 'Approve<span class="sr-only"> Waiting placement</span>')
    const approvedTab = await client
      .get(`/fast-stream/admin/rounds/${round.id}`)
      .qs({ status: 'approved' })
      .loginAs(admin)
    approvedTab.assertTextIncludes('Approved placement</a>')
    assert.notInclude(approvedTab.text(), 'Waiting placement</a>')
    // A round that is still open offers to close choices, not results.
    assert.notInclude(text, '/results')
  })

  test('approving a placement from the round page records the reviewer', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['fast_stream_admin'] })
    const round = await createRound()
    const placement = await createPlacement(round, { title: 'Data engineer', status: 'offered' })
    const response = await submitAs(client, admin).post(
      `/fast-stream/admin/placements/${placement.id}/approve`
    )
    response.assertHeader('location', `/fast-stream/admin/rounds/${round.id}?status=offered`)
    response.assertFlashMessage('success', 'Placement approved: Data engineer')
    await placement.refresh()
    assert.equal(placement.status, 'approved')
    assert.equal(placement.reviewedBy, admin.id)
    assert.isNotNull(placement.reviewedAt)
    const again = await submitAs(client, admin).post(
      `/fast-stream/admin/placements/${placement.id}/approve`
    )
    again.assertFlashMessage('error', 'The placement is already approved')
    const event = await AuditEvent.query()
      .where({ subject_type: 'placement', subject_id: String(placement.id), action: 'update' })
      .firstOrFail()
    assert.equal(event.afterValues.status, 'approved')
  })

  test('turning a placement down needs a note the team can read', async ({ client, assert }) => {
    const admin = await createUser({ roles: ['fast_stream_admin'] })
    const round = await createRound()
    const placement = await createPlacement(round, { status: 'offered' })
    const review = await client.get(`/fast-stream/admin/placements/${placement.id}`).loginAs(admin)
    review.assertStatus(200)
    review.assertTextIncludes('Why the placement is not approved')
    const noNote = await submitAs(client, admin).post(
      `/fast-stream/admin/placements/${placement.id}/reject`,
      { note: '  ' }
    )
    noNote.assertFlashMessage('inputErrorsBag', {
      note: ['Enter why the placement is not approved'],
    })
    await placement.refresh()
    assert.equal(placement.status, 'offered')
    const rejected = await submitAs(client, admin).post(
      `/fast-stream/admin/placements/${placement.id}/reject`,
      { note: 'The description does not say what the entrant will do.' }
    )
    rejected.assertFlashMessage(
      'success',
      `Placement not approved: ${placement.title}. The team can read your note.`
    )
    await placement.refresh()
    assert.equal(placement.status, 'rejected')
    assert.equal(placement.reviewNote, 'The description does not say what the entrant will do.')
  })

  test('withdrawn placements and placements of matched rounds cannot be reviewed', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['fast_stream_admin'] })
    const round = await createRound()
    const withdrawn = await createPlacement(round, { status: 'withdrawn' })
    const response = await submitAs(client, admin).post(
      `/fast-stream/admin/placements/${withdrawn.id}/approve`
    )
    response.assertFlashMessage(
      'error',
      'The team has withdrawn this placement: it can no longer be reviewed'
    )
    const matched = await createRound({ status: 'matched' })
    const late = await createPlacement(matched, { status: 'offered' })
    const tooLate = await submitAs(client, admin).post(
      `/fast-stream/admin/placements/${late.id}/approve`
    )
    tooLate.assertFlashMessage(
      'error',
      'The round has been matched: its placements can no longer be reviewed'
    )
    await withdrawn.refresh()
    await late.refresh()
    assert.equal(withdrawn.status, 'withdrawn')
    assert.equal(late.status, 'offered')
    const missing = await client.get('/fast-stream/admin/placements/999999').loginAs(admin)
    missing.assertStatus(404)
  })

  test('closing choices early needs confirmation; then the round links to its results', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['fast_stream_admin'] })
    const round = await createRound()
    const unconfirmed = await submitAs(client, admin).post(
      `/fast-stream/admin/rounds/${round.id}/close`
    )
    const closes = round.preferencesCloseAt
      .setZone('Europe/London')
      .toFormat("d LLL yyyy 'at' HH:mm")
    unconfirmed.assertFlashMessage('inputErrorsBag', {
      confirmEarly: [
        `Entrants can choose until ${closes}: select the box to confirm closing early`,
      ],
    })
    await round.refresh()
    assert.equal(round.status, 'open')
    const confirmed = await submitAs(client, admin).post(
      `/fast-stream/admin/rounds/${round.id}/close`,
      { confirmEarly: 'true' }
    )
    confirmed.assertFlashMessage(
      'success',
      `Preferences closed early: ${round.name} is ready to be matched`
    )
    await round.refresh()
    assert.equal(round.status, 'closed')
    const page = await client.get(`/fast-stream/admin/rounds/${round.id}`).loginAs(admin)
    page.assertTextIncludes(`href="/fast-stream/admin/rounds/${round.id}/results"`)
    page.assertTextIncludes('Match and publish')
    const twice = await submitAs(client, admin).post(
      `/fast-stream/admin/rounds/${round.id}/close`,
      { confirmEarly: 'true' }
    )
    twice.assertFlashMessage('error', 'Preferences are already closed for this round')
  })

  test('a round whose choices have closed by date closes without confirmation', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['fast_stream_admin'] })
    const round = await createRound()
    round.merge({
      preferencesOpenAt: DateTime.now().minus({ days: 9 }),
      preferencesCloseAt: DateTime.now().minus({ hours: 1 }),
    })
    await round.save()
    const response = await submitAs(client, admin).post(
      `/fast-stream/admin/rounds/${round.id}/close`
    )
    response.assertFlashMessage(
      'success',
      `Preferences closed: ${round.name} is ready to be matched`
    )
    await round.refresh()
    assert.equal(round.status, 'closed')
    const event = await AuditEvent.query()
      .where({ subject_type: 'placement_round', subject_id: String(round.id), action: 'update' })
      .orderBy('id', 'desc')
      .firstOrFail()
    assert.deepEqual(event.afterValues, { status: 'closed' })
  })

  test('a matched round’s dates and rules can no longer change', async ({ client, assert }) => {
    const admin = await createUser({ roles: ['fast_stream_admin'] })
    const round = await createRound({ status: 'matched', name: 'Matched round' })
    const page = await client.get(`/fast-stream/admin/rounds/${round.id}`).loginAs(admin)
    page.assertTextIncludes('Match and publish')
    assert.notInclude(page.text(), `/fast-stream/admin/rounds/${round.id}/edit`)
    const response = await client
      .put(`/fast-stream/admin/rounds/${round.id}`)
      .loginAs(admin)
      .withCsrfToken()
      .header('referer', `/fast-stream/admin/rounds/${round.id}/edit`)
      .form(withDateParts(roundForm({ name: 'Matched round' }), FORM_DATES))
      .redirects(0)
    response.assertFlashMessage(
      'error',
      'The round has been matched: its dates and rules can no longer change'
    )
    await round.refresh()
    assert.equal(round.maxPreferences, 10)
  })
})
