import type { HttpContext } from '@adonisjs/core/http'
import type Organisation from '#models/organisation'
import { digitalLeaderValidator } from '#validators/workforce_services'
import { nameDigitalLeader } from '#actions/workforce/name_digital_leader'
import { findOrganisationInScope } from '#queries/identity/organisations_query'
import User from '#models/user'

/*
 * Naming an organisation's Digital Leader: department HR for their own
 * tree, capability admins for any. Organisations outside the scope are 404.
 */
export default class DigitalLeadersController {
  async edit({ bouncer, inScope, params, view }: HttpContext) {
    const organisation = await this.findInScope({ bouncer, inScope }, params.id)
    const leader = organisation.digitalLeaderId
      ? await User.query().where('id', organisation.digitalLeaderId).preload('organisation').first()
      : null
    return view.render('pages/workforce/digital_leader/form', { organisation, leader })
  }

  async update({
    backWithErrors,
    bouncer,
    inScope,
    params,
    request,
    response,
    session,
  }: HttpContext) {
    const organisation = await this.findInScope({ bouncer, inScope }, params.id)
    const input = await request.validateUsing(digitalLeaderValidator)
    const result = await nameDigitalLeader(organisation, input.email, input.onBoard === 'yes')
    switch (result.type) {
      case 'named':
        session.flash(
          'success',
          result.elsewhere
            ? `${result.leader.fullName} is now the Digital Leader for ${organisation.name}. They work in another organisation`
            : `${result.leader.fullName} is now the Digital Leader for ${organisation.name}`
        )
        return response.redirect().toRoute('workforce.compliance')
      case 'cleared':
        session.flash('success', `${organisation.name} no longer has a Digital Leader`)
        return response.redirect().toRoute('workforce.compliance')
      case 'person_not_found':
        return backWithErrors({
          email: 'There is no active person with this email address: check it, or add them first',
        })
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  private async findInScope(
    { bouncer, inScope }: Pick<HttpContext, 'bouncer' | 'inScope'>,
    id: unknown
  ): Promise<Organisation> {
    await bouncer.with('WorkforcePolicy').authorize('viewAny')
    const organisation = await inScope(findOrganisationInScope, id)
    await bouncer.with('WorkforcePolicy').authorize('manage', organisation.id)
    return organisation
  }
}
