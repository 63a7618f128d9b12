import vine from '@vinejs/vine'
import { FormMessages } from '#validators/messages'

/* The delivery teams export's one filter: the organisation whose teams to list. */
export const teamExportValidator = vine.create({
  organisationId: vine.number().withoutDecimals().positive().optional(),
})

teamExportValidator.messagesProvider = new FormMessages({
  'organisationId.number': 'Select an organisation from the list',
  'organisationId.withoutDecimals': 'Select an organisation from the list',
  'organisationId.positive': 'Select an organisation from the list',
})
