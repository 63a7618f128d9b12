import db from '@adonisjs/lucid/services/db'
import RoleFamily from '#models/role_family'
import RoleProfile from '#models/role_profile'
import RoleLevel from '#models/role_level'
import Skill from '#models/skill'
import { optionGroups } from '#queries/select_options'

/*
 * Reads for the framework pages and API. Retired records are hidden unless
 * asked for (administrators see them to restore them).
 */

/* Families with their roles and each role's number of levels, for the framework home. */
export async function familiesWithRoles(options = { includeRetired: false }) {
  return RoleFamily.query()
    .if(!options.includeRetired, (query) => query.whereNull('retired_at'))
    .preload('roleProfiles', (roles) => {
      roles
        .if(!options.includeRetired, (query) => query.whereNull('retired_at'))
        .withCount('roleLevels', (levels) => levels.whereNull('retired_at'))
        .orderBy('name')
    })
    .orderBy('position')
    .orderBy('name')
}

/* Roles, role levels and skills whose names contain the words searched for. */
export async function searchFramework(term: string, limit = 50) {
  const like = `%${term.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`
  const [roles, levels, skills] = await Promise.all([
    RoleProfile.query()
      .whereNull('retired_at')
      .whereRaw('lower(name) like ?', [like])
      .preload('roleFamily')
      .orderBy('name')
      .limit(limit),
    RoleLevel.query()
      .whereNull('retired_at')
      .whereRaw('lower(name) like ?', [like])
      .preload('roleProfile')
      .orderBy('name')
      .limit(limit),
    Skill.query()
      .whereNull('retired_at')
      .where((where) =>
        where.whereRaw('lower(name) like ?', [like]).orWhereRaw('lower(description) like ?', [like])
      )
      .orderBy('name')
      .limit(limit),
  ])
  return { roles, levels, skills }
}

/* A role profile with its levels in order of seniority and every requirement. */
export async function roleProfileWithMatrix(id: number, options = { includeRetired: false }) {
  const role = await RoleProfile.query()
    .where('id', id)
    .if(!options.includeRetired, (query) =>
      query
        .whereNull('retired_at')
        .whereHas('roleFamily', (family) => family.whereNull('retired_at'))
    )
    .preload('roleFamily')
    .preload('roleLevels', (levels) => {
      levels
        .if(!options.includeRetired, (query) => query.whereNull('retired_at'))
        .orderBy('position')
        .orderBy('name')
        .preload('requirements', (requirements) => requirements.preload('skill'))
    })
    .first()
  if (!role) return null

  const skills = new Map<
    number,
    { id: number; name: string; category: string; levels: Record<number, number> }
  >()
  for (const level of role.roleLevels) {
    for (const requirement of level.requirements) {
      if (requirement.skill.retiredAt && !options.includeRetired) continue
      const entry = skills.get(requirement.skillId) ?? {
        id: requirement.skill.id,
        name: requirement.skill.name,
        category: requirement.skill.category,
        levels: {},
      }
      entry.levels[level.id] = requirement.level
      skills.set(requirement.skillId, entry)
    }
  }
  const matrix = [...skills.values()].sort((a, b) => a.name.localeCompare(b.name))
  return { role, matrix }
}

/* A skill with its four descriptors and the role levels that need it, highest level first. */
export async function skillWithUsage(id: number, options = { includeRetired: false }) {
  const skill = await Skill.query()
    .where('id', id)
    .if(!options.includeRetired, (query) => query.whereNull('retired_at'))
    .preload('descriptors', (query) => query.orderBy('level'))
    .first()
  if (!skill) return null
  const usage = await db
    .from('role_requirements')
    .join('role_levels', 'role_levels.id', 'role_requirements.role_level_id')
    .join('role_profiles', 'role_profiles.id', 'role_levels.role_profile_id')
    .where('role_requirements.skill_id', skill.id)
    .whereNull('role_levels.retired_at')
    .whereNull('role_profiles.retired_at')
    .select(
      'role_requirements.level',
      'role_levels.id as role_level_id',
      'role_levels.name as role_level_name',
      'role_profiles.id as role_profile_id',
      'role_profiles.name as role_profile_name'
    )
    .orderBy('role_requirements.level', 'desc')
    .orderBy('role_profiles.name')
    .orderBy('role_levels.position')
  return { skill, usage }
}

/* Skills grouped by category, with how many role levels need each. */
export async function skillsByCategory(options = { includeRetired: false }) {
  const rows = await db
    .from('skills')
    .leftJoin('role_requirements', 'role_requirements.skill_id', 'skills.id')
    .if(!options.includeRetired, (query) => query.whereNull('skills.retired_at'))
    .groupBy('skills.id', 'skills.name', 'skills.category', 'skills.retired_at')
    .select('skills.id', 'skills.name', 'skills.category', 'skills.retired_at')
    .count('role_requirements.id as role_levels')
    .orderBy('skills.category')
    .orderBy('skills.name')
  const groups = new Map<string, typeof rows>()
  for (const row of rows) {
    const list = groups.get(row.category) ?? []
    list.push({ ...row, role_levels: Number(row.role_levels) })
    groups.set(row.category, list)
  }
  return [...groups.entries()].map(([category, skills]) => ({ category, skills }))
}

/* Every live role level, grouped by role, for the progression pickers. */
export async function roleLevelOptions() {
  const rows = await db
    .from('role_levels')
    .join('role_profiles', 'role_profiles.id', 'role_levels.role_profile_id')
    .whereNull('role_levels.retired_at')
    .whereNull('role_profiles.retired_at')
    .select('role_levels.id', 'role_levels.name', 'role_profiles.name as role_name')
    .orderBy('role_profiles.name')
    .orderBy('role_levels.position')
    .orderBy('role_levels.name')
  return optionGroups(rows, (row) => row.role_name)
}

/* A live role level's requirements with skill names, for comparisons and gaps. */
export async function requirementsOf(roleLevelId: number) {
  const level = await RoleLevel.query()
    .where('id', roleLevelId)
    .whereNull('retired_at')
    .preload('roleProfile')
    .first()
  if (!level) return null
  const requirements = await db
    .from('role_requirements')
    .join('skills', 'skills.id', 'role_requirements.skill_id')
    .where('role_requirements.role_level_id', roleLevelId)
    .whereNull('skills.retired_at')
    .select('skills.id as skillId', 'skills.name as skillName', 'role_requirements.level')
  return {
    level,
    requirements: requirements.map((row) => ({
      skillId: row.skillId,
      skillName: row.skillName,
      level: Number(row.level),
    })),
  }
}
