import CourseOutcome from '#models/course_outcome'
import Skill from '#models/skill'
import type Course from '#models/course'
import { deleteRecord, saveChanges, transactionUnlessDuplicate } from '#actions/transactions'

export type AddCourseOutcomeResult =
  | { type: 'saved'; outcome: CourseOutcome; skill: Skill }
  | { type: 'skill_not_found' }
  | { type: 'already_listed' }

/*
 * Says a course brings learners to a level in a skill. The skill must be
 * live, and a course lists each skill once: its level is changed instead.
 */
export async function addCourseOutcome(
  course: Course,
  input: { skillId: number; level: number }
): Promise<AddCourseOutcomeResult> {
  return transactionUnlessDuplicate(
    { type: 'already_listed' as const },
    async (trx): Promise<AddCourseOutcomeResult> => {
      const skill = await Skill.query({ client: trx })
        .where('id', input.skillId)
        .whereNull('retired_at')
        .first()
      if (!skill) return { type: 'skill_not_found' }
      const existing = await trx
        .from('course_outcomes')
        .where({ course_id: course.id, skill_id: skill.id })
        .first()
      if (existing) return { type: 'already_listed' }
      const outcome = await CourseOutcome.create(
        { courseId: course.id, skillId: skill.id, level: input.level },
        { client: trx }
      )
      return { type: 'saved', outcome, skill }
    }
  )
}

/* Changes the level a course brings learners to in one skill. */
export async function changeCourseOutcome(outcome: CourseOutcome, level: number) {
  await saveChanges(outcome, { level })
  return { type: 'saved' as const, outcome }
}

/* Takes a skill off a course's outcomes; learning records already written keep their claims. */
export async function removeCourseOutcome(outcome: CourseOutcome) {
  await deleteRecord(outcome)
  return { type: 'removed' as const, outcome }
}
