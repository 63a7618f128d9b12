import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { CURRENT_LEVEL, teamPeople, withRequirements } from '#queries/capability/team_matrix_query'
import { OrganisationScope } from '#services/organisation_scope'

export type OrganisationCapability = {
  people: number
  peopleMeetingAll: number
  bySkill: {
    skill: { id: number; name: string }
    assessedAgainst: number
    below: number
    totalGap: number
  }[]
  byRoleLevel: {
    roleLevel: { id: number; name: string }
    people: number
    peopleMeetingAll: number
  }[]
}

/*
 * How an organisation and everything under it measures up to its people's
 * current role levels, per skill and per role level, computed with GROUP BY
 * in the database: no person is loaded into memory.
 */
export async function organisationCapability(
  organisation: { id: number; path: string },
  client: QueryClientContract = db.connection()
): Promise<OrganisationCapability> {
  const everyone = new OrganisationScope(true, [])
  const lines = () =>
    withRequirements(
      teamPeople({ kind: 'scope', scope: everyone }, { organisation }, client),
      client
    )
  const gap = `case when ${CURRENT_LEVEL} < rr.level then rr.level - ${CURRENT_LEVEL} else 0 end`

  const skillRows = await lines()
    .groupBy('sk.id', 'sk.name')
    .select('sk.id', 'sk.name')
    .count('* as assessed_against')
    .select(client.raw(`sum(case when ${CURRENT_LEVEL} < rr.level then 1 else 0 end) as below`))
    .select(client.raw(`sum(${gap}) as total_gap`))
    .orderBy('sk.name')

  const perPerson = lines()
    .groupBy('users.id', 'ra.role_level_id')
    .select('users.id as user_id', 'ra.role_level_id')
    .select(
      client.raw(`sum(case when ${CURRENT_LEVEL} < rr.level then 1 else 0 end) as skills_below`)
    )
  const levelRows = await client
    .from(perPerson.as('pp'))
    .join('role_levels as rl', 'rl.id', 'pp.role_level_id')
    .groupBy('rl.id', 'rl.name')
    .select('rl.id', 'rl.name')
    .count('* as people')
    .select(client.raw('sum(case when pp.skills_below = 0 then 1 else 0 end) as meeting_all'))
    .orderBy('rl.name')

  const byRoleLevel = levelRows.map((row) => ({
    roleLevel: { id: Number(row.id), name: String(row.name) },
    people: Number(row.people),
    peopleMeetingAll: Number(row.meeting_all ?? 0),
  }))
  return {
    people: byRoleLevel.reduce((sum, row) => sum + row.people, 0),
    peopleMeetingAll: byRoleLevel.reduce((sum, row) => sum + row.peopleMeetingAll, 0),
    bySkill: skillRows.map((row) => ({
      skill: { id: Number(row.id), name: String(row.name) },
      assessedAgainst: Number(row.assessed_against),
      below: Number(row.below ?? 0),
      totalGap: Number(row.total_gap ?? 0),
    })),
    byRoleLevel,
  }
}
