import type { HttpContext } from '@adonisjs/core/http'
import { Bouncer } from '@adonisjs/bouncer'
import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { Roles } from '#enums/roles'
import { teamSkillsList } from '#exports/capability'
import { organisationOptions, teamOptions } from '#queries/identity/people_query'
import type { TeamAudience } from '#queries/capability/team_matrix_query'

const administers = (user: User) => user.hasRole(Roles.DepartmentHr, Roles.CapabilityAdmin)

/* Line managers see their direct reports; department HR and capability admins their scope. */
const viewTeamSkills = Bouncer.ability(
  (user: User) => Boolean(user.isLineManager) || administers(user)
)

export default class TeamController {
  async show(ctx: HttpContext) {
    await ctx.bouncer.authorize(viewTeamSkills)
    const { scope: audience, filters, page, csvHref } = await teamSkillsList.read(ctx)
    return ctx.view.render('pages/capability/team', {
      matrix: page,
      audience: audience.kind,
      filters: { ...filters, organisationId: filters.organisation?.id },
      csvUrl: csvHref,
      ...(await this.options(audience)),
    })
  }

  /* The same people and filters as the page, every page, one line per person and skill. */
  async csv(ctx: HttpContext) {
    await ctx.bouncer.authorize(viewTeamSkills)
    return teamSkillsList.sendCsv(ctx)
  }

  private async options(audience: TeamAudience) {
    const levels = await db
      .from('role_levels')
      .join('role_profiles', 'role_profiles.id', 'role_levels.role_profile_id')
      .whereNull('role_levels.retired_at')
      .whereNull('role_profiles.retired_at')
      .select('role_levels.id', 'role_levels.name', 'role_profiles.name as profile_name')
      .orderBy('role_profiles.name')
      .orderBy('role_levels.position')
    const groups = new Map<string, { value: number; label: string }[]>()
    for (const level of levels) {
      const list = groups.get(level.profile_name) ?? []
      list.push({ value: Number(level.id), label: level.name })
      groups.set(level.profile_name, list)
    }
    const roleLevels = [...groups].map(([label, options]) => ({ label, value: label, options }))
    if (audience.kind === 'reports') return { roleLevels, organisations: [], teams: [] }
    return {
      roleLevels,
      organisations: await organisationOptions(audience.scope),
      teams: await teamOptions(audience.scope),
    }
  }
}
