import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { pageOfRows } from '#queries/paging'
import { instantFromSql, isoDateFromSql, UK_ZONE } from '#domain/shared/uk_time'
import { completionStillValid, completionValidUntil } from '#domain/learning/self_paced_rules'
import { moduleKindLabels as kindLabels } from '#enums/learning'
import type { ModuleSummary } from '#queries/learning/catalogue_query'
import {
  SelfPacedStatuses,
  type ModuleKind,
  type ModuleProgressStatus,
  type ModuleSuccess,
  type SelfPacedStatus,
} from '#enums/learning'

/* One self-paced run as My learning and the API list it, with its modules finished of all. */
export type SelfPacedRun = {
  id: number
  courseId: number
  courseCode: string
  courseTitle: string
  status: SelfPacedStatus
  startedAt: DateTime
  completedAt: DateTime | null
  modulesFinished: number
  modules: number
}

const finishedOfRun = () =>
  db
    .from('module_progress')
    .join('course_modules', 'course_modules.id', 'module_progress.module_id')
    .whereColumn('module_progress.self_paced_enrolment_id', 'self_paced_enrolments.id')
    .where('module_progress.status', 'completed')
    .count('*')
    .as('modules_finished')

const modulesOfCourse = () =>
  db
    .from('course_modules')
    .whereColumn('course_modules.course_id', 'self_paced_enrolments.course_id')
    .count('*')
    .as('modules_total')

function runFromRow(row: Record<string, any>): SelfPacedRun {
  return {
    id: Number(row.id),
    courseId: Number(row.course_id),
    courseCode: row.code,
    courseTitle: row.title,
    status: row.status,
    startedAt: instantFromSql(row.started_at)!,
    completedAt: instantFromSql(row.completed_at),
    modulesFinished: Number(row.modules_finished ?? 0),
    modules: Number(row.modules_total ?? 0),
  }
}

function runs() {
  return db
    .from('self_paced_enrolments')
    .join('courses', 'courses.id', 'self_paced_enrolments.course_id')
    .select(
      'self_paced_enrolments.id',
      'self_paced_enrolments.course_id',
      'self_paced_enrolments.status',
      'self_paced_enrolments.started_at',
      'self_paced_enrolments.completed_at',
      'courses.code',
      'courses.title'
    )
    .select(finishedOfRun(), modulesOfCourse())
}

/* A learner's runs in progress and completed (withdrawn runs are left out): in progress first, then the latest started. */
function myRuns(userId: number) {
  return runs()
    .where('self_paced_enrolments.user_id', userId)
    .whereIn('self_paced_enrolments.status', [
      SelfPacedStatuses.InProgress,
      SelfPacedStatuses.Completed,
    ])
    .orderByRaw(`case when self_paced_enrolments.status = ? then 0 else 1 end`, [
      SelfPacedStatuses.InProgress,
    ])
    .orderBy('self_paced_enrolments.started_at', 'desc')
    .orderBy('self_paced_enrolments.id', 'desc')
}

/*
 * A learner's self-paced courses in progress and completed, each with how
 * many of its modules they have finished, counted in SQL.
 */
export async function mySelfPacedRuns(userId: number): Promise<SelfPacedRun[]> {
  const rows = await myRuns(userId)
  return rows.map(runFromRow)
}

/* A page of the learner's runs, each with its modules and their state: the API's list. */
export async function mySelfPacedPage(userId: number, page: number, perPage: number) {
  const paged = await pageOfRows(myRuns(userId), page, perPage)
  const listed = paged.all().map(runFromRow)
  const modules = await modulesOfRuns(listed.map((run) => run.id))
  return {
    meta: paged.getMeta(),
    rows: listed.map((run) => ({ run, modules: modules.get(run.id) ?? [] })),
  }
}

/* One of the learner's runs, whatever its status, with its modules: null when it is not theirs. */
export async function ownSelfPacedRun(userId: number, runId: number) {
  const row = await runs()
    .where('self_paced_enrolments.user_id', userId)
    .where('self_paced_enrolments.id', runId)
    .first()
  if (!row) return null
  const run = runFromRow(row)
  const modules = await modulesOfRuns([run.id])
  return { run, modules: modules.get(run.id) ?? [] }
}

/* One module of a run, as the progress page lists it. */
export type ModuleStanding = {
  id: number
  position: number
  title: string
  kind: ModuleKind
  url: string | null
  required: boolean
  status: ModuleProgressStatus
  success: ModuleSuccess | null
  score: number | null
  completedAt: DateTime | null
}

