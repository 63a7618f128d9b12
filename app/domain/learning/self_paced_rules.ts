import { validUntil } from '#domain/learning/required_learning'

/*
 * The rules of self-paced courses that need no database: when a completion
 * is still valid, and which modules a course is completed by. Pure.
 */

/*
 * The last day a completion on completedOn (an ISO date) counts, or null
 * when the course's completions do not expire: required learning's rule.
 */
export function completionValidUntil(completedOn: string, validityMonths: number | null) {
  return validUntil(completedOn, validityMonths)
}

/* Whether a completion on completedOn still counts on today (both ISO dates), as required learning counts it. */
export function completionStillValid(
  completedOn: string,
  validityMonths: number | null,
  today: string
) {
  const until = completionValidUntil(completedOn, validityMonths)
  return until === null || until >= today
}

export type ModuleState = { id: number; required: boolean; completed: boolean }

/*
 * The modules a course is completed by: those marked required, or every
 * module when none is (a course is never completed by taking nothing).
 */
export function modulesToComplete<M extends ModuleState>(modules: M[]) {
  const required = modules.filter((module) => module.required)
  return required.length ? required : modules
}

/* Whether these modules complete the course: at least one, and every one that counts completed. */
export function modulesComplete(modules: ModuleState[]) {
  const counted = modulesToComplete(modules)
  return counted.length > 0 && counted.every((module) => module.completed)
}
