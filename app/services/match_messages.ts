import type PlacementRound from '#models/placement_round'
import { counted } from '#domain/shared/wording'
import type { RequestMatchResult } from '#actions/fast_stream/matching/run_match'
import type { PublishRoundResult } from '#actions/fast_stream/matching/publish_round'

/* What the Fast Stream team is told when they run a round's match or publish it. */

type Flash = ['success' | 'error', string]

export function matchMessage(result: RequestMatchResult): Flash {
  switch (result.type) {
    case 'matched':
      return [
        'success',
        `Match run: ${result.stats.matched} of ${counted(result.stats.entrants, 'entrant')} matched`,
      ]
    case 'queued':
      return [
        'success',
        `Matching ${counted(result.entrants, 'entrant')}: this page shows the result when it is ready`,
      ]
    case 'running':
      return ['error', 'The match is already running: wait for it to finish']
    case 'round_open':
      return ['error', 'The round is still open to preferences: close it before running the match']
    case 'round_published':
      return ['error', 'The round is published: its result can no longer change']
    case 'round_not_found':
      return ['error', 'The round no longer exists']
    default: {
      const unreachable: never = result
      return unreachable
    }
  }
}

export function publishMessage(result: PublishRoundResult, round: PlacementRound): Flash {
  switch (result.type) {
    case 'published':
      return [
        'success',
        `${round.name} published: ${counted(result.postings, 'posting')} added, ${counted(result.entrantMails, 'entrant')} and ${counted(result.teamMails, 'team lead')} e-mailed`,
      ]
    case 'already_published':
      return ['error', 'The round is already published: it cannot be published twice']
    case 'running':
      return ['error', 'The match is still running: publish when it has finished']
    case 'not_matched':
      return ['error', 'Run the match before publishing the round']
    case 'overlapping_postings':
      return [
        'error',
        `Not published: ${result.overlaps.length === 1 ? '1 matched entrant has a posting' : `${result.overlaps.length} matched entrants have postings`} that would overlap this round’s. Move them to no placement first`,
      ]
    default: {
      const unreachable: never = result
      return unreachable
    }
  }
}
