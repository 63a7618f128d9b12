/*
 * The Future Leaders Scheme's figures for the dashboard, the CSV and the
 * metrics API: Future Leaders within the scheme against the
 * digital-placement rule (the same rule and counting as the Fast Stream's,
 * for this programme), and the placements of Future Leaders rounds by the
 * service they are in.
 */
import db from '@adonisjs/lucid/services/db'
import { PlacementStatuses, RoundStatuses } from '#enums/fast_stream'
import { subtreeOf, type SelectedOrganisation } from '#queries/insights/rollup'
import { digitalRuleCounts } from '#queries/fast_stream/digital_rule_query'
import { digitalRuleFigures, type DigitalRule } from '#queries/insights/fast_stream_query'

export type ServicePlacements = {
  id: number
  name: string
  organisation: string
  /* Approved placements of Future Leaders rounds in the service, and the places they offer. */
  placements: number
  placesOffered: number
  /* Places given to Future Leaders by published matches. */
  placesFilled: number
}

export type FutureLeadersFigures = {
  /* Future Leaders within the scheme (its end after today), each counted once by the rule. */
  participants: number
  digitalRule: DigitalRule
  digitalRuleRate: number | null
  placementsByService: ServicePlacements[]
}

/*
 * Where every Future Leader within the scheme stands today against the
 * rule (one placement in a digitally delivered service before the scheme
 * ends), and, for every service with an approved placement in a Future
 * Leaders round, its placements, places offered and places filled by a
 * published match. With an organisation selected, only Future Leaders
 * whose account is in its tree count, and only services run in it.
 */
export async function futureLeadersFigures(
  selected: SelectedOrganisation | null
): Promise<FutureLeadersFigures> {
  const counts = await digitalRuleCounts({
    organisations: selected ? subtreeOf(selected) : null,
    programme: 'future_leaders',
  })

  const filled = db
    .from('placement_matches as m')
    .join('placement_rounds as mr', 'mr.id', 'm.round_id')
    .where('mr.status', RoundStatuses.Published)
    .whereNotNull('m.placement_id')
    .groupBy('m.placement_id')
    .select('m.placement_id')
    .count('* as filled')
  const query = db
    .from('placements as p')
    .join('placement_rounds as r', 'r.id', 'p.round_id')
    .join('services as s', 's.id', 'p.service_id')
    .join('organisations as o', 'o.id', 's.organisation_id')
    .joinRaw(`left join (${filled.toQuery()}) f on f.placement_id = p.id`)
    .where('r.programme', 'future_leaders')
    .where('p.status', PlacementStatuses.Approved)
    .groupBy('s.id', 's.name', 'o.name')
    .select('s.id', 's.name', 'o.name as organisation_name')
    .count('p.id as placements')
    .sum('p.capacity as offered')
    .select(db.raw('coalesce(sum(f.filled), 0) as filled'))
    .orderBy('s.name')
    .orderBy('s.id')
  if (selected) query.whereIn('s.organisation_id', subtreeOf(selected))
  const rows = await query

  return {
    participants: counts.entrants,
    ...digitalRuleFigures(counts),
    placementsByService: rows.map((row) => ({
      id: Number(row.id),
      name: String(row.name),
      organisation: String(row.organisation_name),
      placements: Number(row.placements),
      placesOffered: Number(row.offered ?? 0),
      placesFilled: Number(row.filled ?? 0),
    })),
  }
}
