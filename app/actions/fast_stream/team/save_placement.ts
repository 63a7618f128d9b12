import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Placement from '#models/placement'
import PlacementRound from '#models/placement_round'
import type User from '#models/user'
import { recordAudit } from '#services/audit'
import { AuditActions } from '#enums/audit_actions'
import { PlacementStatuses, type Clearance, type PlacementStatus } from '#enums/fast_stream'
import { PROGRAMME_RULES, type Programme } from '#domain/fast_stream/programmes'
import { UK_ZONE } from '#domain/shared/uk_time'
import {
  checkPlacementService,
  type PlacementServiceProblem,
} from '#actions/fast_stream/placement_service'

export type PlacementInput = {
  /* Only when offering: the round to offer the placement in. */
  roundId?: number
  title: string
  location: string
  description: string
  skillIds: number[]
  clearanceRequired: Clearance
  isDigital: boolean
  capacity: number
  startsOn: Date
  /* The service of the register the placement works in: required in a Future Leaders round. */
  serviceId?: number | null
}

export type SavePlacementResult =
  | { type: 'saved'; placement: Placement; backToApproval: boolean; programme: Programme }
  | { type: 'no_team' }
  | { type: 'round_not_found' }
  | { type: 'offers_closed'; round: PlacementRound }
  | { type: 'not_editable'; status: PlacementStatus }
  | { type: 'skills_not_found' }
  | { type: 'starts_before_results'; resultsOn: DateTime }
  | { type: 'starts_outside_window'; startsOn: DateTime; endsOn: DateTime }
  | PlacementServiceProblem

/*
 * What the Fast Stream team approved: a change to any of these sends an
 * approved placement back for approval. The location, skills and start
 * date may change without it.
 */
export const APPROVED_FIELDS = [
  'title',
  'description',
  'clearanceRequired',
  'isDigital',
  'capacity',
  'serviceId',
] as const

/*
 * A team lead offers a placement for their team in a round open to offers
 * (it waits for the Fast Stream team's approval), or changes one while it
 * is waiting or approved and the round still takes offers. The placement
 * belongs to the team's organisation. A placement may name the service of
 * the register it works in: a digitally delivered one of the team's own
 * department. In a Future Leaders round it must, and so is digital.
 */
export async function savePlacement(
  lead: User,
  input: PlacementInput,
  existing?: Placement
): Promise<SavePlacementResult> {
  return db.transaction(async (trx): Promise<SavePlacementResult> => {
    let teamId: number
    let organisationId: number
    let round: PlacementRound | null
    if (existing) {
      teamId = existing.teamId
      organisationId = existing.organisationId
      round = await PlacementRound.query({ client: trx }).where('id', existing.roundId).first()
      if (
        existing.status !== PlacementStatuses.Offered &&
        existing.status !== PlacementStatuses.Approved
      ) {
        return { type: 'not_editable', status: existing.status }
      }
    } else {
      const team = lead.teamId
        ? await trx.from('teams').where('id', lead.teamId).select('id', 'organisation_id').first()
        : null
      if (!team) return { type: 'no_team' }
      teamId = Number(team.id)
      organisationId = Number(team.organisation_id)
      round = input.roundId
        ? await PlacementRound.query({ client: trx }).where('id', input.roundId).first()
        : null
    }
    if (!round) return { type: 'round_not_found' }
    if (!round.offersOpen()) return { type: 'offers_closed', round }

    const resultsOn = round.resultsAt.setZone(UK_ZONE).startOf('day')
    const startsOn = DateTime.fromJSDate(input.startsOn, { zone: 'utc' }).startOf('day')
    if (startsOn.toISODate()! < resultsOn.toISODate()!) {
      return { type: 'starts_before_results', resultsOn }
    }
    // The placement's posting runs in the round's window: it starts within it.
    const window = round.postingWindow
    if (
      window &&
      (startsOn.toISODate()! < window.startsOn || startsOn.toISODate()! >= window.endsOn)
    ) {
      return {
        type: 'starts_outside_window',
        startsOn: round.postingStartsOn!,
        endsOn: round.postingEndsOn!,
      }
    }

    const service = await checkPlacementService(trx, {
      serviceId: input.serviceId ?? null,
      teamOrganisationId: organisationId,
      programme: round.programme,
    })
    if (service.problem) return service.problem
    const inService = PROGRAMME_RULES[round.programme].placementInService

    const skillIds = [...new Set(input.skillIds)]
    const skills = await trx
      .from('skills')
      .whereIn('id', skillIds)
      .whereNull('retired_at')
      .select('id')
    if (skills.length !== skillIds.length) return { type: 'skills_not_found' }

    const placement = existing ?? new Placement()
    placement.useTransaction(trx)
    const values = {
      title: input.title.trim(),
      location: input.location.trim(),
      description: input.description.trim(),
      clearanceRequired: input.clearanceRequired,
      // A placement in a digitally delivered service area is digital for the programme's rule.
      isDigital: inService ? true : input.isDigital,
      capacity: input.capacity,
      startsOn,
      serviceId: service.id,
    }
    const backToApproval =
      existing?.status === PlacementStatuses.Approved &&
      APPROVED_FIELDS.some((field) => existing[field] !== values[field])
    placement.merge(values)
    if (!existing) {
      placement.merge({
        roundId: round.id,
        teamId,
        organisationId,
        offeredBy: lead.id,
        status: PlacementStatuses.Offered,
      })
    } else if (backToApproval) {
      placement.merge({
        status: PlacementStatuses.Offered,
        reviewNote: null,
        reviewedBy: null,
        reviewedAt: null,
      })
    }
    await placement.save()
    await syncSkills(trx, placement, skillIds)
    return { type: 'saved', placement, backToApproval, programme: round.programme }
  })
}

/* Sets the skills a placement develops; a change is audited with the placement. */
async function syncSkills(
  trx: TransactionClientContract,
  placement: Placement,
  skillIds: number[]
) {
  const rows = await trx
    .from('placement_skills')
    .where('placement_id', placement.id)
    .select('skill_id')
  const before = rows.map((row) => Number(row.skill_id)).sort((a, b) => a - b)
  const after = [...skillIds].sort((a, b) => a - b)
  if (before.join(',') === after.join(',')) return
  const removed = before.filter((skillId) => !after.includes(skillId))
  const added = after.filter((skillId) => !before.includes(skillId))
  if (removed.length) {
    await trx
      .from('placement_skills')
      .where('placement_id', placement.id)
      .whereIn('skill_id', removed)
      .delete()
  }
  if (added.length) {
    await trx
      .table('placement_skills')
      .multiInsert(added.map((skillId) => ({ placement_id: placement.id, skill_id: skillId })))
  }
  await recordAudit(
    {
      action: AuditActions.Update,
      subjectType: 'placement',
      subjectId: placement.id,
      subjectLabel: placement.title,
      organisationId: placement.organisationId,
      before: { skillIds: before },
      after: { skillIds: after },
    },
    trx
  )
}
