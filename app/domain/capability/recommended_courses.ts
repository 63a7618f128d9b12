import type { DateTime } from 'luxon'
import type { CourseHolding } from '#domain/learning/enrolment_rules'

/* A course that builds a gap's skill, with the level it brings learners to and its next sessions in order of start. */
export type GapCourse = {
  id: number
  level: number
  /* Mandatory for the role profile the gap is measured against. */
  mandatory: boolean
  sessions: Array<{ startsAt: DateTime }>
}

/* What is known of the person in one gap's skill. */
export type GapFacts = {
  required: number
  /* The level that counts now (validated, else self-assessed, else 0). */
  current: number
  /* The highest level a completed course claims for them that their line manager has yet to decide; null when none waits. */
  pendingClaim: number | null
}

export type RecommendedCourse<C extends GapCourse> = C & {
  /* What the person already holds of the course: shown instead of an offer to book it. */
  holding: CourseHolding | null
  /* Whether the course alone brings them to the required level. */
  reachesRequired: boolean
}

export type GapRecommendations<C extends GapCourse> = {
  courses: RecommendedCourse<C>[]
  /* Courses left out by the limit: those that reach the required level and those that go part of the way. */
  more: { reaching: number; partway: number }
}

/* How many courses the page recommends for one gap; the catalogue, filtered by the skill, lists the rest. */
export const COURSES_PER_GAP = 5

/*
 * The courses to show for a gap. Only a course that brings the person
 * above the level that counts now closes part of it; one no higher than a
 * level already claimed from a completed course and waiting for their line
 * manager closes nothing more, unless the person holds it (then it is shown
 * with what they hold, never offered again). Mandatory courses for the role
 * come first, then those the person already holds, then those that reach
 * the required level, then the soonest session open for booking, then the
 * order found (lowest level, then title).
 */
export function recommendedCourses<C extends GapCourse>(
  courses: C[],
  gap: GapFacts,
  holdings: ReadonlyMap<number, CourseHolding> = new Map()
): GapRecommendations<C> {
  const soonest = (course: GapCourse) =>
    course.sessions.length ? course.sessions[0].startsAt.toMillis() : Number.POSITIVE_INFINITY
  const first = (yes: boolean) => (yes ? 0 : 1)
  const candidates = courses
    .map((course, index) => ({
      course: {
        ...course,
        holding: holdings.get(course.id) ?? null,
        reachesRequired: course.level >= gap.required,
      },
      index,
    }))
    .filter(({ course }) => course.level > gap.current)
    .filter(
      ({ course }) =>
        course.holding !== null || gap.pendingClaim === null || course.level > gap.pendingClaim
    )
    .sort(
      (a, b) =>
        first(a.course.mandatory) - first(b.course.mandatory) ||
        first(a.course.holding !== null) - first(b.course.holding !== null) ||
        first(a.course.reachesRequired) - first(b.course.reachesRequired) ||
        soonest(a.course) - soonest(b.course) ||
        a.index - b.index
    )
    .map(({ course }) => course)
  const shown = candidates.slice(0, COURSES_PER_GAP)
  const rest = candidates.slice(COURSES_PER_GAP)
  const reaching = rest.filter((course) => course.reachesRequired).length
  return { courses: shown, more: { reaching, partway: rest.length - reaching } }
}
