import { counted } from '#domain/shared/wording'
import { minutesToWait, type SignInResult } from '#actions/identity/sign_in'

/*
 * What a refused sign-in with a password tells the person: the message
 * under the sign-in page's email field, and the API's problem when a
 * client asks for a token, side by side in one place.
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
