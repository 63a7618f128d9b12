import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { parse } from 'csv-parse/sync'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import {
  createEntrant,
  createPlacement,
  createRound,
  createShortlist,
} from '#database/factories/fast_stream_factory'
import { apiAs, bearer } from '#tests/support/api'
import { collapse } from '#tests/support/html'
import { monthsAway, ruleReaders, ukToday } from '#tests/support/fixtures/digital_rule'

/*
 * The report's case, told relative to today: the next round's placements
 * start in two months, for six; after it, rounds are taken to follow
 * every six months. Seven entrants:
 * - June: joined 18 months ago (June 2025 when this was written), a
 *   posting running until four months from now, no digital posting, no
 *   list: her two-year mark (six months away) comes before the round's
 *   postings end, so she has missed the rule;
 * - Met: joined a year ago, a digital posting last year: met;
 * - Nova: joined six months ago: two rounds still fit, on track;
 * - Rhys: joined a year ago (mark in twelve months): only the next round
 *   fits and he has no list, at risk;
 * - Cora: as Rhys, but a digital placement on her submitted list: on track;
 * - Olly: as Rhys, but his posting runs into the round's postings: missed;
 * - Vet: joined 30 months ago with no digital posting: past the two-year
 *   mark, no longer counted.
 */
async function entrantsAgainstTheRule() {
  const { fastStream, capability, hmrc, dwp, hr } = await ruleReaders()
  const round = await createRound({
    name: 'Next round',
    postingStartsOn: monthsAway(2),
    postingEndsOn: monthsAway(8),
  })
  const digital = await createPlacement(round, { title: 'Data engineer', digital: true })
  const { entrant: june } = await createEntrant({
    name: 'June Joiner',
    organisation: hmrc,
    startedOn: monthsAway(-18),
    postings: [
      {
        organisation: hmrc,
        title: 'Policy adviser',
        startsOn: monthsAway(-2),
        endsOn: monthsAway(4),
      },
    ],
  })
  await createEntrant({
    name: 'Met Already',
    organisation: hmrc,
    startedOn: monthsAway(-12),
    postings: [{ organisation: hmrc, digital: true, startsOn: monthsAway(-12) }],
  })
  await createEntrant({ name: 'Nova Newer', organisation: dwp, startedOn: monthsAway(-6) })
  await createEntrant({ name: 'Rhys Risky', organisation: hmrc, startedOn: monthsAway(-12) })
  const { entrant: cora } = await createEntrant({
    name: 'Cora Course',
    organisation: dwp,
    startedOn: monthsAway(-12),
  })
  await createShortlist(round, cora, [digital])
  await createEntrant({
    name: 'Olly Overlap',
    organisation: dwp,
    startedOn: monthsAway(-12),
    postings: [
      {
        organisation: dwp,
        title: 'Private secretary',
        startsOn: monthsAway(-3),
        endsOn: monthsAway(3),
      },
    ],
  })
  await createEntrant({ name: 'Vet Veteran', organisation: dwp, startedOn: monthsAway(-30) })
  return { fastStream, capability, hr, hmrc, june, round }
}

