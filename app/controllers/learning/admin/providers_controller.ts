import type { HttpContext } from '@adonisjs/core/http'
import { Bouncer } from '@adonisjs/bouncer'
import type User from '#models/user'
import Provider from '#models/provider'
import { providerAdminValidator, providerValidator } from '#validators/learning_admin'
import {
  linkProviderAdmin,
  saveProvider,
  unlinkProviderAdmin,
} from '#actions/learning/save_provider'
import { providerAdmins, providerSummaries } from '#queries/learning/admin_courses_query'
import { found, idParam } from '#services/params'
import { exportList } from '#services/exports'

/* A provider's code and name are its own. */
const TAKEN = {
  code_taken: { code: 'A provider with this code already exists' },
  name_taken: { name: 'A provider with this name already exists' },
}

/* Only capability admins add providers and say which course admins run them. */
const manageProviders = Bouncer.ability((user: User) => user.isCapabilityAdmin)

/*
 * Training providers, for capability admins: the list, a form to add one,
 * and each provider's page linking course admins to it by e-mail.
 */
export default class ProvidersController {
  async index({ bouncer, view }: HttpContext) {
    await bouncer.authorize(manageProviders)
    return view.render('pages/learning/admin/providers/index', {
      providers: await providerSummaries(),
    })
  }

  /* Every provider with its courses and course admins, as CSV. */
  async csv(ctx: HttpContext) {
    await ctx.bouncer.authorize(manageProviders)
    return exportList(ctx, 'providers')
  }

  async store({ answerSave, bouncer, request }: HttpContext) {
    await bouncer.authorize(manageProviders)
    const input = await request.validateUsing(providerValidator)
    const result = await saveProvider(input)
    return answerSave(
      result,
      ({ provider }) => [
        `Provider added: ${provider.name}. Link its course admins`,
        'learning.admin.providers.show',
        { id: provider.id },
      ],
      (taken) => TAKEN[taken.type]
    )
  }

  async show({ bouncer, params, view }: HttpContext) {
    await bouncer.authorize(manageProviders)
    const provider = await this.find(params.id)
    return view.render('pages/learning/admin/providers/show', {
      provider,
      admins: await providerAdmins(provider.id),
    })
  }

  async linkAdmin({ backWithErrors, bouncer, params, request, response, session }: HttpContext) {
    await bouncer.authorize(manageProviders)
    const provider = await this.find(params.id)
    const { email } = await request.validateUsing(providerAdminValidator)
    const result = await linkProviderAdmin(provider, email)
    switch (result.type) {
      case 'linked':
        session.flash(
          'success',
          `${result.user.fullName} can now manage ${provider.name}’s courses and sessions`
        )
        return response.redirect().toRoute('learning.admin.providers.show', { id: provider.id })
      case 'user_not_found':
        return backWithErrors({ email: 'There is no one with this email address' })
      case 'not_course_admin':
        return backWithErrors({
          email: `${result.user.fullName} is not a course admin: give them the course admin role on their page first`,
        })
      case 'already_linked':
        return backWithErrors({ email: `${result.email} already manages ${provider.name}` })
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  async unlinkAdmin({ bouncer, params, response, session }: HttpContext) {
    await bouncer.authorize(manageProviders)
    const provider = await this.find(params.id)
    const result = await unlinkProviderAdmin(provider, idParam(params.userId))
    session.flash(
      'success',
      result.type === 'unlinked'
        ? `${result.user.fullName} no longer manages ${provider.name}’s courses`
        : 'That person did not manage this provider'
    )
    return response.redirect().toRoute('learning.admin.providers.show', { id: provider.id })
  }

  private async find(id: unknown) {
    return found(await Provider.find(idParam(id)))
  }
}
