import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { parse } from 'csv-parse/sync'
// The user factory first: it loads the models in an order their import cycle accepts.
import '#database/factories/user_factory'
import {
  createEntrant,
  createPlacement,
  createRound,
  createScheme,
  createShortlist,
  createTeam,
} from '#database/factories/fast_stream_factory'
import type Organisation from '#models/organisation'
import { apiAs, bearer } from '#tests/support/api'
import { collapse } from '#tests/support/html'
import { monthsAway, ruleReaders } from '#tests/support/fixtures/digital_rule'
import { createService } from '#database/factories/workforce_factory'

/*
 * Both programmes side by side, with rounds whose postings run over the
 * same six months (from two months away) and, after them, rounds taken to
 * follow every six months, each programme's from its own rounds. Future
 * Leaders have eighteen months for their placement, Fast Stream entrants
 * two years:
 * - Fiona (Future Leaders) joined a year ago: her scheme ends in six months,
 *   before the next round's postings end: missed;
 * - Rhys (Fast Stream) joined a year ago too: his mark is a year away and
 *   only the next round fits: at risk;
 * - Gareth (Future Leaders) joined six months ago: only the next Future
 *   Leaders round fits, and he has no list: at risk (the Fast Stream's
 *   round is no chance of his);
 * - Samina (Future Leaders) as Gareth, with an approved placement on her
 *   submitted list: on track;
 * - Alistair (Future Leaders) joined a month ago: two rounds fit, on track;
 * - Harriet (Future Leaders) joined six months ago and had a placement in
 *   a digitally delivered service three months ago: met;
 * - Olwen (Future Leaders) joined twenty months ago: past the end of the
 *   scheme, no longer counted (the Fast Stream would still count her);
 * - Nova (Fast Stream) joined six months ago: two rounds fit, on track.
 */
async function bothProgrammes() {
  const { fastStream: fastStreamTeam, capability, hmrc, dwp, hr } = await ruleReaders()
  const window = { postingStartsOn: monthsAway(2), postingEndsOn: monthsAway(8) }
  await createRound({ name: 'Fast Stream next', ...window })
  const leadersRound = await createRound({
    name: 'Future Leaders next',
    programme: 'future_leaders',
    ...window,
  })
  const selfAssessment = await createService(hmrc, 'Self Assessment online', {
    annualTransactions: 10_000_000,
    hasDigitalChannel: true,
  })
  const operations = await createPlacement(leadersRound, {
    title: 'Operations lead',
    team: await createTeam(hmrc, 'Digital tax platform'),
    service: selfAssessment,
    capacity: 2,
    startsOn: monthsAway(2),
  })
  const scheme = await createScheme('Future Leaders Scheme', 'future_leaders')
  const leader = (name: string, organisation: Organisation, startedOn: string, extra = {}) =>
    createEntrant({ name, organisation, scheme, startedOn, ...extra })
  const fastStreamScheme = await createScheme('Generalist')
  await leader('Fiona MacDonald', hmrc, monthsAway(-12))
  await createEntrant({
    name: 'Rhys Risky',
    organisation: hmrc,
    scheme: fastStreamScheme,
    startedOn: monthsAway(-12),
  })
  await leader('Gareth Lloyd', dwp, monthsAway(-6))
  const { entrant: samina } = await leader('Samina Hussain', hmrc, monthsAway(-6))
  await createShortlist(leadersRound, samina, [operations])
  await leader('Alistair Gray', dwp, monthsAway(-1))
  await leader('Harriet Booth', hmrc, monthsAway(-6), {
    postings: [{ organisation: hmrc, digital: true, startsOn: monthsAway(-3) }],
  })
  await leader('Olwen Price', dwp, monthsAway(-20))
  await createEntrant({
    name: 'Nova Newer',
    organisation: dwp,
    scheme: fastStreamScheme,
    startedOn: monthsAway(-6),
  })
  return { capability, fastStreamTeam, hr, hmrc, leadersRound, operations, selfAssessment }
}

