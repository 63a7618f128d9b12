import type { DateTime } from 'luxon'
import { Faker, base, en, en_GB } from '@faker-js/faker'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { gradeValues, type Grade } from '#enums/grades'

/*
 * The demo's capability picture: every demo person gets a plausible current
 * role level for their profession and grade, some a target, many a
 * self-assessment, some a manager's validation (agreeing or not, with a
 * comment), a few large gaps, and development plan items, some overdue.
 * Written straight to the tables in batches; deterministic for a given run.
 */

const CHUNK = 400

/* Role profiles a person of each profession plausibly holds, by name in the framework. */
const PROFILES_BY_PROFESSION: Record<string, string[]> = {
  digital: [
    'Software developer',
    'Product manager',
    'Delivery manager',
    'User researcher',
    'Interaction designer',
    'Content designer',
    'Service designer',
    'Data analyst',
    'Technical architect',
    'Frontend developer',
    'Performance analyst',
  ],
  analysis: ['Data analyst', 'Performance analyst', 'Data scientist'],
  communications: ['Content designer', 'Content strategist'],
  project_delivery: ['Delivery manager', 'Programme delivery manager', 'Business analyst'],
  knowledge_information: ['Data governance manager', 'Content designer'],
}
const DEFAULT_PROFILES = ['Business analyst', 'Delivery manager', 'Content designer']
const SENIOR_PROFILES = ['Digital Leader', 'Service Manager']

type Level = { id: number; profile: string; position: number; grades: Grade[] }
type Requirement = { skillId: number; level: number }

export type DemoCapabilitySummary = {
  currentRoles: number
  targetRoles: number
  selfAssessments: number
  validations: number
  planItems: number
  overdue: number
}

const rank = (grade: Grade) => gradeValues.indexOf(grade)

/* The level of a profile whose typical grades sit closest to the person's grade. */
function levelFor(levels: Level[], grade: Grade | null): Level {
  const target = grade ? rank(grade) : rank('HEO')
  let best = levels[0]
  let bestDistance = Number.POSITIVE_INFINITY
  for (const level of levels) {
    const distance = level.grades.length
      ? Math.min(...level.grades.map((g) => Math.abs(rank(g) - target)))
      : 5
    if (distance < bestDistance) {
      best = level
      bestDistance = distance
    }
  }
  return best
}

async function insertChunks(
  trx: TransactionClientContract,
  table: string,
  rows: Record<string, unknown>[]
) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx.table(table).multiInsert(rows.slice(i, i + CHUNK))
  }
}

