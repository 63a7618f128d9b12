import { test } from '@japa/runner'
import { assertPageIncludes } from '#tests/support/page_access'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import {
  createEntrant,
  createPlacement,
  createRound,
  createScheme,
  createTeam,
  createCohort,
  createShortlist,
  createRanking,
} from '#database/factories/fast_stream_factory'
import Export from '#models/export'
import BuildExport from '#jobs/build_export'
import {
  csvRows,
  fileColumns,
  fileRows,
  MY_EXPORTS,
  privateExports,
  assertDatedCsvName,
  queuedExport,
} from '#tests/support/exports'
import { createExport } from '#database/factories/export_factory'

test.group('Exports: Fast Stream', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the Fast Stream team exports entrants with the list’s filters', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['fast_stream_admin'] })
    const department = await OrganisationFactory.create()
    const digital = await createScheme('Digital and technology')
    await createEntrant({ name: 'Ann Entrant', scheme: digital, clearance: 'SC' })
    await createEntrant({
      name: 'Ben Entrant',
      scheme: digital,
      clearance: 'DV',
      postings: [{ organisation: department, digital: true }],
    })
    await createEntrant({ name: 'Cal Entrant', clearance: 'SC' })

    const all = await client.get('/fast-stream/admin/entrants.csv').loginAs(admin)
    all.assertStatus(200)
    const rows = csvRows(all.text())
    assert.deepEqual(rows[0], [
      'Name',
      'Email',
      'Scheme',
      'Cohort',
      'Clearance',
      'Started on',
      'Postings',
      'Had a digital posting',
    ])
    assert.deepEqual(
      rows.slice(1).map((row) => [row[0], row[2], row[5], row[6], row[7]]),
      [
        ['Ann Entrant', 'Digital and technology', '2013-09-01', '0', 'no'],
        ['Ben Entrant', 'Digital and technology', '2013-09-01', '1', 'yes'],
        ['Cal Entrant', rows[3][2], '2013-09-01', '0', 'no'],
      ]
    )

    const filtered = await client
      .get('/fast-stream/admin/entrants.csv')
      .qs({ schemeId: digital.id, digital: 'none', sort: 'name', direction: 'desc' })
      .loginAs(admin)
    assert.deepEqual(
      csvRows(filtered.text())
        .slice(1)
        .map((row) => row[0]),
      ['Ann Entrant']
    )

    const learner = await createUser()
    const refused = await client.get('/fast-stream/admin/entrants.csv').loginAs(learner)
    refused.assertStatus(403)
  })

  test('rounds, a round’s placements and a team’s placements export', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['fast_stream_admin'] })
    const round = await createRound({ name: 'Spring round' })
    const team = await createTeam(undefined, 'Payments team')
    const otherTeam = await createTeam(undefined, 'Tax team')
    await createPlacement(round, { team, title: 'Product owner', capacity: 2 })
    await createPlacement(round, { team, title: 'Analyst', status: 'offered' })
    await createPlacement(round, { team: otherTeam, title: 'Developer', capacity: 3 })
    const lead = await createUser({
      roles: ['team_lead'],
      overrides: { teamId: team.id, organisationId: team.organisationId },
    })

    const rounds = await client.get('/fast-stream/admin/rounds.csv').loginAs(admin)
    rounds.assertStatus(200)
    const roundRows = csvRows(rounds.text())
    assert.equal(roundRows[0][0], 'Round')
    const spring = roundRows.find((row) => row[0] === 'Spring round')!
    assert.equal(spring[1], 'Fast Stream')
    // Waiting 1, approved 2, places approved 2 + 3, no shortlists.
    assert.deepEqual(spring.slice(7), ['1', '2', '5', '0'])

    const approved = await client
      .get(`/fast-stream/admin/rounds/${round.id}/placements.csv`)
      .qs({ status: 'approved' })
      .loginAs(admin)
    approved.assertStatus(200)
    assert.deepEqual(
      csvRows(approved.text())
        .slice(1)
        .map((row) => [row[2], row[3], row[7], row[8]])
        .sort(),
      [
        ['Payments team', 'Product owner', '2', 'Approved'],
        ['Tax team', 'Developer', '3', 'Approved'],
      ]
    )
    const missing = await client
      .get('/fast-stream/admin/rounds/999999/placements.csv')
      .loginAs(admin)
    missing.assertStatus(404)

    const mine = await client.get('/fast-stream/team/placements.csv').loginAs(lead)
    mine.assertStatus(200)
    assert.deepEqual(
      csvRows(mine.text())
        .slice(1)
        .map((row) => [row[0], row[3], row[8]]),
      [
        ['Spring round', 'Analyst', 'Waiting for approval'],
        ['Spring round', 'Product owner', 'Approved'],
      ]
    )
    const notAdmin = await client.get('/fast-stream/admin/rounds.csv').loginAs(lead)
    notAdmin.assertStatus(403)
  })
})