test.group('Fast Stream: the digital-placement rule', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('every entrant in their first two years is counted once in the API, whatever the round: the June 2025 joiner has missed it', async ({
    client,
    assert,
  }) => {
    const { capability, hr } = await entrantsAgainstTheRule()
    const response = await apiAs(client, await bearer(capability)).get(
      '/api/v1/metrics/fast-stream'
    )
    response.assertStatus(200)
    const data = response.body().data
    // No round is published, yet the rule still counts everyone in their first two years.
    assert.isNull(data.round)
    assert.deepEqual(data.digitalRule, { met: 1, onTrack: 2, atRisk: 1, missed: 2 })
    assert.equal(data.digitalRuleRate, 16.7)

    // HR of HMRC count the entrants whose accounts are in HMRC: June, Met and Rhys.
    const scoped = await apiAs(client, await bearer(hr)).get('/api/v1/metrics/fast-stream')
    scoped.assertStatus(200)
    assert.deepEqual(scoped.body().data.digitalRule, { met: 1, onTrack: 0, atRisk: 1, missed: 1 })
  })

  test('the dashboard panel and its CSV give the same counts', async ({ client, assert }) => {
    const { capability } = await entrantsAgainstTheRule()
    const page = await client.get('/insights/fast-stream').loginAs(capability)
    page.assertStatus(200)
    const text = collapse(page.text())
    page.assertTextIncludes('No placement round has been published yet.')
    assert.match(
      text,
      /Met: a digital posting before their two-year mark<\/th><td class="text-right">1 /
    )
    assert.match(text, /On track: [^<]*<\/th><td class="text-right">2<\/td>/)
    assert.match(text, /At risk: [^<]*<\/th><td class="text-right">1<\/td>/)
    assert.match(text, /Missed: [^<]*<\/th><td class="text-right">2<\/td>/)

    const csv = await client.get('/insights/fast-stream.csv').loginAs(capability)
    csv.assertStatus(200)
    const rows: string[][] = parse(csv.text())
    assert.deepInclude(rows, ['digital rule: met', '1'])
    assert.deepInclude(rows, ['digital rule: on track', '2'])
    assert.deepInclude(rows, ['digital rule: at risk', '1'])
    assert.deepInclude(rows, ['digital rule: missed', '2'])
  })

  test('the Fast Stream team’s list names those at risk and those who missed it, soonest mark first, with its CSV', async ({
    client,
    assert,
  }) => {
    const { fastStream, june } = await entrantsAgainstTheRule()
    const page = await client.get('/fast-stream/admin/digital-rule').loginAs(fastStream)
    page.assertStatus(200)
    page.assertTextIncludes('<h1>Entrants at risk of the digital rule</h1>')
    const body = collapse(page.text())
    const names = [...body.matchAll(/<a href="\/fast-stream\/admin\/entrants\/\d+">([^<]+)<\/a>/g)]
    assert.deepEqual(
      names.map((match) => match[1]),
      ['June Joiner', 'Olly Overlap', 'Rhys Risky']
    )
    assert.include(body, `href="/fast-stream/admin/entrants/${june.id}"`)
    assert.include(body, 'At risk or missed (3)')
    assert.include(body, 'At risk (1)')
    assert.include(body, 'Missed (2)')
    const rhysRow = body.split('<tr>').find((row) => row.includes('Rhys Risky'))!
    const window = `${ukToday().plus({ months: 2 }).toFormat('d LLL yyyy')} to ${ukToday().plus({ months: 8 }).toFormat('d LLL yyyy')}`
    assert.include(rhysRow, `Postings ${window}`)
    assert.include(rhysRow, 'At risk')
    assert.include(
      body.split('<tr>').find((row) => row.includes('June Joiner'))!,
      'None left'
    )

    const missed = await client
      .get('/fast-stream/admin/digital-rule?state=missed')
      .loginAs(fastStream)
    assert.notInclude(missed.text(), 'Rhys Risky')
    missed.assertTextIncludes('June Joiner')

    const csv = await client.get('/fast-stream/admin/digital-rule.csv').loginAs(fastStream)
    csv.assertStatus(200)
    csv.assertHeader('content-type', 'text/csv; charset=utf-8')
    const rows: string[][] = parse(csv.text())
    assert.deepEqual(rows[0], [
      'Entrant ID',
      'Name',
      'Email',
      'Scheme',
      'Cohort',
      'Started on',
      'Two-year mark',
      'State',
      'Last chance from',
      'Last chance to',
    ])
    assert.deepEqual(
      rows.slice(1).map((row) => [row[1], row[7], row[8], row[9]]),
      [
        ['June Joiner', 'Missed', '', ''],
        ['Olly Overlap', 'Missed', '', ''],
        ['Rhys Risky', 'At risk', monthsAway(2), monthsAway(8)],
      ]
    )
    assert.equal(rows[1][6], ukToday().plus({ months: 6 }).toISODate())

    const atRisk = await client
      .get('/fast-stream/admin/digital-rule.csv?state=at_risk')
      .loginAs(fastStream)
    assert.lengthOf(parse(atRisk.text()), 2)
  })

  test('only the Fast Stream team sees the list', async ({ client }) => {
    const { hr } = await entrantsAgainstTheRule()
    const learner = await createUser({ roles: ['learner'] })
    for (const user of [hr, learner]) {
      const page = await client.get('/fast-stream/admin/digital-rule').loginAs(user)
      page.assertStatus(403)
      const csv = await client.get('/fast-stream/admin/digital-rule.csv').loginAs(user)
      csv.assertStatus(403)
    }
  })
})
