import db from '@adonisjs/lucid/services/db'
import { deleteRecord, saveChanges } from '#actions/transactions'
import RoleRequirement from '#models/role_requirement'
import Skill from '#models/skill'
import type RoleLevel from '#models/role_level'
import type { SkillLevel } from '#domain/framework/levels'

export type RoleRequirementInput = {
  skillId: number
  level: SkillLevel
}

export type AddRoleRequirementResult =
  | { type: 'saved'; requirement: RoleRequirement; skill: Skill }
  | { type: 'skill_not_found' }
  | { type: 'already_required'; skill: Skill }

/*
 * Says a role level needs a skill at a level. The skill must exist and be
 * live, and a role level needs each skill once: a second requirement for
 * the same skill is refused, so its level is changed instead.
 */
export async function addRoleRequirement(
  roleLevel: RoleLevel,
  input: RoleRequirementInput
): Promise<AddRoleRequirementResult> {
  return db.transaction(async (trx) => {
    const skill = await Skill.query({ client: trx })
      .where('id', input.skillId)
      .whereNull('retired_at')
      .first()
    if (!skill) return { type: 'skill_not_found' as const }

    const existing = await trx
      .from('role_requirements')
      .where({ role_level_id: roleLevel.id, skill_id: skill.id })
      .select('id')
      .first()
    if (existing) return { type: 'already_required' as const, skill }

    const requirement = await RoleRequirement.create(
      { roleLevelId: roleLevel.id, skillId: skill.id, level: input.level },
      { client: trx }
    )
    return { type: 'saved' as const, requirement, skill }
  })
}

/* Changes the level a role level needs in one skill. */
export async function changeRoleRequirement(requirement: RoleRequirement, level: SkillLevel) {
  await saveChanges(requirement, { level })
  return { type: 'saved' as const, requirement }
}

/*
 * Removes a requirement. The skill and the role level stay; only the link
 * between them goes, and the trail keeps what it was.
 */
export async function removeRoleRequirement(requirement: RoleRequirement) {
  await deleteRecord(requirement)
  return { type: 'removed' as const, requirement }
}
