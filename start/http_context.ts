/*
 * What every page action asks of its request, written once.
 *
 * All are instance properties, bound to their request, so an action can
 * take them with the rest: `async store({ request, backWithErrors }: HttpContext)`.
 */
import { HttpContext, type Redirect } from '@adonisjs/core/http'
import { OrganisationScope } from '#services/organisation_scope'
import { found } from '#services/params'

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

/* A page to go on to: a route's name and its params. */
export type RouteTo = Parameters<Redirect['toRoute']>

/* What a saved form says in its success banner, and the page it goes on to. */
export type SavedAnswer = [message: string, ...to: RouteTo]

/* A record of an address looked up within an organisation scope: null when it is not there. */
export type ScopedFind<T> = (scope: OrganisationScope, id: unknown) => Promise<T | null>

declare module '@adonisjs/core/http' {
  interface HttpContext {
    /*
     * Sends a form back with a message under each field, keeping what was
     * typed (except `_csrf`, `_method` and the fields named in `except`).
     */
    backWithErrors(errors: FieldErrors, options?: BackWithErrorsOptions): void
    /* The signed-in person's organisation scope, read once per request. */
    organisationScope(): Promise<OrganisationScope>
    /*
     * The record of the address within the signed-in person's organisation
     * scope; one outside it, or none, is answered 404 as if it did not exist.
     */
    inScope<T>(find: ScopedFind<T>, id: unknown): Promise<T>
    /*
     * Answers a form's typed save result: saved, on to the page `saved`
     * names with its success message; refused, back to the form with the
     * messages `refused` puts under the fields at fault.
     */
    answerSave<R extends { type: string }>(
      result: R,
      saved: (result: Extract<R, { type: 'saved' }>) => SavedAnswer,
      refused: (result: Exclude<R, { type: 'saved' }>) => FieldErrors,
      options?: BackWithErrorsOptions
    ): void
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

HttpContext.instanceProperty('inScope', async function <
  T,
>(this: HttpContext, find: ScopedFind<T>, id: unknown) {
  return found(await find(await this.organisationScope(), id))
})

HttpContext.instanceProperty('answerSave', function <
  R extends { type: string },
>(this: HttpContext, result: R, saved: (result: Extract<R, { type: 'saved' }>) => SavedAnswer, refused: (result: Exclude<R, { type: 'saved' }>) => FieldErrors, options?: BackWithErrorsOptions) {
  if (result.type !== 'saved') {
    return this.backWithErrors(refused(result as Exclude<R, { type: 'saved' }>), options)
  }
  const [message, ...to] = saved(result as Extract<R, { type: 'saved' }>)
  this.session.flash('success', message)
  return this.response.redirect().toRoute(...to)
})
