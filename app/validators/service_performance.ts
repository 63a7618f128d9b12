import vine from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import { FormMessages, sameMessage } from '#validators/messages'
import { csvUploadValidator } from '#validators/csv_upload'
import { tooLargeMessage, UPLOADS } from '#services/uploads'
import {
  CHANNELS,
  SATISFACTION,
  channelLabels,
  satisfactionLabels,
  type Channel,
  type PerformanceFigures,
  type Satisfaction,
} from '#domain/workforce/service_performance'

/*
 * What a service reports for a period, on its form (money in pounds) and
 * through the API (money in pence): the same fields, worked into the same
 * figures. Counts are whole numbers up to 2 billion; money up to £10 billion.
 */
const MAX_COUNT = 2_000_000_000
const MAX_PENCE = 1_000_000_000_000

const count = () => vine.number().withoutDecimals().min(0).max(MAX_COUNT)

/* Pounds as typed, "1,250.50" or "£1250.5": commas and the pound sign are dropped. */
const poundsText = (value: unknown) =>
  typeof value === 'string' ? value.trim().replace(/^£/, '').replaceAll(',', '') : value

const pounds = () =>
  vine
    .number()
    .parse(poundsText)
    .min(0)
    .max(MAX_PENCE / 100)
    .decimal([0, 2])
    .transform((value) => Math.round(value * 100))

const pence = () => vine.number().withoutDecimals().min(0).max(MAX_PENCE)

const transactionField = (channel: Channel) => `${channel}Transactions`
const costField = (channel: Channel, money: 'pounds' | 'pence') =>
  money === 'pounds' ? `${channel}Cost` : `${channel}CostPence`

function fields(money: 'pounds' | 'pence') {
  const amount = money === 'pounds' ? pounds : pence
  return {
    ...Object.fromEntries(CHANNELS.map((channel) => [transactionField(channel), count()])),
    totalTransactions: count(),
    [money === 'pounds' ? 'totalCost' : 'totalCostPence']: amount(),
    ...Object.fromEntries(
      CHANNELS.map((channel) => [costField(channel, money), amount().optional()])
    ),
    ...Object.fromEntries(SATISFACTION.map((answer) => [answer, count()])),
    startedTransactions: count(),
    completedTransactions: count(),
    notes: vine.string().multiline().trim().maxLength(2000).optional(),
  }
}

function messages(money: 'pounds' | 'pence') {
  const channelCount = (channel: Channel) => {
    const label = channelLabels[channel].toLowerCase()
    return countMessages(transactionField(channel), `${label} transactions`)
  }
  const moneyMessages = (field: string, what: string, required: boolean) =>
    money === 'pounds'
      ? {
          ...(required ? { [`${field}.required`]: `Enter the ${what} in pounds` } : {}),
          [`${field}.number`]: `Enter the ${what} in pounds as a number, like 12500 or 12500.50`,
          [`${field}.min`]: `The ${what} cannot be less than £0`,
          [`${field}.max`]: `The ${what} must be £10,000,000,000 or less`,
          [`${field}.decimal`]: `Enter the ${what} in pounds and pence, like 12500.50`,
        }
      : {
          ...(required ? { [`${field}.required`]: `Enter the ${what} in pence` } : {}),
          ...sameMessage(
            field,
            ['number', 'withoutDecimals'],
            `The ${what} must be a whole number of pence`
          ),
          [`${field}.min`]: `The ${what} cannot be less than 0`,
          [`${field}.max`]: `The ${what} must be 1,000,000,000,000 pence or less`,
        }
  return {
    ...Object.assign({}, ...CHANNELS.map(channelCount)),
    ...countMessages('totalTransactions', 'transactions in all'),
    ...moneyMessages(money === 'pounds' ? 'totalCost' : 'totalCostPence', 'total cost', true),
    ...Object.assign(
      {},
      ...CHANNELS.map((channel) =>
        moneyMessages(
          costField(channel, money),
          `cost of ${channelLabels[channel].toLowerCase()} transactions`,
          false
        )
      )
    ),
    ...Object.assign(
      {},
      ...SATISFACTION.map((answer: Satisfaction) =>
        countMessages(answer, `“${satisfactionLabels[answer]}” answers`)
      )
    ),
    ...countMessages('startedTransactions', 'transactions started'),
    ...countMessages('completedTransactions', 'transactions completed'),
    'notes.string': 'Enter the notes as text',
    'notes.maxLength': 'Notes must be 2,000 characters or fewer',
  }
}

function countMessages(field: string, what: string) {
  return {
    [`${field}.required`]: `Enter the number of ${what}, or 0`,
    ...sameMessage(
      field,
      ['number', 'withoutDecimals'],
      `The number of ${what} must be a whole number, like 1250`
    ),
    [`${field}.min`]: `The number of ${what} cannot be less than 0`,
    [`${field}.max`]: `The number of ${what} must be 2,000,000,000 or fewer`,
  }
}

/* The period form of a service's performance, money in pounds. */
export const performanceFormValidator = vine.create(fields('pounds'))
performanceFormValidator.messagesProvider = new FormMessages(messages('pounds'))

/* The body of `PUT /services/:id/performance/:period`, money in pence. */
export const apiPerformanceValidator = vine.create(fields('pence'))
apiPerformanceValidator.messagesProvider = new FormMessages(messages('pence'))

type PerformanceBody =
  Infer<typeof performanceFormValidator> | Infer<typeof apiPerformanceValidator>

/* What either validator gave, as a period's figures and its note. */
export function performanceInput(body: PerformanceBody, money: 'pounds' | 'pence') {
  const values = body as Record<string, number | string | undefined>
  const number = (field: string) => Number(values[field])
  const optional = (field: string) => (values[field] === undefined ? null : Number(values[field]))
  const figures: PerformanceFigures = {
    transactions: Object.fromEntries(
      CHANNELS.map((channel) => [channel, number(transactionField(channel))])
    ) as Record<Channel, number>,
    totalTransactions: number('totalTransactions'),
    totalCostPence: number(money === 'pounds' ? 'totalCost' : 'totalCostPence'),
    channelCostPence: Object.fromEntries(
      CHANNELS.map((channel) => [channel, optional(costField(channel, money))])
    ) as Record<Channel, number | null>,
    satisfaction: Object.fromEntries(
      SATISFACTION.map((answer) => [answer, number(answer)])
    ) as Record<Satisfaction, number>,
    startedTransactions: number('startedTransactions'),
    completedTransactions: number('completedTransactions'),
  }
  const notes = typeof values.notes === 'string' && values.notes !== '' ? values.notes : null
  return { figures, notes }
}

export type PerformanceInput = ReturnType<typeof performanceInput>

/* The CSV of figures chosen for an import. */
export const performanceFileValidator = csvUploadValidator(
  'performanceImport',
  ['csv', 'txt'],
  'Select a CSV file of performance figures'
)

/* The checked file, sent back from the preview to be applied. */
export const performanceImportApplyValidator = vine.create({
  // The file in base64: four characters for every three bytes.
  content: vine.string().maxLength(Math.ceil(UPLOADS.performanceImportApply.bytes / 3) * 4),
  fileName: vine.string().trim().maxLength(255).optional(),
})

performanceImportApplyValidator.messagesProvider = new FormMessages({
  ...sameMessage(
    'content',
    ['required', 'string'],
    'Upload the file again: the preview did not send it back'
  ),
  'content.maxLength': tooLargeMessage(UPLOADS.performanceImportApply.label),
})
