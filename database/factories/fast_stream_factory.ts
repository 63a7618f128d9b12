import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { ModelAttributes } from '@adonisjs/lucid/types/model'
import FastStreamScheme from '#models/fast_stream_scheme'
import FastStreamCohort from '#models/fast_stream_cohort'
import FastStreamEntrant from '#models/fast_stream_entrant'
import FastStreamPosting from '#models/fast_stream_posting'
import PlacementRound from '#models/placement_round'
import Placement from '#models/placement'
import PlacementShortlist from '#models/placement_shortlist'
import PlacementMatch from '#models/placement_match'
import Team from '#models/team'
import type Organisation from '#models/organisation'
import type User from '#models/user'
import { createUser } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import type { Clearance, PlacementStatus, RoundStatus } from '#enums/fast_stream'
import type { Programme } from '#domain/fast_stream/programmes'
import { UK_ZONE } from '#domain/shared/uk_time'

let sequence = 0

export async function createScheme(name?: string, programme: Programme = 'fast_stream') {
  sequence += 1
  return FastStreamScheme.create({
    name: name ?? `Scheme ${sequence}`,
    description: null,
    programme,
  })
}

export async function createCohort(intakeYear = 2013, name?: string) {
  sequence += 1
  return FastStreamCohort.create({ name: name ?? `${intakeYear} intake ${sequence}`, intakeYear })
}

/*
 * An entrant (a learner, with the given name unless a user is given) with
 * a scheme and cohort of their own unless given, and optional earlier postings.
 */
export async function createEntrant(
  options: {
    user?: User
    name?: string
    organisation?: Organisation
    scheme?: FastStreamScheme
    cohort?: FastStreamCohort
    clearance?: Clearance
    startedOn?: string
    locations?: string
    postings?: Array<{
      organisation: Organisation
      title?: string
      digital?: boolean
      startsOn?: string
      /* Six months after the start unless given; null for a posting still running. */
      endsOn?: string | null
    }>
  } = {}
) {
  const user =
    options.user ??
    (await createUser({
      roles: ['learner'],
      organisation: options.organisation,
      overrides: options.name === undefined ? {} : { fullName: options.name },
    }))
  const entrant = await FastStreamEntrant.create({
    userId: user.id,
    schemeId: (options.scheme ?? (await createScheme())).id,
    cohortId: (options.cohort ?? (await createCohort())).id,
    clearance: options.clearance ?? 'SC',
    startedOn: DateTime.fromISO(options.startedOn ?? '2013-09-01'),
    locationPreferences: options.locations ?? 'London, Leeds',
  })
  for (const posting of options.postings ?? []) {
    await FastStreamPosting.create({
      entrantId: entrant.id,
      organisationId: posting.organisation.id,
      title: posting.title ?? 'Policy adviser',
      startsOn: DateTime.fromISO(posting.startsOn ?? '2013-09-01'),
      endsOn:
        posting.endsOn === null
          ? null
          : posting.endsOn
            ? DateTime.fromISO(posting.endsOn)
            : DateTime.fromISO(posting.startsOn ?? '2013-09-01').plus({ months: 6 }),
      isDigital: posting.digital ?? false,
    })
  }
  return { entrant, user }
}

/*
 * A round whose dates put it in the given status now: open rounds take
 * preferences today. Unless given, an open round's postings run for six
 * months from the day after its results (so a team can offer a placement
 * in it), any other's from 1 March to 1 September 2014, when the factory's
 * placements start.
 */
export async function createRound(
  options: {
    status?: RoundStatus
    name?: string
    maxPreferences?: number
    postingStartsOn?: string
    postingEndsOn?: string
    programme?: Programme
  } = {}
) {
  sequence += 1
  const now = DateTime.now()
  const status = options.status ?? 'open'
  const closed = status !== 'open'
  const resultsAt = closed ? now.plus({ days: 5 }) : now.plus({ days: 20 })
  const postingsFrom = closed
    ? DateTime.fromISO('2014-03-01')
    : DateTime.fromISO(resultsAt.setZone(UK_ZONE).toISODate()!).plus({ days: 1 })
  return PlacementRound.create({
    name: options.name ?? `Round ${sequence}`,
    status,
    programme: options.programme ?? 'fast_stream',
    placementsOpenAt: now.minus({ days: 30 }),
    preferencesOpenAt: now.minus({ days: 10 }),
    preferencesCloseAt: closed ? now.minus({ days: 1 }) : now.plus({ days: 10 }),
    resultsAt,
    nextRoundOn: now.plus({ months: 6 }),
    postingStartsOn: options.postingStartsOn
      ? DateTime.fromISO(options.postingStartsOn)
      : postingsFrom,
    postingEndsOn: options.postingEndsOn
      ? DateTime.fromISO(options.postingEndsOn)
      : postingsFrom.plus({ months: 6 }),
    maxPreferences: options.maxPreferences ?? 10,
    excludePreviousDepartments: true,
    enforceDigital: true,
    matchedAt: status === 'matched' || status === 'published' ? now : null,
    publishedAt: status === 'published' ? now : null,
  })
}

