import vine from '@vinejs/vine'
import { DateTime } from 'luxon'
import type { Infer } from '@vinejs/vine/types'
import { courseDeliveryValues, courseModeValues } from '#enums/learning'
import { FormMessages, idMessages, sameMessage } from '#validators/messages'
import { readListFilters } from '#validators/list_filters'
import { pagingFields, pagingMessages } from '#validators/api'
import { withinDateBounds } from '#validators/date_bounds'

export const catalogueSorts = ['title', 'next_session'] as const

/* A yyyy-mm-dd date kept as that string: the catalogue compares it in UK time. */
const day = () =>
  vine
    .date({ formats: ['YYYY-MM-DD'] })
    .use(withinDateBounds())
    .transform((value) => DateTime.fromJSDate(value).toISODate()!)
    .optional()

const id = () => vine.number().withoutDecimals().positive().optional()

const filterFields = {
  q: vine.string().trim().maxLength(100).optional(),
  skill: id(),
  roleProfile: id(),
  mode: vine.enum(courseModeValues).optional(),
  delivery: vine.enum(courseDeliveryValues).optional(),
  provider: id(),
  location: vine.string().trim().maxLength(120).optional(),
  from: day(),
  to: vine
    .date({ formats: ['YYYY-MM-DD'] })
    .afterOrSameAs('from')
    .use(withinDateBounds())
    .transform((value) => DateTime.fromJSDate(value).toISODate()!)
    .optional(),
  sort: vine.enum(catalogueSorts).optional(),
}

/* The catalogue page's filters, from its query string. */
export const catalogueFiltersValidator = vine.create({
  ...filterFields,
  page: vine.number().withoutDecimals().min(1).optional(),
  forMyRole: vine.boolean().optional(),
  forMyGaps: vine.boolean().optional(),
})

catalogueFiltersValidator.messagesProvider = new FormMessages({
  'q.string': 'Enter search words as text',
  'location.string': 'Select a location from the list',
  'q.maxLength': 'Search words must be 100 characters or fewer',
  ...idMessages('skill', 'Select a skill from the list'),
  ...idMessages('roleProfile', 'Select a role from the list'),
  'mode.enum': 'Select classroom, online or blended',
  'delivery.enum': 'Select scheduled sessions or self-paced online',
  ...idMessages('provider', 'Select a provider from the list'),
  'location.maxLength': 'Select a location from the list',
  'from.date': 'Date from must be a real date, like 2027-06-15',
  'from.dateRange': 'Date from must be between {{ earliest }} and {{ latest }}',
  'to.date': 'Date to must be a real date, like 2027-06-30',
  'to.dateRange': 'Date to must be between {{ earliest }} and {{ latest }}',
  'to.date.afterOrSameAs': 'Date to must be the same as or after date from',
  'sort.enum': 'Sort by title or by next session date',
  'forMyRole.boolean': 'Tick “for my role” or leave it clear',
  'forMyGaps.boolean': 'Tick “close my skill gaps” or leave it clear',
  ...sameMessage(
    'page',
    ['number', 'withoutDecimals', 'min'],
    'Page must be a whole number from 1'
  ),
})

/* The same filters in the JSON API, with its paging. */
export const apiCatalogueQueryValidator = vine.create({ ...filterFields, ...pagingFields })

apiCatalogueQueryValidator.messagesProvider = new FormMessages({
  'q.string': 'q must be text, given once',
  'location.string': 'location must be text, given once',
  'q.maxLength': 'q must be 100 characters or fewer',
  ...idMessages('skill', 'skill must be the id of a skill'),
  ...idMessages('roleProfile', 'roleProfile must be the id of a role profile'),
  'mode.enum': 'mode must be classroom, online or blended',
  'delivery.enum': 'delivery must be scheduled or self_paced',
  ...idMessages('provider', 'provider must be the id of a provider'),
  'location.maxLength': 'location must be 120 characters or fewer',
  'from.date': 'from must be a real date in the form yyyy-mm-dd',
  'from.dateRange': 'from must be between {{ earliest }} and {{ latest }}',
  'to.date': 'to must be a real date in the form yyyy-mm-dd',
  'to.dateRange': 'to must be between {{ earliest }} and {{ latest }}',
  'q.controlCharacters': 'q must not contain line breaks, tabs or hidden control characters',
  'location.controlCharacters':
    'location must not contain line breaks, tabs or hidden control characters',
  'to.date.afterOrSameAs': 'to must be the same as or after from',
  'sort.enum': 'sort must be title or next_session',
  ...pagingMessages,
})

export type CatalogueFilterInput = Infer<typeof catalogueFiltersValidator>

/* Reads the catalogue page's filters, leaving out any it cannot read. */
export function readCatalogueFilters(qs: Record<string, unknown>) {
  return readListFilters(catalogueFiltersValidator, qs)
}
