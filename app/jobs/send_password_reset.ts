import { Job } from '@adonisjs/queue'
import type { JobOptions } from '@adonisjs/queue/types'
import logger from '@adonisjs/core/services/logger'

type Payload = { email: string; ip: string | null; requestId: string | null }

/*
 * Looks up the address someone asked a reset link for and, if it has an
 * account that may have one, sends it: away from the request, so the
 * answer takes as long whether or not the account exists.
 */
export default class SendPasswordReset extends Job<Payload> {
  static options: JobOptions = {
    queue: 'default',
    maxRetries: 0,
  }

  async execute() {
    // Imported here: the action dispatches this job.
    const { sendPasswordReset } = await import('#actions/identity/request_password_reset')
    await sendPasswordReset(this.payload.email, {
      ip: this.payload.ip,
      requestId: this.payload.requestId,
    })
  }

  async failed(error: Error) {
    logger.error({ err: error }, 'Sending a password reset link failed')
  }
}
