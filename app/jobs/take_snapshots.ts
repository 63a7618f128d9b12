import { Job } from '@adonisjs/queue'
import type { JobOptions } from '@adonisjs/queue/types'
import logger from '@adonisjs/core/services/logger'
import { takeSnapshots } from '#actions/insights/take_snapshots'

/*
 * Takes the day's snapshot of the key measures away from any request, so
 * a scheduler can queue it (once a day is enough: a second run the same
 * day adds nothing).
 */
export default class TakeSnapshots extends Job<Record<string, never>> {
  static options: JobOptions = {
    queue: 'default',
    maxRetries: 2,
  }

  async execute() {
    const result = await takeSnapshots()
    logger.info(result, 'Metric snapshots taken')
  }

  async failed(error: Error) {
    logger.error({ err: error }, 'Taking metric snapshots failed')
  }
}