/* A delivery team in London, in the given organisation (a new department unless given). */
export async function createTeam(
  organisation?: Organisation,
  name?: string,
  values: Partial<ModelAttributes<Team>> = {}
) {
  sequence += 1
  const owner = organisation ?? (await OrganisationFactory.create())
  return Team.create({
    organisationId: owner.id,
    name: name ?? `Delivery team ${sequence}`,
    location: 'London',
    ...values,
  })
}

/*
 * A person who leads the team: the team lead role, with the learner role
 * too unless told otherwise, in the given organisation (a new department
 * unless given).
 */
export async function createTeamLead(
  team: Team,
  options: { organisation?: Organisation; learner?: boolean; overrides?: Partial<User> } = {}
) {
  return createUser({
    roles: options.learner === false ? ['team_lead'] : ['team_lead', 'learner'],
    organisation: options.organisation,
    overrides: { ...options.overrides, teamId: team.id },
  })
}

/* A placement offered by a team (its own, new team unless given), approved unless told otherwise. */
export async function createPlacement(
  round: PlacementRound,
  options: {
    team?: Team
    title?: string
    location?: string
    clearanceRequired?: Clearance
    digital?: boolean
    capacity?: number
    status?: PlacementStatus
    startsOn?: string
    service?: { id: number }
  } = {}
) {
  const team = options.team ?? (await createTeam())
  sequence += 1
  return Placement.create({
    roundId: round.id,
    teamId: team.id,
    organisationId: team.organisationId,
    offeredBy: null,
    serviceId: options.service?.id ?? null,
    title: options.title ?? `Placement ${sequence}`,
    location: options.location ?? 'London',
    description: 'Work in a multidisciplinary team on a live service.',
    clearanceRequired: options.clearanceRequired ?? 'BPSS',
    isDigital: options.digital ?? true,
    capacity: options.capacity ?? 1,
    startsOn: DateTime.fromISO(options.startsOn ?? '2014-03-01'),
    status: options.status ?? 'approved',
  })
}

/*
 * An entrant's list for a round: these placements, best first, submitted at
 * the given time (now unless given; null leaves the list not submitted).
 */
export async function createShortlist(
  round: PlacementRound,
  entrant: { id: number },
  placements: Array<{ id: number }>,
  submittedAt: DateTime | null = DateTime.utc()
) {
  const shortlist = await PlacementShortlist.create({
    roundId: round.id,
    entrantId: entrant.id,
    submittedAt,
  })
  if (placements.length) {
    await db.table('placement_preferences').multiInsert(
      placements.map((placement, index) => ({
        shortlist_id: shortlist.id,
        placement_id: placement.id,
        rank: index + 1,
      }))
    )
  }
  return shortlist
}

/* A team's ranking of the entrants who chose its placement, best first. */
export async function createRanking(placement: { id: number }, entrants: Array<{ id: number }>) {
  await db.table('placement_rankings').multiInsert(
    entrants.map((entrant, index) => ({
      placement_id: placement.id,
      entrant_id: entrant.id,
      rank: index + 1,
    }))
  )
}

/* Where a round's match put an entrant: a placement and which of their choices it was, or nowhere (null, null). */
export async function createMatch(
  round: { id: number },
  entrant: { id: number },
  placement: { id: number } | null,
  choice: number | null
) {
  return PlacementMatch.create({
    roundId: round.id,
    entrantId: entrant.id,
    placementId: placement?.id ?? null,
    choice,
  })
}

/* Names the skills a placement will build. */
export async function addPlacementSkills(placement: { id: number }, skills: Array<{ id: number }>) {
  await db
    .table('placement_skills')
    .multiInsert(skills.map((skill) => ({ placement_id: placement.id, skill_id: skill.id })))
}
