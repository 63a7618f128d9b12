import vine from '@vinejs/vine'
import { FormMessages } from '#validators/messages'

/* Paging for every API list: page from 1, perPage from 1 to 100. */
export const pagingFields = {
  page: vine.number().withoutDecimals().min(1).optional(),
  perPage: vine.number().withoutDecimals().range([1, 100]).optional(),
}

export const listQueryValidator = vine.create({
  ...pagingFields,
  q: vine.string().trim().maxLength(100).optional(),
  category: vine.string().trim().maxLength(64).optional(),
  family: vine.number().withoutDecimals().positive().optional(),
})

listQueryValidator.messagesProvider = new FormMessages({
  'page.number': 'page must be a whole number from 1',
  'page.withoutDecimals': 'page must be a whole number from 1',
  'page.min': 'page must be a whole number from 1',
  'perPage.number': 'perPage must be a whole number from 1 to 100',
  'perPage.withoutDecimals': 'perPage must be a whole number from 1 to 100',
  'perPage.range': 'perPage must be a whole number from 1 to 100',
  'family.number': 'family must be the id of a role family',
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
