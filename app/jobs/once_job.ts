import { Job } from '@adonisjs/queue'
import type { JobOptions } from '@adonisjs/queue/types'

/*
 * Work taken away from a request and tried once: on the default queue,
 * never retried blindly, because a failure is recorded and the person or
 * the page that asked for it decides what happens next.
 */
export abstract class OnceJob<Payload> extends Job<Payload> {
  static options: JobOptions = {
    queue: 'default',
    maxRetries: 0,
  }
}
