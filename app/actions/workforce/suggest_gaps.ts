import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import CapabilityGap from '#models/capability_gap'
import { organisationCapability } from '#queries/capability/organisation_capability_query'
import {
  describeSkillShortfall,
  headcountGapSeverity,
  skillGapSeverity,
  suggestsSkillGap,
} from '#domain/workforce/gap_severity'

export type SuggestGapsResult = {
  type: 'suggested'
  fromPlan: number
  fromGapEngine: number
  skipped: number
}

type Organisation = { id: number; path: string }

/*
 * Suggests gaps for HR to accept, edit or dismiss: headcount gaps where the
 * organisation's latest capability plan needs more posts than are in post
 * and being recruited, and skill gaps where enough people in its tree fall
 * below the level their role needs. A role or skill that already has a
 * gap which was not dismissed is left alone.
 */
export async function suggestGaps(organisation: Organisation): Promise<SuggestGapsResult> {
  return db.transaction(async (trx) => {
    const existing = await trx
      .from('capability_gaps')
      .where('organisation_id', organisation.id)
      .whereNot('status', 'dismissed')
      .select('role_profile_id', 'skill_id')
    const roles = new Set(
      existing.filter((row) => row.role_profile_id).map((row) => Number(row.role_profile_id))
    )
    const skills = new Set(
      existing.filter((row) => row.skill_id).map((row) => Number(row.skill_id))
    )
    let skipped = 0
    let fromPlan = 0
    let fromGapEngine = 0

    for (const line of await headcountShortfalls(organisation, trx)) {
      if (roles.has(line.roleProfileId)) {
        skipped += 1
        continue
      }
      await saveSuggestion(trx, organisation, 'plan', {
        kind: 'headcount',
        roleProfileId: line.roleProfileId,
        title: `${line.shortfall} ${line.roleName} ${line.shortfall === 1 ? 'post' : 'posts'} short`,
        description: `The plan needs ${line.postsNeeded}; ${line.inPost} in post and ${line.recruiting} being recruited.`,
        severity: headcountGapSeverity({
          postsNeeded: line.postsNeeded,
          postsShort: line.shortfall,
        })!,
        mitigation: 'recruit',
      })
      fromPlan += 1
    }

    const capability = await organisationCapability(organisation, trx)
    for (const row of capability.bySkill) {
      const shortfall = {
        people: row.assessedAgainst,
        below: row.below,
        levelsShort: row.totalGap,
      }
      if (!suggestsSkillGap(shortfall)) continue
      if (skills.has(row.skill.id)) {
        skipped += 1
        continue
      }
      await saveSuggestion(trx, organisation, 'gap_engine', {
        kind: 'skill',
        skillId: row.skill.id,
        title: `${row.skill.name}: people below the level their role needs`,
        description: describeSkillShortfall(shortfall),
        severity: skillGapSeverity(shortfall)!,
        mitigation: 'train',
      })
      fromGapEngine += 1
    }
    return { type: 'suggested' as const, fromPlan, fromGapEngine, skipped }
  })
}

/* Saves one suggested gap of the organisation, for HR to accept, edit or dismiss. */
async function saveSuggestion(
  trx: TransactionClientContract,
  organisation: Organisation,
  source: 'plan' | 'gap_engine',
  fields: Partial<Pick<CapabilityGap, SuggestedField>>
) {
  const gap = new CapabilityGap()
  gap.useTransaction(trx)
  gap.merge({ organisationId: organisation.id, ...fields, status: 'suggested', source })
  await gap.save()
}

type SuggestedField =
  'kind' | 'roleProfileId' | 'skillId' | 'title' | 'description' | 'severity' | 'mitigation'

/*
 * The lines of the organisation's latest plan that need more posts than
 * are in post (the override, else people whose current role level is in
 * the role profile, across the tree) plus posts in open campaigns.
 */
async function headcountShortfalls(organisation: Organisation, trx: TransactionClientContract) {
  const plan = await trx
    .from('capability_plans')
    .where('organisation_id', organisation.id)
    .orderBy('financial_year', 'desc')
    .select('id')
    .first()
  if (!plan) return []

  const inTree = (alias: string) => (where: any) =>
    where
      .where(`${alias}.id`, organisation.id)
      .orWhere(`${alias}.path`, 'like', `${organisation.path}${organisation.id}/%`)
  const inPost = trx
    .from('users')
    .join('role_assignments as ra', (join) =>
      join.on('ra.user_id', 'users.id').andOnVal('ra.active_kind', 'current')
    )
    .join('role_levels as rl', 'rl.id', 'ra.role_level_id')
    .join('organisations as uo', 'uo.id', 'users.organisation_id')
    .whereNull('users.deactivated_at')
    .where(inTree('uo'))
    .whereColumn('rl.role_profile_id', 'pl.role_profile_id')
    .count('*')
    .as('people')
  const recruiting = trx
    .from('recruitment_campaigns as rc')
    .join('organisations as co', 'co.id', 'rc.organisation_id')
    .where(inTree('co'))
    .whereNotIn('rc.stage', ['filled', 'closed'])
    .whereColumn('rc.role_profile_id', 'pl.role_profile_id')
    .sum('rc.posts')
    .as('recruiting')

  const rows = await trx
    .from('plan_lines as pl')
    .join('role_profiles as rp', 'rp.id', 'pl.role_profile_id')
    .where('pl.plan_id', plan.id)
    .select('pl.role_profile_id', 'rp.name as role_name', 'pl.posts_needed', 'pl.in_post_override')
    .select(inPost, recruiting)
    .orderBy('rp.name')

  return rows
    .map((row) => {
      const postsNeeded = Number(row.posts_needed)
      const inPostCount =
        row.in_post_override === null ? Number(row.people ?? 0) : Number(row.in_post_override)
      const recruitingPosts = Number(row.recruiting ?? 0)
      return {
        roleProfileId: Number(row.role_profile_id),
        roleName: String(row.role_name),
        postsNeeded,
        inPost: inPostCount,
        recruiting: recruitingPosts,
        shortfall: postsNeeded - inPostCount - recruitingPosts,
      }
    })
    .filter((line) => line.shortfall > 0)
}
