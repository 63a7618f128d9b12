import { gradeValues, type Grade } from '#enums/grades'
import type { Loader } from '#database/bench/loader'

/*
 * The framework as loaded by the main seeder, held in memory for the
 * generators: skills, role profiles with their levels in order, what each
 * level requires, and which level suits a person of a given grade.
 */

export type BenchSkill = { id: number; name: string }
export type BenchLevel = {
  id: number
  profileId: number
  profile: string
  position: number
  grades: number[]
  requirements: { skillId: number; level: number }[]
}
export type BenchProfile = { id: number; name: string; levels: BenchLevel[] }

export class BenchFramework {
  readonly profilesByName = new Map<string, BenchProfile>()
  /* For each profile, the level that suits each grade (index into gradeValues). */
  private byGrade = new Map<number, BenchLevel[]>()

  constructor(
    readonly skills: BenchSkill[],
    readonly profiles: BenchProfile[]
  ) {
    for (const profile of profiles) {
      this.profilesByName.set(profile.name, profile)
      this.byGrade.set(
        profile.id,
        gradeValues.map((_, grade) => closestLevel(profile.levels, grade))
      )
    }
  }

  profile(name: string) {
    const profile = this.profilesByName.get(name)
    if (!profile) {
      throw new Error(`The framework has no role profile "${name}": seed the framework first.`)
    }
    return profile
  }

  /* The level of a profile a person of this grade would hold. */
  levelFor(profile: BenchProfile, grade: number) {
    return this.byGrade.get(profile.id)![grade]
  }

  /* The next level up in the same profile, if any. */
  nextLevel(level: BenchLevel) {
    const profile = this.profiles.find((candidate) => candidate.id === level.profileId)!
    return profile.levels.find((candidate) => candidate.position > level.position) ?? null
  }
}

function closestLevel(levels: BenchLevel[], grade: number) {
  let best = levels[0]
  let bestDistance = Number.POSITIVE_INFINITY
  for (const level of levels) {
    const distance = level.grades.length
      ? Math.min(...level.grades.map((candidate) => Math.abs(candidate - grade)))
      : 4
    if (distance < bestDistance) {
      best = level
      bestDistance = distance
    }
  }
  return best
}

/* Reads the framework; fails if it is empty (the main seeder has not run). */
export async function readFramework(loader: Loader) {
  const trx = loader.trx
  const skillRows = await trx
    .from('skills')
    .whereNull('retired_at')
    .orderBy('id')
    .select('id', 'name')
  const skills = skillRows.map((row) => ({ id: Number(row.id), name: String(row.name) }))
  const levelRows = await trx
    .from('role_levels')
    .join('role_profiles', 'role_profiles.id', 'role_levels.role_profile_id')
    .whereNull('role_levels.retired_at')
    .whereNull('role_profiles.retired_at')
    .orderBy('role_profiles.id')
    .orderBy('role_levels.position')
    .orderBy('role_levels.id')
    .select(
      'role_levels.id',
      'role_levels.position',
      'role_levels.typical_grades',
      'role_profiles.id as profile_id',
      'role_profiles.name as profile'
    )
  const requirementRows = await trx
    .from('role_requirements')
    .orderBy('id')
    .select('role_level_id', 'skill_id', 'level')
  if (skills.length === 0 || levelRows.length === 0) {
    throw new Error('The framework is empty: the reference data did not load.')
  }

  const requirements = new Map<number, { skillId: number; level: number }[]>()
  for (const row of requirementRows) {
    const list = requirements.get(Number(row.role_level_id)) ?? []
    list.push({ skillId: Number(row.skill_id), level: Number(row.level) })
    requirements.set(Number(row.role_level_id), list)
  }
  const profiles = new Map<number, BenchProfile>()
  for (const row of levelRows) {
    const profileId = Number(row.profile_id)
    const profile: BenchProfile = profiles.get(profileId) ?? {
      id: profileId,
      name: String(row.profile),
      levels: [],
    }
    profiles.set(profileId, profile)
    profile.levels.push({
      id: Number(row.id),
      profileId,
      profile: row.profile,
      position: Number(row.position),
      grades: String(row.typical_grades ?? '')
        .split(',')
        .map((grade) => gradeValues.indexOf(grade as Grade))
        .filter((grade) => grade >= 0),
      requirements: requirements.get(Number(row.id)) ?? [],
    })
  }
  return new BenchFramework(skills, [...profiles.values()])
}