/* Seeds the capability demo data; does nothing (returns null) once any role assignment exists. */
export async function seedDemoCapability(
  client: QueryClientContract,
  { now }: { now: DateTime }
): Promise<DemoCapabilitySummary | null> {
  const faker = new Faker({ locale: [en_GB, en, base] })
  faker.seed(2014)
  return client.transaction(async (trx) => {
    const existing = await trx.from('role_assignments').select('id').first()
    if (existing) return null

    const stamp = (value: DateTime) => value.toFormat(trx.dialect.dateTimeFormat)
    const levelRows = await trx
      .from('role_levels')
      .join('role_profiles', 'role_profiles.id', 'role_levels.role_profile_id')
      .whereNull('role_levels.retired_at')
      .select(
        'role_levels.id',
        'role_levels.position',
        'role_levels.typical_grades',
        'role_profiles.name as profile'
      )
      .orderBy('role_levels.position')
    const byProfile = new Map<string, Level[]>()
    for (const row of levelRows) {
      const grades = String(row.typical_grades ?? '')
        .split(/[^A-Za-z0-9]+/)
        .filter((grade): grade is Grade => (gradeValues as readonly string[]).includes(grade))
      const list = byProfile.get(row.profile) ?? []
      list.push({
        id: Number(row.id),
        profile: row.profile,
        position: Number(row.position),
        grades,
      })
      byProfile.set(row.profile, list)
    }
    if (byProfile.size === 0) return null

    const requirementRows = await trx
      .from('role_requirements')
      .join('skills', 'skills.id', 'role_requirements.skill_id')
      .whereNull('skills.retired_at')
      .select(
        'role_requirements.role_level_id',
        'role_requirements.skill_id',
        'role_requirements.level'
      )
    const requirements = new Map<number, Requirement[]>()
    for (const row of requirementRows) {
      const list = requirements.get(Number(row.role_level_id)) ?? []
      list.push({ skillId: Number(row.skill_id), level: Number(row.level) })
      requirements.set(Number(row.role_level_id), list)
    }

    const people = await trx
      .from('users')
      .whereNull('deactivated_at')
      .select('id', 'grade', 'profession', 'line_manager_id')
      .orderBy('id')

    const pick = (names: string[]) => {
      const known = names.filter((name) => byProfile.has(name))
      return known.length ? faker.helpers.arrayElement(known) : null
    }

    const assignments: Record<string, unknown>[] = []
    const selfRows: Record<string, unknown>[] = []
    const managerRows: Record<string, unknown>[] = []
    const planRows: Record<string, unknown>[] = []
    let targets = 0
    let overdue = 0
    const today = now.startOf('day')

    for (const person of people) {
      const grade = (person.grade ?? null) as Grade | null
      const senior = grade !== null && grade.startsWith('SCS')
      const profileName =
        (senior ? pick(SENIOR_PROFILES) : null) ??
        pick(PROFILES_BY_PROFESSION[person.profession] ?? DEFAULT_PROFILES) ??
        pick(DEFAULT_PROFILES) ??
        [...byProfile.keys()][0]
      const levels = byProfile.get(profileName)!
      const current = levelFor(levels, grade)
      const confirmedAt = stamp(now.minus({ days: faker.number.int({ min: 30, max: 400 }) }))
      const assignment = {
        user_id: person.id,
        status: 'confirmed',
        confirmed_by: person.line_manager_id,
        confirmed_at: confirmedAt,
        created_at: confirmedAt,
        updated_at: confirmedAt,
      }
      assignments.push({
        ...assignment,
        role_level_id: current.id,
        kind: 'current',
        active_kind: 'current',
      })
      const next = levels.find((level) => level.position > current.position)
      if (next && faker.datatype.boolean({ probability: 0.3 })) {
        assignments.push({
          ...assignment,
          role_level_id: next.id,
          kind: 'target',
          active_kind: 'target',
        })
        targets += 1
      }

      const needs = requirements.get(current.id) ?? []
      if (needs.length === 0 || !faker.datatype.boolean({ probability: 0.75 })) continue
      const struggling = faker.datatype.boolean({ probability: 0.12 })
      const selfAt = now.minus({ days: faker.number.int({ min: 20, max: 120 }) })
      const validates = person.line_manager_id && faker.datatype.boolean({ probability: 0.45 })
      const gaps: Requirement[] = []
      for (const need of needs) {
        const level = struggling
          ? 1
          : Math.min(4, Math.max(1, need.level + faker.helpers.arrayElement([-2, -1, 0, 0, 0, 1])))
        selfRows.push({
          user_id: person.id,
          skill_id: need.skillId,
          level,
          source: 'self',
          status: 'submitted',
          assessed_by: person.id,
          assessed_at: stamp(selfAt),
          created_at: stamp(selfAt),
          updated_at: stamp(selfAt),
        })
        let counted = level
        if (validates) {
          const agrees = faker.datatype.boolean({ probability: 0.7 })
          counted = agrees ? level : Math.min(4, Math.max(1, level + (level >= 3 ? -1 : 1)))
          const validatedAt = stamp(selfAt.plus({ days: faker.number.int({ min: 2, max: 15 }) }))
          managerRows.push({
            user_id: person.id,
            skill_id: need.skillId,
            level: counted,
            source: 'manager',
            status: 'validated',
            assessed_by: person.line_manager_id,
            comment: agrees
              ? null
              : counted < level
                ? 'Good progress, but I have not yet seen this applied without support.'
                : 'You undersell yourself: I have seen you do this confidently on the service.',
            assessed_at: validatedAt,
            created_at: validatedAt,
            updated_at: validatedAt,
          })
        }
        if (counted < need.level) gaps.push(need)
      }

      for (const gap of gaps.slice(0, 2)) {
        const due = today.plus({ days: faker.number.int({ min: -90, max: 180 }) })
        const status = faker.helpers.arrayElement(['planned', 'in_progress', 'in_progress', 'done'])
        if (status !== 'done' && due < today) overdue += 1
        planRows.push({
          user_id: person.id,
          kind: 'skill',
          skill_id: gap.skillId,
          target_level: gap.level,
          due_on: due.toFormat('yyyy-MM-dd'),
          status,
          notes: 'Shadow a colleague at this level and take on one piece of work that needs it.',
          agreed_by: person.line_manager_id,
          agreed_at: person.line_manager_id ? stamp(selfAt) : null,
          created_at: stamp(selfAt),
          updated_at: stamp(selfAt),
        })
      }
    }

    await insertChunks(trx, 'role_assignments', assignments)
    await insertChunks(trx, 'skill_assessments', selfRows)
    await insertChunks(trx, 'skill_assessments', managerRows)
    await insertChunks(trx, 'development_plan_items', planRows)
    return {
      currentRoles: people.length,
      targetRoles: targets,
      selfAssessments: selfRows.length,
      validations: managerRows.length,
      planItems: planRows.length,
      overdue,
    }
  })
}
