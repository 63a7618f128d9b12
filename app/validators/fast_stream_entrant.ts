import vine from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import { FormMessages, idMessages, requiredIdMessages, sameMessage } from '#validators/messages'
import { recordId } from '#validators/fields'
import { readListFilters } from '#validators/list_filters'
import { pagingFields, pagingMessages } from '#validators/api'
import { placementSorts } from '#enums/fast_stream'

const filterFields = {
  q: vine.string().trim().maxLength(100).optional(),
  department: recordId().optional(),
  location: vine.string().trim().maxLength(120).optional(),
  skill: recordId().optional(),
  digitalOnly: vine.boolean().optional(),
  myClearance: vine.boolean().optional(),
  sort: vine.enum(placementSorts).optional(),
}

/* The placement search page's filters, from its query string. */
export const placementFiltersValidator = vine.create({
  ...filterFields,
  page: vine.number().withoutDecimals().min(1).optional(),
})

placementFiltersValidator.messagesProvider = new FormMessages({
  'q.string': 'Enter search words as text',
  'q.maxLength': 'Search words must be 100 characters or fewer',
  ...idMessages('department', 'Select a department from the list'),
  ...sameMessage('location', ['string', 'maxLength'], 'Select a location from the list'),
  ...idMessages('skill', 'Select a skill from the list'),
  'digitalOnly.boolean': 'Tick “Digital placements only” or leave it empty',
  'myClearance.boolean': 'Tick “Only placements my clearance meets” or leave it empty',
  'sort.enum': 'Sort by title, start date, department or places',
  ...sameMessage(
    'page',
    ['number', 'withoutDecimals', 'min'],
    'Page must be a whole number from 1'
  ),
})

export type PlacementFilterInput = Infer<typeof placementFiltersValidator>

/* Reads the search page's filters, leaving out any it cannot read. */
export function readPlacementFilters(qs: Record<string, unknown>) {
  return readListFilters(placementFiltersValidator, qs)
}

/* The same filters in the JSON API, with its paging. */
export const apiPlacementQueryValidator = vine.create({ ...filterFields, ...pagingFields })

apiPlacementQueryValidator.messagesProvider = new FormMessages({
  'q.string': 'q must be text, given once',
  'q.maxLength': 'q must be 100 characters or fewer',
  ...idMessages('department', 'department must be the id of a department'),
  'location.string': 'location must be text, given once',
  'location.maxLength': 'location must be 120 characters or fewer',
  ...idMessages('skill', 'skill must be the id of a skill'),
  'digitalOnly.boolean': 'digitalOnly must be true or false',
  'myClearance.boolean': 'myClearance must be true or false',
  'sort.enum': `sort must be one of ${placementSorts.join(', ')}`,
  ...pagingMessages,
})

/* Where a shortlist change was made from, so the answer goes back there. */
export const shortlistChangeValidator = vine.create({
  from: vine.enum(['placement', 'shortlist'] as const).optional(),
})

/* A shortlist's new order after a drag and drop: every placement on it, best first. */
export const shortlistOrderValidator = vine.create({
  round: recordId(),
  placements: vine.array(recordId()).minLength(1).maxLength(255),
  moved: recordId().optional(),
})

shortlistOrderValidator.messagesProvider = new FormMessages({
  ...sameMessage(
    'round',
    ['required', 'number'],
    'Reload the page: it does not say which round the list is for'
  ),
  ...sameMessage(
    'placements',
    ['required', 'array', 'minLength', 'maxLength'],
    'Send the placements on your list in their new order'
  ),
  ...idMessages('placements.*', 'Each entry of the new order must be the id of a placement'),
})

/* Which round's list is being submitted. */
export const submitShortlistValidator = vine.create({ round: recordId() })

submitShortlistValidator.messagesProvider = new FormMessages({
  ...requiredIdMessages('round', 'Reload the page: it does not say which round the list is for'),
})

/* Which round's list the shortlist page shows: the current round's unless given. */
export const shortlistPageValidator = vine.create({ round: recordId().optional() })

/* The API's whole list for a round, best first, and whether to submit it. */
export const apiPreferencesValidator = vine.create({
  placements: vine.array(recordId()).maxLength(255),
  submit: vine.boolean().optional(),
})

apiPreferencesValidator.messagesProvider = new FormMessages({
  'placements.required': 'placements is required: the ids of your placements, best first',
  'placements.array': 'placements must be a list of placement ids, best first',
  'placements.maxLength': 'placements can hold at most 255 ids',
  ...idMessages('placements.*', 'Each entry of placements must be the id of a placement'),
  'submit.boolean': 'submit must be true or false',
})
