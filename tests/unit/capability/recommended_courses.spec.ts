import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import {
  COURSES_PER_GAP,
  recommendedCourses,
  type GapCourse,
} from '#domain/capability/recommended_courses'
import type { CourseHolding } from '#domain/learning/enrolment_rules'

/* A course reaching `level`, with a session in `days` days (none when null). */
function course(id: number, level: number, days: number | null = null, mandatory = false) {
  return {
    id,
    level,
    mandatory,
    sessions: days === null ? [] : [{ startsAt: DateTime.now().plus({ days }) }],
  } satisfies GapCourse
}

const ids = (result: { courses: Array<{ id: number }> }) => result.courses.map(({ id }) => id)

test.group('Recommended courses for a gap', () => {
  test('only courses above the level that counts now close part of the gap, those reaching the required level first', ({
    assert,
  }) => {
    const result = recommendedCourses([course(1, 1), course(2, 2), course(3, 4), course(4, 3)], {
      required: 4,
      current: 1,
      pendingClaim: null,
    })
    assert.deepEqual(ids(result), [3, 2, 4])
    assert.deepEqual(
      result.courses.map((found) => found.reachesRequired),
      [true, false, false]
    )
  })

  test('mandatory courses come first, then those the person holds, then the soonest session', ({
    assert,
  }) => {
    const holdings = new Map<number, CourseHolding>([
      [3, { kind: 'completed', completedOn: '2026-06-03' }],
    ])
    const result = recommendedCourses(
      [course(1, 3, 5), course(2, 3, 30), course(3, 3), course(4, 2, null, true)],
      { required: 3, current: 0, pendingClaim: null },
      holdings
    )
    assert.deepEqual(ids(result), [4, 3, 1, 2])
    assert.deepEqual(result.courses[1].holding, { kind: 'completed', completedOn: '2026-06-03' })
    assert.isNull(result.courses[0].holding)
  })

  test('a course no higher than a level waiting for the line manager is left out, unless the person holds it', ({
    assert,
  }) => {
    const holdings = new Map<number, CourseHolding>([
      [2, { kind: 'completed', completedOn: '2026-06-03' }],
    ])
    const result = recommendedCourses(
      [course(1, 3), course(2, 3), course(3, 4)],
      { required: 4, current: 1, pendingClaim: 3 },
      holdings
    )
    assert.deepEqual(ids(result), [2, 3])
  })

  test('at most five are shown, and those left out are counted by whether they reach the level', ({
    assert,
  }) => {
    const courses = [1, 2, 3, 4, 5, 6, 7, 8].map((id) => course(id, id <= 6 ? 3 : 2))
    const result = recommendedCourses(courses, { required: 3, current: 0, pendingClaim: null })
    assert.lengthOf(result.courses, COURSES_PER_GAP)
    assert.deepEqual(result.more, { reaching: 1, partway: 2 })
  })
})
