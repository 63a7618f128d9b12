import '#validators/control_characters'
import vine from '@vinejs/vine'
import { withinDateBounds } from '#validators/date_bounds'
import { idMessages } from '#validators/messages'

/* Rules for fields that many forms share, each made fresh for the validator using it. */

/* The id of a record, picked from a list or named in a URL's query. */
export const recordId = () => vine.number().withoutDecimals().positive()

/* A calendar day typed as yyyy-mm-dd, within the dates people may enter (ADR 9). */
export const isoDay = () => vine.date({ formats: ['YYYY-MM-DD'] }).use(withinDateBounds())

/* The page of a web list, from 1. */
export const listPage = () => vine.number().withoutDecimals().positive().optional()

/* What a web list says about a page number it cannot read. */
export const listPageMessages = idMessages('page', 'Page must be a whole number')
