import { DateTime } from 'luxon'
import type { ModelAttributes } from '@adonisjs/lucid/types/model'
import Provider from '#models/provider'
import Course from '#models/course'
import CourseSession from '#models/course_session'
import CourseOutcome from '#models/course_outcome'
import CourseAudience from '#models/course_audience'
import Enrolment from '#models/enrolment'
import LearningRecord from '#models/learning_record'
import type User from '#models/user'
import {
  ACTIVE_ENROLMENT_STATUSES,
  type AudienceKind,
  type CourseMode,
  type EnrolmentStatus,
} from '#enums/learning'

let sequence = 0

/* A training provider, optionally with course admins. */
export async function createProvider(name?: string, admins: User[] = []) {
  sequence += 1
  const provider = await Provider.create({
    code: `prov${sequence}`,
    name: name ?? `Provider ${sequence}`,
  })
  if (admins.length) await provider.related('admins').attach(admins.map((admin) => admin.id))
  return provider
}

/* A published course (by default) with the given outcomes: skill id → level. */
export async function createCourse(
  options: {
    provider?: Provider
    title?: string
    requiresApproval?: boolean
    status?: 'draft' | 'published' | 'archived'
    mode?: CourseMode
    costPence?: number
    outcomes?: Record<number, number>
  } = {}
) {
  sequence += 1
  const provider = options.provider ?? (await createProvider())
  const course = await Course.create({
    providerId: provider.id,
    code: `C${sequence}${Date.now() % 10000}`,
    title: options.title ?? `Course ${sequence}`,
    summary: 'A course for tests.',
    mode: options.mode ?? 'classroom',
    durationHours: 7,
    costPence: options.costPence ?? 45000,
    status: options.status ?? 'published',
    requiresApproval: options.requiresApproval ?? false,
  })
  for (const [skillId, level] of Object.entries(options.outcomes ?? {})) {
    await createOutcome(course, Number(skillId), level)
  }
  return course
}

/* A skill level a course brings its learners to. */
export async function createOutcome(course: Ref, skill: Ref, level: number) {
  return CourseOutcome.create({ courseId: idOf(course), skillId: idOf(skill), level })
}

/* A scheduled session; by default a week ahead, booking closing a day before. */
export async function createSession(
  options: {
    course?: Course
    capacity?: number
    startsAt?: DateTime
    bookingClosesAt?: DateTime
    location?: string
  } = {}
) {
  const course = options.course ?? (await createCourse())
  const startsAt =
    options.startsAt ??
    DateTime.now().plus({ days: 7 }).set({ hour: 9, minute: 30, second: 0, millisecond: 0 })
  return CourseSession.create({
    courseId: course.id,
    startsAt,
    endsAt: startsAt.plus({ hours: 7 }),
    bookingClosesAt: options.bookingClosesAt ?? startsAt.minus({ days: 1 }),
    venue: 'Aviation House',
    location: options.location ?? 'London',
    capacity: options.capacity ?? 10,
    status: 'scheduled',
  })
}

/* A record, or its id. */
type Ref = number | { id: number }

const idOf = (ref: Ref) => (typeof ref === 'number' ? ref : ref.id)

/*
 * A learner's enrolment on a session, booked unless told otherwise. One that
 * holds or waits for a place has the session as its active one, as the
 * service's own enrolments do, unless `activeSessionId` says otherwise.
 */
export async function createEnrolment(
  session: Ref,
  learner: Ref,
  values: Partial<ModelAttributes<Enrolment>> = {}
) {
  const status: EnrolmentStatus = values.status ?? 'booked'
  return Enrolment.create({
    sessionId: idOf(session),
    userId: idOf(learner),
    status,
    activeSessionId: ACTIVE_ENROLMENT_STATUSES.includes(status) ? idOf(session) : null,
    ...values,
  })
}

/* A course on a learner's record as completed through the service, a month ago unless told otherwise. */
export async function createCompletion(
  learner: Ref,
  course: Course,
  values: Partial<ModelAttributes<LearningRecord>> = {}
) {
  return LearningRecord.create({
    userId: idOf(learner),
    courseId: course.id,
    title: course.title,
    completedOn: DateTime.now().minus({ months: 1 }),
    source: 'enrolment',
    ...values,
  })
}

/* Learning a learner declared on their record themselves, finished on the given day. */
export async function createDeclaredLearning(
  learner: Ref,
  title: string,
  completedOn: DateTime,
  values: Partial<ModelAttributes<LearningRecord>> = {}
) {
  return LearningRecord.create({
    userId: idOf(learner),
    title,
    completedOn,
    source: 'declared',
    ...values,
  })
}

/* Marks a course mandatory (or recommended) for a role profile. */
export async function createAudience(course: Ref, roleProfile: Ref, kind: AudienceKind) {
  return CourseAudience.create({
    courseId: idOf(course),
    roleProfileId: idOf(roleProfile),
    kind,
  })
}
