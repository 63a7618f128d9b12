import type PlacementRound from '#models/placement_round'
import { counted } from '#domain/shared/wording'
import { programmeWords } from '#domain/fast_stream/programmes'
import type { RequestMatchResult } from '#actions/fast_stream/matching/run_match'
import type { PublishRoundResult } from '#actions/fast_stream/matching/publish_round'

/*
 * What the team running a round is told when they run its match or publish
 * it, in the words of the round's programme (entrants, Future Leaders).
 */

type Flash = ['success' | 'error', string]

export function matchMessage(result: RequestMatchResult, round: PlacementRound): Flash {
  const words = programmeWords(round.programme)
  switch (result.type) {
    case 'matched':
      return [
        'success',
        `Match run: ${result.stats.matched} of ${counted(result.stats.entrants, words.one, words.many)} matched`,
      ]
    case 'queued':
      return [
        'success',
        `Matching ${counted(result.entrants, words.one, words.many)}: this page shows the result when it is ready`,
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

/* A match the API refuses to run: the status it answers and its words. */
export function matchProblem(
  result: Extract<RequestMatchResult, { type: 'running' | 'round_open' | 'round_published' }>
): [409, string] {
  switch (result.type) {
    case 'running':
      return [409, 'The round is being matched now: wait for it to finish.']
    case 'round_open':
      return [409, 'The round is still open to preferences: close it before running the match.']
    case 'round_published':
      return [409, 'The round is published: its result can no longer change.']
    default: {
      const unreachable: never = result
      return unreachable
    }
  }
}

export function publishMessage(result: PublishRoundResult, round: PlacementRound): Flash {
  const words = programmeWords(round.programme)
  switch (result.type) {
    case 'published':
      return [
        'success',
        `${round.name} published: ${counted(result.postings, 'posting')} added, ${counted(result.entrantMails, words.one, words.many)} and ${counted(result.teamMails, 'team lead')} e-mailed`,
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
        `Not published: ${result.overlaps.length === 1 ? `1 matched ${words.one} has a posting` : `${result.overlaps.length} matched ${words.many} have postings`} that would overlap this round’s. Move them to no placement first`,
      ]
    default: {
      const unreachable: never = result
      return unreachable
    }
  }
}
