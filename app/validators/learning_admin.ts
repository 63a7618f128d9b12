import vine from '@vinejs/vine'
import { DateTime } from 'luxon'
import type { FieldContext, Infer } from '@vinejs/vine/types'
import { FormMessages, idMessages, sameMessage } from '#validators/messages'
import { reportOutOfBounds } from '#validators/date_bounds'
import {
  datePartsBlank,
  instantDayFromParts,
  optionalInstantDayFromParts,
} from '#validators/date_parts'
import {
  LINKED_MODULE_KINDS,
  audienceKindValues,
  courseDeliveryValues,
  courseModeValues,
  courseStatusValues,
} from '#enums/learning'
import { UK_ZONE } from '#domain/shared/uk_time'

/* "£1,250.50" as typed into a form becomes "1250.50"; anything else passes unchanged. */
const poundsText = (value: unknown) =>
  typeof value === 'string' ? value.trim().replace(/^£/, '').replace(/,/g, '') : value

/* A clock time typed as 09:30, 9:30 or 9.30, made into 09:30. */
const clockTime = vine.createRule((value: unknown, _options: undefined, field: FieldContext) => {
  if (typeof value !== 'string') return
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(value.trim())
  const hours = match ? Number(match[1]) : Number.NaN
  const minutes = match ? Number(match[2]) : Number.NaN
  if (!(hours >= 0 && hours <= 23 && minutes >= 0 && minutes <= 59)) {
    field.report('Enter the {{ field }} in 24-hour format, like 09:30', 'clockTime', field)
    return
  }
  field.mutate(`${String(hours).padStart(2, '0')}:${match![2]}`, field)
})

/* An ISO 8601 date and time; without an offset it is read as UK time. */
const isoDateTime = vine.createRule((value: unknown, _options: undefined, field: FieldContext) => {
  if (typeof value !== 'string') return
  const parsed = DateTime.fromISO(value.trim(), { zone: UK_ZONE })
  if (!/T\d{2}:\d{2}/.test(value) || !parsed.isValid) {
    field.report('{{ field }} must be an ISO 8601 date and time', 'isoDateTime', field)
    return
  }
  if (reportOutOfBounds(parsed, 'instant', field)) return
  field.mutate(value.trim(), field)
})

/* A short code of letters, numbers and hyphens, as courses and providers are known by. */
const shortCode = () =>
  vine
    .string()
    .trim()
    .minLength(2)
    .maxLength(32)
    .regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/)

const courseFields = {
  code: shortCode(),
  title: vine.string().trim().minLength(2).maxLength(200),
  summary: vine.string().multiline().trim().minLength(1).maxLength(5000),
  provider: vine.number().withoutDecimals().positive().optional(),
  mode: vine.enum(courseModeValues),
  delivery: vine.enum(courseDeliveryValues).optional(),
  validityMonths: vine.number().withoutDecimals().range([1, 240]).optional(),
  status: vine.enum(courseStatusValues),
  requiresApproval: vine.boolean(),
  durationHours: vine.number().positive().max(1000).decimal([0, 2]),
  cost: vine.number().parse(poundsText).min(0).max(100000).decimal([0, 2]),
}

const courseMessages = {
  ...sameMessage('code', ['required', 'string'], 'Enter a course code'),
  'code.minLength': 'The course code must be 2 characters or more',
  'code.maxLength': 'The course code must be 32 characters or fewer',
  'code.regex': 'The course code can only contain letters, numbers and hyphens, like AGILE-101',
  ...sameMessage('title', ['required', 'string'], 'Enter a course title'),
  'title.minLength': 'The course title must be 2 characters or more',
  'title.maxLength': 'The course title must be 200 characters or fewer',
  ...sameMessage('summary', ['required', 'string', 'minLength'], 'Enter a summary of the course'),
  'summary.maxLength': 'The summary must be 5,000 characters or fewer',
  ...idMessages('provider', 'Select a provider from the list'),
  'mode.required': 'Select how the course is delivered',
  'mode.enum': 'Select classroom, online or blended',
  'delivery.enum': 'Select in scheduled sessions or self-paced online',
  ...sameMessage(
    'validityMonths',
    ['number', 'withoutDecimals'],
    'Enter how many months a completion stays valid as a whole number, like 36'
  ),
  'validityMonths.range': 'A completion must stay valid for 1 to 240 months',
  'status.required': 'Select the course status',
  'status.enum': 'Select draft, published or archived',
  'requiresApproval.required': 'Select yes if learners need their line manager’s approval',
  'requiresApproval.boolean': 'Select yes or no for line manager approval',
  'durationHours.required': 'Enter the length of the course in hours',
  'durationHours.number': 'Enter the length in hours as a number, like 7 or 3.5',
  'durationHours.positive': 'The length must be more than 0 hours',
  'durationHours.max': 'The length must be 1,000 hours or fewer',
  'durationHours.decimal': 'Enter the length in hours with no more than 2 decimal places',
  'cost.required': 'Enter the cost in pounds, or 0 if the course is free',
  'cost.number': 'Enter the cost in pounds as a number, like 450 or 99.50',
  'cost.min': 'The cost cannot be less than £0',
  'cost.max': 'The cost must be £100,000 or less',
  'cost.decimal': 'Enter the cost in pounds and pence, like 99.50',
}

