import vine from '@vinejs/vine'
import { FormMessages } from '#validators/messages'

/* An erasure request: why the person's record must go, and the admin's confirmation that they never worked here. */
export const erasureValidator = vine.create({
  reason: vine.string().multiline().trim().minLength(1).maxLength(500),
  /* One checkbox: a list of one from the page's field, or the value alone. */
  neverEmployed: vine
    .array(vine.enum(['yes'] as const))
    .parse((value) => (typeof value === 'string' ? [value] : value))
    .minLength(1),
})

erasureValidator.messagesProvider = new FormMessages({
  'reason.required': 'Enter why this person’s record is being erased',
  'reason.string': 'Enter why this person’s record is being erased as text',
  'reason.minLength': 'Enter why this person’s record is being erased',
  'reason.maxLength': 'The reason must be 500 characters or fewer',
  'neverEmployed.required': 'Confirm that this person was never an employee',
  'neverEmployed.array': 'Confirm that this person was never an employee',
  'neverEmployed.minLength': 'Confirm that this person was never an employee',
  'neverEmployed.*.enum': 'Confirm that this person was never an employee',
})
