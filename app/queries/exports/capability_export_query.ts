import type User from '#models/user'
import { type CsvLine, type KeyColumn, linesOfQuery, countRows } from '#services/csv_export'
import { planItemStatusLabels } from '#enums/capability'
import type { PlanItemStatus } from '#enums/capability'
import { roleLevelWithRole, skillLevelName } from '#domain/framework/levels'
import { directReport, planItemRows, planItemsOf, todayInUk } from '#queries/capability/plan_query'
import {
  pendingClaims,
  proposedRoles,
  unvalidatedAssessments,
} from '#queries/capability/validations_query'
import { sqlTime } from '#queries/exports/sql_time'
import { isoDateFromSql } from '#domain/shared/uk_time'

/* A level's name ("Practitioner"), or null for a number the framework does not name. */
function levelName(level: number) {
  try {
    return skillLevelName(level)
  } catch {
    return null
  }
}

/* "3 Practitioner", as the validations page names a level. */
function levelLabel(value: unknown) {
  const level = Number(value)
  const name = levelName(level)
  return name ? `${level} ${name}` : String(level)
}

export const VALIDATIONS_HEADER = [
  'Item',
  'Person',
  'Email',
  'Skill',
  'Level',
  'Role level',
  'From course',
  'Submitted at',
]

export async function countValidations(managerId: number) {
  const counts = await Promise.all([
    countRows(proposedRoles(managerId)),
    countRows(unvalidatedAssessments(managerId)),
    countRows(pendingClaims(managerId)),
  ])
  return counts.reduce((total, count) => total + count, 0)
}

/*
 * A line manager's validations queue in the page's order: role levels to
 * confirm (oldest first), self-assessments (by person, then skill), then
 * skill claims (oldest first).
 */
export async function* validationLines(managerId: number, batchSize: number) {
  const roleKeys: KeyColumn[] = [
    { column: 'role_assignments.created_at', key: 'created_at', direction: 'asc' },
    { column: 'role_assignments.id', key: 'id', direction: 'asc' },
  ]
  yield* linesOfQuery(
    () =>
      proposedRoles(managerId).select(
        'role_assignments.id',
        'role_assignments.kind',
        'role_assignments.created_at',
        'users.full_name',
        'users.email',
        'role_levels.name as level_name',
        'role_profiles.name as role_name'
      ),
    roleKeys,
    batchSize,
    (row): CsvLine => [
      row.kind === 'current' ? 'Current role level to confirm' : 'Target role level to confirm',
      row.full_name,
      row.email,
      null,
      null,
      roleLevelWithRole(row.level_name, row.role_name),
      null,
      sqlTime(row.created_at),
    ]
  )

  const assessmentKeys: KeyColumn[] = [
    { column: 'users.full_name', key: 'full_name', direction: 'asc' },
    { column: 'skills.name', key: 'skill_name', direction: 'asc' },
    { column: 'a.id', key: 'id', direction: 'asc' },
  ]
  yield* linesOfQuery(
    () =>
      unvalidatedAssessments(managerId).select(
        'a.id',
        'a.level',
        'a.assessed_at',
        'users.full_name',
        'users.email',
        'skills.name as skill_name'
      ),
    assessmentKeys,
    batchSize,
    (row): CsvLine => [
      'Self-assessment',
      row.full_name,
      row.email,
      row.skill_name,
      levelLabel(row.level),
      null,
      null,
      sqlTime(row.assessed_at),
    ]
  )

  const claimKeys: KeyColumn[] = [
    { column: 'skill_claims.created_at', key: 'created_at', direction: 'asc' },
    { column: 'skill_claims.id', key: 'id', direction: 'asc' },
  ]
  yield* linesOfQuery(
    () =>
      pendingClaims(managerId).select(
        'skill_claims.id',
        'skill_claims.level',
        'skill_claims.created_at',
        'users.full_name',
        'users.email',
        'skills.name as skill_name',
        'learning_records.title as course_title'
      ),
    claimKeys,
    batchSize,
    (row): CsvLine => [
      'Skill claim',
      row.full_name,
      row.email,
      row.skill_name,
      levelLabel(row.level),
      null,
      row.course_title,
      sqlTime(row.created_at),
    ]
  )
}

export const PLAN_HEADER = [
  'Item',
  'Kind',
  'Skill',
  'Target level',
  'Course code',
  'Course',
  'Due on',
  'Overdue',
  'Status',
  'Agreed by',
  'Agreed at',
]

/*
 * Whose plan this person may export: their own, or a direct report's as
 * their line manager, as the plan pages allow. Null for anyone else's.
 */
export async function planOwnerFor(user: User, personId: number) {
  if (personId === user.id) return user.id
  const person = await directReport(user.id, personId)
  return person ? person.id : null
}

export function countPlanItems(userId: number) {
  return countRows(planItemsOf(userId))
}

/*
 * A development plan in the page's order: unfinished items first, each
 * part soonest due first with undated items after, then by when added.
 * Overdue means due before today in UK time and not done, as on the page.
 */
export async function* planLines(userId: number, batchSize: number) {
  const today = todayInUk()
  const parts = [
    { done: false, dated: true },
    { done: false, dated: false },
    { done: true, dated: true },
    { done: true, dated: false },
  ]
  for (const part of parts) {
    const build = () => {
      const query = planItemRows(userId, today)
      if (part.done) query.where('items.status', 'done')
      else query.whereNot('items.status', 'done')
      if (part.dated) query.whereNotNull('items.due_on')
      else query.whereNull('items.due_on')
      return query
    }
    const keys: KeyColumn[] = part.dated
      ? [
          { column: 'items.due_on', key: 'due_on', direction: 'asc' },
          { column: 'items.id', key: 'id', direction: 'asc' },
        ]
      : [{ column: 'items.id', key: 'id', direction: 'asc' }]
    yield* linesOfQuery(build, keys, batchSize, (row): CsvLine => {
      const skill = row.kind === 'skill'
      const target = row.target_level === null ? null : Number(row.target_level)
      return [
        skill
          ? `${row.skill_name ?? 'A skill'} to level ${target} (${levelName(target ?? 1)})`
          : `${row.course_title ?? 'A course'} (${row.course_code ?? ''})`,
        skill ? 'Skill' : 'Course',
        row.skill_name,
        target,
        row.course_code,
        row.course_title,
        isoDateFromSql(row.due_on),
        Number(row.overdue) === 1,
        planItemStatusLabels[row.status as PlanItemStatus] ?? row.status,
        row.agreed_by ? (row.agreed_by_name ?? 'A former line manager') : null,
        sqlTime(row.agreed_at),
      ]
    })
  }
}
