import { BaseTransformer } from '@adonisjs/core/transformers'
import type RoleProfile from '#models/role_profile'
import type RoleLevel from '#models/role_level'
import type Skill from '#models/skill'
import { SKILL_LEVELS, skillLevelName } from '#domain/framework/levels'
import type { Progression } from '#domain/framework/progression'
import {
  arrayOf,
  id,
  integer,
  levelName,
  named,
  object,
  orNull,
  selfLink,
  skillLevel,
  text,
} from '#openapi/components'
import type { Schema } from '#openapi/types'

/*
 * The capability framework as the JSON API shows it: role profiles with
 * their levels, skills with their level descriptors, and what changes
 * between two role levels.
 */

const roleLevelSchema = (requirements: boolean): Schema =>
  object({
    id: id(),
    name: text(),
    position: integer('Order within the role profile, from the most junior.'),
    typicalGrades: arrayOf(text(), 'The grades people at this level typically hold.'),
    description: orNull(text()),
    ...(requirements
      ? {
          requirements: arrayOf(
            object({
              skill: named(),
              level: skillLevel('The level the role level needs.'),
              levelName: levelName(),
            }),
            'The live skills the level needs, by skill name.'
          ),
        }
      : {}),
  })

const roleProfileSchema = (requirements: boolean): Schema =>
  object({
    id: id(),
    name: text(),
    description: orNull(text()),
    family: named('The role family the profile belongs to.'),
    levels: arrayOf(roleLevelSchema(requirements), 'The profile’s role levels, most junior first.'),
    links: selfLink,
  })

/* A role level as a list of role profiles shows it. */
export type RoleLevelSummary = Pick<
  RoleLevel,
  'id' | 'name' | 'position' | 'typicalGrades' | 'description'
> & {
  /* The skills it needs, each with its skill: read for a role profile alone. */
  requirements?: Array<{
    level: number
    skill: { id: number; name: string; retiredAt: unknown }
  }>
}

/* A role profile with its family and live levels: a row of the list, or the profile read alone. */
export type RoleProfileRecord = Pick<RoleProfile, 'id' | 'name' | 'description'> & {
  roleFamily: { id: number; name: string }
  roleLevels: RoleLevelSummary[]
}

function roleLevelSummary(level: RoleLevelSummary) {
  return {
    id: level.id,
    name: level.name,
    position: level.position,
    typicalGrades: level.typicalGrades,
    description: level.description,
  }
}

/*
 * A role profile with its role levels; alone (`withRequirements`), each
 * level also with the live skills it needs.
 */
export class RoleProfileTransformer extends BaseTransformer<RoleProfileRecord> {
  static schemas = {
    RoleProfile: roleProfileSchema(false),
    RoleProfileDetail: roleProfileSchema(true),
  }

  #profile(levels: Record<string, unknown>[]) {
    const role = this.resource
    return {
      id: role.id,
      name: role.name,
      description: role.description,
      family: { id: role.roleFamily.id, name: role.roleFamily.name },
      levels,
      links: { self: `/api/v1/role-profiles/${role.id}` },
    }
  }

  toObject() {
    return this.#profile(this.resource.roleLevels.map(roleLevelSummary))
  }

  withRequirements() {
    return this.#profile(
      this.resource.roleLevels.map((level) => ({
        ...roleLevelSummary(level),
        requirements: (level.requirements ?? [])
          .filter((requirement) => !requirement.skill.retiredAt)
          .map((requirement) => ({
            skill: { id: requirement.skill.id, name: requirement.skill.name },
            level: requirement.level,
            levelName: skillLevelName(requirement.level),
          }))
          .sort((a, b) => a.skill.name.localeCompare(b.skill.name)),
      }))
    )
  }
}

const skillFields = {
  id: id(),
  name: text(),
  category: text('The skill’s category, such as `Technical`.'),
  description: orNull(text()),
  levels: {
    ...arrayOf(
      object({
        level: skillLevel(),
        name: levelName(),
        descriptor: orNull(text('What a person at this level can do.')),
      }),
      'The four levels, each with its descriptor.'
    ),
    minItems: SKILL_LEVELS.length,
    maxItems: SKILL_LEVELS.length,
  },
  links: selfLink,
}

/* A role level that needs a skill, as the skill's query reads it. */
export type SkillUsageRow = {
  level: number | string
  role_level_id: number
  role_level_name: string
  role_profile_id: number
  role_profile_name: string
}

/* A skill with its level descriptors: a row of the list, or the skill read alone. */
export type SkillSummary = Pick<Skill, 'id' | 'name' | 'category' | 'description'> & {
  descriptors: Array<{ level: number; descriptor: string }>
}

/* A skill, with the role levels that need it once it is read alone. */
export type SkillRecord = { skill: SkillSummary; usage?: SkillUsageRow[] }

/*
 * A skill with its four level descriptors; alone (`withUsage`), also the
 * role levels that need it, at which level.
 */
export class SkillTransformer extends BaseTransformer<SkillRecord> {
  static schemas = {
    Skill: object(skillFields),
    SkillDetail: object({
      ...skillFields,
      neededBy: arrayOf(
        object({
          roleLevel: named(),
          roleProfile: named(),
          level: skillLevel('The level the role level needs.'),
          levelName: levelName(),
        }),
        'The role levels that need the skill.'
      ),
    }),
  }

  toObject() {
    const { skill } = this.resource
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

  withUsage() {
    return {
      ...this.toObject(),
      neededBy: (this.resource.usage ?? []).map((row) => ({
        roleLevel: { id: row.role_level_id, name: row.role_level_name },
        roleProfile: { id: row.role_profile_id, name: row.role_profile_name },
        level: Number(row.level),
        levelName: skillLevelName(Number(row.level)),
      })),
    }
  }
}

const step = (fields: Record<string, Schema>) => object({ skill: named(), ...fields })

/* Two role levels and what changes between them. */
export type ProgressionRecord = { from: RoleLevel; to: RoleLevel; progression: Progression }

/* What a person moving from one role level to another must learn. */
export class ProgressionTransformer extends BaseTransformer<ProgressionRecord> {
  static schemas = {
    Progression: object({
      from: named('The role level moved from.'),
      to: named('The role level moved to.'),
      raise: arrayOf(
        step({ from: skillLevel(), to: skillLevel() }),
        'Skills both levels need, the new one at a higher level.'
      ),
      new: arrayOf(step({ to: skillLevel() }), 'Skills only the new level needs.'),
      same: arrayOf(step({ level: skillLevel() }), 'Skills needed at the same level by both.'),
      lower: arrayOf(
        step({ from: skillLevel(), to: skillLevel() }),
        'Skills both need, the new one at a lower level.'
      ),
      dropped: arrayOf(step({ from: skillLevel() }), 'Skills only the old level needs.'),
    }),
  }

  toObject() {
    const { from, to, progression } = this.resource
    const skill = (change: { skillId: number; skillName: string }) => ({
      id: change.skillId,
      name: change.skillName,
    })
    return {
      from: { id: from.id, name: from.name },
      to: { id: to.id, name: to.name },
      raise: progression.raise.map((change) => ({
        skill: skill(change),
        from: change.from,
        to: change.to,
      })),
      new: progression.new.map((change) => ({ skill: skill(change), to: change.to })),
      same: progression.same.map((change) => ({ skill: skill(change), level: change.level })),
      lower: progression.lower.map((change) => ({
        skill: skill(change),
        from: change.from,
        to: change.to,
      })),
      dropped: progression.dropped.map((change) => ({ skill: skill(change), from: change.from })),
    }
  }
}
