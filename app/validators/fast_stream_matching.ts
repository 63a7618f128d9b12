import vine from '@vinejs/vine'
import { FormMessages, sameMessage } from '#validators/messages'
import { pagingFields, pagingMessages } from '#validators/api'
import { listPage, listPageMessages } from '#validators/fields'
import { MATCH_OUTCOMES } from '#enums/fast_stream'

/* The results page's filter and page, read from the query string (blank ones removed first). */
export const resultsFiltersValidator = vine.create({
  outcome: vine.enum(MATCH_OUTCOMES).optional(),
  page: listPage(),
})

resultsFiltersValidator.messagesProvider = new FormMessages({
  'outcome.enum': 'Show matched, not matched or moved by hand entrants',
  ...listPageMessages,
})

const placementMessage = 'Select the placement to move the entrant to, or no placement'

/* Where an admin moves an entrant: a placement's id, or "none". */
export const moveValidator = vine.create({
  placement: vine
    .string()
    .trim()
    .regex(/^(none|[1-9]\d{0,9})$/),
})

moveValidator.messagesProvider = new FormMessages({
  ...sameMessage('placement', ['required', 'string', 'regex'], placementMessage),
})

/* The reason for a move by hand: shown beside the moved entrant and kept in the audit trail. */
export const MOVE_REASON_LENGTH = { min: 10, max: 1000 }

/* A move confirmed: the placement, and why the entrant is moved. */
export const moveConfirmValidator = vine.create({
  placement: vine
    .string()
    .trim()
    .regex(/^(none|[1-9]\d{0,9})$/),
  reason: vine
    .string()
    .multiline()
    .trim()
    .minLength(MOVE_REASON_LENGTH.min)
    .maxLength(MOVE_REASON_LENGTH.max),
})

moveConfirmValidator.messagesProvider = new FormMessages({
  ...sameMessage('placement', ['required', 'string', 'regex'], placementMessage),
  ...sameMessage('reason', ['required', 'string'], 'Enter why you are moving the entrant'),
  'reason.minLength': `Enter why you are moving the entrant, in ${MOVE_REASON_LENGTH.min} characters or more`,
  'reason.maxLength': `The reason must be ${MOVE_REASON_LENGTH.max.toLocaleString('en-GB')} characters or fewer`,
})

/* The placement chosen on the move form: its id, or null for no placement. */
export function chosenPlacement(value: string): number | null {
  return value === 'none' ? null : Number(value)
}

/* The API's list of a round's matches: filter and paging. */
export const apiMatchesValidator = vine.create({
  outcome: vine.enum(MATCH_OUTCOMES).optional(),
  ...pagingFields,
})

apiMatchesValidator.messagesProvider = new FormMessages({
  'outcome.enum': 'outcome must be one of matched, unmatched or adjusted',
  ...pagingMessages,
})
