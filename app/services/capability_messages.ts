import type { FieldProblem } from '#services/api'
import type { AddPlanItemResult } from '#actions/capability/add_plan_item'
import type { SubmitSelfAssessmentResult } from '#actions/capability/submit_self_assessment'

/*
 * What a person is told when they submit a self-assessment, validate a
 * report's or add to their development plan: the page's message and the
 * API's problem for each outcome, side by side in one place.
 */

/* A refused plan item: the field it is about and its message, the same on the page and from the API. */
export function planItemRefusal(
  result: Exclude<AddPlanItemResult, { type: 'added' }>
): Required<FieldProblem> {
  switch (result.type) {
    case 'skill_not_found':
      return { field: 'skillId', message: 'Select the skill you want to develop', rule: 'exists' }
    case 'course_not_found':
      return { field: 'courseId', message: 'Select the course', rule: 'exists' }
    default: {
      const unreachable: never = result
      return unreachable
    }
  }
}

export const PLAN_ITEM_ADDED = 'The item has been added to your plan'

type SelfAssessmentOutcome = SubmitSelfAssessmentResult['type']

/* What submitting a self-assessment tells the person on the page (none when there was nothing to submit). */
export const SELF_ASSESSMENT_FLASH: Record<
  Exclude<SelfAssessmentOutcome, 'nothing_to_submit'>,
  ['success' | 'error', string]
> = {
  submitted: ['success', 'Your self-assessment is submitted. Your line manager will validate it'],
  no_current_role: ['error', 'Choose your current role level before you assess your skills'],
  skills_not_in_role: [
    'error',
    'Your role levels have changed since you started: check your answers again',
  ],
}

/* The same refusals as the API words them. */
export const SELF_ASSESSMENT_PROBLEMS = {
  no_current_role: 'You have no current role level: choose one before you assess your skills.',
  nothing_to_submit: 'Send at least one assessment.',
  /* Under each answer whose skill the person's role levels do not need. */
  skillNotInRole: 'This skill is not needed by your current or target role level',
} as const

/* What validating a report's self-assessment tells the line manager, on the page and from the API. */
export const assessmentValidationMessages = {
  validated: (personName: string) => `You validated ${personName}’s self-assessment`,
  alreadyValidated: (personName: string) => `${personName}’s self-assessment is already validated`,
  alreadyValidatedProblem: 'This self-assessment is already validated.',
}
