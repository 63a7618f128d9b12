import logger from '@adonisjs/core/services/logger'
import { OnceJob } from '#jobs/once_job'
import InvitationRun, { InvitationRunStatuses } from '#models/invitation_run'

type Payload = { invitationRunId: number }

/*
 * Sends a large run of invitations away from the request. The run's page
 * polls its progress. A failure leaves the run marked failed; it is not
 * retried blindly, and running it again invites only those still waiting.
 */
export default class SendInvitations extends OnceJob<Payload> {
  async execute() {
    const run = await InvitationRun.find(this.payload.invitationRunId)
    if (!run || run.status !== InvitationRunStatuses.Queued) return
    // Imported here: the action dispatches this job.
    const { workThroughRun } = await import('#actions/identity/run_invitations')
    await workThroughRun(run)
  }

  async failed(error: Error) {
    logger.error(
      { err: error, invitationRunId: this.payload.invitationRunId },
      'Invitation run failed'
    )
  }
}
