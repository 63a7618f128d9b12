import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type CapabilityPlan from '#models/capability_plan'
import PlanSnapshot from '#models/plan_snapshot'
import { frozenFiguresOf, planFigures } from '#queries/workforce/plans_query'
import { figuresChanged, type LineFigures } from '#domain/workforce/plan_figures'
import type { PlanSnapshotStage } from '#enums/workforce'

/* The plan's figures counted now, inside the transaction, by role profile. */
async function figuresNow(trx: TransactionClientContract, plan: CapabilityPlan) {
  const { lines } = await planFigures(plan, trx)
  return new Map<number, LineFigures>(
    lines.map((line) => [
      line.roleProfile.id,
      {
        postsNeeded: line.postsNeeded,
        inPost: line.inPost,
        inPostComputed: line.inPostComputed,
        inPostOverridden: line.inPostOverridden,
        vacancies: line.vacancies,
        plannedToRecruit: line.plannedToRecruit,
        plannedToTrain: line.plannedToTrain,
        campaignPosts: line.campaignPosts,
      },
    ])
  )
}

async function store(
  trx: TransactionClientContract,
  plan: CapabilityPlan,
  stage: PlanSnapshotStage,
  figures: Map<number, LineFigures>,
  actorId: number,
  takenAt: DateTime
) {
  const snapshot = await PlanSnapshot.create(
    { planId: plan.id, stage, takenBy: actorId, takenAt },
    { client: trx }
  )
  const rows = [...figures.entries()].map(([roleProfileId, line]) => ({
    snapshot_id: snapshot.id,
    role_profile_id: roleProfileId,
    posts_needed: line.postsNeeded,
    in_post: line.inPost,
    in_post_computed: line.inPostComputed,
    in_post_overridden: line.inPostOverridden,
    vacancies: line.vacancies,
    planned_to_recruit: line.plannedToRecruit,
    planned_to_train: line.plannedToTrain,
    campaign_posts: line.campaignPosts,
  }))
  if (rows.length) await trx.table('plan_snapshot_lines').multiInsert(rows)
  return snapshot
}

/*
 * Freezes a plan's figures as it is sent for approval, in the sending
 * transaction (the snapshot is audited), so the page, the CSV and the API
 * show what was sent beside today's counts.
 */
export async function freezeOnSubmission(
  trx: TransactionClientContract,
  plan: CapabilityPlan,
  actorId: number,
  takenAt = DateTime.utc()
) {
  return store(trx, plan, 'submission', await figuresNow(trx, plan), actorId, takenAt)
}

/*
 * On approval, freezes the figures again when they moved since the plan
 * was sent (the sent figures are kept); returns null when nothing moved.
 * A plan sent before figures were frozen gets its approval figures.
 */
export async function freezeOnApproval(
  trx: TransactionClientContract,
  plan: CapabilityPlan,
  actorId: number,
  takenAt = DateTime.utc()
) {
  const now = await figuresNow(trx, plan)
  const frozen = await frozenFiguresOf([plan.id], trx)
  const sent = frozen.get(plan.id)?.submission
  if (sent && !figuresChanged(sent.lines, now)) return null
  return store(trx, plan, 'approval', now, actorId, takenAt)
}
