import RoleProfile from '#models/role_profile'
import Skill from '#models/skill'

type ListFilters = { page: number; perPage: number; q?: string; category?: string; family?: number }

const like = (term: string) => `%${term.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`

/* Live role profiles, a page at a time, with family and levels. */
export function roleProfilePage(filters: ListFilters) {
  return RoleProfile.query()
    .whereNull('retired_at')
    .whereHas('roleFamily', (family) => family.whereNull('retired_at'))
    .if(filters.q, (query) => query.whereRaw('lower(name) like ?', [like(filters.q!)]))
    .if(filters.family, (query) => query.where('role_family_id', filters.family!))
    .preload('roleFamily')
    .preload('roleLevels', (levels) =>
      levels.whereNull('retired_at').orderBy('position').orderBy('name')
    )
    .orderBy('name')
    .orderBy('id')
    .paginate(filters.page, filters.perPage)
}

/* Live skills, a page at a time, with their four level descriptors. */
export function skillPage(filters: ListFilters) {
  return Skill.query()
    .whereNull('retired_at')
    .if(filters.q, (query) => query.whereRaw('lower(name) like ?', [like(filters.q!)]))
    .if(filters.category, (query) => query.where('category', filters.category!))
    .preload('descriptors', (descriptors) => descriptors.orderBy('level'))
    .orderBy('name')
    .orderBy('id')
    .paginate(filters.page, filters.perPage)
}
