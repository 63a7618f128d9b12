import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import lock from '@adonisjs/lock/services/main'
import { DateTime } from 'luxon'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import { scheduleTask, snapshotTask, type ScheduledTask } from '#start/scheduler'
import { takeSnapshotsOnce } from '#jobs/take_snapshots'
import { cronPattern } from '#start/env'
import schedulerConfig from '#config/scheduler'

/* Today's snapshot rows, in a stable order, as plain values. */
async function snapshotRows(day = DateTime.utc().toISODate()!) {
  const rows = await db
    .from('metric_snapshots')
    .where('taken_on', day)
    .orderBy('organisation_key')
    .orderBy('measure')
    .select('organisation_key', 'measure', 'value')
  return rows.map((row) => [Number(row.organisation_key), row.measure, Number(row.value)])
}

test.group('Snapshot schedule', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('by default it runs at 02:30 UK time: 02:30 UTC in winter, 01:30 UTC in summer', ({
    assert,
  }) => {
    assert.equal(snapshotTask.cron, '30 2 * * *')
    assert.equal(schedulerConfig.timezone, 'Europe/London')
    const job = scheduleTask(snapshotTask, { paused: true })
    try {
      const next = (from: string) => job.nextRun(new Date(from))?.toISOString()
      assert.equal(next('2026-01-15T12:00:00Z'), '2026-01-16T02:30:00.000Z')
      assert.equal(next('2026-01-16T02:29:00Z'), '2026-01-16T02:30:00.000Z')
      assert.equal(next('2026-01-16T02:30:00Z'), '2026-01-17T02:30:00.000Z')
      assert.equal(next('2026-07-15T12:00:00Z'), '2026-07-16T01:30:00.000Z')
      // The clocks go forward at 01:00 UTC on 29 March 2026: that night's run is at 01:30 UTC.
      assert.equal(next('2026-03-28T12:00:00Z'), '2026-03-29T01:30:00.000Z')
    } finally {
      job.stop()
    }
  })

  test('a pattern from SNAPSHOT_CRON is used in UK time, and a malformed one is refused', ({
    assert,
  }) => {
    const weekly: ScheduledTask = { name: 'weekly-check', cron: '0 6 * * 1', run: async () => {} }
    const job = scheduleTask(weekly, { paused: true })
    try {
      // 15 January 2026 is a Thursday: the next Monday is the 19th.
      assert.equal(
        job.nextRun(new Date('2026-01-15T12:00:00Z'))?.toISOString(),
        '2026-01-19T06:00:00.000Z'
      )
    } finally {
      job.stop()
    }
    assert.equal(cronPattern('SNAPSHOT_CRON', ' 15 3 * * * '), '15 3 * * *')
    assert.isUndefined(cronPattern('SNAPSHOT_CRON', undefined))
    for (const bad of ['every day', '30 2 * *', '61 2 * * *', '30 25 * * *', '0 0 30 2 * *']) {
      assert.throws(
        () => cronPattern('SNAPSHOT_CRON', bad),
        'Value for environment variable "SNAPSHOT_CRON" must be a cron pattern of five fields (minute hour day month weekday), such as "30 2 * * *" for 02:30 every day'
      )
    }
  })

  test('when it fires, it queues the snapshot job, which takes today’s snapshot', async ({
    assert,
  }) => {
    const department = await OrganisationFactory.merge({
      name: 'Department for Transport',
    }).create()
    assert.lengthOf(await snapshotRows(), 0)
    const job = scheduleTask(snapshotTask, { paused: true })
    try {
      // The queue runs jobs at once under test, so the job has run when trigger returns.
      await job.trigger()
    } finally {
      job.stop()
    }
    const rows = await snapshotRows()
    const keys = new Set(rows.map(([key]) => key))
    assert.isTrue(keys.has(0), 'all of government has a snapshot')
    assert.isTrue(keys.has(department.id), 'the department has a snapshot')
    // Nothing is recorded yet, so the department has no Digital Leader: 0 of 1 in place.
    assert.deepInclude(rows, [department.id, 'digital_leaders_in_place', 0])
  })

  test('a second run the same day does nothing, even when the figures have changed', async ({
    assert,
  }) => {
    await OrganisationFactory.merge({ name: 'Department for Transport' }).create()
    const first = await takeSnapshotsOnce()
    assert.equal(first.type, 'taken')
    const written = first.type === 'taken' ? first.result.written : 0
    assert.isAbove(written, 0)
    const before = await snapshotRows()
    assert.lengthOf(before, written)

    // A new department would add measures of its own if the day were taken again.
    const later = await OrganisationFactory.merge({ name: 'HM Revenue and Customs' }).create()
    const second = await takeSnapshotsOnce()
    assert.deepEqual(second, {
      type: 'taken',
      result: { takenOn: DateTime.utc().toISODate()!, written: 0, alreadyTaken: written },
    })
    const after = await snapshotRows()
    assert.deepEqual(after, before)
    assert.notInclude(
      after.map(([key]) => key),
      later.id
    )
  })

  test('while another process holds the snapshot lock, a run stands aside', async ({ assert }) => {
    await OrganisationFactory.merge({ name: 'Department for Transport' }).create()
    const held = lock.createLock(schedulerConfig.snapshots.lockName, '1m')
    assert.isTrue(await held.acquireImmediately())
    try {
      assert.deepEqual(await takeSnapshotsOnce(), { type: 'busy' })
      assert.lengthOf(await snapshotRows(), 0)
    } finally {
      await held.release()
    }
    const after = await takeSnapshotsOnce()
    assert.equal(after.type, 'taken')
    const rows = await snapshotRows()
    assert.isAbove(rows.length, 0)
  })
})
