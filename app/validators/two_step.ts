import vine, { type VineString } from '@vinejs/vine'
import { FormMessages, sameMessage } from '#validators/messages'

/*
 * Codes for two-step verification. The validators take any short text;
 * whether it has the shape of a code is read by the rules in
 * app/domain/identity/two_step.ts, which allow spaces between groups.
 */

/*
 * A form of one short piece of text checked once it passes (a code, a
 * password): one message when it is missing, another when it is too long
 * or holds characters no code or password has.
 */
function oneTextValidator<Field extends string>(
  field: Field,
  maxLength: number,
  messages: { missing: string; wrong: string }
) {
  const validator = vine.create({ [field]: vine.string().maxLength(maxLength) } as Record<
    Field,
    VineString
  >)
  validator.messagesProvider = new FormMessages({
    ...sameMessage(field, ['required', 'string'], messages.missing),
    ...sameMessage(field, ['maxLength', 'controlCharacters'], messages.wrong),
  })
  return validator
}

/* A 6-digit code from an authenticator app: setting up, and signing in. */
export const oneTimeCodeValidator = oneTextValidator('code', 50, {
  missing: 'Enter the 6-digit code from your authenticator app',
  wrong: 'Enter the code as 6 digits, like 123456',
})

/* One of the person's recovery codes, in place of a code from the app. */
export const recoveryCodeValidator = oneTextValidator('recoveryCode', 50, {
  missing: 'Enter one of your recovery codes',
  wrong: 'Enter a recovery code as 12 letters and numbers, like abcd-efgh-2345',
})

/* What turning two-step verification off, or making new recovery codes, says about the password or code. */
const passwordOrCodeMessages = {
  missing: 'Enter your password or a code from your authenticator app',
  wrong: 'The password or code is not correct',
}

/* Turning one's own two-step verification off: the password, or a code from the app. */
export const turnOffTwoStepValidator = oneTextValidator(
  'passwordOrCode',
  200,
  passwordOrCodeMessages
)

/* Making new recovery codes: the password, or a code from the app, first. */
export const newRecoveryCodesValidator = oneTextValidator(
  'confirmPasswordOrCode',
  200,
  passwordOrCodeMessages
)
