import { counted } from '#domain/shared/wording'
import { minutesToWait, type SignInResult } from '#actions/identity/sign_in'
import type { SecondStepKind, SecondStepResult } from '#actions/identity/check_second_step'

/*
 * What a refused sign-in with a password, or a refused code after it,
 * tells the person: the message under the sign-in page's field, and the
 * API's problem when a client asks for a token, side by side in one place.
 */

type Refusal = Extract<
  SignInResult,
  { type: 'invalid_credentials' | 'deactivated' | 'single_sign_on_only' | 'throttled' }
>

/* The message under the sign-in page's email field. */
export function signInFormError(refusal: Refusal) {
  switch (refusal.type) {
    case 'invalid_credentials':
      return 'Enter a correct email address and password'
    case 'deactivated':
      return 'This account has been deactivated. Ask your HR team to restore it'
    case 'single_sign_on_only':
      return 'Your organisation does not use passwords for this service. Sign in with your department account'
    case 'throttled':
      return `Too many attempts to sign in. Wait ${minutesToWait(refusal.retryAfter)} and try again`
    default: {
      const unreachable: never = refusal
      return unreachable
    }
  }
}

/* The API's problem when a token is asked for: its status and its words. */
export function signInProblem(refusal: Refusal): [401 | 403 | 429, string] {
  switch (refusal.type) {
    case 'invalid_credentials':
      return [401, 'The email address or password is not correct.']
    case 'deactivated':
      return [403, 'This account has been deactivated.']
    case 'single_sign_on_only':
      return [
        403,
        'Your organisation signs you in with your department account, so the API cannot give you a token for a password. Sign in to the service with your department account and create a token on your profile page.',
      ]
    case 'throttled':
      return [429, `Too many attempts. Try again in ${counted(refusal.retryAfter, 'second')}.`]
    default: {
      const unreachable: never = refusal
      return unreachable
    }
  }
}

/* What a wrong or unreadable code is told, on every form that takes one. */
export const CODE_MESSAGES = {
  empty: 'Enter the 6-digit code from your authenticator app',
  malformed: 'Enter the code as 6 digits, like 123456',
  wrong_code: 'The code is not correct. Enter the code your authenticator app shows now',
  code_used:
    'This code has already been used. Wait for your authenticator app to show a new code and enter that',
} as const

type CodeRefusal = Extract<
  SecondStepResult,
  { type: 'empty' | 'malformed' | 'wrong_code' | 'code_used' | 'wrong_recovery_code' }
>

/* The message under the second step's field: the code from the app, or a recovery code. */
export function secondStepFormError(refusal: CodeRefusal, kind: Exclude<SecondStepKind, 'either'>) {
  switch (refusal.type) {
    case 'empty':
      return kind === 'code' ? CODE_MESSAGES.empty : 'Enter one of your recovery codes'
    case 'malformed':
      return kind === 'code'
        ? CODE_MESSAGES.malformed
        : 'Enter a recovery code as 12 letters and numbers, like abcd-efgh-2345'
    case 'wrong_code':
    case 'code_used':
      return CODE_MESSAGES[refusal.type]
    case 'wrong_recovery_code':
      return 'This recovery code is not correct, or it has already been used'
    default: {
      const unreachable: never = refusal
      return unreachable
    }
  }
}

/* Too many wrong codes end the sign-in: the message under the sign-in page's email field. */
export function tooManyCodesFormError(retryAfter: number) {
  return `Too many wrong codes have been tried for your account. Wait ${minutesToWait(retryAfter)} and sign in again`
}

/* The API's problem with the code sent with a token request: its status and its words. */
export function secondStepProblem(
  refusal: CodeRefusal | Extract<SecondStepResult, { type: 'too_many' | 'not_on' }>
): [401 | 429, string] {
  switch (refusal.type) {
    case 'empty':
    case 'malformed':
    case 'wrong_code':
    case 'wrong_recovery_code':
      return [
        401,
        'The code is not correct. Send the code the authenticator app shows now, or a recovery code not used before.',
      ]
    case 'code_used':
      return [
        401,
        'This code has already been used. Wait for the authenticator app to show a new code and send that.',
      ]
    case 'too_many':
      return [429, `Too many wrong codes. Try again in ${counted(refusal.retryAfter, 'second')}.`]
    case 'not_on':
      return [401, 'Two-step verification changed meanwhile. Try again.']
    default: {
      const unreachable: never = refusal
      return unreachable
    }
  }
}
