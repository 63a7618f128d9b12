import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import app from '@adonisjs/core/services/app'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { capabilityFixture, organisations } from '#tests/support/fixtures/insights'
import { bearer, apiAs } from '#tests/support/api'
import { createUser } from '#database/factories/user_factory'
import MetricSnapshot from '#models/metric_snapshot'
import { createMetricSnapshot } from '#database/factories/insights_factory'
import InsightsSnapshot from '../../../commands/insights_snapshot.js'
import TakeSnapshots from '#jobs/take_snapshots'
import { takeSnapshots } from '#actions/insights/take_snapshots'

/* Today's snapshots as measure → value, for one organisation (null: all of government). */
async function todays(organisationId: number | null) {
  const rows = await db
    .from('metric_snapshots')
    .where('organisation_key', organisationId ?? 0)
    .where('taken_on', DateTime.utc().toISODate()!)
    .select('measure', 'value')
  return Object.fromEntries(rows.map((row) => [row.measure, Number(row.value)]))
}

async function runCommand() {
  const ace = await app.container.make('ace')
  ace.ui.switchMode('raw')
  const command = await ace.create(InsightsSnapshot, [])
  await command.exec()
  command.assertSucceeded()
  return command
}

test.group('Snapshots of the key measures', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the command takes today’s measures for each department and for all of government', async ({
    assert,
  }) => {
    const { a, b } = await capabilityFixture()
    const command = await runCommand()
    assert.isTrue(command.logger.getLogs().some((log) => log.message.includes('measures recorded')))
    const all = await todays(null)
    assert.include(all, {
      capability_coverage: 50,
      people_with_role: 8,
      people_meeting_all: 4,
      posts_needed: 0,
      in_post: 8,
      being_recruited: 0,
      enrolments_completed: 0,
    })
    // Action 01: A has no Digital Leader, nor B, nor A1 (agency of transactional A).
    assert.equal(all.digital_leaders_in_place, 0)
    // No service over the threshold: no share to take.
    assert.notProperty(all, 'service_managers_compliant')
    assert.include(await todays(a.id), { capability_coverage: 60, people_with_role: 5 })
    assert.include(await todays(b.id), { capability_coverage: 33.3, people_with_role: 3 })
    // Agencies are rolled up into their department; they have no snapshot of their own.
    const agencies = await db
      .from('metric_snapshots')
      .whereNotIn('organisation_key', [0, a.id, b.id])
    assert.lengthOf(agencies, 0)
  })

  test('a second run on the same day adds nothing and changes nothing, whatever changed since', async ({
    assert,
  }) => {
    const { a } = await capabilityFixture()
    await runCommand()
    const first = await db.from('metric_snapshots').orderBy('id').select('*')

    // More people join department A: a second run today must not record them.
    await createUser({ organisation: a })
    const again = await takeSnapshots()
    assert.equal(again.written, 0)
    assert.equal(again.alreadyTaken, first.length)
    const command = await runCommand()
    assert.isTrue(command.logger.getLogs().some((log) => log.message.includes('already taken')))
    await TakeSnapshots.dispatch({})
    const second = await db.from('metric_snapshots').orderBy('id').select('*')
    assert.deepEqual(second, first)
  })

  test('a snapshot can be neither changed nor removed', async ({ assert }) => {
    const { a } = await organisations()
    const taken = await createMetricSnapshot(a.id, 'in_post', '2025-05-01', 12)
    taken.value = 99
    await assert.rejects(() => taken.save(), 'A metric snapshot never changes once written.')
    await assert.rejects(() => taken.delete(), 'A metric snapshot is never removed.')
    const stored = await MetricSnapshot.findOrFail(taken.id)
    assert.equal(stored.value, 12)
  })

  test('the database refuses a second all-of-government snapshot of a measure on one day', async ({
    assert,
  }) => {
    await createMetricSnapshot(null, 'in_post', '2025-05-01', 12)
    await assert.rejects(() => createMetricSnapshot(null, 'in_post', '2025-05-01', 13))
  })
})

test.group('Dashboards: trends', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('trend lines show the organisation’s snapshots taken in the period: every day in the API and CSV, month ends on the page', async ({
    client,
    assert,
  }) => {
    const { a, b, hrA, hrB, admin } = await organisations()
    await createMetricSnapshot(a.id, 'capability_coverage', '2025-05-01', 40)
    await createMetricSnapshot(a.id, 'in_post', '2025-05-01', 10)
    await createMetricSnapshot(a.id, 'capability_coverage', '2025-05-20', 42)
    await createMetricSnapshot(a.id, 'capability_coverage', '2025-08-01', 45.5)
    await createMetricSnapshot(a.id, 'capability_coverage', '2024-05-01', 30)
    await createMetricSnapshot(b.id, 'capability_coverage', '2025-05-01', 70)
    await createMetricSnapshot(null, 'capability_coverage', '2025-05-01', 55)

    const response = await apiAs(client, await bearer(hrA)).get('/api/v1/metrics/trends?year=2025')
    response.assertStatus(200)
    const data = response.body().data
    assert.isTrue(data.tracked)
    assert.deepEqual(data.dates, ['2025-05-01', '2025-05-20', '2025-08-01'])
    const measure = (key: string) => data.measures.find((row: any) => row.key === key).values
    assert.deepEqual(measure('capability_coverage'), [40, 42, 45.5])
    assert.deepEqual(measure('in_post'), [10, null, null])

    const all = await apiAs(client, await bearer(admin)).get('/api/v1/metrics/trends?year=2025')
    assert.deepEqual(all.body().data.dates, ['2025-05-01'])

    const other = await apiAs(client, await bearer(hrB)).get(
      `/api/v1/metrics/trends?year=2025&organisationId=${a.id}`
    )
    other.assertStatus(404)

    const page = await client.get('/insights?year=2025').loginAs(hrA)
    page.assertStatus(200)
    page.assertTextIncludes('Key measures at the end of each month')
    // May's row is its last snapshot, the 20th; the 1st is only in the CSV.
    const rows = [...page.text().matchAll(/<th scope="row"[^>]*>([^<]+)<\/th>/g)].map((match) =>
      match[1].trim()
    )
    assert.deepEqual(rows, ['20 May 2025', '1 Aug 2025'])
    page.assertTextIncludes('42%')
    page.assertTextIncludes('45.5%')

    const csv = await client.get('/insights/trends.csv?year=2025').loginAs(hrA)
    csv.assertStatus(200)
    const lines = csv.text().trim().split('\n')
    assert.equal(lines[0].split(',')[0], 'Taken on')
    assert.equal(lines[1].split(',').slice(0, 2).join(','), '2025-05-01,40')
    assert.lengthOf(lines, 4)
  })

  test('an agency has no trends of its own', async ({ client }) => {
    const { a1, hrA } = await organisations()
    const page = await client.get(`/insights?organisationId=${a1.id}`).loginAs(hrA)
    page.assertStatus(200)
    page.assertTextIncludes('Snapshots are kept for whole departments and for all of government')
  })
})
