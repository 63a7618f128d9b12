import db from '@adonisjs/lucid/services/db'
import { pageOfRows } from '#queries/paging'
import type {
  RoleLevelSummary,
  RoleProfileRecord,
  SkillSummary,
} from '#transformers/framework_transformer'

type ListFilters = { page: number; perPage: number; q?: string; category?: string; family?: number }

const like = (term: string) => `%${term.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`

/* Rows kept in their order under the id `key` names, each made into what the list needs. */
function groupBy<Item>(
  rows: Array<Record<string, any>>,
  key: string,
  make: (row: Record<string, any>) => Item
) {
  const grouped = new Map<number, Item[]>()
  for (const row of rows) {
    const owner = Number(row[key])
    const items = grouped.get(owner)
    if (items) items.push(make(row))
    else grouped.set(owner, [make(row)])
  }
  return grouped
}

/*
 * Live role profiles of live families, a page at a time and counted in the
 * same query, each with its family and its live levels (one query for the
 * levels of the whole page).
 */
export async function roleProfilePage(filters: ListFilters) {
  const query = db
    .from('role_profiles')
    .join('role_families', 'role_families.id', 'role_profiles.role_family_id')
    .whereNull('role_profiles.retired_at')
    .whereNull('role_families.retired_at')
    .if(filters.q, (where) =>
      where.whereRaw('lower(role_profiles.name) like ?', [like(filters.q!)])
    )
    .if(filters.family, (where) => where.where('role_profiles.role_family_id', filters.family!))
    .select(
      'role_profiles.id',
      'role_profiles.name',
      'role_profiles.description',
      'role_families.id as family_id',
      'role_families.name as family_name'
    )
    .orderBy('role_profiles.name')
    .orderBy('role_profiles.id')
  const page = await pageOfRows(query, filters.page, filters.perPage)
  const rows = page.all()
  const levels = rows.length
    ? await db
        .from('role_levels')
        .whereIn(
          'role_profile_id',
          rows.map((row) => row.id)
        )
        .whereNull('retired_at')
        .select('id', 'role_profile_id', 'name', 'position', 'typical_grades', 'description')
        .orderBy('position')
        .orderBy('name')
    : []
  const levelsOf = groupBy(levels, 'role_profile_id', (row): RoleLevelSummary => ({
    id: row.id,
    name: row.name,
    position: row.position,
    typicalGrades: row.typical_grades ? String(row.typical_grades).split(',') : [],
    description: row.description,
  }))
  const profiles: RoleProfileRecord[] = rows.map((row) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    roleFamily: { id: row.family_id, name: row.family_name },
    roleLevels: levelsOf.get(Number(row.id)) ?? [],
  }))
  return { page, profiles }
}

/*
 * Live skills, a page at a time and counted in the same query, with their
 * level descriptors (one query for the whole page).
 */
export async function skillPage(filters: ListFilters) {
  const query = db
    .from('skills')
    .whereNull('retired_at')
    .if(filters.q, (where) => where.whereRaw('lower(name) like ?', [like(filters.q!)]))
    .if(filters.category, (where) => where.where('category', filters.category!))
    .select('id', 'name', 'category', 'description')
    .orderBy('name')
    .orderBy('id')
  const page = await pageOfRows(query, filters.page, filters.perPage)
  const rows = page.all()
  const descriptors = rows.length
    ? await db
        .from('skill_level_descriptors')
        .whereIn(
          'skill_id',
          rows.map((row) => row.id)
        )
        .select('skill_id', 'level', 'descriptor')
        .orderBy('level')
    : []
  const descriptorsOf = groupBy(descriptors, 'skill_id', (row) => ({
    level: row.level,
    descriptor: row.descriptor,
  }))
  const skills: SkillSummary[] = rows.map((row) => ({
    id: row.id,
    name: row.name,
    category: row.category,
    description: row.description,
    descriptors: descriptorsOf.get(Number(row.id)) ?? [],
  }))
  return { page, skills }
}
