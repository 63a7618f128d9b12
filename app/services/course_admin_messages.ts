import type { FieldProblem } from '#services/api'
import type { SaveCourseResult } from '#actions/learning/save_course'

/*
 * What a course admin is told when saving a course or a session is
 * refused: the page's message and the API's problem for each outcome,
 * side by side in one place.
 */

type CourseRefusal = Exclude<SaveCourseResult, { type: 'saved' }>['type']

/* A refused course: the field it is about, its message under the form's field, and the API's problem. */
const COURSE_REFUSALS: Record<
  CourseRefusal,
  { field: string; page: string; api: string; rule: string }
> = {
  code_taken: {
    field: 'code',
    page: 'A course with this code already exists',
    api: 'A course with this code already exists',
    rule: 'unique',
  },
  provider_not_found: {
    field: 'provider',
    page: 'Select a provider from the list',
    api: 'provider is not the id of a provider',
    rule: 'exists',
  },
  has_sessions: {
    field: 'delivery',
    page: 'This course has sessions, so it cannot become self-paced: add a new self-paced course instead',
    api: 'The course has sessions, so it cannot become self-paced.',
    rule: 'hasSessions',
  },
  has_self_paced_enrolments: {
    field: 'delivery',
    page: 'People have started this self-paced course, so it cannot move to scheduled sessions: add a new course instead',
    api: 'People have started the self-paced course, so it cannot move to scheduled sessions.',
    rule: 'hasSelfPacedEnrolments',
  },
}

/* The message under the course form's field. */
export function courseFormError(result: { type: CourseRefusal }) {
  const refusal = COURSE_REFUSALS[result.type]
  return { [refusal.field]: refusal.page }
}

/* The API's problem with the course's field. */
export function courseProblem(result: { type: CourseRefusal }): Required<FieldProblem> {
  const refusal = COURSE_REFUSALS[result.type]
  return { field: refusal.field, message: refusal.api, rule: refusal.rule }
}

/* A cancelled session cannot be changed: the page's message and the API's. */
export const SESSION_CANCELLED = {
  page: 'This session has been cancelled, so it cannot be changed',
  api: 'The session has been cancelled.',
} as const

/* A self-paced course has modules, not sessions: the page's message and the API's. */
export const SESSION_ON_SELF_PACED = {
  page: 'This course is self-paced, so it has modules rather than sessions',
  api: 'The course is self-paced, so it has no sessions.',
} as const
