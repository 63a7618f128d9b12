/*
 * Whose capability standings to work out again: some people (after their
 * assessments, role level, organisation or status changed), the people
 * holding some role levels, or needing some skills, or in some role
 * profiles (after the framework changed), or everyone (to rebuild).
 * Models say it of a change; the standings action does the work.
 */
export type StandingsTarget =
  | {
      userIds?: number[]
      roleLevelIds?: number[]
      skillIds?: number[]
      roleProfileIds?: number[]
    }
  | 'everyone'
