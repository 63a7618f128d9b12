import vine from '@vinejs/vine'
import { servicePhaseValues } from '#enums/workforce'
import { FormMessages, idMessages, sameMessage } from '#validators/messages'

/* Paging for every API list: page from 1, perPage from 1 to 100. */
export const pagingFields = {
  page: vine.number().withoutDecimals().min(1).optional(),
  perPage: vine.number().withoutDecimals().range([1, 100]).optional(),
}

/* What every API list says about bad paging, whichever validator reads it. */
export const pagingMessages = {
  ...sameMessage(
    'page',
    ['number', 'withoutDecimals', 'min'],
    'page must be a whole number from 1'
  ),
  ...sameMessage(
    'perPage',
    ['number', 'withoutDecimals', 'range'],
    'perPage must be a whole number from 1 to 100'
  ),
}

export const listQueryValidator = vine.create({
  ...pagingFields,
  q: vine.string().trim().maxLength(100).optional(),
  category: vine.string().trim().maxLength(64).optional(),
  family: vine.number().withoutDecimals().positive().optional(),
})

listQueryValidator.messagesProvider = new FormMessages({
  ...pagingMessages,
  ...idMessages('family', 'family must be the id of a role family'),
  'q.string': 'q must be text, given once',
  'q.maxLength': 'q must be 100 characters or fewer',
  'q.controlCharacters': 'q must not contain line breaks, tabs or hidden control characters',
  'category.string': 'category must be text, given once',
  'category.maxLength': 'category must be 64 characters or fewer',
  'category.controlCharacters':
    'category must not contain line breaks, tabs or hidden control characters',
})

/* A list that takes nothing but paging. */
export const pagingQueryValidator = vine.create({ ...pagingFields })

pagingQueryValidator.messagesProvider = new FormMessages(pagingMessages)

/* The words a yes-or-no filter accepts, and what each means. */
export const yesNoValues = ['yes', 'no', 'true', 'false', '1', '0'] as const

/* A yes-or-no filter as a boolean, or null when it was left out. */
export function yesNo(value: (typeof yesNoValues)[number] | undefined): boolean | null {
  if (value === undefined) return null
  return value === 'yes' || value === 'true' || value === '1'
}

/* The services list's filters and paging (blank values removed first). */
export const serviceQueryValidator = vine.create({
  ...pagingFields,
  organisation: vine.number().withoutDecimals().positive().optional(),
  phase: vine.enum(servicePhaseValues).optional(),
  overThreshold: vine.enum(yesNoValues).optional(),
  compliant: vine.enum(yesNoValues).optional(),
})

serviceQueryValidator.messagesProvider = new FormMessages({
  ...pagingMessages,
  ...idMessages('organisation', 'organisation must be the id of an organisation'),
  'phase.enum': `phase must be one of ${servicePhaseValues.join(', ')}`,
  'overThreshold.enum': `overThreshold must be one of ${yesNoValues.join(', ')}`,
  'compliant.enum': `compliant must be one of ${yesNoValues.join(', ')}`,
})

/* Which role level the caller's gaps are measured against. */
export const gapsQueryValidator = vine.create({
  toward: vine.enum(['current', 'target'] as const).optional(),
})

gapsQueryValidator.messagesProvider = new FormMessages({
  'toward.enum': 'toward must be current or target',
})

export const progressionQueryValidator = vine.create({
  from: vine.number().withoutDecimals().positive(),
  to: vine.number().withoutDecimals().positive(),
})

progressionQueryValidator.messagesProvider = new FormMessages({
  'from.required': 'Give from: the id of the role level to start from',
  'from.number': 'from must be the id of a role level',
  'to.required': 'Give to: the id of the role level to move to',
  'to.number': 'to must be the id of a role level',
})
