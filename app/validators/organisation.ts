import vine from '@vinejs/vine'
import { organisationTypeValues } from '#enums/organisation_types'
import { auditActionValues } from '#enums/audit_actions'
import { FormMessages, idMessages, sameMessage } from '#validators/messages'
import { listPage, listPageMessages } from '#validators/fields'
import { withinDateBounds } from '#validators/date_bounds'

/* What an organisation form may send, when adding or changing one. */
export const organisationValidator = vine.create({
  name: vine.string().trim().minLength(2).maxLength(200),
  code: vine
    .string()
    .trim()
    .minLength(2)
    .maxLength(32)
    .regex(/^[a-z0-9-]+$/),
  type: vine.enum(organisationTypeValues),
  parentId: vine.number().withoutDecimals().positive().optional(),
  isTransactional: vine.boolean().optional(),
  ssoOnly: vine.boolean().optional(),
})

organisationValidator.messagesProvider = new FormMessages({
  ...sameMessage('code', ['required', 'string'], 'Enter a code'),
  'code.minLength': 'Code must be 2 characters or more',
  'code.maxLength': 'Code must be 32 characters or fewer',
  'code.regex': 'Code must use lowercase letters, numbers and hyphens only',
  ...sameMessage('name', ['required', 'string'], 'Enter the name of the organisation'),
  'name.minLength': 'Name must be 2 characters or more',
  'name.maxLength': 'Name must be 200 characters or fewer',
  ...sameMessage('type', ['required', 'enum'], 'Select a type of organisation'),
  ...idMessages('parentId', 'Select the organisation it is part of from the list'),
  'isTransactional.boolean': 'Select whether the organisation is transactional',
  'ssoOnly.boolean': 'Select whether its people sign in only with their department account',
})

/* What a delivery team form may send. */
export const teamValidator = vine.create({
  name: vine.string().trim().minLength(2).maxLength(200),
  location: vine.string().trim().maxLength(120).optional(),
})

teamValidator.messagesProvider = new FormMessages({
  ...sameMessage('name', ['required', 'string'], 'Enter a team name'),
  'name.minLength': 'Team name must be 2 characters or more',
  'name.maxLength': 'Team name must be 200 characters or fewer',
  'location.string': 'Enter the location as text',
  'location.maxLength': 'Location must be 120 characters or fewer',
})

/* The audit trail's filters, read from the query string (blank ones removed first). */
export const auditFiltersValidator = vine.create({
  action: vine.enum(auditActionValues).optional(),
  subjectType: vine
    .string()
    .trim()
    .maxLength(64)
    .regex(/^[a-z_]+$/)
    .optional(),
  actor: vine.string().trim().maxLength(254).optional(),
  from: vine
    .date({ formats: ['YYYY-MM-DD'] })
    .use(withinDateBounds())
    .optional(),
  to: vine
    .date({ formats: ['YYYY-MM-DD'] })
    .afterOrSameAs('from')
    .use(withinDateBounds())
    .optional(),
  organisationId: vine.number().withoutDecimals().positive().optional(),
  page: listPage(),
})

auditFiltersValidator.messagesProvider = new FormMessages({
  'action.enum': 'Select an action from the list',
  ...sameMessage('subjectType', ['regex', 'maxLength'], 'Select a type of record from the list'),
  'actor.maxLength': 'Email address must be 254 characters or fewer',
  'from.date': 'Date from must be a real date, like 2026-03-27',
  'from.dateRange': 'Date from must be between {{ earliest }} and {{ latest }}',
  'to.date': 'Date to must be a real date, like 2026-03-31',
  'to.dateRange': 'Date to must be between {{ earliest }} and {{ latest }}',
  'to.date.afterOrSameAs': 'Date to must be the same as or after date from',
  ...idMessages('organisationId', 'Select an organisation from the list'),
  ...listPageMessages,
})
