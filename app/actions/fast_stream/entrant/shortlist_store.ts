import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Placement from '#models/placement'
import PlacementRound from '#models/placement_round'
import PlacementShortlist from '#models/placement_shortlist'
import type FastStreamEntrant from '#models/fast_stream_entrant'
import { AuditActions } from '#enums/audit_actions'
import { recordAudit } from '#services/audit'
import { isUniqueViolation } from '#services/database_errors'
import { preferencesClosedReason, type ClosedReason } from '#queries/fast_stream/shortlist_query'
import { programmeOf } from '#queries/fast_stream/entrant_query'

/*
 * The one way every change to an entrant's shortlist is made: in a
 * transaction, only while the round takes choices, with the shortlist row
 * locked so two requests of the same entrant change the list one after
 * the other, and with the old and new order written to the audit trail.
 */

export type ShortlistClosed = { type: 'closed'; reason: ClosedReason; round: PlacementRound }
export type RoundNotFound = { type: 'round_not_found' }
export type PlacementNotListed = { type: 'not_listed'; placement: Placement }
export type PlacementNotFound = { type: 'placement_not_found' }

export type ShortlistChange = {
  trx: TransactionClientContract
  round: PlacementRound
  /* Null only when the change may not create the list and there is none. */
  shortlist: PlacementShortlist | null
  /* Placement ids on the list, best first. */
  ranked: number[]
}

function lockable(trx: TransactionClientContract) {
  return trx.dialect.name !== 'better-sqlite3' && trx.dialect.name !== 'sqlite3'
}

/*
 * Runs `work` on the entrant's list for the round. A round of the other
 * programme than the entrant's is not found: each programme's
 * participants choose in its own rounds. The list is created
 * first when `create` is set and there is none. Two first changes at the
 * same moment both try to create it: the unique index refuses one, which
 * then runs again and finds the other's list.
 */
export async function changeShortlist<T>(
  roundId: number,
  entrant: FastStreamEntrant,
  options: { create: boolean; now?: DateTime<true> },
  work: (change: ShortlistChange) => Promise<T>
): Promise<T | ShortlistClosed | RoundNotFound> {
  const now = options.now ?? DateTime.now()
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction(async (trx): Promise<T | ShortlistClosed | RoundNotFound> => {
        const round = await PlacementRound.query({ client: trx }).where('id', roundId).first()
        if (!round || round.programme !== (await programmeOf(entrant, trx))) {
          return { type: 'round_not_found' as const }
        }
        const reason = preferencesClosedReason(round, now)
        if (reason) return { type: 'closed' as const, reason, round }

        const query = PlacementShortlist.query({ client: trx })
          .where('round_id', round.id)
          .where('entrant_id', entrant.id)
        if (lockable(trx)) query.forUpdate()
        let shortlist = await query.first()
        if (!shortlist && options.create) {
          shortlist = await PlacementShortlist.create(
            { roundId: round.id, entrantId: entrant.id, submittedAt: null },
            { client: trx }
          )
        }
        const ranked = shortlist ? await rankedPlacements(trx, shortlist.id) : []
        return work({ trx, round, shortlist, ranked })
      })
    } catch (error) {
      if (attempt < 2 && isUniqueViolation(error)) continue
      throw error
    }
  }
}

/*
 * Runs `work` on the entrant's list in the placement's round when the
 * placement is on it, at index `at` of `ranked`. A placement that does not
 * exist (or whose round does not) is not found; one the entrant has not
 * listed is not listed.
 */
export async function changeListedPlacement<T extends { type: string }>(
  entrant: FastStreamEntrant,
  placementId: number,
  now: DateTime<true> | undefined,
  work: (
    change: ShortlistChange & { shortlist: PlacementShortlist; placement: Placement; at: number }
  ) => Promise<T>
): Promise<T | PlacementNotListed | PlacementNotFound | ShortlistClosed> {
  const placement = await Placement.find(placementId)
  if (!placement) return { type: 'placement_not_found' }

  const result = await changeShortlist(
    placement.roundId,
    entrant,
    { create: false, now },
    async (change): Promise<T | PlacementNotListed> => {
      const at = change.ranked.indexOf(placement.id)
      if (!change.shortlist || at < 0) return { type: 'not_listed', placement }
      return work({ ...change, shortlist: change.shortlist, placement, at })
    }
  )
  return isRoundNotFound(result) ? { type: 'placement_not_found' } : result
}

function isRoundNotFound(result: { type: string }): result is RoundNotFound {
  return result.type === 'round_not_found'
}

/* Placement ids on a shortlist, best first. */
export async function rankedPlacements(trx: TransactionClientContract, shortlistId: number) {
  const rows = await trx
    .from('placement_preferences')
    .where('shortlist_id', shortlistId)
    .orderBy('rank', 'asc')
    .select('placement_id')
  return rows.map((row) => Number(row.placement_id))
}

/*
 * Writes the list's new order (rank 1 first) and records the change. A
 * list left empty is no longer submitted: there is nothing to match.
 */
export async function writeRanking(
  trx: TransactionClientContract,
  shortlist: PlacementShortlist,
  before: number[],
  after: number[]
) {
  const unchanged = before.length === after.length && before.every((id, i) => id === after[i])
  if (unchanged) return
  await trx.from('placement_preferences').where('shortlist_id', shortlist.id).delete()
  if (after.length) {
    await trx.table('placement_preferences').multiInsert(
      after.map((placementId, index) => ({
        shortlist_id: shortlist.id,
        placement_id: placementId,
        rank: index + 1,
      }))
    )
  }
  await recordAudit(
    {
      action: AuditActions.Update,
      subjectType: PlacementShortlist.auditSubjectType,
      subjectId: shortlist.id,
      subjectLabel: `Shortlist of entrant ${shortlist.entrantId} for round ${shortlist.roundId}`,
      before: { placements: before },
      after: { placements: after },
    },
    trx
  )
  if (!after.length && shortlist.submittedAt) {
    shortlist.useTransaction(trx)
    shortlist.submittedAt = null
    await shortlist.save()
  }
}
