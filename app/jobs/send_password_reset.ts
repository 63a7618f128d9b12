import logger from '@adonisjs/core/services/logger'
import { OnceJob } from '#jobs/once_job'

type Payload = { email: string; ip: string | null; requestId: string | null }

/*
 * Looks up the address someone asked a reset link for and, if it has an
 * account that may have one, sends it: away from the request, so the
 * answer takes as long whether or not the account exists.
 */
export default class SendPasswordReset extends OnceJob<Payload> {
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
