import vine from '@vinejs/vine'
import { servicePhaseValues } from '#enums/workforce'
import { FormMessages, requiredIdMessages, sameMessage } from '#validators/messages'

/* What the service form may send, when adding or changing a service. */
export const serviceValidator = vine.create({
  organisationId: vine.number().withoutDecimals().positive(),
  name: vine.string().trim().minLength(2).maxLength(200),
  annualTransactions: vine.number().withoutDecimals().min(0).max(Number.MAX_SAFE_INTEGER),
  phase: vine.enum(servicePhaseValues),
  isExemplar: vine.boolean().optional(),
  hasDigitalChannel: vine.boolean().optional(),
  serviceManagerEmail: vine.string().trim().email().maxLength(254).optional(),
})

serviceValidator.messagesProvider = new FormMessages({
  ...requiredIdMessages('organisationId', 'Select the organisation that runs the service'),
  ...sameMessage('name', ['required', 'string'], 'Enter the name of the service'),
  'name.minLength': 'Name must be 2 characters or more',
  'name.maxLength': 'Name must be 200 characters or fewer',
  'annualTransactions.required': 'Enter the number of transactions a year',
  ...sameMessage(
    'annualTransactions',
    ['number', 'withoutDecimals'],
    'Transactions a year must be a whole number, like 250000'
  ),
  'annualTransactions.min': 'Transactions a year must be 0 or more',
  'annualTransactions.max': 'Transactions a year is too large',
  ...sameMessage('phase', ['required', 'enum'], 'Select the phase the service is in'),
  'isExemplar.boolean': 'Select whether the service is an exemplar',
  'hasDigitalChannel.boolean': 'Select whether people can use the service online',
  'serviceManagerEmail.string': 'Enter the Service Manager’s email address',
  'serviceManagerEmail.email':
    'Enter the Service Manager’s email address in the correct format, like name@example.gov.uk',
  'serviceManagerEmail.maxLength': 'Email address must be 254 characters or fewer',
})

/*
 * Naming an organisation's Digital Leader; a blank email removes the
 * current one. HR say whether the person sits on the board (action 01).
 */
export const digitalLeaderValidator = vine.create({
  email: vine.string().trim().email().maxLength(254).optional(),
  onBoard: vine
    .enum(['yes', 'no'] as const)
    .optional()
    .requiredIfExists('email'),
})

digitalLeaderValidator.messagesProvider = new FormMessages({
  'email.string': 'Enter the Digital Leader’s email address',
  'email.email':
    'Enter the Digital Leader’s email address in the correct format, like name@example.gov.uk',
  'email.maxLength': 'Email address must be 254 characters or fewer',
  ...sameMessage(
    'onBoard',
    ['required', 'enum'],
    'Select whether the Digital Leader sits on the board'
  ),
})
