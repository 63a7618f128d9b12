import vine from '@vinejs/vine'
import { DateTime } from 'luxon'
import type { FieldContext, Infer } from '@vinejs/vine/types'
import type PlacementRound from '#models/placement_round'
import { FormMessages, fieldMessages, requiredIdMessages, sameMessage } from '#validators/messages'
import { recordId } from '#validators/fields'
import { dayFromParts, optionalDayFromParts } from '#validators/date_parts'
import { reportOutOfBounds } from '#validators/date_bounds'
import { tooLargeMessage, UPLOADS } from '#services/uploads'
import { csvUploadValidator } from '#validators/csv_upload'
import { clearanceValues, programmeValues } from '#enums/fast_stream'
import { UK_ZONE, UkFormats } from '#domain/shared/uk_time'

/* A UK date and time typed as 2026-03-27T09:30 (a datetime input) or 2026-03-27 09:30. */
const ukDateTime = vine.createRule((value: unknown, _options: undefined, field: FieldContext) => {
  if (typeof value !== 'string') return
  const match = /^(\d{4}-\d{1,2}-\d{1,2})[T\s]+(\d{1,2}[:.]\d{2})(?::\d{2})?$/.exec(value.trim())
  const parsed = match
    ? DateTime.fromFormat(`${match[1]} ${match[2].replace('.', ':')}`, 'yyyy-M-d H:mm', {
        zone: UK_ZONE,
      })
    : null
  if (!parsed?.isValid) {
    field.report('Enter the {{ field }} as a real date and time', 'ukDateTime', field)
    return
  }
  if (reportOutOfBounds(parsed, 'instant', field)) return
  field.mutate(parsed.toFormat(UkFormats.dateTimeField), field)
})

/* The UK date and time the round form sent, as an instant. */
export function fromUkDateTime(value: string) {
  return DateTime.fromISO(value, { zone: UK_ZONE }).toUTC()
}

/* An instant as the round form shows it: UK wall-clock time for a datetime input. */
export function toUkDateTime(value: DateTime) {
  return value.setZone(UK_ZONE).toFormat(UkFormats.dateTimeField)
}

/* A scheme: its name, unique, what it is, and (when added) its programme, the Fast Stream unless given. */
export const schemeValidator = vine.create({
  name: vine.string().trim().minLength(2).maxLength(120),
  description: vine.string().multiline().trim().maxLength(2000).optional(),
  programme: vine.enum(programmeValues).optional(),
})

schemeValidator.messagesProvider = new FormMessages({
  ...sameMessage('name', ['required', 'string'], 'Enter the name of the scheme'),
  'name.minLength': 'The scheme name must be 2 characters or more',
  'name.maxLength': 'The scheme name must be 120 characters or fewer',
  'description.maxLength': 'The description must be 2,000 characters or fewer',
  'programme.enum': 'Select the programme: the Fast Stream or the Future Leaders Scheme',
})

/* A cohort: its name, unique, and the year its entrants started. */
export const cohortValidator = vine.create({
  name: vine.string().trim().minLength(2).maxLength(120),
  intakeYear: vine.number().withoutDecimals().range([2000, 2100]),
})

cohortValidator.messagesProvider = new FormMessages({
  ...sameMessage('name', ['required', 'string'], 'Enter the name of the cohort'),
  'name.minLength': 'The cohort name must be 2 characters or more',
  'name.maxLength': 'The cohort name must be 120 characters or fewer',
  'intakeYear.required': 'Enter the intake year',
  ...sameMessage(
    'intakeYear',
    ['number', 'withoutDecimals'],
    'Enter the intake year as a year, like 2013'
  ),
  'intakeYear.range': 'The intake year must be between 2000 and 2100',
})

const entrantFields = {
  schemeId: recordId(),
  cohortId: recordId(),
  clearance: vine.enum(clearanceValues),
  startedOn: dayFromParts('The start date', '2 9 2013'),
  locations: vine.string().trim().maxLength(255).optional(),
}

const entrantMessages = {
  ...sameMessage(
    'email',
    ['required', 'string'],
    'Enter the e-mail address of the person joining the Fast Stream'
  ),
  'email.email': 'Enter an e-mail address in the correct format, like name@example.gov.uk',
  'email.maxLength': 'The e-mail address must be 254 characters or fewer',
  ...requiredIdMessages('schemeId', 'Select the entrant’s scheme'),
  ...requiredIdMessages('cohortId', 'Select the entrant’s cohort'),
  ...sameMessage(
    'clearance',
    ['required', 'enum'],
    'Select the security clearance the entrant holds'
  ),
  'startedOn.required': 'Enter the date the entrant started on the Fast Stream',
  'startedOn.dateRange': 'The start date must be between {{ earliest }} and {{ latest }}',
  'locations.maxLength': 'Location preferences must be 255 characters or fewer',
}

