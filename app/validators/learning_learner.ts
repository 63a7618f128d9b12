import vine from '@vinejs/vine'
import { DateTime } from 'luxon'
import { FormMessages, sameMessage } from '#validators/messages'
import { pagingFields, pagingMessages } from '#validators/api'
import { dateFromParts, type DateParts } from '#validators/date_parts'
import { EnrolmentStatuses } from '#enums/learning'
import { UK_ZONE } from '#domain/shared/uk_time'

/* A note to the line manager with a request for a place. */
const enrolFields = {
  note: vine.string().multiline().trim().maxLength(1000).optional(),
}

export const enrolValidator = vine.create(enrolFields)

enrolValidator.messagesProvider = new FormMessages({
  'note.string': 'Enter the note to your line manager as text',
  'note.maxLength': 'The note to your line manager must be 1,000 characters or fewer',
})

/* Why a learner gives up a request, booking or waiting-list place. */
const cancelFields = {
  reason: vine.string().multiline().trim().minLength(1).maxLength(500),
}

export const cancelEnrolmentValidator = vine.create(cancelFields)

cancelEnrolmentValidator.messagesProvider = new FormMessages({
  'reason.required': 'Enter why you are cancelling',
  'reason.string': 'Enter why you are cancelling as text',
  'reason.minLength': 'Enter why you are cancelling',
  'reason.maxLength': 'The reason must be 500 characters or fewer',
})

/* A line manager's decision on one request; a decline's reason is checked by the action. */
export const decisionValidator = vine.create({
  decision: vine.enum(['approve', 'decline'] as const),
  reason: vine.string().multiline().trim().maxLength(500).optional(),
})

decisionValidator.messagesProvider = new FormMessages({
  ...sameMessage(
    'decision',
    ['required', 'enum'],
    'Choose whether to approve or decline the request'
  ),
  'reason.string': 'Enter the reason for declining as text',
  'reason.maxLength': 'The reason for declining must be 500 characters or fewer',
})

export type { DateParts } from '#validators/date_parts'

const DATE_LABEL = 'The date you completed it'

/*
 * Reads a GOV.UK-style date (day, month and year typed separately) and says
 * what is wrong with it, in the words the form shows. The date must be a
 * real one, today or earlier in UK time.
 */
export function completedDate(
  parts: DateParts | null | undefined,
  now = DateTime.now()
): { date: DateTime } | { error: string } {
  const day = String(parts?.day ?? '').trim()
  const month = String(parts?.month ?? '').trim()
  const year = String(parts?.year ?? '').trim()
  const read = dateFromParts({ day, month, year }, DATE_LABEL, '27 3 2024')
  if (!read) return { error: 'Enter the date you completed it' }
  if ('error' in read) return read
  const { date } = read
  if (date.toISODate()! > now.setZone(UK_ZONE).toISODate()!) {
    return { error: `${DATE_LABEL} must be today or in the past` }
  }
  if (date.year < 1950) return { error: `${DATE_LABEL} must be after 1950` }
  return { date }
}

const realPastDate = vine.createRule((value, _options, field) => {
  const result = completedDate(value as DateParts)
  if ('error' in result) field.report(result.error, 'completedDate', field)
})

const optionalText = (max: number) => vine.string().trim().maxLength(max).optional()
const datePart = () => vine.string().trim().optional()

/* Learning done outside the service, declared by the learner. */
export const declareLearningValidator = vine.create({
  title: vine.string().trim().minLength(1).maxLength(200),
  providerName: optionalText(200),
  completedOn: vine
    .object({ day: datePart(), month: datePart(), year: datePart() })
    .use(realPastDate()),
  evidenceUrl: vine
    .string()
    .trim()
    .maxLength(500)
    .url({ protocols: ['https'], require_protocol: true, require_tld: true })
    .optional(),
})

declareLearningValidator.messagesProvider = new FormMessages({
  ...sameMessage('title', ['required', 'minLength'], 'Enter the title of the learning'),
  'title.maxLength': 'The title must be 200 characters or fewer',
  'providerName.maxLength': 'The provider’s name must be 200 characters or fewer',
  'completedOn.required': 'Enter the date you completed it',
  'completedOn.object': 'Enter the date you completed it as a day, month and year',
  'evidenceUrl.url': 'Enter the evidence link as a full web address, starting https://',
  'evidenceUrl.maxLength': 'The evidence link must be 500 characters or fewer',
})

/* The API's list of the caller's enrolments: paging and a status filter. */
export const myEnrolmentsQueryValidator = vine.create({
  ...pagingFields,
  status: vine.enum(Object.values(EnrolmentStatuses)).optional(),
})

myEnrolmentsQueryValidator.messagesProvider = new FormMessages({
  ...pagingMessages,
  'status.enum': `status must be one of ${Object.values(EnrolmentStatuses).join(', ')}`,
})

/* The API's enrolment body: an optional note for the line manager. */
export const apiEnrolValidator = vine.create(enrolFields)

apiEnrolValidator.messagesProvider = new FormMessages({
  'note.string': 'note must be text',
  'note.maxLength': 'note must be 1000 characters or fewer',
})

/* The API's cancellation body: a reason is required. */
export const apiCancelValidator = vine.create(cancelFields)

apiCancelValidator.messagesProvider = new FormMessages({
  'reason.required': 'Give a reason for cancelling',
  'reason.string': 'reason must be text',
  'reason.minLength': 'Give a reason for cancelling',
  'reason.maxLength': 'reason must be 500 characters or fewer',
})