/*
 * Every module of each run's course in order, with the run's state in it
 * (not started when it has no progress row): one query for all the runs.
 */
async function modulesOfRuns(runIds: number[]) {
  const byRun = new Map<number, ModuleStanding[]>()
  if (!runIds.length) return byRun
  const rows = await db
    .from('self_paced_enrolments')
    .join('course_modules', 'course_modules.course_id', 'self_paced_enrolments.course_id')
    .leftJoin('module_progress', (join) => {
      join
        .on('module_progress.module_id', '=', 'course_modules.id')
        .andOn('module_progress.self_paced_enrolment_id', '=', 'self_paced_enrolments.id')
    })
    .whereIn('self_paced_enrolments.id', runIds)
    .orderBy('self_paced_enrolments.id')
    .orderBy('course_modules.position')
    .select(
      'self_paced_enrolments.id as run_id',
      'course_modules.id',
      'course_modules.position',
      'course_modules.title',
      'course_modules.kind',
      'course_modules.url',
      'course_modules.required',
      'module_progress.status',
      'module_progress.success',
      'module_progress.score',
      'module_progress.completed_at'
    )
  for (const module of rows) {
    const runId = Number(module.run_id)
    const list = byRun.get(runId) ?? []
    byRun.set(runId, list)
    list.push({
      id: Number(module.id),
      position: Number(module.position),
      title: module.title,
      kind: module.kind,
      url: module.url,
      required: Boolean(module.required),
      status: module.status ?? 'not_started',
      success: module.success ?? null,
      score: module.score === null || module.score === undefined ? null : Number(module.score),
      completedAt: instantFromSql(module.completed_at),
    })
  }
  return byRun
}

/*
 * Where a learner stands in a self-paced course: their run in progress,
 * else their latest completed or withdrawn one (null when they never
 * started it), with every module of the course in order and its state.
 */
export async function selfPacedStanding(userId: number, courseId: number) {
  const row = await runs()
    .where('self_paced_enrolments.user_id', userId)
    .where('self_paced_enrolments.course_id', courseId)
    .orderByRaw(`case when self_paced_enrolments.status = ? then 0 else 1 end`, [
      SelfPacedStatuses.InProgress,
    ])
    .orderBy('self_paced_enrolments.started_at', 'desc')
    .orderBy('self_paced_enrolments.id', 'desc')
    .first()
  if (!row) return null
  const run = runFromRow(row)
  const modules = await modulesOfRuns([run.id])
  return { run, modules: modules.get(run.id) ?? [] }
}

/*
 * The learner's latest completion of a course (classroom or self-paced)
 * when it still counts on the day of now, with the last day it counts
 * (null when it never expires); null when there is none that counts.
 */
export async function validCompletion(
  userId: number,
  course: { id: number; validityMonths: number | null },
  now = new Date(),
  client: QueryClientContract = db.connection()
) {
  const last = await client
    .from('learning_records')
    .where('user_id', userId)
    .where('course_id', course.id)
    .max('completed_on as completed_on')
    .first()
  const completedOn = isoDateFromSql(last?.completed_on)
  const today = DateTime.fromJSDate(now).setZone(UK_ZONE).toISODate()!
  if (!completedOn || !completionStillValid(completedOn, course.validityMonths, today)) return null
  return { completedOn, validUntil: completionValidUntil(completedOn, course.validityMonths) }
}

/*
 * What a self-paced course's page offers the learner: its modules, their
 * run in progress or last one, a completion that still counts, and
 * whether they may start it themselves.
 */
export async function selfPacedOffer(
  userId: number,
  course: { id: number; requiresApproval: boolean },
  modules: ModuleSummary[]
) {
  const validityMonths = await db
    .from('courses')
    .where('id', course.id)
    .select('validity_months')
    .first()
  const [standing, completion] = await Promise.all([
    selfPacedStanding(userId, course.id),
    validCompletion(userId, {
      id: course.id,
      validityMonths:
        validityMonths?.validity_months === null || validityMonths?.validity_months === undefined
          ? null
          : Number(validityMonths.validity_months),
    }),
  ])
  return {
    modules: modules.map((module) => ({ ...module, kindLabel: kindLabels[module.kind] })),
    inProgress: standing?.run.status === SelfPacedStatuses.InProgress ? standing.run : null,
    completion,
    approvalRequired: course.requiresApproval,
  }
}
