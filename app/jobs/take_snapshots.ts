import { Job } from '@adonisjs/queue'
import type { JobOptions } from '@adonisjs/queue/types'
import logger from '@adonisjs/core/services/logger'
import lock from '@adonisjs/lock/services/main'
import schedulerConfig from '#config/scheduler'
import { takeSnapshots, type SnapshotResult } from '#actions/insights/take_snapshots'

/*
 * Takes the day's snapshot of the key measures away from any request; the
 * scheduler queues it each day. Several instances may queue it at the same
 * moment: a lock lets one take it while the others stand aside, and a run
 * after it the same day adds nothing, because snapshots are written once
 * per day and organisation and never changed.
 */
export default class TakeSnapshots extends Job<Record<string, never>> {
  static options: JobOptions = {
    queue: 'default',
    maxRetries: 2,
  }

  async execute() {
    const outcome = await takeSnapshotsOnce()
    if (outcome.type === 'busy') {
      logger.info('Metric snapshots are being taken by another process: nothing to do here')
      return
    }
    logger.info(outcome.result, 'Metric snapshots taken')
  }

  async failed(error: Error) {
    logger.error({ err: error }, 'Taking metric snapshots failed')
  }
}

export type SnapshotOutcome = { type: 'taken'; result: SnapshotResult } | { type: 'busy' }

/*
 * Takes today's snapshot under the snapshot lock, or stands aside when
 * another process holds it (that process is taking the same snapshot).
 */
export async function takeSnapshotsOnce(
  now?: Parameters<typeof takeSnapshots>[0]
): Promise<SnapshotOutcome> {
  const { lockName, lockTtl } = schedulerConfig.snapshots
  const run = await lock.createLock(lockName, lockTtl).runImmediately(() => takeSnapshots(now))
  return run[0] ? { type: 'taken', result: run[1] } : { type: 'busy' }
}
