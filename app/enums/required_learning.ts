/*
 * Required learning's short-string kinds: who a requirement is for, how its
 * due day is set, and the reminders it sends.
 */
import { labelledValues } from '#enums/short_strings'
import type { RequirementState } from '#domain/learning/required_learning'

/* Who a course is required of. An organisation includes the organisations below it. */
export const requirementAudienceLabels = {
  organisation: 'An organisation',
  grade: 'Grades',
  profession: 'A profession',
  role_profile: 'A role',
  people: 'People picked by name',
} as const
export type RequirementAudience = keyof typeof requirementAudienceLabels
export const requirementAudienceValues = labelledValues(requirementAudienceLabels)

/* How a requirement's due day is set: one day for everyone, or days after each person joins the audience. */
export const requirementDueLabels = {
  fixed: 'By a fixed date',
  after_joining: 'A number of days after joining the audience',
} as const
export type RequirementDueKind = keyof typeof requirementDueLabels
export const requirementDueValues = labelledValues(requirementDueLabels)

export const requirementStateLabels: Record<RequirementState, string> = {
  overdue: 'Overdue',
  expired: 'Expired',
  due: 'Due',
  not_due: 'Not due yet',
  completed: 'Completed',
}
export const requirementStateValues = labelledValues(requirementStateLabels)

/* The reminders a requirement sends each person, once per due day: before it, on it and after it. */
export const requirementReminderLabels = {
  before: 'Before the due date',
  on: 'On the due date',
  after: 'After the due date',
} as const
export type RequirementReminderKind = keyof typeof requirementReminderLabels

/* Hand-picked people a requirement can name at once. */
export const MAX_REQUIRED_PEOPLE = 500
