import { urlFor } from '@adonisjs/core/services/url_builder'
import Placement from '#models/placement'
import PlacementRound from '#models/placement_round'
import type FastStreamEntrant from '#models/fast_stream_entrant'
import { counted } from '#domain/shared/wording'
import { programmeWords, type Programme } from '#domain/fast_stream/programmes'
import { programmeOf } from '#queries/fast_stream/entrant_query'
import { currentRound, entrantsCanSee } from '#queries/fast_stream/placement_search_query'
import { shortlistOverview, ukDateTime } from '#queries/fast_stream/shortlist_query'

/*
 * Where an entrant's shortlist forms lead and what they say: the page of a
 * round's list (the plain address for the current round of the entrant's
 * programme), the round a list page shows, and the messages of each change.
 */

export const LIST_CHANGED =
  'Your shortlist changed since this page was loaded, so the new order was not saved. Check the list and try again.'

/* The shortlist page of the round: the plain address for the current round of its programme. */
export async function shortlistPath(round: PlacementRound) {
  const current = await currentRound(round.programme)
  return current?.id === round.id
    ? urlFor('fast_stream.shortlist.show')
    : urlFor('fast_stream.shortlist.show', {}, { qs: { round: round.id } })
}

/* The shortlist page of the round a placement is offered in. */
export async function shortlistPathOfRound(roundId: number) {
  const round = await PlacementRound.find(roundId)
  return round ? shortlistPath(round) : urlFor('fast_stream.shortlist.show')
}

/*
 * The round a list page shows: the one asked for, or the current round of
 * the entrant's programme. Another round's list is shown while the round is
 * open, or once the entrant has one in it; anything else is not found.
 */
export async function shortlistPageOf(entrant: FastStreamEntrant, roundId: number | undefined) {
  const programme: Programme = await programmeOf(entrant)
  const words = programmeWords(programme)
  const round = roundId ? await PlacementRound.find(roundId) : await currentRound(programme)
  if (!round) return roundId ? null : { round: null, words }
  const overview = await shortlistOverview(round, entrant.id)
  if (roundId && !entrantsCanSee(round, programme) && !overview.shortlist) return null
  return { round, overview, words }
}

/* "Digital policy lead is now number 2 on your shortlist", after a drag and drop. */
export async function reorderedMessage(movedId: number | undefined, rank: number) {
  if (!movedId || rank < 0) return 'The new order of your shortlist is saved'
  const placement = await Placement.find(movedId)
  return `${placement?.title ?? 'The placement'} is now number ${rank + 1} on your shortlist`
}

export function submittedMessage(count: number, round: PlacementRound) {
  return `Your shortlist of ${count} ${count === 1 ? 'placement' : 'placements'} is submitted. You can change it until ${ukDateTime(round.preferencesCloseAt)} (UK time).`
}

export function alreadySubmittedMessage(submittedAt: Parameters<typeof ukDateTime>[0]) {
  return `Your shortlist was submitted on ${ukDateTime(submittedAt)} (UK time). Changes you make are saved straight away.`
}

export function shortlistFullMessage(max: number) {
  return `Your shortlist already has ${counted(max, 'placement')}, the most this round takes. Remove one before you add another.`
}
