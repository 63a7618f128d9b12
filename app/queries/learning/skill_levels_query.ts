import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { skillEvidence } from '#queries/capability/skill_evidence_query'

/*
 * A person's validated level of each of the given skills (skills with no
 * validated level are absent): what a completed course is compared with
 * before it makes a skill claim.
 */
export async function currentSkillLevels(
  client: QueryClientContract,
  userId: number,
  skillIds: number[]
) {
  const levels = new Map<number, number>()
  if (skillIds.length === 0) return levels
  for (const row of await skillEvidence(userId, skillIds, client)) {
    if (row.validated !== null) levels.set(row.skillId, row.validated)
  }
  return levels
}
