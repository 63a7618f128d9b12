import db from '@adonisjs/lucid/services/db'
import { AssessmentSources, RoleAssignmentStatuses } from '#enums/capability'
import { SkillClaimStatuses } from '#enums/learning'
import { roleLevelWithRole, skillLevelName } from '#domain/framework/levels'
import { ukDate } from '#queries/learning/my_learning_query'
import { instantFromSql } from '#domain/shared/uk_time'

/* Proposed role levels of the manager's direct reports. */
export function proposedRoles(managerId: number) {
  return db
    .from('role_assignments')
    .join('users', 'users.id', 'role_assignments.user_id')
    .join('role_levels', 'role_levels.id', 'role_assignments.role_level_id')
    .join('role_profiles', 'role_profiles.id', 'role_levels.role_profile_id')
    .where('users.line_manager_id', managerId)
    .where('role_assignments.status', RoleAssignmentStatuses.Proposed)
    .whereNotNull('role_assignments.active_kind')
}

/* Each direct report's latest self-assessment of a skill, while no one has validated it. */
export function unvalidatedAssessments(managerId: number) {
  return db
    .from('skill_assessments as a')
    .join('users', 'users.id', 'a.user_id')
    .join('skills', 'skills.id', 'a.skill_id')
    .where('users.line_manager_id', managerId)
    .where('a.source', AssessmentSources.Self)
    .whereNotExists((newer) =>
      newer
        .from('skill_assessments as b')
        .whereColumn('b.user_id', 'a.user_id')
        .whereColumn('b.skill_id', 'a.skill_id')
        .where('b.source', AssessmentSources.Self)
        .where((later) =>
          later
            .whereColumn('b.assessed_at', '>', 'a.assessed_at')
            .orWhere((tie) =>
              tie.whereColumn('b.assessed_at', 'a.assessed_at').whereColumn('b.id', '>', 'a.id')
            )
        )
    )
    .whereNotExists((validation) =>
      validation.from('skill_assessments as v').whereColumn('v.validates_id', 'a.id')
    )
}

/* Direct reports' skill claims from completed courses, waiting for the manager. */
export function pendingClaims(managerId: number) {
  return db
    .from('skill_claims')
    .join('users', 'users.id', 'skill_claims.user_id')
    .join('skills', 'skills.id', 'skill_claims.skill_id')
    .leftJoin('learning_records', 'learning_records.id', 'skill_claims.learning_record_id')
    .where('users.line_manager_id', managerId)
    .where('skill_claims.status', SkillClaimStatuses.Pending)
}

/*
 * What waits for a line manager's judgement from their direct reports:
 * self-assessments (the latest per skill, not yet validated), proposed
 * role levels and skill claims from completed courses. Three joined
 * queries, whatever the number of reports.
 */
export async function pendingValidations(managerId: number) {
  const [assessments, roles, claims] = await Promise.all([
    unvalidatedAssessments(managerId)
      .select('a.id', 'a.level', 'a.assessed_at', 'users.full_name', 'skills.name as skill_name')
      .orderBy('users.full_name')
      .orderBy('skills.name'),
    proposedRoles(managerId)
      .select(
        'role_assignments.id',
        'role_assignments.kind',
        'role_assignments.created_at',
        'users.full_name',
        'role_levels.name as level_name',
        'role_profiles.name as role_name'
      )
      .orderBy('role_assignments.created_at')
      .orderBy('role_assignments.id'),
    pendingClaims(managerId)
      .select(
        'skill_claims.id',
        'skill_claims.level',
        'skill_claims.created_at',
        'users.full_name',
        'skills.name as skill_name',
        'learning_records.title as course_title'
      )
      .orderBy('skill_claims.created_at')
      .orderBy('skill_claims.id'),
  ])
  return {
    assessments: assessments.map((row) => ({
      id: Number(row.id),
      personName: row.full_name as string,
      skillName: row.skill_name as string,
      level: Number(row.level),
      levelLabel: `${row.level} ${skillLevelName(Number(row.level))}`,
      assessedOn: ukDate(instantFromSql(row.assessed_at)!),
    })),
    roles: roles.map((row) => ({
      id: Number(row.id),
      personName: row.full_name as string,
      kind: row.kind as string,
      roleLevel: roleLevelWithRole(row.level_name, row.role_name),
      proposedOn: ukDate(instantFromSql(row.created_at)!),
    })),
    claims: claims.map((row) => ({
      id: Number(row.id),
      personName: row.full_name as string,
      skillName: row.skill_name as string,
      level: Number(row.level),
      levelLabel: `${row.level} ${skillLevelName(Number(row.level))}`,
      courseTitle: (row.course_title as string | null) ?? null,
      claimedOn: ukDate(instantFromSql(row.created_at)!),
    })),
  }
}

const ITEM_TABLES = {
  assessment: 'skill_assessments',
  claim: 'skill_claims',
  role: 'role_assignments',
} as const

/*
 * The person an item of the validations queue belongs to, by name, or
 * null when the item is not a direct report's of this manager.
 */
export async function reportItem(
  managerId: number,
  kind: keyof typeof ITEM_TABLES,
  id: number
): Promise<{ personName: string } | null> {
  const table = ITEM_TABLES[kind]
  const row = await db
    .from(table)
    .join('users', 'users.id', `${table}.user_id`)
    .where(`${table}.id`, id)
    .where('users.line_manager_id', managerId)
    .if(kind === 'assessment', (query) => query.where(`${table}.source`, AssessmentSources.Self))
    .select('users.full_name')
    .first()
  return row ? { personName: row.full_name as string } : null
}
