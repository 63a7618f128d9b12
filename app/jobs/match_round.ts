import logger from '@adonisjs/core/services/logger'
import { OnceJob } from '#jobs/once_job'
import PlacementRound from '#models/placement_round'
import type { RoundStatus } from '#enums/fast_stream'
import { abandonMatch, matchState, runMatch } from '#actions/fast_stream/matching/run_match'

type Payload = {
  roundId: number
  actorId: number
  /* The round's status and match time before the match was asked for, to go back to on failure. */
  previous: { status: RoundStatus; matchedAt: string | null }
}

/*
 * Matches a large round away from the request. The results page polls the
 * round until the job has stored the result. A failure puts the round back
 * as it was, so the Fast Stream team can run the match again; the job is
 * not retried blindly.
 */
export default class MatchRound extends OnceJob<Payload> {
  async execute() {
    const round = await PlacementRound.find(this.payload.roundId)
    if (!round) return
    const state = matchState(round)
    if (state !== 'running' && state !== 'stalled') return
    try {
      await runMatch(round.id, this.payload.actorId)
    } catch (error) {
      await abandonMatch(round.id, this.payload.previous, this.payload.actorId)
      throw error
    }
  }

  async failed(error: Error) {
    logger.error({ err: error, roundId: this.payload.roundId }, 'Matching a round failed')
  }
}
