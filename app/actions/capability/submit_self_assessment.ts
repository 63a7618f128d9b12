import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import SkillAssessment from '#models/skill_assessment'
import type User from '#models/user'
import { AssessmentSources, AssessmentStatuses } from '#enums/capability'
import { assessableSkillIds } from '#queries/capability/assessment_query'

export type SelfAssessmentAnswer = { skillId: number; level: number }

export type SubmitSelfAssessmentResult =
  | { type: 'submitted'; assessments: SkillAssessment[] }
  | { type: 'no_current_role' }
  | { type: 'skills_not_in_role'; indexes: number[] }
  | { type: 'nothing_to_submit' }

/*
 * A person records their own level in the skills of their current and
 * target role levels: one submitted self-assessment per skill, all or none.
 */
export async function submitSelfAssessment(
  person: User,
  answers: SelfAssessmentAnswer[],
  now = DateTime.now()
): Promise<SubmitSelfAssessmentResult> {
  if (!answers.length) return { type: 'nothing_to_submit' }
  const allowed = await assessableSkillIds(person.id)
  if (!allowed.size) return { type: 'no_current_role' }
  const outside = answers
    .map((answer, index) => (allowed.has(answer.skillId) ? -1 : index))
    .filter((index) => index >= 0)
  if (outside.length) return { type: 'skills_not_in_role', indexes: outside }

  const assessments = await db.transaction(async (trx) => {
    const saved: SkillAssessment[] = []
    for (const answer of answers) {
      saved.push(
        await SkillAssessment.create(
          {
            userId: person.id,
            skillId: answer.skillId,
            level: answer.level,
            source: AssessmentSources.Self,
            status: AssessmentStatuses.Submitted,
            assessedBy: person.id,
            assessedAt: now,
          },
          { client: trx }
        )
      )
    }
    return saved
  })
  return { type: 'submitted', assessments }
}
