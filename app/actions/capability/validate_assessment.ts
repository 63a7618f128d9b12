import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import SkillAssessment from '#models/skill_assessment'
import type User from '#models/user'
import { AssessmentSources, AssessmentStatuses } from '#enums/capability'
import { sendNotices } from '#mails/notice_mail'
import AssessmentValidated from '#mails/assessment_validated'

export type ValidateAssessmentResult =
  | { type: 'validated'; assessment: SkillAssessment; selfAssessment: SkillAssessment }
  | { type: 'not_found' }
  | { type: 'already_validated' }

/*
 * A line manager validates a direct report's self-assessment, agreeing or
 * setting another level: a new validated assessment is written that points
 * at the self-assessment, and both are kept; once committed, the person is
 * e-mailed the level and the comment. Anyone but the person's current line
 * manager gets not_found.
 */
export async function validateAssessment(
  manager: User,
  selfAssessmentId: number,
  judgement: { level: number | null; comment?: string | null },
  now = DateTime.now()
): Promise<ValidateAssessmentResult> {
  const result = await db.transaction(async (trx): Promise<ValidateAssessmentResult> => {
    const selfAssessment = await SkillAssessment.query({ client: trx })
      .where('id', selfAssessmentId)
      .where('source', AssessmentSources.Self)
      .preload('user')
      .first()
    if (!selfAssessment || selfAssessment.user.lineManagerId !== manager.id)
      return { type: 'not_found' as const }
    const existing = await trx
      .from('skill_assessments')
      .where('validates_id', selfAssessment.id)
      .select('id')
      .first()
    if (existing) return { type: 'already_validated' as const }

    const assessment = await SkillAssessment.create(
      {
        userId: selfAssessment.userId,
        skillId: selfAssessment.skillId,
        level: judgement.level ?? selfAssessment.level,
        source: AssessmentSources.Manager,
        status: AssessmentStatuses.Validated,
        assessedBy: manager.id,
        validatesId: selfAssessment.id,
        comment: judgement.comment?.trim() || null,
        assessedAt: now,
      },
      { client: trx }
    )
    return { type: 'validated' as const, assessment, selfAssessment }
  })
  if (result.type === 'validated') {
    await sendNotices(await validatedNotice(result.selfAssessment, result.assessment, manager), {
      selfAssessmentId,
    })
  }
  return result
}

/* The person's e-mail about the validation, read once it has committed; none when they have left. */
async function validatedNotice(
  selfAssessment: SkillAssessment,
  assessment: SkillAssessment,
  manager: User
) {
  const person = selfAssessment.user
  if (!person.isActive) return []
  const skill = await db
    .from('skills')
    .where('id', selfAssessment.skillId)
    .select('name')
    .firstOrFail()
  return [
    new AssessmentValidated({
      learner: { email: person.email, name: person.fullName },
      manager: manager.fullName,
      skill: String(skill.name),
      selfLevel: selfAssessment.level,
      level: assessment.level,
      comment: assessment.comment,
    }),
  ]
}
