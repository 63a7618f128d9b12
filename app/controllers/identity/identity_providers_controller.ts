import type { HttpContext } from '@adonisjs/core/http'
import type { FieldErrors, SavedAnswer } from '#start/http_context'
import { errors as vineErrors } from '@vinejs/vine'
import { identityProviderValidator } from '#validators/single_sign_on'
import {
  deleteIdentityProvider,
  saveIdentityProvider,
  type SaveIdentityProviderResult,
} from '#actions/identity/save_identity_provider'
import {
  findIdentityProvider,
  identityProviderList,
} from '#queries/identity/identity_providers_query'
import { organisationChoices } from '#queries/identity/organisations_query'
import { callbackUrl, plainHttpAllowed, signedOutUrl } from '#services/single_sign_on'
import { found } from '#services/params'

/*
 * Departments' identity providers, for single sign-on: capability admins
 * add and change them. The client secret is never shown again once saved.
 */
export default class IdentityProvidersController {
  async index({ bouncer, view }: HttpContext) {
    await bouncer.with('IdentityProviderPolicy').authorize('manage')
    return view.render('pages/admin/identity_providers/index', {
      providers: await identityProviderList(),
      callbackUrl: callbackUrl(),
      signedOutUrl: signedOutUrl(),
    })
  }

  async create(ctx: HttpContext) {
    await ctx.bouncer.with('IdentityProviderPolicy').authorize('manage')
    return this.form(ctx, null)
  }

  async store(ctx: HttpContext) {
    const { answerSave, bouncer, response } = ctx
    await bouncer.with('IdentityProviderPolicy').authorize('manage')
    const input = await this.validated(ctx)
    if (!input) return response.redirect().back()
    const result = await saveIdentityProvider(input)
    return answerSave(result, saved('Identity provider added'), refused, KEEP_SECRET)
  }

  async edit(ctx: HttpContext) {
    await ctx.bouncer.with('IdentityProviderPolicy').authorize('manage')
    return this.form(ctx, found(await findIdentityProvider(ctx.params.id)))
  }

  async update(ctx: HttpContext) {
    const { answerSave, bouncer, params, response } = ctx
    await bouncer.with('IdentityProviderPolicy').authorize('manage')
    const provider = found(await findIdentityProvider(params.id))
    const input = await this.validated(ctx)
    if (!input) return response.redirect().back()
    const result = await saveIdentityProvider(input, provider)
    return answerSave(result, saved('Identity provider updated'), refused, KEEP_SECRET)
  }

  async destroy({ bouncer, params, response, session }: HttpContext) {
    await bouncer.with('IdentityProviderPolicy').authorize('manage')
    const provider = found(await findIdentityProvider(params.id))
    await deleteIdentityProvider(provider)
    session.flash('success', `${provider.name} removed: its people no longer sign in through it`)
    return response.redirect().toRoute('identityProviders.index')
  }

  /*
   * The form's values, or null when they are refused: the errors and the
   * typed values are flashed back, never the client secret.
   */
  private async validated({ request, session }: HttpContext) {
    try {
      return await request.validateUsing(identityProviderValidator)
    } catch (error) {
      if (!(error instanceof vineErrors.E_VALIDATION_ERROR)) throw error
      if (request.accepts(['html', 'json']) === 'json') throw error
      session.flashValidationErrors(error, false)
      session.flashExcept(['_csrf', '_method', 'clientSecret'])
      return null
    }
  }

  private async form(
    { organisationScope, view }: HttpContext,
    provider: Awaited<ReturnType<typeof findIdentityProvider>>
  ) {
    const scope = await organisationScope()
    return view.render('pages/admin/identity_providers/form', {
      provider,
      domains: provider
        ? provider.domains
            .map((row) => row.domain)
            .sort()
            .join('\n')
        : null,
      organisations: await organisationChoices(scope),
      callbackUrl: callbackUrl(),
      signedOutUrl: signedOutUrl(),
      httpsOnly: !plainHttpAllowed(),
    })
  }
}

/* A refused form never sends the client secret back to the page. */
const KEEP_SECRET = { except: ['clientSecret'] }

/* A saved provider goes back to the providers, its name after the message. */
function saved(message: string) {
  return ({ provider }: { provider: { name: string } }): SavedAnswer => [
    `${message}: ${provider.name}`,
    'identityProviders.index',
  ]
}

/* Why a provider was not saved, under the field at fault. */
function refused(result: Exclude<SaveIdentityProviderResult, { type: 'saved' }>): FieldErrors {
  switch (result.type) {
    case 'issuer_invalid':
      return {
        issuer: 'Enter the issuer URL as a full web address, like https://login.example.gov.uk',
      }
    case 'issuer_not_https':
      return { issuer: 'Enter an issuer URL that starts with https://' }
    case 'issuer_has_query':
      return { issuer: 'Enter the issuer URL without a query or a # part' }
    case 'secret_required':
      return { clientSecret: 'Enter the client secret the provider gave this service' }
    case 'organisation_not_found':
      return { organisationId: 'Select the organisation new people join' }
    case 'domain_taken':
      return {
        domains: `${result.domain} already signs in through ${result.providerName}: a domain belongs to one provider`,
      }
    default: {
      const unreachable: never = result
      return unreachable
    }
  }
}
