import vine from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import { gradeValues } from '#enums/grades'
import { professionValues } from '#enums/professions'
import {
  MAX_REQUIRED_PEOPLE,
  requirementAudienceValues,
  requirementDueValues,
  requirementStateValues,
} from '#enums/required_learning'
import { optionalDayFromParts } from '#validators/date_parts'
import { isoDay } from '#validators/fields'
import { pagingFields, pagingMessages } from '#validators/api'
import { FormMessages, idMessages, requiredIdMessages, sameMessage } from '#validators/messages'

const id = () => vine.number().withoutDecimals().positive()

/* The fields a learning requirement's form and the API's body share. */
const requirementFields = {
  courseId: id(),
  audienceKind: vine.enum(requirementAudienceValues),
  organisationId: id().optional().requiredWhen('audienceKind', '=', 'organisation'),
  grades: vine
    .array(vine.enum(gradeValues))
    .minLength(1)
    .distinct()
    .optional()
    .requiredWhen('audienceKind', '=', 'grade'),
  profession: vine
    .enum(professionValues)
    .optional()
    .requiredWhen('audienceKind', '=', 'profession'),
  roleProfileId: id().optional().requiredWhen('audienceKind', '=', 'role_profile'),
  dueKind: vine.enum(requirementDueValues),
  dueDays: vine
    .number()
    .withoutDecimals()
    .range([0, 3650])
    .optional()
    .requiredWhen('dueKind', '=', 'after_joining'),
  recurrenceMonths: vine.number().withoutDecimals().range([1, 240]).optional(),
}

const requirementMessages = {
  ...requiredIdMessages('courseId', 'Select the course that is required'),
  ...sameMessage('audienceKind', ['required', 'enum'], 'Select who the course is required of'),
  ...requiredIdMessages('organisationId', 'Select the organisation'),
  ...sameMessage(
    'grades',
    ['required', 'array', 'minLength'],
    'Select at least one grade the course is required of'
  ),
  'grades.distinct': 'Select each grade once',
  'grades.*.enum': 'Select grades from the list',
  ...sameMessage('profession', ['required', 'enum'], 'Select the profession'),
  ...requiredIdMessages('roleProfileId', 'Select the role'),
  ...sameMessage('dueKind', ['required', 'enum'], 'Select how the due date is set'),
  ...sameMessage(
    'dueDays',
    ['required', 'number', 'withoutDecimals'],
    'Enter the number of days after joining, like 90'
  ),
  'dueDays.range': 'The number of days must be from 0 to 3,650',
  ...sameMessage(
    'recurrenceMonths',
    ['number', 'withoutDecimals'],
    'Enter how many months until it is due again as a whole number, like 36'
  ),
  'recurrenceMonths.range': 'The months until it is due again must be from 1 to 240',
  'dueOn.required': 'Enter the date it is due by',
  'dueOn.date': 'Enter the date it is due by as yyyy-mm-dd, like 2027-03-31',
  'dueOn.dateRange': 'The due date must be between {{ earliest }} and {{ latest }}',
  'emails.required': 'Enter the e-mail addresses of the people it is required of',
  'emails.array': 'Enter the e-mail addresses of the people it is required of',
  'emails.minLength': 'Enter the e-mail addresses of the people it is required of',
  'emails.maxLength': `Enter at most ${MAX_REQUIRED_PEOPLE} e-mail addresses`,
  'emails.*.email': 'Enter each e-mail address in the correct format, like name@example.gov.uk',
  'emails.*.string': 'Enter each e-mail address as text',
  'emails.*.maxLength': 'Each e-mail address must be 254 characters or fewer',
}

const emailList = () =>
  vine
    .array(vine.string().trim().toLowerCase().email().maxLength(254))
    .minLength(1)
    .maxLength(MAX_REQUIRED_PEOPLE)
    .optional()
    .requiredWhen('audienceKind', '=', 'people')

/* The form: the due date as day, month and year, the people as lines of e-mail addresses. */
export const requirementFormValidator = vine.create({
  ...requirementFields,
  dueOn: optionalDayFromParts('The due date', '31 3 2027'),
  emails: vine
    .string()
    .multiline()
    .trim()
    .maxLength(MAX_REQUIRED_PEOPLE * 255)
    .optional()
    .requiredWhen('audienceKind', '=', 'people'),
})
requirementFormValidator.messagesProvider = new FormMessages({
  ...requirementMessages,
  'emails.string': 'Enter the e-mail addresses of the people it is required of',
  'emails.maxLength': `Enter at most ${MAX_REQUIRED_PEOPLE} e-mail addresses`,
})

/* A form's lines (or commas) of e-mail addresses as a list, blanks dropped. */
export function emailLines(text: string | undefined) {
  return (text ?? '')
    .split(/[\n,;]+/)
    .map((line) => line.trim().toLowerCase())
    .filter(Boolean)
}

/* The API's body: the due date as yyyy-mm-dd, the people as a list of e-mail addresses. */
export const requirementApiValidator = vine.create({
  ...requirementFields,
  dueOn: isoDay().optional().requiredWhen('dueKind', '=', 'fixed'),
  emails: emailList(),
})
requirementApiValidator.messagesProvider = new FormMessages(requirementMessages)

export type RequirementApiInput = Infer<typeof requirementApiValidator>

/* The compliance list's filters: a state, an organisation and the page. */
export const complianceFiltersValidator = vine.create({
  ...pagingFields,
  state: vine.enum(requirementStateValues).optional(),
  organisation: id().optional(),
})
complianceFiltersValidator.messagesProvider = new FormMessages({
  ...pagingMessages,
  'state.enum': 'Select a state from the list',
  ...idMessages('organisation', 'Select an organisation from the list'),
})

/* Why a requirement is withdrawn is not asked: withdrawing needs only the confirmation. */
