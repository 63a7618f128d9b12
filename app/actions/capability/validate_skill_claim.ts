import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import SkillAssessment from '#models/skill_assessment'
import SkillClaim from '#models/skill_claim'
import type User from '#models/user'
import { AssessmentSources, AssessmentStatuses } from '#enums/capability'
import { SkillClaimStatuses } from '#enums/learning'
import { sendNotices } from '#mails/notice_mail'
import SkillClaimDecided, { type ClaimOutcome } from '#mails/skill_claim_decided'

export type ClaimDecision =
  | { decision: 'agree'; comment?: string | null }
  | { decision: 'other'; level: number; comment?: string | null }
  | { decision: 'reject'; level: number; comment?: string | null }

export type ValidateSkillClaimResult =
  | { type: 'validated'; claim: SkillClaim; assessment: SkillAssessment }
  | { type: 'rejected'; claim: SkillClaim; assessment: SkillAssessment }
  | { type: 'not_found' }
  | { type: 'not_pending'; claim: SkillClaim }
  | { type: 'reject_needs_lower_level'; claim: SkillClaim }

/*
 * A line manager decides a direct report's claim to a skill level from a
 * completed course. Agreeing, or setting another level, validates the
 * claim; rejecting it needs a level lower than claimed. Either way the
 * manager's level is recorded as a validated assessment, and once that has
 * committed the learner is e-mailed the decision with the manager's comment.
 */
export async function validateSkillClaim(
  manager: User,
  claimId: number,
  decision: ClaimDecision,
  now = DateTime.now()
): Promise<ValidateSkillClaimResult> {
  const result = await db.transaction(async (trx): Promise<ValidateSkillClaimResult> => {
    const claim = await SkillClaim.query({ client: trx })
      .where('id', claimId)
      .preload('user')
      .first()
    if (!claim || claim.user.lineManagerId !== manager.id) return { type: 'not_found' as const }
    if (claim.status !== SkillClaimStatuses.Pending) return { type: 'not_pending' as const, claim }
    const level = decision.decision === 'agree' ? claim.level : decision.level
    if (decision.decision === 'reject' && level >= claim.level)
      return { type: 'reject_needs_lower_level' as const, claim }

    const comment = decision.comment?.trim() || null
    const assessment = await SkillAssessment.create(
      {
        userId: claim.userId,
        skillId: claim.skillId,
        level,
        source: AssessmentSources.Manager,
        status: AssessmentStatuses.Validated,
        assessedBy: manager.id,
        validatesId: null,
        comment,
        assessedAt: now,
      },
      { client: trx }
    )
    claim.useTransaction(trx)
    claim.merge({
      status:
        decision.decision === 'reject' ? SkillClaimStatuses.Rejected : SkillClaimStatuses.Validated,
      decidedBy: manager.id,
      decidedAt: now,
      comment,
    })
    await claim.save()
    return decision.decision === 'reject'
      ? { type: 'rejected' as const, claim, assessment }
      : { type: 'validated' as const, claim, assessment }
  })
  if (result.type === 'validated' || result.type === 'rejected') {
    await sendNotices(await decidedNotice(result.claim, result.assessment, manager), {
      claimId,
    })
  }
  return result
}

/* The learner's e-mail about the decision, read once it has committed; none when they have left. */
async function decidedNotice(claim: SkillClaim, assessment: SkillAssessment, manager: User) {
  if (!claim.user.isActive) return []
  const skill = await db.from('skills').where('id', claim.skillId).select('name').firstOrFail()
  const record = claim.learningRecordId
    ? await db.from('learning_records').where('id', claim.learningRecordId).select('title').first()
    : null
  let outcome: ClaimOutcome = 'rejected'
  if (claim.status === SkillClaimStatuses.Validated) {
    outcome = assessment.level === claim.level ? 'agreed' : 'changed'
  }
  return [
    new SkillClaimDecided({
      learner: { email: claim.user.email, name: claim.user.fullName },
      manager: manager.fullName,
      skill: String(skill.name),
      claimed: claim.level,
      level: assessment.level,
      outcome,
      comment: claim.comment,
      from: record ? String(record.title) : null,
    }),
  ]
}
