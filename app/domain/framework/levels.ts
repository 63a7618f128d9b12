/*
 * The four skill levels of the framework, and the order of role levels by
 * seniority. Pure: no framework imports.
 */
export const SKILL_LEVELS = [
  { level: 1, name: 'Awareness' },
  { level: 2, name: 'Working' },
  { level: 3, name: 'Practitioner' },
  { level: 4, name: 'Expert' },
] as const

export type SkillLevel = 1 | 2 | 3 | 4
export type SkillLevelName = (typeof SKILL_LEVELS)[number]['name']

export function skillLevelName(level: number): SkillLevelName {
  const found = SKILL_LEVELS.find((entry) => entry.level === level)
  if (!found) throw new RangeError(`No skill level ${level}`)
  return found.name
}

/* The level number for a name such as "Practitioner"; null when it is not one. */
export function skillLevelFromName(name: string): SkillLevel | null {
  const found = SKILL_LEVELS.find((entry) => entry.name.toLowerCase() === name.trim().toLowerCase())
  return found ? found.level : null
}

/* One letter per level for compact matrices: A, W, P, E. */
export function skillLevelInitial(level: number) {
  return skillLevelName(level).charAt(0)
}

const SENIORITY: Array<[RegExp, number]> = [
  [/^apprentice\b/i, 0],
  [/^trainee\b/i, 1],
  [/^junior\b/i, 2],
  [/^associate\b/i, 3],
  [/^senior\b/i, 5],
  [/^lead\b/i, 6],
  [/^major\b/i, 6],
  [/^principal\b/i, 7],
  [/^head\b/i, 8],
  [/^chief\b/i, 9],
]

/*
 * Where a role level sits in its role by its name's first word: trainee
 * before associate before the plain level before senior, lead, principal
 * and head. Names with no such word (the plain level) sit at 4; a
 * "management" variant sorts just after its technical twin.
 */
export function seniorityRank(levelName: string): number {
  const rule = SENIORITY.find(([pattern]) => pattern.test(levelName.trim()))
  const base = rule ? rule[1] : 4
  return base + (/management/i.test(levelName) ? 0.5 : 0)
}

/*
 * A role level named with its role profile, each name said once: a level
 * named after its role ("Service Manager" of Service Manager) is its name
 * alone, any other has its role after it ("Senior product manager
 * (Product manager)"). Every page, e-mail and CSV naming a role level with
 * its role goes through here.
 */
export function roleLevelWithRole(levelName: string, roleName: string) {
  const level = levelName.trim()
  const role = roleName.trim()
  if (!role || level.toLowerCase() === role.toLowerCase()) return level
  return `${level} (${role})`
}
