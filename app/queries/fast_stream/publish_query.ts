/*
 * What publishing a round's match would do, read before anyone confirms
 * it: postings written, e-mails sent, and the matched entrants whose
 * earlier postings would overlap the new ones (publishing refuses them).
 * Also the placements the match could not use because they were still
 * waiting for approval. Counted in SQL.
 */
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type PlacementRound from '#models/placement_round'
import { PlacementStatuses } from '#enums/fast_stream'
import { Roles } from '#enums/roles'
import { overlappingPostings, type OverlappingPosting } from '#queries/fast_stream/entrant_query'

/* A matched entrant whose earlier posting overlaps the round's postings. */
export type MatchOverlap = {
  matchId: number
  entrantId: number
  name: string
  placement: string
  posting: OverlappingPosting
}

/*
 * The round's matched entrants whose earlier postings overlap its posting
 * window, by name: publishing would give them two postings at once.
 * Through the client given, so publishing can check inside its transaction.
 */
export async function matchedOverlaps(
  round: PlacementRound,
  client: QueryClientContract = db.connection()
): Promise<MatchOverlap[]> {
  if (!round.postingWindow) return []
  const rows = await client
    .from('placement_matches as m')
    .join('fast_stream_entrants as e', 'e.id', 'm.entrant_id')
    .join('users as u', 'u.id', 'e.user_id')
    .join('placements as p', 'p.id', 'm.placement_id')
    .where('m.round_id', round.id)
    .select('m.id', 'm.entrant_id', 'u.full_name', 'p.title')
  const overlaps = await overlappingPostings(
    round,
    rows.map((row) => Number(row.entrant_id)),
    client
  )
  return rows
    .filter((row) => overlaps.has(Number(row.entrant_id)))
    .map((row) => ({
      matchId: Number(row.id),
      entrantId: Number(row.entrant_id),
      name: String(row.full_name),
      placement: String(row.title),
      posting: overlaps.get(Number(row.entrant_id))!,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || a.entrantId - b.entrantId)
}

export type PublishPreview = {
  /* Postings publishing writes: one per matched entrant without it already. */
  postings: number
  /* E-mails to entrants: one to every active entrant of the round, matched or not. */
  entrantMails: number
  /* E-mails to team leads: one to every active lead of a team with an active entrant coming. */
  teamMails: number
  overlaps: MatchOverlap[]
}

/* What publishing the round would do now; `publishRound` does the same from the same rows. */
export async function publishPreview(round: PlacementRound): Promise<PublishPreview> {
  const postings = await db
    .from('placement_matches as m')
    .where('m.round_id', round.id)
    .whereNotNull('m.placement_id')
    .whereNotExists((recorded) =>
      recorded
        .from('fast_stream_postings as po')
        .whereColumn('po.entrant_id', 'm.entrant_id')
        .whereColumn('po.placement_id', 'm.placement_id')
    )
    .count('* as total')
    .first()
  const activeMatches = () =>
    db
      .from('placement_matches as m')
      .join('fast_stream_entrants as e', 'e.id', 'm.entrant_id')
      .join('users as eu', 'eu.id', 'e.user_id')
      .where('m.round_id', round.id)
      .whereNull('eu.deactivated_at')
  const entrants = await activeMatches().count('* as total').first()
  const leads = await db
    .from('users as u')
    .join('user_roles as r', 'r.user_id', 'u.id')
    .where('r.role', Roles.TeamLead)
    .whereNull('u.deactivated_at')
    .whereIn(
      'u.team_id',
      activeMatches().join('placements as p', 'p.id', 'm.placement_id').select('p.team_id')
    )
    .countDistinct('u.id as total')
    .first()
  return {
    postings: Number(postings?.total ?? 0),
    entrantMails: Number(entrants?.total ?? 0),
    teamMails: Number(leads?.total ?? 0),
    overlaps: await matchedOverlaps(round),
  }
}

/* A placement the match left out because it was still waiting for approval, and who chose it. */
export type WaitingPlacement = { id: number; title: string; team: string; chosenBy: number }

/*
 * The round's placements still waiting for approval: the match takes only
 * approved placements, so entrants who chose these could not be matched
 * to them. Reviews stop once the round is matched, so after a match these
 * are the ones it left out. With how many submitted lists hold each.
 */
export async function placementsAwaitingApproval(
  round: PlacementRound
): Promise<WaitingPlacement[]> {
  const rows = await db
    .from('placements as p')
    .join('teams as t', 't.id', 'p.team_id')
    .where('p.round_id', round.id)
    .where('p.status', PlacementStatuses.Offered)
    .select('p.id', 'p.title', 't.name as team_name')
    .select(
      db
        .from('placement_preferences as pp')
        .join('placement_shortlists as s', 's.id', 'pp.shortlist_id')
        .whereColumn('pp.placement_id', 'p.id')
        .whereNotNull('s.submitted_at')
        .count('*')
        .as('chosen_by')
    )
    .orderBy('p.title')
    .orderBy('p.id')
  return rows.map((row) => ({
    id: Number(row.id),
    title: String(row.title),
    team: String(row.team_name),
    chosenBy: Number(row.chosen_by ?? 0),
  }))
}