/* What the course form and the API's course body may send. */
export const courseValidator = vine.create(courseFields)
courseValidator.messagesProvider = new FormMessages(courseMessages)

const placeFields = {
  venue: vine.string().trim().maxLength(200).optional(),
  accessibilityNotes: vine.string().trim().maxLength(1000).optional(),
  location: vine.string().trim().maxLength(120).optional(),
  onlineUrl: vine
    .string()
    .trim()
    .maxLength(500)
    .url({ require_protocol: true, protocols: ['https'] })
    .optional(),
  capacity: vine.number().withoutDecimals().min(1).max(10000),
}

const placeMessages = {
  'venue.maxLength': 'The venue must be 200 characters or fewer',
  'accessibilityNotes.maxLength': 'The accessibility notes must be 1,000 characters or fewer',
  'location.maxLength': 'The town or city must be 120 characters or fewer',
  'onlineUrl.url': 'Enter the online link as a full web address, starting https://',
  'onlineUrl.maxLength': 'The online link must be 500 characters or fewer',
  'capacity.required': 'Enter the number of places',
  ...sameMessage(
    'capacity',
    ['number', 'withoutDecimals'],
    'Enter the capacity as a whole number, like 12'
  ),
  'capacity.min': 'Capacity must be at least 1',
  'capacity.max': 'Capacity must be 10,000 or fewer',
}

/*
 * What the session form may send: dates and times in UK time, each in a
 * field of its own. The end date may be left blank for a session that ends
 * the day it starts; booking closes a day before the start when both of its
 * fields are left blank.
 */
export const sessionFormValidator = vine.create({
  startDate: instantDayFromParts('The start date', '27 3 2026'),
  startTime: vine.string().use(clockTime()),
  endDate: optionalInstantDayFromParts('The end date', '27 3 2026'),
  endTime: vine.string().use(clockTime()),
  closesDate: optionalInstantDayFromParts('The date booking closes', '26 3 2026', 'closesTime'),
  closesTime: vine
    .string()
    .use(clockTime())
    .optional()
    .requiredWhen((field) => !datePartsBlank(field.parent.closesDate)),
  ...placeFields,
})

sessionFormValidator.messagesProvider = new FormMessages({
  'startDate.required': 'Enter the date the session starts',
  'startDate.dateRange': 'The start date must be between {{ earliest }} and {{ latest }}',
  'startTime.required': 'Enter the time the session starts',
  'startTime.clockTime': 'Enter the start time in 24-hour format, like 09:30',
  'endDate.dateRange': 'The end date must be between {{ earliest }} and {{ latest }}',
  'endTime.required': 'Enter the time the session ends',
  'endTime.clockTime': 'Enter the end time in 24-hour format, like 16:30',
  'closesDate.required': 'Enter the date booking closes, or leave the date and time blank',
  'closesDate.dateRange': 'The date booking closes must be between {{ earliest }} and {{ latest }}',
  'closesTime.required': 'Enter the time booking closes, or leave the date and time blank',
  'closesTime.clockTime': 'Enter the time booking closes in 24-hour format, like 17:00',
  ...placeMessages,
})

/* Where a session is held and how many it takes, as the session form and the API's body give them. */
type SessionPlaceFields = Pick<Infer<typeof sessionApiValidator>, keyof typeof placeFields>

/*
 * A session as the actions take it: its instants in UTC, and its place
 * with each field left blank as null. Typed from the validators, so a
 * field added to the place is carried through without another type.
 */
