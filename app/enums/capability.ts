/*
 * The capability area's short-string states and kinds.
 */
import { labelledValues } from '#enums/short_strings'
export const RoleAssignmentKinds = { Current: 'current', Target: 'target' } as const
export type RoleAssignmentKind = (typeof RoleAssignmentKinds)[keyof typeof RoleAssignmentKinds]

export const RoleAssignmentStatuses = {
  Proposed: 'proposed',
  Confirmed: 'confirmed',
  Ended: 'ended',
} as const
export type RoleAssignmentStatus =
  (typeof RoleAssignmentStatuses)[keyof typeof RoleAssignmentStatuses]

export const AssessmentSources = { Self: 'self', Manager: 'manager' } as const
export type AssessmentSource = (typeof AssessmentSources)[keyof typeof AssessmentSources]

/* A self-assessment waits for its manager; a manager's assessment is the validation. */
export const AssessmentStatuses = { Submitted: 'submitted', Validated: 'validated' } as const
export type AssessmentStatus = (typeof AssessmentStatuses)[keyof typeof AssessmentStatuses]

export const planItemStatusLabels = {
  planned: 'Planned',
  in_progress: 'In progress',
  done: 'Done',
} as const
export type PlanItemStatus = keyof typeof planItemStatusLabels
export const planItemStatusValues = labelledValues(planItemStatusLabels)

export const PlanItemKinds = { Skill: 'skill', Course: 'course' } as const
export type PlanItemKind = (typeof PlanItemKinds)[keyof typeof PlanItemKinds]
