import { DateTime } from 'luxon'
import type { ModelAttributes } from '@adonisjs/lucid/types/model'
import RoleAssignment from '#models/role_assignment'
import SkillAssessment from '#models/skill_assessment'
import SkillClaim from '#models/skill_claim'
import DevelopmentPlanItem from '#models/development_plan_item'

/* A record, or its id. */
type Ref = number | { id: number }

const idOf = (ref: Ref) => (typeof ref === 'number' ? ref : ref.id)

/*
 * A person's role level: their current one, confirmed, unless told
 * otherwise. It is in force (its active kind set to its kind) unless
 * `activeKind` says otherwise, as an ended assignment's is null.
 */
export async function createRoleAssignment(
  person: Ref,
  roleLevel: Ref,
  values: Partial<ModelAttributes<RoleAssignment>> = {}
) {
  const kind = values.kind ?? 'current'
  return RoleAssignment.create({
    userId: idOf(person),
    roleLevelId: idOf(roleLevel),
    kind,
    status: 'confirmed',
    activeKind: kind,
    ...values,
  })
}

/*
 * One judgement of a person's level in a skill, made now unless told
 * otherwise: their own, submitted, or (source "manager") their line
 * manager's, validated.
 */
export async function createAssessment(
  person: Ref,
  skill: Ref,
  level: number,
  values: Partial<ModelAttributes<SkillAssessment>> = {}
) {
  const source = values.source ?? 'self'
  return SkillAssessment.create({
    userId: idOf(person),
    skillId: idOf(skill),
    level,
    source,
    status: source === 'self' ? 'submitted' : 'validated',
    assessedAt: DateTime.now(),
    ...values,
  })
}

/* A level of a skill a person claims, waiting for their line manager unless told otherwise. */
export async function createSkillClaim(
  person: Ref,
  skill: Ref,
  level: number,
  values: Partial<ModelAttributes<SkillClaim>> = {}
) {
  return SkillClaim.create({
    userId: idOf(person),
    skillId: idOf(skill),
    level,
    status: 'pending',
    ...values,
  })
}

/* An item of a person's development plan: a skill to work on, planned, unless told otherwise. */
export async function createPlanItem(
  person: Ref,
  values: Partial<ModelAttributes<DevelopmentPlanItem>> = {}
) {
  return DevelopmentPlanItem.create({
    userId: idOf(person),
    kind: 'skill',
    status: 'planned',
    ...values,
  })
}
