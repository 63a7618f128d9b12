import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { PlacementStatuses, RoundStatuses } from '#enums/fast_stream'
import {
  namedGroups,
  percent,
  rollUp,
  subtreeOf,
  type SelectedOrganisation,
} from '#queries/insights/rollup'

export type PublishedRound = { id: number; name: string; publishedAt: DateTime | null }

const asDateTime = (value: unknown) => {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return DateTime.fromJSDate(value, { zone: 'utc' })
  return DateTime.fromSQL(String(value), { zone: 'utc' })
}

/* Published placement rounds, latest first: the ones the dashboard can report on. */
export async function publishedRounds(): Promise<PublishedRound[]> {
  const rows = await db
    .from('placement_rounds')
    .where('status', RoundStatuses.Published)
    .select('id', 'name', 'published_at')
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
  return rows.map((row) => ({
    id: Number(row.id),
    name: String(row.name),
    publishedAt: asDateTime(row.published_at),
  }))
}

export type DigitalRule = { met: number; due: number; missed: number }

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
   * Entrants of the round by the digital-placement rule: met (a digital
   * posting in their history), due (none yet, but their two-year mark
   * falls after the next round) and missed (none, and the mark falls
   * before the next round).
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

/* The day the round's two-year test is taken on: the next round's start, else six months after the results. */
function ruleDay(round: { next_round_on: unknown; results_at: unknown }) {
  if (round.next_round_on) {
    const value = round.next_round_on
    return value instanceof Date
      ? DateTime.fromJSDate(value, { zone: 'utc' }).startOf('day')
      : DateTime.fromISO(String(value).slice(0, 10), { zone: 'utc' })
  }
  return (asDateTime(round.results_at) ?? DateTime.utc()).plus({ months: 6 }).startOf('day')
}

/*
 * A published round's figures: approved placements and their places,
 * places filled by the match, the share of matched entrants given their
 * first choice, and where the round's entrants stand against the
 * digital-placement rule. With an organisation selected, only placements
 * offered in its tree count, and the entrants matched to them.
 */
export async function fastStreamFigures(
  selected: SelectedOrganisation | null,
  roundId: number | null
): Promise<FastStreamFigures> {
  const roundQuery = db
    .from('placement_rounds')
    .where('status', RoundStatuses.Published)
    .select('id', 'name', 'next_round_on', 'results_at')
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
      digitalRule: { met: 0, due: 0, missed: 0 },
      digitalRuleRate: null,
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
  const cutoff = ruleDay(round).minus({ years: 2 }).toISODate()!
  const matchRow = await matches
    .join('fast_stream_entrants as e', 'e.id', 'm.entrant_id')
    .select(
      db.raw('sum(case when m.placement_id is not null then 1 else 0 end) as matched'),
      db.raw(
        'sum(case when m.placement_id is not null and m.choice = 1 then 1 else 0 end) as first_choice'
      ),
      db.raw(
        `sum(case when exists (select 1 from fast_stream_postings po where po.entrant_id = m.entrant_id and po.is_digital = ?) then 1 else 0 end) as met`,
        [true]
      ),
      db.raw(
        `sum(case when not exists (select 1 from fast_stream_postings po where po.entrant_id = m.entrant_id and po.is_digital = ?) and e.started_on < ? then 1 else 0 end) as missed`,
        [true, cutoff]
      ),
      db.raw('count(*) as entrants')
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
  const entrants = Number(matchRow?.entrants ?? 0)
  const met = Number(matchRow?.met ?? 0)
  const missed = Number(matchRow?.missed ?? 0)
  return {
    round: { id, name: String(round.name) },
    placements: perOrganisation.reduce((sum, row) => sum + row.placements, 0),
    placesOffered,
    placesFilled,
    fillRate: percent(placesFilled, placesOffered),
    matched,
    firstChoice,
    firstChoiceRate: percent(firstChoice, matched),
    digitalRule: { met, due: entrants - met - missed, missed },
    digitalRuleRate: percent(met, entrants),
    byOrganisation: groups.map((group) => ({
      id: group.id,
      name: group.name,
      direct: group.direct,
      offered: group.offered,
      filled: group.filled,
    })),
  }
}
