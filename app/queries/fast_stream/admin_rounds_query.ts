import db from '@adonisjs/lucid/services/db'
import PlacementRound from '#models/placement_round'
import Placement from '#models/placement'
import { placementStatusValues, type PlacementStatus } from '#enums/fast_stream'

/* Submitted applications to a placement: entries on shortlists that have been submitted. */
export const APPLICANTS_SQL = `(select count(*) from placement_preferences pp
  join placement_shortlists sl on sl.id = pp.shortlist_id
  where pp.placement_id = placements.id and sl.submitted_at is not null)`

const placementCount = (status: PlacementStatus, alias: string) =>
  db.raw(
    `(select count(*) from placements p where p.round_id = placement_rounds.id and p.status = ?) as ${alias}`,
    [status]
  )

/*
 * A round's figures as columns of a `placement_rounds` query: placements
 * waiting and approved, places approved and shortlists submitted, counted in SQL.
 */
export function roundFigureColumns() {
  return [
    placementCount('offered', 'waiting'),
    placementCount('approved', 'approved'),
    db.raw(
      `(select coalesce(sum(p.capacity), 0) from placements p
          where p.round_id = placement_rounds.id and p.status = 'approved') as places`
    ),
    db.raw(
      `(select count(*) from placement_shortlists sl
          where sl.round_id = placement_rounds.id and sl.submitted_at is not null) as submitted`
    ),
  ]
}

/* One page of rounds, latest first, each with its figures. */
export function roundsPage(page: number, perPage = 25) {
  return PlacementRound.query()
    .select('placement_rounds.*')
    .select(...roundFigureColumns())
    .orderBy('placements_open_at', 'desc')
    .orderBy('id', 'desc')
    .paginate(page, perPage)
}

export type RoundFigures = {
  placements: Record<PlacementStatus, { placements: number; places: number }>
  shortlistsStarted: number
  shortlistsSubmitted: number
}

/* A round's placements by status (with their places) and its shortlists, in two grouped queries. */
export async function roundFigures(roundId: number): Promise<RoundFigures> {
  const [byStatus, shortlists] = await Promise.all([
    db
      .from('placements')
      .where('round_id', roundId)
      .groupBy('status')
      .select('status')
      .count('* as placements')
      .sum('capacity as places'),
    db
      .from('placement_shortlists')
      .where('round_id', roundId)
      .count('* as started')
      .select(db.raw('sum(case when submitted_at is null then 0 else 1 end) as submitted'))
      .first(),
  ])
  const placements = Object.fromEntries(
    placementStatusValues.map((status) => [status, { placements: 0, places: 0 }])
  ) as RoundFigures['placements']
  for (const row of byStatus) {
    placements[row.status as PlacementStatus] = {
      placements: Number(row.placements),
      places: Number(row.places ?? 0),
    }
  }
  return {
    placements,
    shortlistsStarted: Number(shortlists?.started ?? 0),
    shortlistsSubmitted: Number(shortlists?.submitted ?? 0),
  }
}

/*
 * One page of a round's placements with one status, by organisation and
 * title, with their team, organisation and submitted applications.
 */
export function roundPlacementsPage(
  roundId: number,
  status: PlacementStatus,
  page: number,
  perPage = 50
) {
  return Placement.query()
    .join('teams', 'teams.id', 'placements.team_id')
    .join('organisations', 'organisations.id', 'placements.organisation_id')
    .where('placements.round_id', roundId)
    .where('placements.status', status)
    .select('placements.*', 'teams.name as team_name', 'organisations.name as organisation_name')
    .select(db.raw(`${APPLICANTS_SQL} as applicants`))
    .orderBy('organisations.name')
    .orderBy('placements.title')
    .orderBy('placements.id')
    .paginate(page, perPage)
}
