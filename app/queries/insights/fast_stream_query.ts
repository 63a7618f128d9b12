import { type DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { PlacementStatuses, RoundStatuses } from '#enums/fast_stream'
import {
  namedGroups,
  percent,
  rollUp,
  subtreeOf,
  type SelectedOrganisation,
} from '#queries/insights/rollup'
import { digitalRuleCounts } from '#queries/fast_stream/digital_rule_query'
import { instantFromSql } from '#domain/shared/uk_time'

export type PublishedRound = { id: number; name: string; publishedAt: DateTime | null }

/* Published Fast Stream placement rounds, latest first: the ones the dashboard can report on. */
export async function publishedRounds(): Promise<PublishedRound[]> {
  const rows = await db
    .from('placement_rounds')
    .where('status', RoundStatuses.Published)
    .where('programme', 'fast_stream')
    .select('id', 'name', 'published_at')
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
  return rows.map((row) => ({
    id: Number(row.id),
    name: String(row.name),
    publishedAt: instantFromSql(row.published_at),
  }))
}

export type DigitalRule = { met: number; onTrack: number; atRisk: number; missed: number }

export type FastStreamFigures = {
  round: { id: number; name: string } | null
  placements: number
  placesOffered: number
  placesFilled: number
  fillRate: number | null
  matched: number
  firstChoice: number
  firstChoiceRate: number | null
  /*
   * Every entrant in their first two years (their two-year mark after
   * today), whatever the round, by the digital-placement rule: met, on
   * track, at risk or missed (app/domain/fast_stream/digital_rule.ts).
   */
  digitalRule: DigitalRule
  digitalRuleRate: number | null
  byOrganisation: Array<{
    id: number
    name: string
    direct: boolean
    offered: number
    filled: number
  }>
}

/*
 * The entrants in their first two years by the digital rule, as things
 * stand today: with an organisation, those whose account is in its tree.
 */
async function digitalRule(selected: SelectedOrganisation | null) {
  const counts = await digitalRuleCounts({ organisations: selected ? subtreeOf(selected) : null })
  return digitalRuleFigures(counts)
}

/* Counts by the digital rule as the dashboards give them: each standing, and the share that met it. */
export function digitalRuleFigures(counts: Awaited<ReturnType<typeof digitalRuleCounts>>) {
  return {
    digitalRule: {
      met: counts.met,
      onTrack: counts.on_track,
      atRisk: counts.at_risk,
      missed: counts.missed,
    },
    digitalRuleRate: percent(counts.met, counts.entrants),
  }
}

/*
 * A published Fast Stream round's figures: approved placements and their places,
 * places filled by the match, the share of matched entrants given their
 * first choice; and where every entrant in their first two years stands
 * against the digital-placement rule today, whatever the round. With an
 * organisation selected, only placements offered in its tree count, the
 * entrants matched to them, and the entrants whose account is in its tree.
 */
export async function fastStreamFigures(
  selected: SelectedOrganisation | null,
  roundId: number | null
): Promise<FastStreamFigures> {
  const roundQuery = db
    .from('placement_rounds')
    .where('status', RoundStatuses.Published)
    .where('programme', 'fast_stream')
    .select('id', 'name')
  if (roundId) roundQuery.where('id', roundId)
  else roundQuery.orderBy('published_at', 'desc').orderBy('id', 'desc')
  const round = await roundQuery.first()
  if (!round) {
    return {
      round: null,
      placements: 0,
      placesOffered: 0,
      placesFilled: 0,
      fillRate: null,
      matched: 0,
      firstChoice: 0,
      firstChoiceRate: null,
      ...(await digitalRule(selected)),
      byOrganisation: [],
    }
  }
  const id = Number(round.id)

  const placements = db
    .from('placements as p')
    .join('organisations as o', 'o.id', 'p.organisation_id')
    .where('p.round_id', id)
    .where('p.status', PlacementStatuses.Approved)
  if (selected) placements.whereIn('p.organisation_id', subtreeOf(selected))
  const filled = db
    .from('placement_matches')
    .where('round_id', id)
    .whereNotNull('placement_id')
    .groupBy('placement_id')
    .select('placement_id')
    .count('* as filled')
  const placementRows = await placements
    .joinRaw(`left join (${filled.toQuery()}) f on f.placement_id = p.id`)
    .groupBy('p.organisation_id', 'o.path')
    .select('p.organisation_id', 'o.path')
    .count('* as placements')
    .sum('p.capacity as offered')
    .select(db.raw('coalesce(sum(f.filled), 0) as filled'))

  const matches = db.from('placement_matches as m').where('m.round_id', id)
  if (selected) {
    matches.whereIn(
      'm.placement_id',
      db
        .from('placements')
        .where('round_id', id)
        .whereIn('organisation_id', subtreeOf(selected))
        .select('id')
    )
  }
  const matchRow = await matches
    .select(
      db.raw('sum(case when m.placement_id is not null then 1 else 0 end) as matched'),
      db.raw(
        'sum(case when m.placement_id is not null and m.choice = 1 then 1 else 0 end) as first_choice'
      )
    )
    .first()

  const perOrganisation = placementRows.map((row) => ({
    organisationId: Number(row.organisation_id),
    path: String(row.path),
    placements: Number(row.placements),
    offered: Number(row.offered ?? 0),
    filled: Number(row.filled ?? 0),
  }))
  const groups = await namedGroups(
    rollUp(perOrganisation, ['offered', 'filled'] as const, selected?.id ?? null),
    selected
  )
  const placesOffered = perOrganisation.reduce((sum, row) => sum + row.offered, 0)
  const placesFilled = perOrganisation.reduce((sum, row) => sum + row.filled, 0)
  const matched = Number(matchRow?.matched ?? 0)
  const firstChoice = Number(matchRow?.first_choice ?? 0)
  return {
    round: { id, name: String(round.name) },
    placements: perOrganisation.reduce((sum, row) => sum + row.placements, 0),
    placesOffered,
    placesFilled,
    fillRate: percent(placesFilled, placesOffered),
    matched,
    firstChoice,
    firstChoiceRate: percent(firstChoice, matched),
    ...(await digitalRule(selected)),
    byOrganisation: groups.map((group) => ({
      id: group.id,
      name: group.name,
      direct: group.direct,
      offered: group.offered,
      filled: group.filled,
    })),
  }
}