test.group('Exports: Fast Stream schemes and cohorts', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the Fast Stream team exports schemes and cohorts with their entrants', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['fast_stream_admin'] })
    const digital = await createScheme('Digital and technology')
    const generalist = await createScheme('Generalist')
    const older = await createCohort(2012)
    const newer = await createCohort(2014)
    await createEntrant({ scheme: digital, cohort: newer })
    await createEntrant({ scheme: digital, cohort: older })
    await createEntrant({ scheme: generalist, cohort: newer })

    const schemes = await client.get('/fast-stream/admin/schemes.csv').loginAs(admin)
    schemes.assertStatus(200)
    assert.deepEqual(csvRows(schemes.text()), [
      ['Scheme', 'Programme', 'Description', 'Entrants'],
      ['Digital and technology', 'Fast Stream', '', '2'],
      ['Generalist', 'Fast Stream', '', '1'],
    ])

    const cohorts = await client.get('/fast-stream/admin/cohorts.csv').loginAs(admin)
    cohorts.assertStatus(200)
    assert.deepEqual(csvRows(cohorts.text()), [
      ['Cohort', 'Intake year', 'Entrants'],
      [newer.name, '2014', '2'],
      [older.name, '2012', '1'],
    ])

    for (const path of ['/fast-stream/admin/schemes', '/fast-stream/admin/cohorts']) {
      await assertPageIncludes(client, admin, path, [`href="${path}.csv"`, MY_EXPORTS])
    }

    const learner = await createUser()
    for (const path of ['/fast-stream/admin/schemes.csv', '/fast-stream/admin/cohorts.csv']) {
      const refused = await client.get(path).loginAs(learner)
      refused.assertStatus(403)
    }
  })
})

/*
 * An open round with three approved placements and one waiting, and an
 * entrant holding SC clearance with a shortlist of one.
 */
async function placementRound() {
  const round = await createRound({ name: 'Spring round' })
  const department = await OrganisationFactory.merge({ name: 'Department of Tests' }).create()
  const team = await createTeam(department, 'Payments team')
  const product = await createPlacement(round, {
    team,
    title: 'Product owner',
    capacity: 2,
    location: 'Leeds',
  })
  await createPlacement(round, {
    team,
    title: 'Analyst',
    digital: false,
    clearanceRequired: 'DV',
    startsOn: '2014-04-01',
  })
  await createPlacement(round, { team, title: 'Developer', capacity: 3 })
  await createPlacement(round, { team, title: 'Hidden offer', status: 'offered' })
  const closed = await createRound({ status: 'closed' })
  await createPlacement(closed, { team, title: 'Old round placement' })
  const { entrant, user } = await createEntrant({ name: 'Erin Entrant', clearance: 'SC' })
  await createShortlist(round, entrant, [product], null)
  return { round, product, entrant, user }
}