export type SessionInput = {
  [Field in keyof SessionPlaceFields]-?: undefined extends SessionPlaceFields[Field]
    ? Exclude<SessionPlaceFields[Field], undefined> | null
    : SessionPlaceFields[Field]
} & {
  startsAt: DateTime
  endsAt: DateTime
  /* Null: booking closes a day before the start. */
  bookingClosesAt: DateTime | null
}

/* The place fields of a form or body, each left blank (or out) as null. */
function placeOf(fields: SessionPlaceFields) {
  return Object.fromEntries(
    Object.keys(placeFields).map((key) => {
      const value = fields[key as keyof SessionPlaceFields]
      return [key, value === undefined || value === '' ? null : value]
    })
  ) as Omit<SessionInput, 'startsAt' | 'endsAt' | 'bookingClosesAt'>
}

/* The session form's fields as a session: UK wall-clock times made into UTC instants. */
export function sessionFromForm(form: Infer<typeof sessionFormValidator>): SessionInput {
  const at = (date: string, time: string) =>
    DateTime.fromISO(`${date}T${time}`, { zone: UK_ZONE }).toUTC()
  return {
    ...placeOf(form),
    startsAt: at(form.startDate, form.startTime),
    endsAt: at(form.endDate ?? form.startDate, form.endTime),
    bookingClosesAt:
      form.closesDate && form.closesTime ? at(form.closesDate, form.closesTime) : null,
  }
}

/* The session form field each of the session rules' messages belongs under. */
export const sessionFormFields = {
  startsAt: 'startDate',
  endsAt: 'endTime',
  bookingClosesAt: 'closesDate',
  venue: 'venue',
  capacity: 'capacity',
} as const

/* What the API's session body may send: ISO 8601 instants. */
export const sessionApiValidator = vine.create({
  startsAt: vine.string().use(isoDateTime()),
  endsAt: vine.string().use(isoDateTime()),
  bookingClosesAt: vine.string().use(isoDateTime()).optional(),
  ...placeFields,
})

sessionApiValidator.messagesProvider = new FormMessages({
  'startsAt.required': 'Give startsAt: when the session starts, in ISO 8601',
  'startsAt.isoDateTime': 'startsAt must be an ISO 8601 date and time, like 2026-03-27T09:30:00Z',
  'startsAt.dateRange': 'startsAt must be between {{ earliest }} and {{ latest }}, UK time',
  'endsAt.required': 'Give endsAt: when the session ends, in ISO 8601',
  'endsAt.isoDateTime': 'endsAt must be an ISO 8601 date and time, like 2026-03-27T16:30:00Z',
  'endsAt.dateRange': 'endsAt must be between {{ earliest }} and {{ latest }}, UK time',
  'bookingClosesAt.isoDateTime':
    'bookingClosesAt must be an ISO 8601 date and time, like 2026-03-26T17:00:00Z',
  'bookingClosesAt.dateRange':
    'bookingClosesAt must be between {{ earliest }} and {{ latest }}, UK time',
  ...placeMessages,
})

/* The API's session body as a session. */
export function sessionFromApi(body: Infer<typeof sessionApiValidator>): SessionInput {
  const at = (value: string) => DateTime.fromISO(value, { zone: UK_ZONE }).toUTC()
  return {
    ...placeOf(body),
    startsAt: at(body.startsAt),
    endsAt: at(body.endsAt),
    bookingClosesAt: body.bookingClosesAt ? at(body.bookingClosesAt) : null,
  }
}

/* A reason, for cancelling a session or a booking. */
export const cancellationValidator = vine.create({
  reason: vine.string().multiline().trim().minLength(1).maxLength(500),
})

cancellationValidator.messagesProvider = new FormMessages({
  ...sameMessage('reason', ['required', 'string', 'minLength'], 'Enter the reason for cancelling'),
  'reason.maxLength': 'The reason must be 500 characters or fewer',
})

/* Which attendance a roster button records. */
export const attendanceValidator = vine.create({
  mark: vine.enum(['attended', 'no_show', 'completed'] as const),
})

attendanceValidator.messagesProvider = new FormMessages({
  ...sameMessage('mark', ['required', 'enum'], 'Choose attended, no-show or completed'),
})

const LEVEL_RANGE = 'Select Awareness, Working, Practitioner or Expert'

