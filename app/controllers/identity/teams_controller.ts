import type { HttpContext } from '@adonisjs/core/http'
import { counted } from '#domain/shared/wording'
import type Organisation from '#models/organisation'
import type Team from '#models/team'
import { teamValidator } from '#validators/organisation'
import { deleteTeam, saveTeam, type SaveTeamResult } from '#actions/identity/save_team'
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

  async create({ bouncer, organisationScope, params, view }: HttpContext) {
    const organisation = await this.findOrganisation({ bouncer, organisationScope }, params.id)
    await bouncer.with('OrganisationPolicy').authorize('manageTeams', organisation)
    return view.render('pages/admin/teams/form', { organisation, team: null })
  }

  async store({
    backWithErrors,
    bouncer,
    organisationScope,
    params,
    request,
    response,
    session,
  }: HttpContext) {
    const organisation = await this.findOrganisation({ bouncer, organisationScope }, params.id)
    await bouncer.with('OrganisationPolicy').authorize('manageTeams', organisation)
    const input = await request.validateUsing(teamValidator)
    const result = await saveTeam(organisation, input)
    return this.respond(result, organisation, { backWithErrors, response, session }, 'Team added')
  }

  async edit({ bouncer, organisationScope, params, view }: HttpContext) {
    const team = await this.findTeam({ bouncer, organisationScope }, params.id)
    await bouncer.with('OrganisationPolicy').authorize('manageTeams', team.organisation)
    return view.render('pages/admin/teams/form', { organisation: team.organisation, team })
  }

  async update({
    backWithErrors,
    bouncer,
    organisationScope,
    params,
    request,
    response,
    session,
  }: HttpContext) {
    const team = await this.findTeam({ bouncer, organisationScope }, params.id)
    await bouncer.with('OrganisationPolicy').authorize('manageTeams', team.organisation)
    const input = await request.validateUsing(teamValidator)
    const result = await saveTeam(team.organisation, input, team)
    return this.respond(
      result,
      team.organisation,
      { backWithErrors, response, session },
      'Team updated'
    )
  }

  async destroy({ bouncer, organisationScope, params, response, session }: HttpContext) {
    const team = await this.findTeam({ bouncer, organisationScope }, params.id)
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
    { bouncer, organisationScope }: Pick<HttpContext, 'bouncer' | 'organisationScope'>,
    id: unknown
  ): Promise<Organisation> {
    await bouncer.authorize('administer')
    const scope = await organisationScope()
    const organisation = await findOrganisationInScope(scope, id)
    if (!organisation) throw new RecordNotFoundException()
    return organisation
  }

  private async findTeam(
    { bouncer, organisationScope }: Pick<HttpContext, 'bouncer' | 'organisationScope'>,
    id: unknown
  ): Promise<Team> {
    await bouncer.authorize('administer')
    const scope = await organisationScope()
    const team = await findTeamInScope(scope, id)
    if (!team) throw new RecordNotFoundException()
    return team
  }

  private respond(
    result: SaveTeamResult,
    organisation: Organisation,
    {
      backWithErrors,
      response,
      session,
    }: Pick<HttpContext, 'backWithErrors' | 'response' | 'session'>,
    message: string
  ) {
    switch (result.type) {
      case 'saved':
        session.flash('success', `${message}: ${result.team.name}`)
        return response.redirect().toRoute('organisations.show', { id: organisation.id })
      case 'name_taken':
        return backWithErrors({ name: 'A team with this name already exists in this organisation' })
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}

/* "1 Fast Stream placement", "3 Fast Stream placements", or nothing for none. */
function plural(count: number, noun: string) {
  return count === 0 ? null : counted(count, noun)
}
