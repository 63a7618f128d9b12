import vine from '@vinejs/vine'
import { FormMessages, sameMessage } from '#validators/messages'
import {
  FIRST_FINANCIAL_YEAR,
  LAST_FINANCIAL_YEAR,
  MAX_BUDGET_PENCE,
} from '#domain/learning/training_budgets'

/*
 * A training budget as the form takes it (the amount in pounds and pence,
 * "12,500.50" or "£12500") and as the API takes it (in whole pence), for a
 * financial year named by the year it starts.
 */

/* Pounds as typed: the pound sign, commas and spaces around are dropped. */
const poundsText = (value: unknown) =>
  typeof value === 'string' ? value.trim().replace(/^£/, '').replaceAll(',', '') : value

const year = () =>
  vine.number().withoutDecimals().range([FIRST_FINANCIAL_YEAR, LAST_FINANCIAL_YEAR])

const YEAR_MESSAGE = `Enter the financial year as the year it starts, from ${FIRST_FINANCIAL_YEAR} to ${LAST_FINANCIAL_YEAR}, like 2026 for 2026 to 2027`

/* The financial year a page or the API is asked for, in its query string; this one when left out. */
export const budgetYearValidator = vine.create({ year: year().optional() })
budgetYearValidator.messagesProvider = new FormMessages({
  ...sameMessage('year', ['number', 'withoutDecimals', 'range'], YEAR_MESSAGE),
})

/* The budget form: the year it is for, and the amount in pounds. */
export const budgetFormValidator = vine.create({
  year: year(),
  amount: vine
    .number()
    .parse(poundsText)
    .min(0)
    .max(MAX_BUDGET_PENCE / 100)
    .decimal([0, 2])
    .transform((value) => Math.round(value * 100)),
})
budgetFormValidator.messagesProvider = new FormMessages({
  ...sameMessage('year', ['required', 'number', 'withoutDecimals', 'range'], YEAR_MESSAGE),
  'amount.required': 'Enter the budget in pounds',
  'amount.number': 'Enter the budget in pounds as a number, like 25000 or 25000.50',
  'amount.min': 'The budget cannot be less than £0',
  'amount.max': 'The budget must be £10,000,000,000 or less',
  'amount.decimal':
    'Enter the budget in pounds and pence, with no more than 2 digits for pence, like 25000.50',
})

/* The body of `PUT /organisations/:id/training-budget`: the year and the amount in pence. */
export const apiBudgetValidator = vine.create({
  year: year(),
  amountPence: vine.number().withoutDecimals().min(0).max(MAX_BUDGET_PENCE),
})
apiBudgetValidator.messagesProvider = new FormMessages({
  ...sameMessage('year', ['required', 'number', 'withoutDecimals', 'range'], YEAR_MESSAGE),
  'amountPence.required': 'Enter the budget in pence',
  ...sameMessage(
    'amountPence',
    ['number', 'withoutDecimals'],
    'Enter the budget as a whole number of pence, like 2500050 for £25,000.50'
  ),
  'amountPence.min': 'The budget cannot be less than 0 pence',
  'amountPence.max': 'The budget must be 1,000,000,000,000 pence or less',
})
