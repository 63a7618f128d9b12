import type { HttpContext } from '@adonisjs/core/http'
import type { SavedAnswer } from '#start/http_context'
import { counted } from '#domain/shared/wording'
import type Organisation from '#models/organisation'
import type Team from '#models/team'
import { teamValidator } from '#validators/organisation'
import { deleteTeam, saveTeam } from '#actions/identity/save_team'
import { exportList } from '#services/exports'
import { findOrganisationInScope, findTeamInScope } from '#queries/identity/organisations_query'
import RecordNotFoundException from '#exceptions/record_not_found_exception'

/*
 * Delivery teams inside an organisation, managed by capability admins and
 * by department HR within their own subtree. Teams and organisations outside
 * the user's scope are answered 404, as if they did not exist.
 */
export default class TeamsController {
  /* Delivery teams in scope as CSV; one organisation's only, when it names one in scope. */
  async csv(ctx: HttpContext) {
    await ctx.bouncer.with('OrganisationPolicy').authorize('viewList')
    const asked = Number(ctx.request.qs().organisationId)
    if (Number.isSafeInteger(asked) && asked > 0) {
      const scope = await ctx.organisationScope()
      if (!(await scope.includes(asked))) throw new RecordNotFoundException()
    }
    return exportList(ctx, 'teams')
  }

  async create({ bouncer, inScope, params, view }: HttpContext) {
    const organisation = await this.findOrganisation({ bouncer, inScope }, params.id)
    await bouncer.with('OrganisationPolicy').authorize('manageTeams', organisation)
    return view.render('pages/admin/teams/form', { organisation, team: null })
  }

  async store({ answerSave, bouncer, inScope, params, request }: HttpContext) {
    const organisation = await this.findOrganisation({ bouncer, inScope }, params.id)
    await bouncer.with('OrganisationPolicy').authorize('manageTeams', organisation)
    const input = await request.validateUsing(teamValidator)
    const result = await saveTeam(organisation, input)
    return answerSave(result, saved('Team added', organisation), nameTaken)
  }

  async edit({ bouncer, inScope, params, view }: HttpContext) {
    const team = await this.findTeam({ bouncer, inScope }, params.id)
    await bouncer.with('OrganisationPolicy').authorize('manageTeams', team.organisation)
    return view.render('pages/admin/teams/form', { organisation: team.organisation, team })
  }

  async update({ answerSave, bouncer, inScope, params, request }: HttpContext) {
    const team = await this.findTeam({ bouncer, inScope }, params.id)
    await bouncer.with('OrganisationPolicy').authorize('manageTeams', team.organisation)
    const input = await request.validateUsing(teamValidator)
    const result = await saveTeam(team.organisation, input, team)
    return answerSave(result, saved('Team updated', team.organisation), nameTaken)
  }

  async destroy({ bouncer, inScope, params, response, session }: HttpContext) {
    const team = await this.findTeam({ bouncer, inScope }, params.id)
    await bouncer.with('OrganisationPolicy').authorize('manageTeams', team.organisation)
    const result = await deleteTeam(team)
    switch (result.type) {
      case 'deleted':
        session.flash('success', `Team deleted: ${result.team.name}`)
        break
      case 'has_members': {
        const people = `${counted(result.count, 'person', 'people')} ${result.count === 1 ? 'is' : 'are'}`
        session.flash(
          'error',
          `${team.name} cannot be deleted because ${people} in it. Move them to another team first`
        )
        break
      }
      case 'has_fast_stream_history': {
        const records = [
          plural(result.placements, 'Fast Stream placement'),
          plural(result.postings, 'Fast Stream posting'),
        ].filter(Boolean)
        session.flash(
          'error',
          `${team.name} cannot be deleted because it has ${records.join(' and ')} on record. Rename it instead`
        )
        break
      }
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
    return response.redirect().toRoute('organisations.show', { id: team.organisationId })
  }

  /* People without an admin role are refused (403) before any lookup. */
  private async findOrganisation(
    { bouncer, inScope }: Pick<HttpContext, 'bouncer' | 'inScope'>,
    id: unknown
  ): Promise<Organisation> {
    await bouncer.authorize('administer')
    return inScope(findOrganisationInScope, id)
  }

  private async findTeam(
    { bouncer, inScope }: Pick<HttpContext, 'bouncer' | 'inScope'>,
    id: unknown
  ): Promise<Team> {
    await bouncer.authorize('administer')
    return inScope(findTeamInScope, id)
  }
}

/* A saved team goes back to its organisation's page, its name after the message. */
function saved(message: string, organisation: Organisation) {
  return ({ team }: { team: Team }): SavedAnswer => [
    `${message}: ${team.name}`,
    'organisations.show',
    { id: organisation.id },
  ]
}

const nameTaken = () => ({ name: 'A team with this name already exists in this organisation' })

/* "1 Fast Stream placement", "3 Fast Stream placements", or nothing for none. */
function plural(count: number, noun: string) {
  return count === 0 ? null : counted(count, noun)
}
