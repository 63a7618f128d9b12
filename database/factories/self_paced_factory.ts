import { DateTime } from 'luxon'
import Course from '#models/course'
import CourseModule from '#models/course_module'
import SelfPacedEnrolment from '#models/self_paced_enrolment'
import type User from '#models/user'
import type Provider from '#models/provider'
import { createCourse } from '#database/factories/learning_factory'
import type { ModuleKind } from '#enums/learning'

type ModuleSpec = { title?: string; kind?: ModuleKind; required?: boolean; url?: string }

/*
 * A published self-paced course (by default) with its modules: a number
 * of required links, or each module described.
 */
export async function createSelfPacedCourse(
  options: {
    provider?: Provider
    title?: string
    requiresApproval?: boolean
    status?: 'draft' | 'published' | 'archived'
    validityMonths?: number | null
    outcomes?: Record<number, number>
    modules?: number | ModuleSpec[]
  } = {}
) {
  const course = await createCourse({
    provider: options.provider,
    title: options.title,
    requiresApproval: options.requiresApproval,
    status: options.status,
    mode: 'online',
    costPence: 0,
    outcomes: options.outcomes,
  })
  await Course.query()
    .where('id', course.id)
    .update({ delivery: 'self_paced', validity_months: options.validityMonths ?? null })
  course.delivery = 'self_paced'
  course.validityMonths = options.validityMonths ?? null
  const specs =
    typeof options.modules === 'number'
      ? Array.from({ length: options.modules }, () => ({}))
      : (options.modules ?? [{}, {}])
  const modules: CourseModule[] = []
  for (const [index, spec] of specs.entries()) {
    modules.push(await createModule(course, { ...spec, position: index + 1 }))
  }
  return { course, modules }
}

/* A module of a self-paced course: a required link unless described otherwise. */
export async function createModule(course: Course, spec: ModuleSpec & { position: number }) {
  return CourseModule.create({
    courseId: course.id,
    position: spec.position,
    title: spec.title ?? `Module ${spec.position}`,
    kind: spec.kind ?? 'link',
    url:
      spec.kind === 'scorm'
        ? null
        : (spec.url ?? `https://learn.example.gov.uk/${course.id}/${spec.position}`),
    required: spec.required ?? true,
    packageId: null,
  })
}

/* A learner's run through a self-paced course, in progress unless said otherwise. */
export async function createSelfPacedEnrolment(
  learner: User,
  course: Course,
  options: { status?: 'in_progress' | 'completed' | 'withdrawn'; startedAt?: DateTime } = {}
) {
  const status = options.status ?? 'in_progress'
  const startedAt = options.startedAt ?? DateTime.now().minus({ days: 3 })
  return SelfPacedEnrolment.create({
    userId: learner.id,
    courseId: course.id,
    status,
    activeCourseId: status === 'in_progress' ? course.id : null,
    startedAt,
    completedAt: status === 'completed' ? DateTime.now() : null,
    nominatedBy: null,
  })
}
