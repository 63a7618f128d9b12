import type RoleProfile from '#models/role_profile'
import type RoleLevel from '#models/role_level'
import type Skill from '#models/skill'
import { SKILL_LEVELS, skillLevelName } from '#domain/framework/levels'
import type { Progression } from '#domain/framework/progression'

/*
 * The framework as the JSON API shows it.
 */
export function roleLevelSummary(level: RoleLevel) {
  return {
    id: level.id,
    name: level.name,
    position: level.position,
    typicalGrades: level.typicalGrades,
    description: level.description,
  }
}

export function roleProfileResource(role: RoleProfile, options: { requirements?: boolean } = {}) {
  return {
    id: role.id,
    name: role.name,
    description: role.description,
    family: { id: role.roleFamily.id, name: role.roleFamily.name },
    levels: role.roleLevels.map((level) => ({
      ...roleLevelSummary(level),
      ...(options.requirements
        ? {
            requirements: level.requirements
              .filter((requirement) => !requirement.skill.retiredAt)
              .map((requirement) => ({
                skill: { id: requirement.skill.id, name: requirement.skill.name },
                level: requirement.level,
                levelName: skillLevelName(requirement.level),
              }))
              .sort((a, b) => a.skill.name.localeCompare(b.skill.name)),
          }
        : {}),
    })),
    links: { self: `/api/v1/role-profiles/${role.id}` },
  }
}

export function skillResource(skill: Skill) {
  const descriptors = new Map(skill.descriptors.map((row) => [row.level, row.descriptor]))
  return {
    id: skill.id,
    name: skill.name,
    category: skill.category,
    description: skill.description,
    levels: SKILL_LEVELS.map(({ level, name }) => ({
      level,
      name,
      descriptor: descriptors.get(level) ?? null,
    })),
    links: { self: `/api/v1/skills/${skill.id}` },
  }
}

export function progressionResource(from: RoleLevel, to: RoleLevel, progression: Progression) {
  const skill = (step: { skillId: number; skillName: string }) => ({
    id: step.skillId,
    name: step.skillName,
  })
  return {
    from: { id: from.id, name: from.name },
    to: { id: to.id, name: to.name },
    raise: progression.raise.map((step) => ({ skill: skill(step), from: step.from, to: step.to })),
    new: progression.new.map((step) => ({ skill: skill(step), to: step.to })),
    same: progression.same.map((step) => ({ skill: skill(step), level: step.level })),
    lower: progression.lower.map((step) => ({ skill: skill(step), from: step.from, to: step.to })),
    dropped: progression.dropped.map((step) => ({ skill: skill(step), from: step.from })),
  }
}