test.group('Exports: placement search', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an entrant exports the open round’s approved placements with their shortlist and rules', async ({
    client,
    assert,
  }) => {
    const { user } = await placementRound()
    const response = await client.get('/fast-stream/placements.csv').loginAs(user)
    response.assertStatus(200)
    const [header, ...rows] = csvRows(response.text())
    assert.deepEqual(header, [
      'Title',
      'Department',
      'Organisation',
      'Team',
      'Location',
      'Starts on',
      'Places',
      'Clearance required',
      'Digital',
      'Skills developed',
      'On your shortlist',
      'You can be matched to it',
    ])
    assert.deepEqual(
      rows.map((row) => [row[0], row[1], row[4], row[5], row[6], row[7], row[8], row[10], row[11]]),
      [
        [
          'Analyst',
          'Department of Tests',
          'London',
          '2014-04-01',
          '1',
          'Developed vetting (DV)',
          'no',
          '',
          'No: Needs DV clearance: you hold SC',
        ],
        [
          'Developer',
          'Department of Tests',
          'London',
          '2014-03-01',
          '3',
          'Baseline (BPSS)',
          'yes',
          '',
          'yes',
        ],
        [
          'Product owner',
          'Department of Tests',
          'Leeds',
          '2014-03-01',
          '2',
          'Baseline (BPSS)',
          'yes',
          '1',
          'yes',
        ],
      ]
    )
    assert.notInclude(response.text(), 'Hidden offer')
    assert.notInclude(response.text(), 'Old round placement')
  })

  test('the placement export keeps the search’s filters and sort', async ({ client, assert }) => {
    const { user } = await placementRound()
    const titles = async (qs: Record<string, string>) => {
      const response = await client.get('/fast-stream/placements.csv').qs(qs).loginAs(user)
      response.assertStatus(200)
      return csvRows(response.text())
        .slice(1)
        .map((row) => row[0])
    }
    assert.deepEqual(await titles({ digitalOnly: 'true' }), ['Developer', 'Product owner'])
    assert.deepEqual(await titles({ myClearance: 'true', sort: 'capacity' }), [
      'Developer',
      'Product owner',
    ])
    assert.deepEqual(await titles({ location: 'leeds' }), ['Product owner'])
    assert.deepEqual(await titles({ sort: 'start' }), ['Developer', 'Product owner', 'Analyst'])
    assert.deepEqual(await titles({ q: 'owner', page: '3' }), ['Product owner'])

    const page = await client
      .get('/fast-stream/placements')
      .qs({ digitalOnly: 'true' })
      .loginAs(user)
    page.assertStatus(200)
    assert.include(page.text(), 'href="/fast-stream/placements.csv?digitalOnly=true"')
    assert.include(page.text(), MY_EXPORTS)
  })

  test('bad placement filters are named; people who cannot search get no export', async ({
    client,
    assert,
  }) => {
    const { user } = await placementRound()
    const back = await client
      .get('/fast-stream/placements.csv')
      .qs({ department: 'abc' })
      .redirects(0)
      .loginAs(user)
    back.assertStatus(302)
    assert.equal(back.header('location'), '/fast-stream/placements?department=abc')

    const json = await client
      .get('/fast-stream/placements.csv')
      .qs({ sort: 'random' })
      .accept('json')
      .loginAs(user)
    json.assertStatus(422)
    assert.equal(json.body().errors[0].message, 'Sort by title, start date, department or places')

    const learner = await createUser()
    const refused = await client.get('/fast-stream/placements.csv').loginAs(learner)
    refused.assertStatus(403)
    assert.lengthOf(await Export.query(), 0)
  })
})

/*
 * A team's placement needing CTC clearance with four applicants (Amy,
 * Ben, Cat and Dan), of whom the team ranked Dan then Ben; Eve's list is
 * not submitted and Fay chose another team's placement.
 */
