import vine from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import { FormMessages, idMessages, requiredIdMessages, sameMessage } from '#validators/messages'
import { listPage, listPageMessages } from '#validators/fields'
import { planStatusValues } from '#enums/workforce'

/* The largest number a plan line may hold. */
export const PLAN_NUMBER_MAX = 100_000

/* The plan list's filters, read from the query string (blank ones removed first). */
export const planFiltersValidator = vine.create({
  organisation: vine.number().withoutDecimals().positive().optional(),
  year: vine.number().withoutDecimals().range([2000, 2100]).optional(),
  status: vine.enum(planStatusValues).optional(),
  page: listPage(),
})

planFiltersValidator.messagesProvider = new FormMessages({
  ...idMessages('organisation', 'Select an organisation from the list'),
  ...sameMessage(
    'year',
    ['number', 'withoutDecimals', 'range'],
    'Select a financial year from the list'
  ),
  'status.enum': 'Select a status from the list',
  ...listPageMessages,
})

/* Starting a plan: which organisation, which year, and whether to copy last year's. */
export const startPlanValidator = vine.create({
  organisationId: vine.number().withoutDecimals().positive(),
  financialYear: vine.number().withoutDecimals().range([2000, 2100]),
  copyPrevious: vine.boolean().optional(),
})

startPlanValidator.messagesProvider = new FormMessages({
  ...requiredIdMessages('organisationId', 'Select the organisation the plan is for'),
  ...sameMessage(
    'financialYear',
    ['required', 'number', 'withoutDecimals', 'range'],
    'Select the financial year the plan is for'
  ),
  'copyPrevious.boolean': 'Select whether to copy last year’s plan',
})

/* Adding a role profile to a plan. */
export const addPlanLineValidator = vine.create({
  roleProfileId: vine.number().withoutDecimals().positive(),
})

addPlanLineValidator.messagesProvider = new FormMessages({
  ...requiredIdMessages('roleProfileId', 'Select a role profile to add to the plan'),
})

/* A capability admin returning a plan says what needs to change. */
export const returnPlanValidator = vine.create({
  comment: vine.string().multiline().trim().minLength(1).maxLength(2000),
})

returnPlanValidator.messagesProvider = new FormMessages({
  ...sameMessage(
    'comment',
    ['required', 'string', 'minLength'],
    'Enter what needs to change before the plan can be approved'
  ),
  'comment.maxLength': 'The comment must be 2000 characters or fewer',
})

const count = () => vine.number().withoutDecimals().range([0, PLAN_NUMBER_MAX])

/*
 * The numbers of every line on the "Posts and people" page, keyed "l<line id>"
 * (a letter first, so the body parser keeps them as keys, not array slots).
 * A blank in-post figure means "count it"; a figure needs a reason.
 */
export const planNumbersValidator = vine.create({
  lines: vine.record(
    vine.object({
      postsNeeded: count(),
      inPostOverride: count().optional(),
      overrideReason: vine
        .string()
        .multiline()
        .trim()
        .maxLength(500)
        .optional()
        .requiredIfExists('inPostOverride'),
      plannedToRecruit: count(),
      plannedToTrain: count(),
    })
  ),
})

/* Each line's numbers as typed, keyed by planLineKey. */
export type PlanNumbersInput = Infer<typeof planNumbersValidator>['lines']

const numberFields = {
  postsNeeded: 'the number of posts needed',
  inPostOverride: 'the number in post',
  plannedToRecruit: 'the number planned to recruit',
  plannedToTrain: 'the number planned to train',
} as const

/* Messages that name each line's role profile ("…for Product manager…"). */
export function planNumbersMessages(lines: { id: number; roleProfile: { name: string } }[]) {
  const messages: Record<string, string> = {}
  for (const line of lines) {
    const prefix = `lines.${planLineKey(line.id)}`
    const name = line.roleProfile.name
    for (const [field, words] of Object.entries(numberFields)) {
      const wholeNumber = `Enter ${words} for ${name} as a whole number`
      messages[`${prefix}.${field}.required`] = `Enter ${words} for ${name}`
      messages[`${prefix}.${field}.number`] = wholeNumber
      messages[`${prefix}.${field}.withoutDecimals`] = wholeNumber
      messages[`${prefix}.${field}.range`] =
        `Enter ${words} for ${name} as a whole number from 0 to ${PLAN_NUMBER_MAX}`
    }
    messages[`${prefix}.overrideReason.required`] =
      `Enter why the number in post for ${name} differs from the count of people`
    messages[`${prefix}.overrideReason.requiredIfExists`] =
      messages[`${prefix}.overrideReason.required`]
    messages[`${prefix}.overrideReason.string`] = messages[`${prefix}.overrideReason.required`]
    messages[`${prefix}.overrideReason.maxLength`] =
      `The reason for ${name} must be 500 characters or fewer`
  }
  return new FormMessages(messages)
}

/* The form key of one plan line. */
export function planLineKey(lineId: number) {
  return `l${lineId}`
}
