import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { PlanItemKind, PlanItemStatus } from '#enums/capability'
import { UK_ZONE, dateFromSql, instantFromSql } from '#domain/shared/uk_time'

/*
 * Reads for development plans: one person's items with the skill or course
 * each names, who agreed it, and whether it is overdue (due before today in
 * UK time and not done), worked out in SQL.
 */

export type PlanItemRow = {
  id: number
  kind: PlanItemKind
  skill: { id: number; name: string } | null
  targetLevel: number | null
  course: { id: number; code: string; title: string } | null
  dueOn: DateTime | null
  status: PlanItemStatus
  agreedBy: { id: number; name: string } | null
  agreedAt: DateTime | null
  overdue: boolean
}

/* Today's date in UK time, as the database compares dates. */
export function todayInUk(now = DateTime.now()) {
  return now.setZone(UK_ZONE).toISODate()!
}

/* A person's plan items with their skill, course and who agreed them; no columns chosen yet. */
export function planItemsOf(userId: number) {
  return db
    .from('development_plan_items as items')
    .leftJoin('skills', 'skills.id', 'items.skill_id')
    .leftJoin('courses', 'courses.id', 'items.course_id')
    .leftJoin('users as agreers', 'agreers.id', 'items.agreed_by')
    .where('items.user_id', userId)
}

/*
 * A person's plan items with the columns the plan shows, and whether each
 * is overdue: due before `today` (UK) and not done.
 */
export function planItemRows(userId: number, today: string) {
  return planItemsOf(userId)
    .select(
      'items.id',
      'items.kind',
      'items.skill_id',
      'skills.name as skill_name',
      'items.target_level',
      'items.course_id',
      'courses.code as course_code',
      'courses.title as course_title',
      'items.due_on',
      'items.status',
      'items.agreed_by',
      'agreers.full_name as agreed_by_name',
      'items.agreed_at'
    )
    .select(
      db.raw(
        `case when items.due_on is not null and items.due_on < ? and items.status <> 'done' then 1 else 0 end as overdue`,
        [today]
      )
    )
}

/* A person's plan: unfinished items first, soonest due first, undated last. */
export async function planItems(userId: number, now = DateTime.now()): Promise<PlanItemRow[]> {
  const rows = await planItemRows(userId, todayInUk(now))
    .orderByRaw(`case when items.status = 'done' then 1 else 0 end`)
    .orderByRaw('case when items.due_on is null then 1 else 0 end')
    .orderBy('items.due_on', 'asc')
    .orderBy('items.id', 'asc')
  return rows.map((row) => ({
    id: Number(row.id),
    kind: row.kind,
    skill: row.skill_id ? { id: Number(row.skill_id), name: String(row.skill_name) } : null,
    targetLevel: row.target_level === null ? null : Number(row.target_level),
    course: row.course_id
      ? {
          id: Number(row.course_id),
          code: String(row.course_code),
          title: String(row.course_title),
        }
      : null,
    dueOn: dateFromSql(row.due_on),
    status: row.status,
    agreedBy: row.agreed_by
      ? { id: Number(row.agreed_by), name: String(row.agreed_by_name) }
      : null,
    agreedAt: instantFromSql(row.agreed_at),
    overdue: Number(row.overdue) === 1,
  }))
}

/* The choices of the add-an-item form: live skills and published courses. */
export async function planOptions() {
  const [skills, courses] = await Promise.all([
    db.from('skills').whereNull('retired_at').select('id', 'name').orderBy('name'),
    db.from('courses').where('status', 'published').select('id', 'code', 'title').orderBy('title'),
  ])
  return {
    skills: skills.map((row) => ({ value: Number(row.id), label: String(row.name) })),
    courses: courses.map((row) => ({
      value: Number(row.id),
      label: `${row.title} (${row.code})`,
    })),
  }
}

/* A line manager's direct report, or null when the person is not theirs. */
export async function directReport(managerId: number, personId: number) {
  const row = await db
    .from('users')
    .where('id', personId)
    .where('line_manager_id', managerId)
    .select('id', 'full_name')
    .first()
  return row ? { id: Number(row.id), fullName: String(row.full_name) } : null
}
