import vine from '@vinejs/vine'
import { FormMessages, sameMessage } from '#validators/messages'

/*
 * Codes for two-step verification. The validators take any short text;
 * whether it has the shape of a code is read by the rules in
 * app/domain/identity/two_step.ts, which allow spaces between groups.
 */

/* A 6-digit code from an authenticator app: setting up, and signing in. */
export const oneTimeCodeValidator = vine.create({
  code: vine.string().maxLength(50),
})

oneTimeCodeValidator.messagesProvider = new FormMessages({
  ...sameMessage(
    'code',
    ['required', 'string'],
    'Enter the 6-digit code from your authenticator app'
  ),
  ...sameMessage(
    'code',
    ['maxLength', 'controlCharacters'],
    'Enter the code as 6 digits, like 123456'
  ),
})

/* One of the person's recovery codes, in place of a code from the app. */
export const recoveryCodeValidator = vine.create({
  recoveryCode: vine.string().maxLength(50),
})

recoveryCodeValidator.messagesProvider = new FormMessages({
  ...sameMessage('recoveryCode', ['required', 'string'], 'Enter one of your recovery codes'),
  'recoveryCode.maxLength': 'Enter a recovery code as 12 letters and numbers, like abcd-efgh-2345',
  'recoveryCode.controlCharacters':
    'Enter a recovery code as 12 letters and numbers, like abcd-efgh-2345',
})

/* Turning one's own two-step verification off: the password, or a code from the app. */
export const turnOffTwoStepValidator = vine.create({
  passwordOrCode: vine.string().maxLength(200),
})

turnOffTwoStepValidator.messagesProvider = new FormMessages({
  ...sameMessage(
    'passwordOrCode',
    ['required', 'string'],
    'Enter your password or a code from your authenticator app'
  ),
  ...sameMessage(
    'passwordOrCode',
    ['maxLength', 'controlCharacters'],
    'The password or code is not correct'
  ),
})

/* Making new recovery codes: the password, or a code from the app, first. */
export const newRecoveryCodesValidator = vine.create({
  confirmPasswordOrCode: vine.string().maxLength(200),
})

newRecoveryCodesValidator.messagesProvider = new FormMessages({
  ...sameMessage(
    'confirmPasswordOrCode',
    ['required', 'string'],
    'Enter your password or a code from your authenticator app'
  ),
  ...sameMessage(
    'confirmPasswordOrCode',
    ['maxLength', 'controlCharacters'],
    'The password or code is not correct'
  ),
})
