/*
 * Plans an import of the framework from rows in the five-column shape of
 * the reference file (family, role, role level, skill, skill level):
 * what it adds, changes and retires, and which rows are wrong and why.
 * Pure: data in, plan out; applying the plan is the caller's business.
 */
import { skillLevelFromName, skillLevelName } from './levels.js'

export const CSV_COLUMNS = ['role_family', 'role', 'role_level', 'skill', 'skill_level'] as const

/* The same columns as the framework download names them. */
export const CSV_HEADER = ['Role family', 'Role', 'Role level', 'Skill', 'Skill level'] as const

/*
 * The column a header names: "Role family" (the download's) and
 * "role_family" (the reference file's) are both role_family.
 */
export function columnKey(header: string) {
  return header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
}

/* A column's name as the download writes it: role_family is "Role family". */
export function columnHeader(column: (typeof CSV_COLUMNS)[number]) {
  return CSV_HEADER[CSV_COLUMNS.indexOf(column)]
}

/* The reference file's word for "no separate level" or "no level given". */
export const NOT_IN_USE = 'NOT IN USE'

/*
 * Chief roles list skills without a level; they are recorded at Expert,
 * the only level that fits the most senior roles.
 */
export const UNLEVELLED_SKILL_LEVEL = 4

const MAX_NAME = 200

export type ImportRow = {
  line: number
  family: string
  role: string
  roleLevel: string
  skill: string
  skillLevel: string
}

export type CurrentFramework = {
  families: { name: string; retired: boolean }[]
  roles: { family: string; name: string; retired: boolean }[]
  levels: { family: string; role: string; name: string; retired: boolean }[]
  skills: { name: string; retired: boolean }[]
  requirements: { family: string; role: string; roleLevel: string; skill: string; level: number }[]
}

export type RequirementKey = { family: string; role: string; roleLevel: string; skill: string }
export type PlannedRequirement = RequirementKey & { level: number }

export type ImportPlan = {
  rowsRead: number
  errors: { line: number; reason: string }[]
  add: {
    families: string[]
    roles: { family: string; role: string }[]
    levels: { family: string; role: string; roleLevel: string }[]
    skills: string[]
    requirements: PlannedRequirement[]
  }
  change: { requirements: (RequirementKey & { from: number; to: number })[] }
  restore: {
    families: string[]
    roles: { family: string; role: string }[]
    levels: { family: string; role: string; roleLevel: string }[]
    skills: string[]
  }
  retire: {
    roles: { family: string; role: string }[]
    levels: { family: string; role: string; roleLevel: string }[]
    requirements: PlannedRequirement[]
  }
  unchanged: number
}

const key = (...parts: string[]) => parts.map((part) => part.toLowerCase()).join('\u0000')

/* Reads one raw CSV record into a row, or explains what is wrong with it. */
export function readRow(
  record: Record<string, unknown>,
  line: number
): ImportRow | { line: number; reason: string } {
  const value = (column: string) =>
    typeof record[column] === 'string' ? (record[column] as string).trim() : ''
  const missing = CSV_COLUMNS.filter((column) => !value(column))
  if (missing.length) return { line, reason: `Missing ${missing.join(', ')}` }
  const tooLong = CSV_COLUMNS.filter(
    (column) => column !== 'skill_level' && value(column).length > MAX_NAME
  )
  if (tooLong.length)
    return { line, reason: `${tooLong.join(', ')} longer than ${MAX_NAME} characters` }
  const role = value('role')
  const roleLevel = value('role_level') === NOT_IN_USE ? role : value('role_level')
  const skillLevel = value('skill_level')
  if (skillLevel !== NOT_IN_USE && skillLevelFromName(skillLevel) === null) {
    return {
      line,
      reason: `Skill level "${skillLevel}" is not one of Awareness, Working, Practitioner, Expert`,
    }
  }
  return { line, family: value('role_family'), role, roleLevel, skill: value('skill'), skillLevel }
}

export function levelOf(row: Pick<ImportRow, 'skillLevel'>): number {
  return row.skillLevel === NOT_IN_USE
    ? UNLEVELLED_SKILL_LEVEL
    : skillLevelFromName(row.skillLevel)!
}

/*
 * The file is authoritative for each role it names: levels and
 * requirements of that role missing from the file are retired. Roles of a
 * family the file names but absent from it are retired too. Families the
 * file does not mention are left alone, so a partial file is safe.
 */
