import type { HttpContext } from '@adonisjs/core/http'
import { Bouncer } from '@adonisjs/bouncer'
import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { Roles } from '#enums/roles'
import { OrganisationScope } from '#services/organisation_scope'
import { sendCsv } from '#services/csv_export'
import { TEAM_SKILLS_HEADER } from '#queries/exports/page_csv_headers'
import { organisationOptions, teamOptions } from '#queries/identity/people_query'
import {
  teamMatrix,
  streamTeamMatrixLines,
  type TeamAudience,
  type TeamFilters,
} from '#queries/capability/team_matrix_query'
import { teamFiltersValidator } from '#validators/capability_team'
import RecordNotFoundException from '#exceptions/record_not_found_exception'

const administers = (user: User) => user.hasRole(Roles.DepartmentHr, Roles.CapabilityAdmin)

/* Line managers see their direct reports; department HR and capability admins their scope. */
const viewTeamSkills = Bouncer.ability(
  (user: User) => Boolean(user.isLineManager) || administers(user)
)

export default class TeamController {
  async show({ auth, bouncer, request, view }: HttpContext) {
    await bouncer.authorize(viewTeamSkills)
    const { audience, filters } = await this.audienceAndFilters(auth.getUserOrFail(), request.qs())
    const matrix = await teamMatrix(audience, filters)
    return view.render('pages/capability/team', {
      matrix,
      audience: audience.kind,
      filters: { ...filters, organisationId: filters.organisation?.id },
      csvUrl: `/capability/team.csv${this.queryString(request.qs())}`,
      ...(await this.options(audience)),
    })
  }

  /* The same people and filters as the page, every page, one line per person and skill. */
  async csv({ auth, bouncer, request, response }: HttpContext) {
    await bouncer.authorize(viewTeamSkills)
    const { audience, filters } = await this.audienceAndFilters(auth.getUserOrFail(), request.qs())
    const rows = streamTeamMatrixLines(audience, filters)
    async function* lines() {
      for await (const row of rows) {
        const validated = row.validated_level === null ? null : Number(row.validated_level)
        const self = row.self_level === null ? null : Number(row.self_level)
        const level = validated ?? self
        const required = Number(row.required)
        yield [
          row.full_name,
          row.email,
          row.role_level_name,
          row.skill_name,
          required,
          level ?? '',
          validated === null ? 'no' : 'yes',
          Math.max(0, required - (level ?? 0)),
        ]
      }
    }
    sendCsv(response, 'team-skills.csv', TEAM_SKILLS_HEADER, lines(), { noStore: false })
  }

  private async audienceAndFilters(user: User, qs: Record<string, unknown>) {
    const [, input] = await teamFiltersValidator.tryValidate(qs)
    const filters: TeamFilters = {
      roleLevelId: input?.roleLevelId,
      page: input?.page ?? 1,
    }
    if (!administers(user)) {
      const audience: TeamAudience = { kind: 'reports', managerId: user.id }
      return { audience, filters }
    }
    const scope = await OrganisationScope.forUser(user)
    const audience: TeamAudience = { kind: 'scope', scope }
    if (input?.organisationId) {
      if (!(await scope.includes(input.organisationId))) throw new RecordNotFoundException()
      const organisation = await db
        .from('organisations')
        .where('id', input.organisationId)
        .select('id', 'path')
        .firstOrFail()
      filters.organisation = { id: Number(organisation.id), path: String(organisation.path) }
    }
    filters.teamId = input?.teamId
    return { audience, filters }
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

  private queryString(qs: Record<string, unknown>) {
    const params = new URLSearchParams()
    for (const key of ['organisationId', 'roleLevelId', 'teamId']) {
      if (typeof qs[key] === 'string' && qs[key]) params.set(key, qs[key] as string)
    }
    const text = params.toString()
    return text ? `?${text}` : ''
  }
}
