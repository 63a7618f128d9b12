import vine from '@vinejs/vine'
import { DateTime } from 'luxon'
import { FormMessages, requiredIdMessages, sameMessage } from '#validators/messages'
import { planItemStatusValues } from '#enums/capability'
import { outOfBounds } from '#validators/date_bounds'
import { dateFromParts, type DateParts } from '#validators/date_parts'
import { UK_ZONE } from '#domain/shared/uk_time'

const DATE_LABEL = 'The due date'

export type DueDateParts = DateParts

/*
 * Reads a plan item's due date: GOV.UK day, month and year typed separately,
 * or "yyyy-mm-dd" from the API. No date at all is allowed; otherwise it must
 * be a real date, today or later in UK time, and at most ten years ahead.
 */
export function dueDate(
  input: DueDateParts | string | null | undefined,
  now = DateTime.now()
): { date: DateTime | null } | { error: string } {
  let day: string
  let month: string
  let year: string
  if (typeof input === 'string') {
    const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(input.trim())
    if (!input.trim()) return { date: null }
    if (!match) return { error: `${DATE_LABEL} must be a real date, like 2027-03-27` }
    ;[, year, month, day] = match
  } else {
    day = String(input?.day ?? '').trim()
    month = String(input?.month ?? '').trim()
    year = String(input?.year ?? '').trim()
  }
  const read = dateFromParts({ day, month, year }, DATE_LABEL, '27 3 2027')
  if (!read) return { date: null }
  if ('error' in read) return read
  const { date } = read
  if (date.toISODate()! < now.setZone(UK_ZONE).toISODate()!) {
    return { error: `${DATE_LABEL} must be today or in the future` }
  }
  const bounds = outOfBounds(date, 'day', now)
  if (bounds) return { error: `${DATE_LABEL} must be ${bounds.latest} or earlier` }
  return { date }
}

const realDueDate = vine.createRule((value, _options, field) => {
  const result = dueDate(value as DueDateParts | string)
  if ('error' in result) field.report(result.error, 'dueDate', field)
})

const datePart = () => vine.string().trim().optional()

const itemFields = {
  kind: vine.enum(['skill', 'course'] as const),
  skillId: vine.number().withoutDecimals().positive().optional().requiredWhen('kind', '=', 'skill'),
  targetLevel: vine
    .number()
    .withoutDecimals()
    .range([1, 4])
    .optional()
    .requiredWhen('kind', '=', 'skill'),
  courseId: vine
    .number()
    .withoutDecimals()
    .positive()
    .optional()
    .requiredWhen('kind', '=', 'course'),
}

const itemMessages = {
  ...sameMessage('kind', ['required', 'enum'], 'Select whether the item is a skill or a course'),
  ...requiredIdMessages('skillId', 'Select the skill you want to develop'),
  ...sameMessage(
    'targetLevel',
    ['required', 'number', 'withoutDecimals', 'range'],
    'Select the level you want to reach'
  ),
  ...requiredIdMessages('courseId', 'Select the course'),
  'dueOn.object': 'Enter the due date as a day, month and year',
  'dueOn.string': 'Enter the due date as text, like 2027-03-27',
}

/* A new plan item from the plan page, or in one click from the gap view. */
export const planItemValidator = vine.create({
  ...itemFields,
  dueOn: vine
    .object({ day: datePart(), month: datePart(), year: datePart() })
    .use(realDueDate())
    .optional(),
  returnTo: vine.enum(['plan', 'gaps', 'gaps-target'] as const).optional(),
})

planItemValidator.messagesProvider = new FormMessages(itemMessages)

/* A new plan item through the API; the due date as yyyy-mm-dd. */
export const apiPlanItemValidator = vine.create({
  ...itemFields,
  dueOn: vine.string().trim().use(realDueDate()).optional(),
})

apiPlanItemValidator.messagesProvider = new FormMessages(itemMessages)

/* A plan item's new status. */
export const planStatusValidator = vine.create({
  status: vine.enum(planItemStatusValues),
})

planStatusValidator.messagesProvider = new FormMessages({
  ...sameMessage('status', ['required', 'enum'], 'Select the status of the item'),
})