export function planImport(
  current: CurrentFramework,
  rows: (ImportRow | { line: number; reason: string })[]
): ImportPlan {
  const plan: ImportPlan = {
    rowsRead: rows.length,
    errors: [],
    add: { families: [], roles: [], levels: [], skills: [], requirements: [] },
    change: { requirements: [] },
    restore: { families: [], roles: [], levels: [], skills: [] },
    retire: { roles: [], levels: [], requirements: [] },
    unchanged: 0,
  }

  const wanted = new Map<string, PlannedRequirement & { line: number }>()
  for (const row of rows) {
    if ('reason' in row) {
      plan.errors.push(row)
      continue
    }
    const requirementKey = key(row.family, row.role, row.roleLevel, row.skill)
    const level = levelOf(row)
    const earlier = wanted.get(requirementKey)
    if (earlier) {
      if (earlier.level !== level) {
        plan.errors.push({
          line: row.line,
          reason: `${row.roleLevel} already needs ${row.skill} at ${skillLevelName(earlier.level)} (line ${earlier.line})`,
        })
      }
      continue
    }
    wanted.set(requirementKey, {
      family: row.family,
      role: row.role,
      roleLevel: row.roleLevel,
      skill: row.skill,
      level,
      line: row.line,
    })
  }
  if (plan.errors.length) return plan

  const families = new Map(current.families.map((row) => [key(row.name), row]))
  const roles = new Map(current.roles.map((row) => [key(row.family, row.name), row]))
  const levels = new Map(current.levels.map((row) => [key(row.family, row.role, row.name), row]))
  const skills = new Map(current.skills.map((row) => [key(row.name), row]))
  const requirements = new Map(
    current.requirements.map((row) => [key(row.family, row.role, row.roleLevel, row.skill), row])
  )

  const seen = {
    families: new Set<string>(),
    roles: new Set<string>(),
    levels: new Set<string>(),
    skills: new Set<string>(),
  }
  const known = { families, roles, levels, skills }
  type Kind = keyof typeof seen
  /*
   * Notes a family, role, level or skill the first time the file names it:
   * to be added when it does not exist, restored (by its recorded name) when
   * it is retired.
   */
  const note = <K extends Kind>(
    kind: K,
    entityKey: string,
    name: string,
    entry: (name: string) => ImportPlan['restore'][K][number]
  ) => {
    if (seen[kind].has(entityKey)) return
    seen[kind].add(entityKey)
    const existing = known[kind].get(entityKey)
    // The same kind of entry in both lists (TypeScript cannot follow a generic key into both).
    const [added, restored] = [plan.add[kind], plan.restore[kind]] as ReturnType<typeof entry>[][]
    if (!existing) added.push(entry(name))
    else if (existing.retired) restored.push(entry(existing.name))
  }

  for (const [requirementKey, row] of wanted) {
    note('families', key(row.family), row.family, (family) => family)
    note('roles', key(row.family, row.role), row.role, (role) => ({ family: row.family, role }))
    note('levels', key(row.family, row.role, row.roleLevel), row.roleLevel, (roleLevel) => ({
      family: row.family,
      role: row.role,
      roleLevel,
    }))
    note('skills', key(row.skill), row.skill, (skill) => skill)
    const requirement: PlannedRequirement = {
      family: row.family,
      role: row.role,
      roleLevel: row.roleLevel,
      skill: row.skill,
      level: row.level,
    }
    const existing = requirements.get(requirementKey)
    if (!existing) plan.add.requirements.push(requirement)
    else if (existing.level !== row.level) {
      plan.change.requirements.push({
        family: row.family,
        role: row.role,
        roleLevel: row.roleLevel,
        skill: row.skill,
        from: existing.level,
        to: row.level,
      })
    } else plan.unchanged += 1
  }

  for (const role of current.roles) {
    if (
      !role.retired &&
      seen.families.has(key(role.family)) &&
      !seen.roles.has(key(role.family, role.name))
    ) {
      plan.retire.roles.push({ family: role.family, role: role.name })
    }
  }
  for (const level of current.levels) {
    const levelKey = key(level.family, level.role, level.name)
    if (
      !level.retired &&
      seen.roles.has(key(level.family, level.role)) &&
      !seen.levels.has(levelKey)
    ) {
      plan.retire.levels.push({ family: level.family, role: level.role, roleLevel: level.name })
    }
  }
  for (const requirement of current.requirements) {
    const inScope = seen.families.has(key(requirement.family))
    const requirementKey = key(
      requirement.family,
      requirement.role,
      requirement.roleLevel,
      requirement.skill
    )
    if (inScope && !wanted.has(requirementKey)) plan.retire.requirements.push(requirement)
  }
  return plan
}

/* Whether applying the plan would change anything. */
export function planChangesNothing(plan: ImportPlan) {
  const lists = [
    ...Object.values(plan.add),
    ...Object.values(plan.change),
    ...Object.values(plan.restore),
    ...Object.values(plan.retire),
  ]
  return plan.errors.length === 0 && lists.every((list) => list.length === 0)
}
