/*
 * The roles a user can be given. A user may hold several; "line manager"
 * is not stored: it follows from having direct reports.
 */
import { namedValues } from '#enums/short_strings'
export const Roles = {
  CapabilityAdmin: 'capability_admin',
  DepartmentHr: 'department_hr',
  CourseAdmin: 'course_admin',
  FastStreamAdmin: 'fast_stream_admin',
  TeamLead: 'team_lead',
  Learner: 'learner',
} as const

export type Role = (typeof Roles)[keyof typeof Roles]

export const roleValues = namedValues(Roles)

export const roleLabels: Record<Role, string> = {
  capability_admin: 'Capability admin',
  department_hr: 'Department HR',
  course_admin: 'Course admin',
  fast_stream_admin: 'Fast Stream admin',
  team_lead: 'Team lead',
  learner: 'Learner',
}

export const roleDescriptions: Record<Role, string> = {
  capability_admin: 'Runs the framework, organisations, users and cross-government reporting.',
  department_hr: 'Manages people, plans and reporting for their organisation and its agencies.',
  course_admin: 'Manages the courses and sessions of a training provider.',
  fast_stream_admin:
    'Runs the Fast Stream and the Future Leaders Scheme: cohorts, placement rounds and matching.',
  team_lead: 'Offers placements in a delivery team and ranks applicants.',
  learner: 'Sees their role profile and gaps, and finds and books training.',
}
