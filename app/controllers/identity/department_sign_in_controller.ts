import type { HttpContext } from '@adonisjs/core/http'
import { departmentSignInValidator } from '#validators/single_sign_on'
import {
  finishDepartmentSignIn,
  startDepartmentSignIn,
  type DepartmentAccount,
  type PendingSignIn,
  type RefusalReason,
  type StartResult,
} from '#actions/identity/department_sign_in'
import { minutesToWait } from '#actions/identity/sign_in'
import { safeReturnPath } from '#services/return_path'
import { callbackUrl } from '#services/single_sign_on'
import { tagSession } from '#services/user_sessions'

/* Where the session keeps a sign-in under way, where it goes next, and the department account of one done. */
export const PENDING_KEY = 'departmentSignIn'
const DESTINATION_KEY = 'departmentSignInUrl'
export const ACCOUNT_KEY = 'departmentAccount'

/* Why a department sign-in failed, as the person is told it, with the answer's status. */
const REFUSALS: Record<RefusalReason, [number, string]> = {
  no_sign_in_started: [
    400,
    'the sign-in did not start on this service, or it has already been used. Start again',
  ],
  sign_in_expired: [400, 'the sign-in took too long. Start again'],
  state_mismatch: [
    400,
    'the answer from your department did not match the sign-in started here. Start again',
  ],
  provider_refused: [403, 'your department’s sign-in service did not let you in'],
  provider_unavailable: [
    503,
    'your department’s sign-in service is not answering just now. Try again later',
  ],
  response_rejected: [
    400,
    'the answer from your department’s sign-in service failed our security checks',
  ],
  email_missing: [403, 'your department’s sign-in service did not give us your email address'],
  email_unverified: [
    403,
    'your department has not confirmed your email address. Ask your IT service desk to confirm it',
  ],
  email_domain_not_allowed: [
    403,
    'your email address is not one your department’s sign-in service signs in for here',
  ],
  linked_to_another_account: [
    403,
    'your account here is linked to a different department account. Ask your HR team for help',
  ],
  deactivated: [403, 'your account here has been deactivated. Ask your HR team to restore it'],
}

/* The page that says why a department sign-in failed: never a server error, never internals. */
async function refusal({ response, view }: HttpContext, reason: RefusalReason) {
  const [status, message] = REFUSALS[reason]
  response.status(status)
  if (status === 503) response.header('Retry-After', '60')
  return view.render('pages/identity/department_sign_in_failed', { message })
}

/*
 * Sends the person on to their department's sign-in service, keeping in
 * the session what their return is checked against. Used by this form and
 * by the password form when the address's domain has a provider. A form's
 * answer may not redirect to another site (the policy's form-action is
 * 'self', which browsers apply to redirects), so the way there is a page
 * of this site that moves on by itself.
 */
export async function sendToDepartment(
  ctx: HttpContext,
  started: Exclude<StartResult, { type: 'no_provider' }>
) {
  switch (started.type) {
    case 'redirect':
      ctx.session.put(PENDING_KEY, started.pending)
      ctx.session.put(DESTINATION_KEY, started.url)
      return ctx.response.redirect().toRoute('departmentSignIn.continue')
    case 'refused':
      return refusal(ctx, started.reason)
    case 'throttled':
      ctx.response.status(429)
      ctx.response.header('Retry-After', String(started.retryAfter))
      return ctx.view.render('pages/identity/department_sign_in_failed', {
        message: `you have started signing in too many times. Wait ${minutesToWait(started.retryAfter)} and try again`,
      })
    default: {
      const unreachable: never = started
      return unreachable
    }
  }
}

/*
 * "Sign in with your department account": single sign-on through the
 * identity provider of the person's organisation (OpenID Connect).
 */
export default class DepartmentSignInController {
  async create({ view }: HttpContext) {
    return view.render('pages/identity/department_sign_in')
  }

  async store(ctx: HttpContext) {
    const { request, backWithErrors } = ctx
    const { email } = await request.validateUsing(departmentSignInValidator)
    const started = await startDepartmentSignIn(
      email,
      safeReturnPath(request.input('returnTo')),
      request.ip()
    )
    if (started.type === 'no_provider') {
      return backWithErrors({
        email:
          'Your department does not sign in to this service with its own accounts. Sign in with your email address and password instead',
      })
    }
    return sendToDepartment(ctx, started)
  }

  /* The way to the department's sign-in page: the browser moves on at once; the link is there if it does not. */
  async continue({ response, session, view }: HttpContext) {
    const destination = session.get(DESTINATION_KEY)
    if (typeof destination !== 'string' || !session.has(PENDING_KEY)) {
      return response.redirect().toRoute('departmentSignIn.create')
    }
    response.header('Refresh', `0;url=${destination}`)
    return view.render('pages/identity/department_sign_in_continue', { destination })
  }

  /* The person's return from their department, with a code (or an error) and the state. */
  async callback(ctx: HttpContext) {
    const { auth, request, response, session } = ctx
    const pending = session.pull(PENDING_KEY) as PendingSignIn | undefined
    session.forget(DESTINATION_KEY)
    const current = new URL(callbackUrl())
    for (const [key, value] of Object.entries(request.qs())) {
      if (typeof value === 'string') current.searchParams.append(key, value)
    }
    const result = await finishDepartmentSignIn(pending, current)
    switch (result.type) {
      case 'signed_in': {
        // login() gives the session a new id (no fixation); tagging it lets it be ended from elsewhere.
        await auth.use('web').login(result.user)
        await tagSession(session, result.user.id)
        session.put(ACCOUNT_KEY, result.account satisfies DepartmentAccount)
        if (result.created) {
          session.flash(
            'success',
            'Welcome to the Digital Capability Service: your account has been created'
          )
        }
        return response.redirect().toPath(safeReturnPath(pending?.returnTo))
      }
      case 'refused':
        return refusal(ctx, result.reason)
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}