/* A new entrant: an existing person, found by e-mail, with their scheme and cohort. */
export const entrantCreateValidator = vine.create({
  email: vine.string().trim().email().maxLength(254).normalizeEmail({ all_lowercase: true }),
  ...entrantFields,
})
entrantCreateValidator.messagesProvider = new FormMessages(entrantMessages)

/* Changes to an entrant; the person stays the same. */
export const entrantUpdateValidator = vine.create(entrantFields)
entrantUpdateValidator.messagesProvider = new FormMessages(entrantMessages)

/* One posting of an entrant's history, recorded by the Fast Stream team. */
export const postingValidator = vine.create({
  organisationId: recordId(),
  teamName: vine.string().trim().maxLength(200).optional(),
  title: vine.string().trim().minLength(2).maxLength(200),
  startsOn: dayFromParts('The start date', '3 3 2014'),
  endsOn: optionalDayFromParts('The end date', '29 8 2014'),
  isDigital: vine.boolean().optional(),
})

postingValidator.messagesProvider = new FormMessages({
  ...requiredIdMessages('organisationId', 'Select the organisation of the posting'),
  'teamName.maxLength': 'The team name must be 200 characters or fewer',
  ...sameMessage('title', ['required', 'string'], 'Enter the title of the posting'),
  'title.minLength': 'The title must be 2 characters or more',
  'title.maxLength': 'The title must be 200 characters or fewer',
  'startsOn.required': 'Enter the date the posting started',
  'startsOn.dateRange': 'The start date must be between {{ earliest }} and {{ latest }}',
  'endsOn.dateRange': 'The end date must be between {{ earliest }} and {{ latest }}',
  'isDigital.boolean': 'Select whether the posting was digital',
})

export const ROUND_RULES = ['excludePreviousDepartments', 'enforceDigital'] as const

/* A placement round: its name, four UK times, the next round's date and its rules. */
export const roundValidator = vine.create({
  name: vine.string().trim().minLength(2).maxLength(120),
  programme: vine.enum(programmeValues).optional(),
  placementsOpenAt: vine.string().use(ukDateTime()),
  preferencesOpenAt: vine.string().use(ukDateTime()),
  preferencesCloseAt: vine.string().use(ukDateTime()),
  resultsAt: vine.string().use(ukDateTime()),
  nextRoundOn: optionalDayFromParts('The date of the next round', '1 3 2027'),
  postingStartsOn: dayFromParts('The date postings start', '1 3 2027'),
  postingEndsOn: dayFromParts('The date postings end', '1 9 2027'),
  maxPreferences: vine.number().withoutDecimals().range([1, 20]),
  rules: vine
    .array(vine.enum(ROUND_RULES))
    .parse((value) =>
      value === undefined || value === null || Array.isArray(value) ? value : [value]
    )
    .optional(),
})

/* The round form's fields as a round: UK times made into instants, days into UTC days. */
export function roundFromForm(form: Infer<typeof roundValidator>) {
  const rules = form.rules ?? []
  const utcDay = (value: Date) => DateTime.fromJSDate(value, { zone: 'utc' }).startOf('day')
  return {
    name: form.name,
    programme: form.programme,
    placementsOpenAt: fromUkDateTime(form.placementsOpenAt),
    preferencesOpenAt: fromUkDateTime(form.preferencesOpenAt),
    preferencesCloseAt: fromUkDateTime(form.preferencesCloseAt),
    resultsAt: fromUkDateTime(form.resultsAt),
    nextRoundOn: form.nextRoundOn ? utcDay(form.nextRoundOn) : null,
    postingStartsOn: utcDay(form.postingStartsOn),
    postingEndsOn: utcDay(form.postingEndsOn),
    maxPreferences: form.maxPreferences,
    excludePreviousDepartments: rules.includes('excludePreviousDepartments'),
    enforceDigital: rules.includes('enforceDigital'),
  }
}