const outcomeLevelMessages = {
  'level.required': 'Select the level the course brings learners to',
  ...sameMessage('level', ['number', 'withoutDecimals', 'range'], LEVEL_RANGE),
}

/* What the form adding a skill the course builds may send. */
export const courseOutcomeValidator = vine.create({
  skillId: vine.number().withoutDecimals().positive(),
  level: vine.number().withoutDecimals().range([1, 4]),
})

courseOutcomeValidator.messagesProvider = new FormMessages({
  'skillId.required': 'Select a skill',
  ...idMessages('skillId', 'Select a skill from the list'),
  ...outcomeLevelMessages,
})

/* What the form changing an outcome's level may send. */
export const outcomeLevelValidator = vine.create({
  level: vine.number().withoutDecimals().range([1, 4]),
})

outcomeLevelValidator.messagesProvider = new FormMessages(outcomeLevelMessages)

/* What the form adding a role profile the course is for may send. */
export const courseAudienceValidator = vine.create({
  roleProfileId: vine.number().withoutDecimals().positive(),
  kind: vine.enum(audienceKindValues),
})

courseAudienceValidator.messagesProvider = new FormMessages({
  'roleProfileId.required': 'Select a role',
  ...idMessages('roleProfileId', 'Select a role from the list'),
  ...sameMessage('kind', ['required', 'enum'], 'Select mandatory or recommended'),
})

/* What the capability admins' form adding a provider may send. */
export const providerValidator = vine.create({
  code: shortCode(),
  name: vine.string().trim().minLength(2).maxLength(200),
})

providerValidator.messagesProvider = new FormMessages({
  ...sameMessage('code', ['required', 'string'], 'Enter a short code for the provider'),
  'code.minLength': 'The provider code must be 2 characters or more',
  'code.maxLength': 'The provider code must be 32 characters or fewer',
  'code.regex': 'The provider code can only contain letters, numbers and hyphens',
  ...sameMessage('name', ['required', 'string'], 'Enter the provider’s name'),
  'name.minLength': 'The provider’s name must be 2 characters or more',
  'name.maxLength': 'The provider’s name must be 200 characters or fewer',
})

/* What the form linking a course admin to a provider may send. */
export const providerAdminValidator = vine.create({
  email: vine.string().trim().email().maxLength(254),
})

providerAdminValidator.messagesProvider = new FormMessages({
  ...sameMessage('email', ['required', 'string'], 'Enter the course admin’s email address'),
  'email.email': 'Enter an email address in the correct format, like name@example.gov.uk',
  'email.maxLength': 'The email address must be 254 characters or fewer',
})

/*
 * A self-paced course's link, document or video module, from the module
 * form. Its fields are named apart from the course form's and the role
 * form's, which share the course's edit page with it.
 */
export const courseModuleValidator = vine.create({
  moduleTitle: vine.string().trim().minLength(2).maxLength(200),
  moduleKind: vine.enum(LINKED_MODULE_KINDS),
  moduleUrl: vine
    .string()
    .trim()
    .maxLength(500)
    .url({ require_protocol: true, protocols: ['https'] }),
  moduleRequired: vine.boolean(),
})

courseModuleValidator.messagesProvider = new FormMessages({
  ...sameMessage('moduleTitle', ['required', 'string'], 'Enter a title for the module'),
  'moduleTitle.minLength': 'The module title must be 2 characters or more',
  'moduleTitle.maxLength': 'The module title must be 200 characters or fewer',
  'moduleKind.required': 'Select whether the module is a link, a document or a video',
  'moduleKind.enum': 'Select link, document or video',
  ...sameMessage('moduleUrl', ['required', 'string'], 'Enter the module’s web address'),
  'moduleUrl.url': 'Enter the web address in full, starting https://',
  'moduleUrl.maxLength': 'The web address must be 500 characters or fewer',
  'moduleRequired.required':
    'Select yes if learners must finish this module to complete the course',
  'moduleRequired.boolean': 'Select yes or no for whether the module is required',
})

/* Which way a module moves in its course's order. */
export const moduleMoveValidator = vine.create({
  direction: vine.enum(['up', 'down'] as const),
})

moduleMoveValidator.messagesProvider = new FormMessages({
  'direction.required': 'Select whether to move the module up or down',
  'direction.enum': 'Select whether to move the module up or down',
})
