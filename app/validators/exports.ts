import vine from '@vinejs/vine'
import { FormMessages, idMessages } from '#validators/messages'

/* The delivery teams export's one filter: the organisation whose teams to list. */
export const teamExportValidator = vine.create({
  organisationId: vine.number().withoutDecimals().positive().optional(),
})

teamExportValidator.messagesProvider = new FormMessages({
  ...idMessages('organisationId', 'Select an organisation from the list'),
})
