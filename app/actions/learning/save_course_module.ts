import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import CourseModule from '#models/course_module'
import LearningPackage from '#models/learning_package'
import type Course from '#models/course'
import type { ModuleKind } from '#enums/learning'
import { removePackageFiles } from '#services/learning_package_files'

export type CourseModuleInput = {
  title: string
  kind: Exclude<ModuleKind, 'scorm'>
  /* An https address. */
  url: string
  required: boolean
}

export type SaveCourseModuleResult =
  | { type: 'saved'; module: CourseModule }
  /* Only a self-paced course has modules. */
  | { type: 'not_self_paced' }

/* Locks the course row, so two admins adding or moving modules at once number them 1..n. */
async function lockCourse(trx: TransactionClientContract, courseId: number) {
  const query = trx.from('courses').where('id', courseId).select('id')
  if (trx.dialect.name !== 'better-sqlite3' && trx.dialect.name !== 'sqlite3') query.forUpdate()
  return query.first()
}

/*
 * Adds a link, document or video module at the end of a self-paced
 * course, or changes one; audited with the course admin's change.
 */
export async function saveCourseModule(
  course: Course,
  input: CourseModuleInput,
  existing?: CourseModule
): Promise<SaveCourseModuleResult> {
  if (course.delivery !== 'self_paced') return { type: 'not_self_paced' }
  return db.transaction(async (trx) => {
    await lockCourse(trx, course.id)
    const module = existing ?? new CourseModule()
    module.useTransaction(trx)
    if (!existing) {
      const last = await trx
        .from('course_modules')
        .where('course_id', course.id)
        .max('position as last')
        .first()
      module.merge({ courseId: course.id, position: Number(last?.last ?? 0) + 1, packageId: null })
    }
    module.merge({
      title: input.title.trim(),
      kind: input.kind,
      url: input.url.trim(),
      required: input.required,
    })
    await module.save()
    return { type: 'saved' as const, module }
  })
}

export type MoveDirection = 'up' | 'down'

/*
 * Moves a module one place up or down its course, swapping with its
 * neighbour; the first cannot go up nor the last down (at_edge).
 */
export async function moveCourseModule(
  module: CourseModule,
  direction: MoveDirection
): Promise<{ type: 'moved'; position: number } | { type: 'at_edge' }> {
  return db.transaction(async (trx) => {
    await lockCourse(trx, module.courseId)
    const current = await CourseModule.query({ client: trx }).where('id', module.id).firstOrFail()
    const neighbour = await CourseModule.query({ client: trx })
      .where('course_id', current.courseId)
      .where('position', direction === 'up' ? '<' : '>', current.position)
      .orderBy('position', direction === 'up' ? 'desc' : 'asc')
      .first()
    if (!neighbour) return { type: 'at_edge' as const }
    const [from, to] = [current.position, neighbour.position]
    current.useTransaction(trx)
    neighbour.useTransaction(trx)
    current.position = to
    neighbour.position = from
    await current.save()
    await neighbour.save()
    return { type: 'moved' as const, position: to }
  })
}

/*
 * Removes a module and closes the gap in the order. Learners' progress in
 * it goes with it; completions already on learning records stay. An
 * e-learning package's record goes with its module, and its files once
 * the removal is committed.
 */
export async function removeCourseModule(module: CourseModule) {
  const removedPackage = await db.transaction(async (trx) => {
    await lockCourse(trx, module.courseId)
    module.useTransaction(trx)
    await module.delete()
    const learningPackage = module.packageId
      ? await LearningPackage.find(module.packageId, { client: trx })
      : null
    if (learningPackage) await learningPackage.delete()
    const later = await CourseModule.query({ client: trx })
      .where('course_id', module.courseId)
      .where('position', '>', module.position)
      .orderBy('position')
    for (const each of later) {
      each.useTransaction(trx)
      each.position -= 1
      await each.save()
    }
    return learningPackage
  })
  if (removedPackage) await removePackageFiles(removedPackage.storageKey)
}
