import vine from '@vinejs/vine'
import { FormMessages, idMessages, sameMessage } from '#validators/messages'

/* The dashboards' filters, from a page's query string or an API request (blank ones removed first). */
export const insightsFiltersValidator = vine.create({
  organisationId: vine.number().withoutDecimals().positive().optional(),
  year: vine.number().withoutDecimals().range([2010, 2100]).optional(),
  quarter: vine.number().withoutDecimals().range([1, 4]).optional(),
  rows: vine.enum(['family', 'organisation'] as const).optional(),
  roundId: vine.number().withoutDecimals().positive().optional(),
})

const organisation = 'Select an organisation from the list'
const year = 'Financial year must be a year from 2010 to 2100, like 2025 for 2025–26'
const quarter = 'Quarter must be 1, 2, 3 or 4'
const round = 'Select a published placement round from the list'

insightsFiltersValidator.messagesProvider = new FormMessages({
  ...idMessages('organisationId', organisation),
  ...sameMessage('year', ['number', 'withoutDecimals', 'range'], year),
  ...sameMessage('quarter', ['number', 'withoutDecimals', 'range'], quarter),
  'rows.enum': 'Show the heat map by role family or by organisation',
  ...idMessages('roundId', round),
})
