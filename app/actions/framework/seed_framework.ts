import { readFileSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { stringify } from 'csv-stringify/sync'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import RoleFamily from '#models/role_family'
import RoleProfile from '#models/role_profile'
import RoleLevel from '#models/role_level'
import Skill from '#models/skill'
import SkillLevelDescriptor from '#models/skill_level_descriptor'
import { applyFrameworkImport } from '#actions/framework/import_framework'

type SkillSeed = { name: string; category: string; description: string; levels: string[] }
type RoleSeed = {
  families: {
    name: string
    description: string
    roles: {
      name: string
      description: string
      levels: { name: string; typicalGrades: string[]; description: string }[]
    }[]
  }[]
}
type LeadershipRequirement = { role: string; roleLevel: string; skill: string; level: string }

const dataPath = (file: string) => app.makePath('database/data/framework', file)
const readJson = <T>(file: string): T => JSON.parse(readFileSync(dataPath(file), 'utf8'))

/*
 * The framework every environment starts from: the reference requirements
 * plus the two leadership profiles, then the project's own descriptions,
 * categories, typical grades and level descriptors. Idempotent: a second
 * run changes nothing and writes no audit events.
 */
export async function seedFramework(client: QueryClientContract = db.connection()) {
  const roles = readJson<RoleSeed>('roles.json')
  const skills = readJson<SkillSeed[]>('skills.json')
  const leadership = readJson<LeadershipRequirement[]>('leadership_requirements.json')
  const leadershipFamily = roles.families.find((family) =>
    family.roles.some((role) => role.name === leadership[0]?.role)
  )

  const extraRows = leadership.map((row) => [
    leadershipFamily!.name,
    row.role,
    row.roleLevel,
    row.skill,
    row.level,
  ])
  const csv =
    readFileSync(dataPath('requirements.csv'), 'utf8').trimEnd() + '\n' + stringify(extraRows)
  const result = await applyFrameworkImport(csv, client)
  if (result.type !== 'applied') {
    throw new Error(
      `The framework seed is not valid: ${JSON.stringify(result.type === 'unreadable' ? result.reason : result.plan.errors)}`
    )
  }

  await client.transaction(async (trx) => {
    const families = await RoleFamily.query({ client: trx })
    const profiles = await RoleProfile.query({ client: trx })
    const levels = await RoleLevel.query({ client: trx })
    for (const [position, familySeed] of roles.families.entries()) {
      const family = families.find((row) => row.name === familySeed.name)
      if (!family) continue
      family.merge({ description: familySeed.description, position })
      await family.save()
      for (const roleSeed of familySeed.roles) {
        const profile = profiles.find(
          (row) => row.roleFamilyId === family.id && row.name === roleSeed.name
        )
        if (!profile) continue
        profile.merge({ description: roleSeed.description })
        await profile.save()
        for (const [index, levelSeed] of roleSeed.levels.entries()) {
          const level = levels.find(
            (row) => row.roleProfileId === profile.id && row.name === levelSeed.name
          )
          if (!level) continue
          level.merge({ description: levelSeed.description, position: index + 1 })
          if (level.typicalGrades.join(',') !== levelSeed.typicalGrades.join(','))
            level.typicalGrades = levelSeed.typicalGrades
          await level.save()
        }
      }
    }

    const skillRows = await Skill.query({ client: trx })
    const existing = new Map(skillRows.map((skill) => [skill.name, skill]))
    const descriptors = await SkillLevelDescriptor.query({ client: trx })
    const descriptorOf = new Map(descriptors.map((row) => [`${row.skillId}:${row.level}`, row]))
    for (const seed of skills) {
      const skill = existing.get(seed.name) ?? new Skill()
      skill.useTransaction(trx)
      skill.merge({ name: seed.name, category: seed.category, description: seed.description })
      await skill.save()
      for (const [index, text] of seed.levels.entries()) {
        const level = index + 1
        const descriptor = descriptorOf.get(`${skill.id}:${level}`) ?? new SkillLevelDescriptor()
        descriptor.useTransaction(trx)
        descriptor.merge({ skillId: skill.id, level, descriptor: text })
        await descriptor.save()
      }
    }
  })
  return result.plan
}
