import db from '@adonisjs/lucid/services/db'
import type { RoleAssignmentKind, RoleAssignmentStatus } from '#enums/capability'
import { ukDate } from '#queries/learning/my_learning_query'
import { instantFromSql } from '#domain/shared/uk_time'
import { skillEvidence } from '#queries/capability/skill_evidence_query'
import { roleLevelWithRole } from '#domain/framework/levels'

/*
 * Reads for a person's role levels and self-assessment: what is in force,
 * the history, and the skills their levels need.
 */

export type ActiveAssignment = {
  id: number
  kind: RoleAssignmentKind
  status: RoleAssignmentStatus
  roleLevelId: number
  roleLevelName: string
  roleName: string
}

function dateOrNull(value: unknown) {
  return value ? ukDate(instantFromSql(value)!) : null
}

/* The person's current and target assignments in force, if any. */
export async function activeAssignments(userId: number) {
  const rows = await db
    .from('role_assignments')
    .join('role_levels', 'role_levels.id', 'role_assignments.role_level_id')
    .join('role_profiles', 'role_profiles.id', 'role_levels.role_profile_id')
    .where('role_assignments.user_id', userId)
    .whereNotNull('role_assignments.active_kind')
    .select(
      'role_assignments.id',
      'role_assignments.kind',
      'role_assignments.status',
      'role_assignments.role_level_id',
      'role_levels.name as level_name',
      'role_profiles.name as role_name'
    )
  const found = (kind: RoleAssignmentKind): ActiveAssignment | null => {
    const row = rows.find((entry) => entry.kind === kind)
    return row
      ? {
          id: Number(row.id),
          kind,
          status: row.status,
          roleLevelId: Number(row.role_level_id),
          roleLevelName: row.level_name,
          roleName: row.role_name,
        }
      : null
  }
  return { current: found('current'), target: found('target') }
}

/* Every assignment the person has had, newest first, with who confirmed it. */
export async function roleHistory(userId: number) {
  const rows = await db
    .from('role_assignments')
    .join('role_levels', 'role_levels.id', 'role_assignments.role_level_id')
    .join('role_profiles', 'role_profiles.id', 'role_levels.role_profile_id')
    .leftJoin('users as confirmer', 'confirmer.id', 'role_assignments.confirmed_by')
    .where('role_assignments.user_id', userId)
    .select(
      'role_assignments.id',
      'role_assignments.kind',
      'role_assignments.status',
      'role_assignments.created_at',
      'role_assignments.confirmed_at',
      'role_assignments.ended_at',
      'role_levels.name as level_name',
      'role_profiles.name as role_name',
      'confirmer.full_name as confirmer_name'
    )
    .orderBy('role_assignments.created_at', 'desc')
    .orderBy('role_assignments.id', 'desc')
  return rows.map((row) => ({
    id: Number(row.id),
    kind: row.kind as RoleAssignmentKind,
    status: row.status as RoleAssignmentStatus,
    roleLevel: roleLevelWithRole(row.level_name, row.role_name),
    setOn: dateOrNull(row.created_at),
    confirmedOn: dateOrNull(row.confirmed_at),
    confirmedBy: (row.confirmer_name as string | null) ?? null,
    endedOn: dateOrNull(row.ended_at),
  }))
}

export type AssessmentSkill = {
  id: number
  name: string
  category: string
  descriptors: Record<number, string>
  currentNeeds: number | null
  targetNeeds: number | null
  selfAssessed: number | null
  validated: number | null
}

/*
 * The skills the person's current and target role levels need, with each
 * skill's level descriptors and the person's latest self-assessed and
 * validated levels; grouped by category, in name order.
 */
export async function assessmentSkills(userId: number) {
  const assignments = await activeAssignments(userId)
  const levelIds = [assignments.current, assignments.target]
    .filter((entry): entry is ActiveAssignment => entry !== null)
    .map((entry) => entry.roleLevelId)
  if (!assignments.current) return { assignments, skills: [] as AssessmentSkill[], groups: [] }

  const requirements = await db
    .from('role_requirements')
    .join('skills', 'skills.id', 'role_requirements.skill_id')
    .whereIn('role_requirements.role_level_id', levelIds)
    .whereNull('skills.retired_at')
    .select(
      'skills.id',
      'skills.name',
      'skills.category',
      'role_requirements.role_level_id',
      'role_requirements.level'
    )
    .orderBy('skills.category')
    .orderBy('skills.name')
  const skills = new Map<number, AssessmentSkill>()
  for (const row of requirements) {
    const id = Number(row.id)
    const skill = skills.get(id) ?? {
      id,
      name: row.name,
      category: row.category,
      descriptors: {},
      currentNeeds: null,
      targetNeeds: null,
      selfAssessed: null,
      validated: null,
    }
    if (Number(row.role_level_id) === assignments.current.roleLevelId)
      skill.currentNeeds = Number(row.level)
    if (Number(row.role_level_id) === assignments.target?.roleLevelId)
      skill.targetNeeds = Number(row.level)
    skills.set(id, skill)
  }
  const skillIds = [...skills.keys()]
  if (skillIds.length) {
    const [descriptors, evidence] = await Promise.all([
      db
        .from('skill_level_descriptors')
        .whereIn('skill_id', skillIds)
        .select('skill_id', 'level', 'descriptor'),
      skillEvidence(userId, skillIds),
    ])
    for (const row of descriptors) {
      skills.get(Number(row.skill_id))!.descriptors[Number(row.level)] = row.descriptor
    }
    for (const entry of evidence) {
      const skill = skills.get(entry.skillId)!
      skill.selfAssessed = entry.selfAssessed
      skill.validated = entry.validated
    }
  }
  const list = [...skills.values()]
  const groups = new Map<string, AssessmentSkill[]>()
  for (const skill of list)
    groups.set(skill.category, [...(groups.get(skill.category) ?? []), skill])
  return {
    assignments,
    skills: list,
    groups: [...groups.entries()].map(([category, entries]) => ({ category, skills: entries })),
  }
}

/* The ids of the skills the person's current and target role levels need. */
export async function assessableSkillIds(userId: number): Promise<Set<number>> {
  const rows = await db
    .from('role_assignments')
    .join('role_requirements', 'role_requirements.role_level_id', 'role_assignments.role_level_id')
    .join('skills', 'skills.id', 'role_requirements.skill_id')
    .where('role_assignments.user_id', userId)
    .whereNotNull('role_assignments.active_kind')
    .whereNull('skills.retired_at')
    .distinct('role_requirements.skill_id')
  return new Set(rows.map((row) => Number(row.skill_id)))
}
