import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Placement from '#models/placement'
import PlacementRound from '#models/placement_round'
import Skill from '#models/skill'
import { APPLICANTS_SQL } from '#queries/fast_stream/admin_rounds_query'
import { DIGITALLY_DELIVERED_PHASES } from '#domain/workforce/digitally_delivered'
import { programmeLabels } from '#enums/fast_stream'
import { UK_ZONE, UkFormats } from '#domain/shared/uk_time'
import { departmentIdOf, organisationPath } from '#queries/identity/organisation_paths'

const sqlTime = (value: DateTime) => value.toUTC().toFormat('yyyy-MM-dd HH:mm:ss')

/*
 * One page of a team's placements across rounds, latest round first, with
 * the round's name and status, submitted applications and how many
 * applicants the team has ranked.
 */
export function teamPlacementsPage(teamId: number, page: number, perPage = 25) {
  return Placement.query()
    .join('placement_rounds as r', 'r.id', 'placements.round_id')
    .where('placements.team_id', teamId)
    .select('placements.*', 'r.name as round_name', 'r.status as round_status')
    .select(
      db.raw(`${APPLICANTS_SQL} as applicants`),
      db.raw(
        '(select count(*) from placement_rankings pr where pr.placement_id = placements.id) as ranked'
      )
    )
    .orderBy('r.placements_open_at', 'desc')
    .orderBy('r.id', 'desc')
    .orderBy('placements.title')
    .orderBy('placements.id')
    .paginate(page, perPage)
}

/* Rounds teams may offer placements in now, closing soonest first. */
export function roundsOpenForOffers(now = DateTime.now()) {
  return PlacementRound.query()
    .where('status', 'open')
    .where('placements_open_at', '<=', sqlTime(now))
    .where('preferences_close_at', '>', sqlTime(now))
    .orderBy('preferences_close_at')
    .orderBy('id')
}

/* The framework's live skills grouped by category, for the skills a placement develops. */
export async function skillGroups() {
  const skills = await Skill.query()
    .whereNull('retired_at')
    .select('id', 'name', 'category')
    .orderBy('category')
    .orderBy('name')
  const groups: { category: string; skills: { value: number; label: string }[] }[] = []
  for (const skill of skills) {
    let group = groups.at(-1)
    if (!group || group.category !== skill.category) {
      group = { category: skill.category, skills: [] }
      groups.push(group)
    }
    group.skills.push({ value: skill.id, label: skill.name })
  }
  return groups
}

/*
 * The digitally delivered services of the department an organisation is
 * in (the organisations of its tree), by name: the services a placement
 * of its teams may name. Phase and channel are tested as in the domain
 * (`isDigitallyDelivered`).
 */
export async function digitallyDeliveredServices(organisationId: number) {
  const organisation = await organisationPath(organisationId)
  if (!organisation) return []
  const departmentId = departmentIdOf(organisation.id, organisation.path)
  const rows = await db
    .from('services as s')
    .join('organisations as o', 'o.id', 's.organisation_id')
    .where((where) =>
      where.where('o.id', departmentId).orWhere('o.path', 'like', `/${departmentId}/%`)
    )
    .where('s.has_digital_channel', true)
    .whereIn('s.phase', [...DIGITALLY_DELIVERED_PHASES])
    .orderBy('s.name')
    .orderBy('s.id')
    .select('s.id', 's.name', 'o.name as organisation_name')
  return rows.map((row) => ({
    value: Number(row.id),
    label: `${row.name} (${row.organisation_name})`,
  }))
}

/* A placement with its round, team, organisation, service and skills, for its pages. */
export function placementWithDetails(id: number) {
  return Placement.query()
    .where('id', id)
    .preload('round')
    .preload('team')
    .preload('organisation')
    .preload('service')
    .preload('skills', (skills) => skills.orderBy('name'))
    .first()
}

/*
 * What the placement form offers: the rounds open to offers (for a new
 * placement), the team's digitally delivered services when a Future
 * Leaders placement must name one (or the placement already does), and
 * the skills by group.
 */
export async function placementFormChoices(placement: Placement | null, organisationId: number) {
  const rounds = placement ? [] : await roundsOpenForOffers()
  const programmes = new Set(
    placement ? [placement.round.programme] : rounds.map((round) => round.programme)
  )
  return {
    rounds: rounds.map((round) => ({
      value: round.id,
      label: `${round.name}${programmes.size > 1 ? `, ${programmeLabels[round.programme]}` : ''} (offers close ${round.preferencesCloseAt.setZone(UK_ZONE).toFormat(UkFormats.dateTime)})`,
    })),
    services:
      programmes.has('future_leaders') || placement?.serviceId
        ? await digitallyDeliveredServices(organisationId)
        : null,
    serviceRequired: programmes.size === 1 && programmes.has('future_leaders'),
    onlyRoundId: rounds.length === 1 ? rounds[0].id : null,
    skillGroups: await skillGroups(),
  }
}
