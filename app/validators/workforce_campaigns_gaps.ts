import vine from '@vinejs/vine'
import {
  campaignStageValues,
  gapMitigationValues,
  gapSeverityValues,
  gapStatusValues,
} from '#enums/workforce'
import { FormMessages, idMessages, requiredIdMessages, sameMessage } from '#validators/messages'
import { listPage, listPageMessages, recordId } from '#validators/fields'
import { optionalDayFromParts } from '#validators/date_parts'

const rangeMessage = (label: string) => `${label} must be between {{ earliest }} and {{ latest }}`

/* What a recruitment campaign form may send, when adding or changing one. */
export const campaignValidator = vine.create({
  organisationId: recordId(),
  roleProfileId: recordId(),
  title: vine.string().trim().minLength(2).maxLength(200),
  posts: vine.number().withoutDecimals().range([1, 10000]),
  grade: vine.string().trim().maxLength(8).optional(),
  location: vine.string().trim().maxLength(120).optional(),
  stage: vine.enum(campaignStageValues),
  hires: vine.number().withoutDecimals().min(0).optional(),
  plannedOn: optionalDayFromParts('Date planned', '27 3 2026'),
  advertisedOn: optionalDayFromParts('Date advertised', '27 3 2026'),
  siftingOn: optionalDayFromParts('Date sifting started', '27 3 2026'),
  interviewingOn: optionalDayFromParts('Date interviews started', '27 3 2026'),
  offersOn: optionalDayFromParts('Date offers made', '27 3 2026'),
  closedOn: optionalDayFromParts('Date filled or closed', '27 3 2026'),
})

campaignValidator.messagesProvider = new FormMessages({
  ...requiredIdMessages('organisationId', 'Select the organisation running the campaign'),
  ...requiredIdMessages('roleProfileId', 'Select the role profile being recruited'),
  ...sameMessage('title', ['required', 'string'], 'Enter a campaign title'),
  'title.minLength': 'Campaign title must be 2 characters or more',
  'title.maxLength': 'Campaign title must be 200 characters or fewer',
  'posts.required': 'Enter the number of posts',
  ...sameMessage(
    'posts',
    ['number', 'withoutDecimals'],
    'Number of posts must be a whole number, like 3'
  ),
  'posts.range': 'Number of posts must be between 1 and 10,000',
  'grade.maxLength': 'Grade must be 8 characters or fewer',
  'location.maxLength': 'Location must be 120 characters or fewer',
  ...sameMessage('stage', ['required', 'enum'], 'Select the stage the campaign has reached'),
  ...sameMessage('hires', ['number', 'withoutDecimals'], 'Hires must be a whole number, like 2'),
  'hires.min': 'Hires must be 0 or more',
  'plannedOn.dateRange': rangeMessage('Date planned'),
  'advertisedOn.dateRange': rangeMessage('Date advertised'),
  'siftingOn.dateRange': rangeMessage('Date sifting started'),
  'interviewingOn.dateRange': rangeMessage('Date interviews started'),
  'offersOn.dateRange': rangeMessage('Date offers made'),
  'closedOn.dateRange': rangeMessage('Date filled or closed'),
})

/* What a capability gap form may send, when adding or changing one. */
export const gapValidator = vine.create({
  organisationId: recordId(),
  kind: vine.enum(['headcount', 'skill'] as const),
  roleProfileId: recordId().optional(),
  skillId: recordId().optional(),
  title: vine.string().trim().minLength(2).maxLength(200),
  description: vine.string().multiline().trim().maxLength(2000).optional(),
  severity: vine.enum(gapSeverityValues),
  mitigation: vine.enum(gapMitigationValues).optional(),
  ownerEmail: vine.string().trim().maxLength(254).optional(),
  dueOn: optionalDayFromParts('Due date', '27 3 2026'),
  status: vine.enum(gapStatusValues),
})

gapValidator.messagesProvider = new FormMessages({
  ...requiredIdMessages('organisationId', 'Select the organisation with the gap'),
  ...sameMessage(
    'kind',
    ['required', 'enum'],
    'Select whether the gap is of headcount or of skill'
  ),
  ...idMessages('roleProfileId', 'Select a role profile from the list'),
  ...idMessages('skillId', 'Select a skill from the list'),
  ...sameMessage('title', ['required', 'string'], 'Enter a title for the gap'),
  'title.minLength': 'Title must be 2 characters or more',
  'title.maxLength': 'Title must be 200 characters or fewer',
  'description.maxLength': 'Description must be 2,000 characters or fewer',
  ...sameMessage('severity', ['required', 'enum'], 'Select how severe the gap is'),
  'mitigation.enum': 'Select a mitigation from the list',
  'ownerEmail.maxLength': 'Owner’s email address must be 254 characters or fewer',
  'dueOn.dateRange': rangeMessage('Due date'),
  ...sameMessage('status', ['required', 'enum'], 'Select the status of the gap'),
})

/* Why a suggested or open gap is being dismissed. */
export const dismissGapValidator = vine.create({
  reason: vine.string().multiline().trim().minLength(2).maxLength(500),
})

dismissGapValidator.messagesProvider = new FormMessages({
  ...sameMessage('reason', ['required', 'string'], 'Enter why the gap is being dismissed'),
  'reason.minLength': 'Reason must be 2 characters or more',
  'reason.maxLength': 'Reason must be 500 characters or fewer',
})

/* Which organisation to generate suggested gaps for. */
export const suggestGapsValidator = vine.create({ organisationId: recordId() })

suggestGapsValidator.messagesProvider = new FormMessages({
  ...requiredIdMessages('organisationId', 'Select the organisation to suggest gaps for'),
})

/* The campaign list's filters, read from the query string (blank ones removed first). */
export const campaignFiltersValidator = vine.create({
  organisationId: recordId().optional(),
  roleProfileId: recordId().optional(),
  stage: vine.enum(campaignStageValues).optional(),
  page: listPage(),
  perPage: vine.number().withoutDecimals().range([1, 100]).optional(),
})

/* The gap register's filters, read from the query string (blank ones removed first). */
export const gapFiltersValidator = vine.create({
  organisationId: recordId().optional(),
  kind: vine.enum(['headcount', 'skill'] as const).optional(),
  status: vine.enum(gapStatusValues).optional(),
  severity: vine.enum(gapSeverityValues).optional(),
  page: listPage(),
  perPage: vine.number().withoutDecimals().range([1, 100]).optional(),
})

const filterMessages = {
  ...idMessages('organisationId', 'Select an organisation from the list'),
  ...listPageMessages,
  ...sameMessage(
    'perPage',
    ['number', 'withoutDecimals', 'range'],
    'perPage must be a whole number from 1 to 100'
  ),
}

campaignFiltersValidator.messagesProvider = new FormMessages({
  ...filterMessages,
  'roleProfileId.number': 'Select a role profile from the list',
  'stage.enum': 'Select a stage from the list',
})

gapFiltersValidator.messagesProvider = new FormMessages({
  ...filterMessages,
  'kind.enum': 'Select a kind of gap from the list',
  'status.enum': 'Select a status from the list',
  'severity.enum': 'Select a severity from the list',
})