async function placementWithApplicants() {
  const dwp = await OrganisationFactory.merge({ code: 'dwp', name: 'Work and Pensions' }).create()
  const team = await createTeam(dwp, 'Universal Credit')
  const lead = await createUser({
    roles: ['team_lead'],
    organisation: dwp,
    overrides: { teamId: team.id },
  })
  const otherTeam = await createTeam()
  const otherLead = await createUser({ roles: ['team_lead'], overrides: { teamId: otherTeam.id } })
  const round = await createRound()
  const placement = await createPlacement(round, {
    team,
    title: 'Service designer',
    clearanceRequired: 'CTC',
    capacity: 2,
  })
  const elsewhere = await createPlacement(round, { team: otherTeam })
  const early = DateTime.fromISO('2026-05-01T09:00:00Z')
  const later = DateTime.fromISO('2026-05-02T09:00:00Z')
  const { entrant: amy, user: amyUser } = await createEntrant({ name: 'Amy Adams' })
  const { entrant: ben, user: benUser } = await createEntrant({
    name: 'Ben Brown',
    clearance: 'BPSS',
  })
  const { entrant: cat, user: catUser } = await createEntrant({
    name: 'Cat Clark',
    postings: [{ organisation: dwp, title: 'Policy' }],
  })
  const { entrant: dan, user: danUser } = await createEntrant({ name: 'Dan Dodd' })
  const { entrant: eve } = await createEntrant({ name: 'Eve Evans' })
  const { entrant: fay } = await createEntrant({ name: 'Fay Fox' })
  await createShortlist(round, amy, [elsewhere, placement], early)
  await createShortlist(round, ben, [placement], later)
  await createShortlist(round, cat, [placement, elsewhere], early)
  await createShortlist(round, dan, [elsewhere, placement], early)
  await createShortlist(round, eve, [placement], null)
  await createShortlist(round, fay, [elsewhere], early)
  await createRanking(placement, [dan, ben])
  const emails = {
    amy: amyUser.email,
    ben: benUser.email,
    cat: catUser.email,
    dan: danUser.email,
  }
  return { lead, otherLead, placement, emails }
}

const SC = 'Security check (SC)'

const UNRANKED = 'Not ranked: their choice, then when they submitted'

