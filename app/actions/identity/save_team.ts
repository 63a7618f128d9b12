import db from '@adonisjs/lucid/services/db'
import { transactionUnlessDuplicate } from '#actions/transactions'
import { nameTaken } from '#actions/name_clash'
import Team from '#models/team'
import type Organisation from '#models/organisation'

export type TeamInput = {
  name: string
  location?: string | null
}

export type SaveTeamResult = { type: 'saved'; team: Team } | { type: 'name_taken' }

export type DeleteTeamResult =
  | { type: 'deleted'; team: Team }
  | { type: 'has_members'; count: number }
  | { type: 'has_fast_stream_history'; placements: number; postings: number }

/*
 * Adds a delivery team to an organisation, or changes one. Names are unique
 * within an organisation whatever their case, on every database.
 */
export async function saveTeam(
  organisation: Organisation,
  input: TeamInput,
  existing?: Team
): Promise<SaveTeamResult> {
  return transactionUnlessDuplicate({ type: 'name_taken' as const }, async (trx) => {
    const name = input.name.trim()
    if (
      await nameTaken(
        trx.from('teams').where('organisation_id', organisation.id),
        name,
        existing?.id
      )
    ) {
      return { type: 'name_taken' as const }
    }

    const team = existing ?? new Team()
    team.useTransaction(trx)
    team.merge({
      organisationId: organisation.id,
      name,
      location: input.location?.trim() || null,
    })
    await team.save()
    return { type: 'saved' as const, team }
  })
}

/*
 * Deletes a delivery team, unless people still belong to it or it has
 * Fast Stream placements or postings: they would be left pointing at
 * nothing.
 */
export async function deleteTeam(team: Team): Promise<DeleteTeamResult> {
  return db.transaction(async (trx) => {
    const row = await trx.from('users').where('team_id', team.id).count('* as total').first()
    const count = Number(row?.total ?? 0)
    if (count > 0) return { type: 'has_members' as const, count }
    const [placements, postings] = await Promise.all(
      ['placements', 'fast_stream_postings'].map(async (table) => {
        const used = await trx.from(table).where('team_id', team.id).count('* as total').first()
        return Number(used?.total ?? 0)
      })
    )
    if (placements + postings > 0) {
      return { type: 'has_fast_stream_history' as const, placements, postings }
    }
    team.useTransaction(trx)
    await team.delete()
    return { type: 'deleted' as const, team }
  })
}
