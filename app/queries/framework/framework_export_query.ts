import RoleFamily from '#models/role_family'
import Skill from '#models/skill'
import { skillLevelName } from '#domain/framework/levels'

/*
 * The live framework as one nested document: families, roles, levels with
 * their requirements, and skills with their four level descriptors.
 */
export async function frameworkDocument() {
  const [families, skills] = await Promise.all([
    RoleFamily.query()
      .whereNull('retired_at')
      .orderBy('position')
      .preload('roleProfiles', (roles) =>
        roles
          .whereNull('retired_at')
          .orderBy('name')
          .preload('roleLevels', (levels) =>
            levels
              .whereNull('retired_at')
              .orderBy('position')
              .preload('requirements', (requirements) => requirements.preload('skill'))
          )
      ),
    Skill.query()
      .whereNull('retired_at')
      .orderBy('name')
      .preload('descriptors', (query) => query.orderBy('level')),
  ])
  return {
    families: families.map((family) => ({
      name: family.name,
      description: family.description,
      roles: family.roleProfiles.map((role) => ({
        name: role.name,
        description: role.description,
        levels: role.roleLevels.map((level) => ({
          name: level.name,
          description: level.description,
          typicalGrades: level.typicalGrades,
          requirements: level.requirements
            .filter((requirement) => !requirement.skill.retiredAt)
            .map((requirement) => ({
              skill: requirement.skill.name,
              level: skillLevelName(requirement.level),
            }))
            .sort((a, b) => a.skill.localeCompare(b.skill)),
        })),
      })),
    })),
    skills: skills.map((skill) => ({
      name: skill.name,
      category: skill.category,
      description: skill.description,
      levels: skill.descriptors.map((descriptor) => ({
        level: descriptor.level,
        name: skillLevelName(descriptor.level),
        descriptor: descriptor.descriptor,
      })),
    })),
  }
}