test.group('Exports: a placement’s applicants', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the team lead exports the applicants in the team’s order, with the rules', async ({
    client,
    assert,
  }) => {
    const { lead, placement, emails } = await placementWithApplicants()
    const response = await client
      .get(`/fast-stream/team/placements/${placement.id}/applicants.csv`)
      .loginAs(lead)
    response.assertStatus(200)
    assertDatedCsvName(assert, response, 'placement-applicants')
    const [header, ...rows] = csvRows(response.text())
    assert.deepEqual(header, [
      'Order',
      'Name',
      'Email',
      'Scheme',
      'Cohort',
      'Clearance',
      'Their choice',
      'Submitted at',
      'Team rank',
      'Placed by',
      'Postings',
      'Previous departments',
      'Had a digital posting',
      'Needs a digital placement',
      'Can be matched here',
    ])
    // Dan and Ben as ranked; then Cat (first choice) before Amy (second choice).
    // Nobody has had a digital posting, and all joined in 2013: all need one.
    assert.deepEqual(
      rows.map((row) => [...row.slice(0, 3), ...row.slice(5)]),
      [
        [
          '1',
          'Dan Dodd',
          emails.dan,
          SC,
          '2',
          '2026-05-01T09:00:00Z',
          '1',
          'Your team’s rank',
          '0',
          '',
          'no',
          'yes',
          'yes',
        ],
        [
          '2',
          'Ben Brown',
          emails.ben,
          'Baseline (BPSS)',
          '1',
          '2026-05-02T09:00:00Z',
          '2',
          'Your team’s rank',
          '0',
          '',
          'no',
          'yes',
          'No: Holds BPSS clearance; this placement needs CTC',
        ],
        [
          '3',
          'Cat Clark',
          emails.cat,
          SC,
          '1',
          '2026-05-01T09:00:00Z',
          '',
          UNRANKED,
          '1',
          'Work and Pensions',
          'no',
          'yes',
          'No: Has already had a posting in Work and Pensions',
        ],
        [
          '4',
          'Amy Adams',
          emails.amy,
          SC,
          '2',
          '2026-05-01T09:00:00Z',
          '',
          UNRANKED,
          '0',
          '',
          'no',
          'yes',
          'yes',
        ],
      ]
    )
    assert.notInclude(response.text(), 'Eve Evans')
    assert.notInclude(response.text(), 'Fay Fox')

    const page = await client
      .get(`/fast-stream/team/placements/${placement.id}/applicants`)
      .loginAs(lead)
    page.assertTextIncludes(`href="/fast-stream/team/placements/${placement.id}/applicants.csv"`)
    page.assertTextIncludes(MY_EXPORTS)

    const admin = await createUser({ roles: ['fast_stream_admin'] })
    const forAdmin = await client
      .get(`/fast-stream/team/placements/${placement.id}/applicants.csv`)
      .loginAs(admin)
    forAdmin.assertStatus(200)
    assert.deepEqual(
      csvRows(forAdmin.text())
        .slice(1)
        .map((row) => row[1]),
      ['Dan Dodd', 'Ben Brown', 'Cat Clark', 'Amy Adams']
    )
  })

  test('another team’s lead and a learner get the page’s answer; bad ids are 404', async ({
    client,
    assert,
  }) => {
    const { otherLead, placement } = await placementWithApplicants()
    const path = `/fast-stream/team/placements/${placement.id}/applicants`
    const learner = await createUser()
    for (const user of [otherLead, learner]) {
      const page = await client.get(path).loginAs(user)
      const csv = await client.get(`${path}.csv`).loginAs(user)
      page.assertStatus(403)
      csv.assertStatus(403)
      assert.notInclude(csv.text(), 'Dan Dodd')
      const json = await client.get(`${path}.csv`).accept('json').loginAs(user)
      json.assertStatus(403)
    }
    for (const id of ['999999', 'abc', '-1', '1.5']) {
      const page = await client
        .get(`/fast-stream/team/placements/${id}/applicants`)
        .loginAs(otherLead)
      const csv = await client
        .get(`/fast-stream/team/placements/${id}/applicants.csv`)
        .loginAs(otherLead)
      page.assertStatus(404)
      csv.assertStatus(404)
    }
    assert.lengthOf(await Export.query(), 0)
  })
})

test.group('Exports: a placement’s applicants as a job', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  privateExports(group, { jobThreshold: 2, batchSize: 1 })

  test('the job writes ranked then unranked applicants a row at a time, in the team’s order', async ({
    client,
    assert,
  }) => {
    const { lead, placement } = await placementWithApplicants()
    const { asked, record } = await queuedExport(
      client
        .get(`/fast-stream/team/placements/${placement.id}/applicants.csv`)
        .qs({ placementId: '1' }),
      lead
    )
    assert.equal(asked.header('location'), `/exports/${record.id}`)
    // The address names the placement, whatever the query string says.
    assert.deepEqual(record.filters, { placementId: String(placement.id) })
    assert.equal(record.rowsDone, 4)
    assert.deepEqual(await fileColumns(record, [0, 1, 8]), [
      ['Order', 'Name', 'Team rank'],
      ['1', 'Dan Dodd', '1'],
      ['2', 'Ben Brown', '2'],
      ['3', 'Cat Clark', ''],
      ['4', 'Amy Adams', ''],
    ])
  })

  test('a job asked for another team’s placement writes no applicants', async ({ assert }) => {
    const { otherLead, placement } = await placementWithApplicants()
    const record = await createExport(otherLead, 'applicants', {
      filters: { placementId: String(placement.id) },
      rowsTotal: 4,
    })
    await BuildExport.dispatch({ exportId: record.id })
    await record.refresh()
    assert.equal(record.status, 'done')
    assert.equal(record.rowsDone, 0)
    assert.lengthOf(await fileRows(record), 1)
  })
})
