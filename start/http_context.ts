/*
 * What every page action asks of its request, written once.
 *
 * Both are instance properties, bound to their request, so an action can
 * take them with the rest: `async store({ request, backWithErrors }: HttpContext)`.
 */
import { HttpContext, type Redirect } from '@adonisjs/core/http'
import { OrganisationScope } from '#services/organisation_scope'

/* A message, or a list of them, under each field that needs one. */
export type FieldErrors = Record<string, string | string[]>

export type BackWithErrorsOptions = {
  /* Fields never sent back to the form, such as passwords (`_csrf` and `_method` never are). */
  except?: string[]
  /* False when nothing typed goes back to the form, only the messages. */
  keepInput?: boolean
  /* A status other than 302 Found, such as 429 for a throttled form. */
  status?: number
  /* The page to go to instead of the previous one: a route's name and its params. */
  to?: Parameters<Redirect['toRoute']>
}

declare module '@adonisjs/core/http' {
  interface HttpContext {
    /*
     * Sends a form back with a message under each field, keeping what was
     * typed (except `_csrf`, `_method` and the fields named in `except`).
     */
    backWithErrors(errors: FieldErrors, options?: BackWithErrorsOptions): void
    /* The signed-in person's organisation scope, read once per request. */
    organisationScope(): Promise<OrganisationScope>
  }
}

HttpContext.instanceProperty(
  'backWithErrors',
  function (this: HttpContext, errors: FieldErrors, options: BackWithErrorsOptions = {}) {
    const { except = [], keepInput = true, status, to } = options
    if (keepInput) this.session.flashExcept(['_csrf', '_method', ...except])
    this.session.flash(
      'inputErrorsBag',
      Object.fromEntries(
        Object.entries(errors).map(([field, messages]) => [
          field,
          Array.isArray(messages) ? messages : [messages],
        ])
      )
    )
    if (status !== undefined) this.response.status(status)
    const redirect = this.response.redirect()
    return to ? redirect.toRoute(...to) : redirect.back()
  }
)

const scopes = new WeakMap<HttpContext, Promise<OrganisationScope>>()

HttpContext.instanceProperty('organisationScope', function (this: HttpContext) {
  let scope = scopes.get(this)
  if (!scope) {
    scope = OrganisationScope.forUser(this.auth.getUserOrFail())
    scopes.set(this, scope)
  }
  return scope
})
