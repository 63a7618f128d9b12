import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/*
 * A person's current level of each of the given skills, as far as the
 * service knows it: the highest level a line manager has validated through
 * a skill claim. (Self and manager assessments join this when the
 * capability area lands.) Skills with no known level are absent.
 */
export async function currentSkillLevels(
  client: QueryClientContract,
  userId: number,
  skillIds: number[]
) {
  const levels = new Map<number, number>()
  if (skillIds.length === 0) return levels
  const rows = await client
    .from('skill_claims')
    .where('user_id', userId)
    .where('status', 'validated')
    .whereIn('skill_id', skillIds)
    .groupBy('skill_id')
    .select('skill_id')
    .max('level as level')
  for (const row of rows) levels.set(Number(row.skill_id), Number(row.level))
  return levels
}
