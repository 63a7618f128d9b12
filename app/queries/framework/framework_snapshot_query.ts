import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { CurrentFramework } from '#domain/framework/framework_import'

/*
 * The whole framework by name, as the import planner and the exporter need
 * it: five flat queries, no per-row lookups.
 */
export async function frameworkSnapshot(
  client: QueryClientContract = db.connection()
): Promise<CurrentFramework> {
  const [families, roles, levels, skills, requirements] = await Promise.all([
    client.from('role_families').select('name', 'retired_at'),
    client
      .from('role_profiles')
      .join('role_families', 'role_families.id', 'role_profiles.role_family_id')
      .select('role_families.name as family', 'role_profiles.name', 'role_profiles.retired_at'),
    client
      .from('role_levels')
      .join('role_profiles', 'role_profiles.id', 'role_levels.role_profile_id')
      .join('role_families', 'role_families.id', 'role_profiles.role_family_id')
      .select(
        'role_families.name as family',
        'role_profiles.name as role',
        'role_levels.name',
        'role_levels.retired_at'
      ),
    client.from('skills').select('name', 'retired_at'),
    requirementRows(client, { includeRetired: true }),
  ])
  return {
    families: families.map((row) => ({ name: row.name, retired: row.retired_at !== null })),
    roles: roles.map((row) => ({
      family: row.family,
      name: row.name,
      retired: row.retired_at !== null,
    })),
    levels: levels.map((row) => ({
      family: row.family,
      role: row.role,
      name: row.name,
      retired: row.retired_at !== null,
    })),
    skills: skills.map((row) => ({ name: row.name, retired: row.retired_at !== null })),
    requirements: requirements.map((row) => ({
      family: row.family,
      role: row.role,
      roleLevel: row.role_level,
      skill: row.skill,
      level: Number(row.level),
    })),
  }
}

/* Every requirement with its names, sorted by family, role, level and skill. */
export function requirementRows(
  client: QueryClientContract = db.connection(),
  options = { includeRetired: false }
) {
  const query = client
    .from('role_requirements')
    .join('role_levels', 'role_levels.id', 'role_requirements.role_level_id')
    .join('role_profiles', 'role_profiles.id', 'role_levels.role_profile_id')
    .join('role_families', 'role_families.id', 'role_profiles.role_family_id')
    .join('skills', 'skills.id', 'role_requirements.skill_id')
    .select(
      'role_families.name as family',
      'role_profiles.name as role',
      'role_levels.name as role_level',
      'skills.name as skill',
      'role_requirements.level'
    )
    .orderBy('role_families.name')
    .orderBy('role_profiles.name')
    .orderBy('role_levels.name')
    .orderBy('skills.name')
  if (!options.includeRetired) {
    query
      .whereNull('role_levels.retired_at')
      .whereNull('role_profiles.retired_at')
      .whereNull('skills.retired_at')
  }
  return query
}