test.group('Future Leaders Scheme: the digital-placement rule per programme', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the metrics API counts each programme’s own participants against its own deadline and rounds', async ({
    client,
    assert,
  }) => {
    const { capability, hr, selfAssessment } = await bothProgrammes()
    const leaders = await apiAs(client, await bearer(capability)).get(
      '/api/v1/metrics/future-leaders'
    )
    leaders.assertStatus(200)
    const data = leaders.body().data
    assert.equal(data.participants, 5)
    assert.deepEqual(data.digitalRule, { met: 1, onTrack: 2, atRisk: 1, missed: 1 })
    assert.equal(data.digitalRuleRate, 20)
    assert.deepEqual(data.placementsByService, [
      {
        id: selfAssessment.id,
        name: 'Self Assessment online',
        organisation: 'HM Revenue and Customs',
        placements: 1,
        placesOffered: 2,
        placesFilled: 0,
      },
    ])
    assert.equal(leaders.body().meta.panel, 'future-leaders')

    // The Fast Stream's count leaves the Future Leaders out, Olwen above all (her mark is still to come).
    const fastStream = await apiAs(client, await bearer(capability)).get(
      '/api/v1/metrics/fast-stream'
    )
    fastStream.assertStatus(200)
    assert.deepEqual(fastStream.body().data.digitalRule, {
      met: 0,
      onTrack: 1,
      atRisk: 1,
      missed: 0,
    })

    // HR of HMRC count the Future Leaders whose accounts are in HMRC: Fiona, Samina and Harriet.
    const scoped = await apiAs(client, await bearer(hr)).get('/api/v1/metrics/future-leaders')
    scoped.assertStatus(200)
    assert.deepEqual(scoped.body().data.digitalRule, { met: 1, onTrack: 1, atRisk: 0, missed: 1 })
    assert.lengthOf(scoped.body().data.placementsByService, 1)
  })

  test('the Future Leaders dashboard and its CSV give the same figures, with placements by service', async ({
    client,
    assert,
  }) => {
    const { capability } = await bothProgrammes()
    const page = await client.get('/insights/future-leaders').loginAs(capability)
    page.assertStatus(200)
    const text = collapse(page.text())
    assert.include(text, '<h1>Future Leaders dashboard</h1>')
    assert.match(text, /Future Leaders within the scheme<\/th><td class="text-right">5<\/td>/)
    assert.match(
      text,
      /Met: a placement in a digitally delivered service before the scheme ends<\/th><td class="text-right">1 /
    )
    assert.match(text, /On track: [^<]*<\/th><td class="text-right">2<\/td>/)
    assert.match(text, /At risk: [^<]*<\/th><td class="text-right">1<\/td>/)
    assert.match(text, /Missed: [^<]*<\/th><td class="text-right">1<\/td>/)
    assert.include(
      text,
      'Self Assessment online <span class="block text-sm text-text-muted">HM Revenue and Customs</span>'
    )
    assert.include(text, 'href="/insights/future-leaders.csv?')

    const csv = await client.get('/insights/future-leaders.csv').loginAs(capability)
    csv.assertStatus(200)
    const rows: string[][] = parse(csv.text())
    assert.deepEqual(rows[0], ['Measure', 'Value'])
    assert.deepInclude(rows, ['future leaders within the scheme', '5'])
    assert.deepInclude(rows, ['digital rule: met', '1'])
    assert.deepInclude(rows, ['digital rule: on track', '2'])
    assert.deepInclude(rows, ['digital rule: at risk', '1'])
    assert.deepInclude(rows, ['digital rule: missed', '1'])
    assert.deepInclude(rows, [
      'places offered: Self Assessment online (HM Revenue and Customs)',
      '2',
    ])
  })

  test('the at-risk list works per programme, each with its CSV', async ({ client, assert }) => {
    const { fastStreamTeam } = await bothProgrammes()
    const names = (html: string) =>
      [
        ...collapse(html).matchAll(/<a href="\/fast-stream\/admin\/entrants\/\d+">([^<]+)<\/a>/g),
      ].map((match) => match[1])

    const leaders = await client
      .get('/fast-stream/admin/digital-rule?programme=future_leaders')
      .loginAs(fastStreamTeam)
    leaders.assertStatus(200)
    leaders.assertTextIncludes('<h1>Future Leaders at risk of the digital rule</h1>')
    assert.deepEqual(names(leaders.text()), ['Fiona MacDonald', 'Gareth Lloyd'])
    assert.include(collapse(leaders.text()), 'At risk or missed (2)')

    const entrants = await client.get('/fast-stream/admin/digital-rule').loginAs(fastStreamTeam)
    entrants.assertStatus(200)
    assert.deepEqual(names(entrants.text()), ['Rhys Risky'])

    const csv = await client
      .get('/fast-stream/admin/digital-rule.csv?programme=future_leaders')
      .loginAs(fastStreamTeam)
    csv.assertStatus(200)
    const rows: string[][] = parse(csv.text())
    assert.deepEqual(rows[0], [
      'Entrant ID',
      'Name',
      'Email',
      'Scheme',
      'Cohort',
      'Started on',
      'Scheme end',
      'State',
      'Last chance from',
      'Last chance to',
    ])
    assert.deepEqual(
      rows.slice(1).map((row) => [row[1], row[3], row[6], row[7], row[8], row[9]]),
      [
        ['Fiona MacDonald', 'Future Leaders Scheme', monthsAway(6), 'Missed', '', ''],
        [
          'Gareth Lloyd',
          'Future Leaders Scheme',
          monthsAway(12),
          'At risk',
          monthsAway(2),
          monthsAway(8),
        ],
      ]
    )
    const missed = await client
      .get('/fast-stream/admin/digital-rule.csv?programme=future_leaders&state=missed')
      .loginAs(fastStreamTeam)
    assert.lengthOf(parse(missed.text()), 2)
  })

  test('the Fast Stream panel reports Fast Stream rounds only: a published Future Leaders round is not one of them', async ({
    client,
    assert,
  }) => {
    const { capability, leadersRound } = await bothProgrammes()
    leadersRound.merge({
      status: 'published',
      matchedAt: DateTime.utc(),
      publishedAt: DateTime.utc(),
    })
    await leadersRound.save()

    const panel = await apiAs(client, await bearer(capability)).get('/api/v1/metrics/fast-stream')
    panel.assertStatus(200)
    assert.isNull(panel.body().data.round)

    const named = await apiAs(client, await bearer(capability))
      .get('/api/v1/metrics/fast-stream')
      .qs({ roundId: leadersRound.id })
    named.assertStatus(404)

    const page = await client.get('/insights/fast-stream').loginAs(capability)
    page.assertStatus(200)
    page.assertTextIncludes('No placement round has been published yet.')
    assert.notInclude(page.text(), 'Future Leaders next')
  })
})
