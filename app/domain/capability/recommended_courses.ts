import type { DateTime } from 'luxon'

/* A course that closes a gap, with its next sessions in order of start. */
type CourseWithSessions = { sessions: Array<{ startsAt: DateTime }> }

/* How many courses the page recommends for one gap; the catalogue, filtered by the skill, lists the rest. */
export const COURSES_PER_GAP = 5

/*
 * The courses to show for a gap: those with a session open for booking
 * first (soonest first), then the others, in the order found (lowest
 * sufficient level, then title).
 */
export function recommendedCourses<C extends CourseWithSessions>(courses: C[]): C[] {
  const soonest = (course: CourseWithSessions) =>
    course.sessions.length ? course.sessions[0].startsAt.toMillis() : Number.POSITIVE_INFINITY
  return courses
    .map((course, index) => ({ course, index }))
    .sort((a, b) => soonest(a.course) - soonest(b.course) || a.index - b.index)
    .slice(0, COURSES_PER_GAP)
    .map(({ course }) => course)
}