/* A round's dates as its form shows them. */
export function roundFormValues(round: PlacementRound) {
  return {
    placementsOpenAt: toUkDateTime(round.placementsOpenAt),
    preferencesOpenAt: toUkDateTime(round.preferencesOpenAt),
    preferencesCloseAt: toUkDateTime(round.preferencesCloseAt),
    resultsAt: toUkDateTime(round.resultsAt),
    nextRoundOn: round.nextRoundOn?.toISODate() ?? null,
    postingStartsOn: round.postingStartsOn?.toISODate() ?? null,
    postingEndsOn: round.postingEndsOn?.toISODate() ?? null,
  }
}

const dateTimeMessages = (what: string) => ({
  required: `Enter the date and time ${what}`,
  string: `Enter the date and time ${what}`,
  ukDateTime: `Enter the date and time ${what} as a real date and time, like 2026-03-27 09:30`,
  dateRange: `The date and time ${what} must be between {{ earliest }} and {{ latest }}`,
})

roundValidator.messagesProvider = new FormMessages({
  ...sameMessage('name', ['required', 'string'], 'Enter the name of the round'),
  'name.minLength': 'The round name must be 2 characters or more',
  'name.maxLength': 'The round name must be 120 characters or fewer',
  'programme.enum': 'Select the programme: the Fast Stream or the Future Leaders Scheme',
  ...fieldMessages('placementsOpenAt', dateTimeMessages('teams can start offering placements')),
  ...fieldMessages('preferencesOpenAt', dateTimeMessages('entrants can start choosing')),
  ...fieldMessages('preferencesCloseAt', dateTimeMessages('entrants’ choices close')),
  ...fieldMessages('resultsAt', dateTimeMessages('results are published')),
  'nextRoundOn.dateRange':
    'The date of the next round must be between {{ earliest }} and {{ latest }}',
  'postingStartsOn.required': 'Enter the date the round’s postings start',
  'postingStartsOn.dateRange':
    'The date postings start must be between {{ earliest }} and {{ latest }}',
  'postingEndsOn.required': 'Enter the date the round’s postings end',
  'postingEndsOn.dateRange':
    'The date postings end must be between {{ earliest }} and {{ latest }}',
  'maxPreferences.required': 'Enter how many placements an entrant may choose',
  ...sameMessage(
    'maxPreferences',
    ['number', 'withoutDecimals'],
    'Enter the number of choices as a whole number, like 10'
  ),
  'maxPreferences.range': 'The number of choices must be between 1 and 20',
  'rules.array': 'Select the rules from the list',
  'rules.*.enum': 'Select the rules from the list',
})

/* Why a placement is not approved: the team reads it. */
export const rejectPlacementValidator = vine.create({
  note: vine.string().multiline().trim().minLength(2).maxLength(1000),
})

rejectPlacementValidator.messagesProvider = new FormMessages({
  ...sameMessage(
    'note',
    ['required', 'string', 'minLength'],
    'Enter why the placement is not approved'
  ),
  'note.maxLength': 'The note must be 1,000 characters or fewer',
})

/* A note the Fast Stream team may add when approving. */
export const approvePlacementValidator = vine.create({
  note: vine.string().multiline().trim().maxLength(1000).optional(),
})

approvePlacementValidator.messagesProvider = new FormMessages({
  'note.maxLength': 'The note must be 1,000 characters or fewer',
})

/* Closing a round's preferences, with the admin's confirmation when it is early. */
export const closeRoundValidator = vine.create({
  confirmEarly: vine.boolean().optional(),
})

closeRoundValidator.messagesProvider = new FormMessages({
  'confirmEarly.boolean': 'Select the box to confirm closing preferences early',
})

/* The entrants CSV chosen for upload. */
export const entrantFileValidator = csvUploadValidator(
  'entrantImport',
  ['csv', 'txt'],
  'Select a CSV file of entrants'
)

/* The checked file, sent back from the preview to be applied. */
export const entrantImportApplyValidator = vine.create({
  // The file in base64: four characters for every three bytes.
  content: vine.string().maxLength(Math.ceil(UPLOADS.entrantImportApply.bytes / 3) * 4),
  fileName: vine.string().trim().maxLength(255).optional(),
})

entrantImportApplyValidator.messagesProvider = new FormMessages({
  ...sameMessage(
    'content',
    ['required', 'string'],
    'Upload the file again: the preview did not send it back'
  ),
  'content.maxLength': tooLargeMessage(UPLOADS.entrantImportApply.label),
})
