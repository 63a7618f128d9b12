import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { SkillEvidence } from '#domain/capability/gap_engine'

/*
 * What is known of one person's skills, for the gap engine: the latest
 * level their line manager validated (validating a skill claim from a
 * completed course records such an assessment too), and their latest
 * self-assessment. Two queries, whatever the number of skills.
 */
export async function skillEvidence(
  userId: number,
  skillIds?: number[],
  client: QueryClientContract = db.connection()
): Promise<SkillEvidence[]> {
  const latest = (source: 'self' | 'manager') =>
    latestAssessments(source, client)
      .where('a.user_id', userId)
      .if(skillIds, (query) => query.whereIn('a.skill_id', skillIds!))

  const [self, manager] = await Promise.all([latest('self'), latest('manager')])

  const evidence = new Map<number, SkillEvidence>()
  const entry = (skillId: number) => {
    const found = evidence.get(skillId) ?? { skillId, validated: null, selfAssessed: null }
    evidence.set(skillId, found)
    return found
  }
  for (const row of self) entry(Number(row.skill_id)).selfAssessed = Number(row.level)
  for (const row of manager) entry(Number(row.skill_id)).validated = Number(row.level)
  return [...evidence.values()]
}

/* The latest assessment from one source for every person and skill: no newer one exists. */
export function latestAssessments(
  source: 'self' | 'manager',
  client: QueryClientContract = db.connection()
) {
  return client
    .from('skill_assessments as a')
    .where('a.source', source)
    .whereNotExists((newer) =>
      newer
        .from('skill_assessments as b')
        .whereColumn('b.user_id', 'a.user_id')
        .whereColumn('b.skill_id', 'a.skill_id')
        .where('b.source', source)
        .where((later) =>
          later
            .whereColumn('b.assessed_at', '>', 'a.assessed_at')
            .orWhere((tie) =>
              tie.whereColumn('b.assessed_at', 'a.assessed_at').whereColumn('b.id', '>', 'a.id')
            )
        )
    )
    .select('a.user_id', 'a.skill_id', 'a.level')
}
