import type PlacementRound from '#models/placement_round'
import {
  placementStatusLabels,
  placementStatusValues,
  type PlacementStatus,
} from '#enums/fast_stream'
import { UK_ZONE, UkFormats } from '#domain/shared/uk_time'
import {
  POSTING_WINDOW_MAX_MONTHS,
  type PlacementOutside,
  type RoundDateField,
} from '#actions/fast_stream/admin/save_round'
import type { RoundFigures } from '#queries/fast_stream/admin_rounds_query'

/* What the Fast Stream team reads on a placement round's pages and forms. */

const ORDER_MESSAGES: Record<RoundDateField, string> = {
  preferencesOpenAt: 'Entrants can start choosing only once teams can offer placements',
  preferencesCloseAt: 'Entrants’ choices must close after they open',
  resultsAt: 'Results must be published after entrants’ choices close',
  nextRoundOn: 'The next round must start after the day this round’s results are published',
  postingStartsOn: 'Postings must start after the day this round’s results are published',
  postingEndsOn: 'Postings must end after the day they start',
  postingWindowLength: `Postings must end within ${POSTING_WINDOW_MAX_MONTHS} months of the day they start`,
}

/* The form field each date problem is shown under. */
const ORDER_FIELDS: Record<RoundDateField, string> = {
  preferencesOpenAt: 'preferencesOpenAt',
  preferencesCloseAt: 'preferencesCloseAt',
  resultsAt: 'resultsAt',
  nextRoundOn: 'nextRoundOn',
  postingStartsOn: 'postingStartsOn',
  postingEndsOn: 'postingEndsOn',
  postingWindowLength: 'postingEndsOn',
}

/* A date out of order, under the field it is about. */
export function dateOrderError(field: RoundDateField) {
  return { [ORDER_FIELDS[field]]: ORDER_MESSAGES[field] }
}

/* Placements of the round that would start outside the posting window asked for. */
export function outsideWindowMessage(count: number, first: PlacementOutside) {
  const one = count === 1
  return `${one ? '1 placement' : `${count} placements`} of this round ${one ? 'starts' : 'start'} outside these dates, such as “${first.title}” on ${first.startsOn.toFormat(UkFormats.date)}: choose dates that include ${one ? 'its start' : 'their starts'}`
}

/* Closing entrants' choices before their closing time needs confirming. */
export function closeEarlyMessage(round: PlacementRound) {
  return `Entrants can choose until ${round.preferencesCloseAt.setZone(UK_ZONE).toFormat(UkFormats.dateTime)}: select the box to confirm closing early`
}

export function preferencesClosedMessage(round: PlacementRound, early: boolean) {
  return early
    ? `Preferences closed early: ${round.name} is ready to be matched`
    : `Preferences closed: ${round.name} is ready to be matched`
}

/*
 * The round page's tabs of placements by status, with their counts, and the
 * tab shown: the one asked for, else offered placements while there are
 * any to review, else approved ones.
 */
export function placementTabs(figures: RoundFigures, asked: unknown) {
  const status: PlacementStatus = placementStatusValues.includes(asked as PlacementStatus)
    ? (asked as PlacementStatus)
    : figures.placements.offered.placements
      ? 'offered'
      : 'approved'
  const statusTabs = placementStatusValues.map((value) => ({
    value,
    label: placementStatusLabels[value],
    count: figures.placements[value].placements,
  }))
  return { status, statusTabs }
}
