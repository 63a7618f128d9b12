import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { Roles } from '#enums/roles'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import { defineList, idFilter, ownExport } from '#services/list_pipeline'
import { OrganisationScope } from '#services/organisation_scope'
import { reachedExport } from '#exports/reached_export'
import {
  streamTeamMatrixLines,
  teamMatrix,
  type TeamAudience,
  type TeamFilters,
} from '#queries/capability/team_matrix_query'
import {
  countPlanItems,
  countValidations,
  planLines,
  planOwnerFor,
  validationLines,
  PLAN_HEADER,
  VALIDATIONS_HEADER,
} from '#queries/exports/capability_export_query'
import { TEAM_SKILLS_HEADER } from '#queries/exports/page_csv_headers'
import { teamFiltersValidator } from '#validators/capability_team'

/* The capability area's lists that may be exported as a queued job, and the team skills list. */

const validations = ownExport(
  {
    title: 'Validations',
    fileStem: 'validations',
    header: VALIDATIONS_HEADER,
    listPath: '/capability/validations',
  },
  countValidations,
  validationLines
)

/*
 * A development plan: the person's own, or a direct report's for their
 * line manager, asked again when the file is written; no rows otherwise.
 */
const developmentPlan = reachedExport(
  {
    title: 'Development plan',
    fileStem: 'development-plan',
    header: PLAN_HEADER,
    listPath: '/capability/plan',
    filters: idFilter('personId'),
  },
  planOwnerFor,
  countPlanItems,
  planLines
)

export const capabilityExports = { validations, developmentPlan }

/* Department HR and capability admins see the people of their scope; a line manager their reports. */
async function teamAudience(user: User): Promise<TeamAudience> {
  return user.hasRole(Roles.DepartmentHr, Roles.CapabilityAdmin)
    ? { kind: 'scope', scope: await OrganisationScope.forUser(user) }
    : { kind: 'reports', managerId: user.id }
}

/* The filters the CSV link carries, as they were sent. */
const TEAM_LINK_FILTERS = ['organisationId', 'roleLevelId', 'teamId']

/*
 * People's skills against their role level: the matrix a page of people
 * at a time, and in the CSV every person, one line per person and skill.
 * Filters that do not read are left out rather than refused.
 */
export const teamSkillsList = defineList({
  path: '/capability/team',
  scope: teamAudience,
  async filters(audience, qs) {
    const input = Object.fromEntries(
      TEAM_LINK_FILTERS.filter((key) => typeof qs[key] === 'string').map((key) => [key, qs[key]])
    )
    const [, valid] = await teamFiltersValidator.tryValidate(qs)
    const filters: TeamFilters = { roleLevelId: valid?.roleLevelId, page: valid?.page ?? 1 }
    if (audience.kind === 'reports') return { input, filters }
    if (valid?.organisationId) {
      if (!(await audience.scope.includes(valid.organisationId))) {
        throw new RecordNotFoundException()
      }
      const organisation = await db
        .from('organisations')
        .where('id', valid.organisationId)
        .select('id', 'path')
        .firstOrFail()
      filters.organisation = { id: Number(organisation.id), path: String(organisation.path) }
    }
    filters.teamId = valid?.teamId
    return { input, filters }
  },
  page: (audience, filters) => teamMatrix(audience, filters),
  rows: (audience, filters) => streamTeamMatrixLines(audience, filters),
  csv: {
    fileName: 'team-skills.csv',
    header: TEAM_SKILLS_HEADER,
    line(row) {
      const validated = row.validated_level === null ? null : Number(row.validated_level)
      const self = row.self_level === null ? null : Number(row.self_level)
      const level = validated ?? self
      const required = Number(row.required)
      return [
        row.full_name,
        row.email,
        row.role_level_name,
        row.skill_name,
        required,
        level ?? '',
        validated === null ? 'no' : 'yes',
        Math.max(0, required - (level ?? 0)),
      ]
    },
  },
})
