import RoleFamily from '#models/role_family'
import RoleProfile from '#models/role_profile'
import RoleLevel from '#models/role_level'
import Skill from '#models/skill'
import SkillLevelDescriptor from '#models/skill_level_descriptor'
import RoleRequirement from '#models/role_requirement'
import FrameworkImport from '#models/framework_import'
import type User from '#models/user'

let sequence = 0

/* Creates a skill with its four level descriptors. */
export async function createSkill(name?: string, category = 'Product and delivery') {
  sequence += 1
  const skill = await Skill.create({
    name: name ?? `Skill ${sequence}`,
    category,
    description: `About ${name ?? sequence}.`,
  })
  for (const level of [1, 2, 3, 4]) {
    await SkillLevelDescriptor.create({
      skillId: skill.id,
      level,
      descriptor: `${skill.name} at level ${level}.`,
    })
  }
  return skill
}

/*
 * A small framework for tests: one family, one role with the given levels
 * (most junior first) and, for each level, the skills it needs by name.
 */
export async function createRole(options: {
  family?: string
  role?: string
  levels: { name: string; needs: Record<string, number>; typicalGrades?: string[] }[]
}) {
  sequence += 1
  const family =
    (await RoleFamily.findBy('name', options.family ?? 'Product and delivery')) ??
    (await RoleFamily.create({ name: options.family ?? 'Product and delivery', position: 1 }))
  const role = await RoleProfile.create({
    roleFamilyId: family.id,
    name: options.role ?? `Role ${sequence}`,
  })
  const levels: RoleLevel[] = []
  for (const [index, spec] of options.levels.entries()) {
    const level = await RoleLevel.create({
      roleProfileId: role.id,
      name: spec.name,
      position: index + 1,
      typicalGrades: spec.typicalGrades ?? [],
    })
    for (const [skillName, needed] of Object.entries(spec.needs)) {
      const skill = (await Skill.findBy('name', skillName)) ?? (await createSkill(skillName))
      await RoleRequirement.create({ roleLevelId: level.id, skillId: skill.id, level: needed })
    }
    levels.push(level)
  }
  return { family, role, levels }
}

/* A framework file a capability admin uploaded and previewed, not yet applied. */
export async function createFrameworkImport(uploader: User, fileName = 'framework.csv') {
  return FrameworkImport.create({
    uploadedBy: uploader.id,
    fileName,
    content: '',
    status: 'previewed',
    summary: null,
  })
}
