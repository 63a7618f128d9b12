import type { DateTime } from 'luxon'
import { Faker, base, en, en_GB } from '@faker-js/faker'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { matchRound } from '#domain/fast_stream/matching_engine'
import { britishNames } from '#database/demo/british_names'
import type { Clearance, Entrant, Placement as EnginePlacement } from '#domain/fast_stream/round'

/*
 * The demo's Fast Stream: four schemes, two cohorts of 60 entrants each
 * (accounts entrant001@demo.example … entrant120@demo.example) with their
 * posting history, delivery teams in ten departments offering placements,
 * a published round matched by the engine (its postings added to the
 * entrants' history) and a round open for preferences now, with
 * shortlists submitted and in draft and teams' rankings. The open round's
 * postings follow on when the published round's end. Against the digital
 * rule: the newer cohort is on track (two rounds still fit before their
 * two-year mark); for the older cohort the open round is the last chance,
 * so those without a digital placement on a submitted list are at risk,
 * and those whose published posting was extended into the open round's
 * postings have missed it (a match would leave them out). Dates follow
 * `now`; deterministic; does nothing once any scheme exists.
 */

const CHUNK = 400
const DEMO_DOMAIN = 'demo.example'
export const DEMO_ENTRANTS = 120

const SCHEMES = [
  ['Generalist', 'Policy, operational delivery and corporate roles across departments.'],
  ['Digital and Technology', 'Digital delivery, technology and product roles.'],
  ['Digital, Data and Technology', 'Data science, analysis and technology roles.'],
  ['Analytical', 'Economics, statistics, operational research and social research.'],
] as const

/* Departments with delivery teams that offer placements, and where the teams work. */
const TEAM_PLAN: Array<{ code: string; teams: Array<[string, string]> }> = [
  {
    code: 'gds',
    teams: [
      ['GOV.UK publishing team', 'London'],
      ['Identity assurance team', 'London'],
      ['Performance Platform team', 'London'],
    ],
  },
  {
    code: 'dvla',
    teams: [
      ['Vehicle licensing digital team', 'Swansea'],
      ['Driver licensing digital team', 'Swansea'],
    ],
  },
  {
    code: 'hmrc',
    teams: [
      ['Digital tax platform team', 'Newcastle'],
      ['Tax credits service team', 'Preston'],
    ],
  },
  {
    code: 'dwp',
    teams: [
      ['Universal Credit digital team', 'Leeds'],
      ['Carer’s Allowance service team', 'Preston'],
    ],
  },
  {
    code: 'moj',
    teams: [
      ['Lasting power of attorney team', 'Birmingham'],
      ['Prison visits booking team', 'London'],
    ],
  },
  { code: 'ho', teams: [['Visas digital team', 'Sheffield']] },
  { code: 'defra', teams: [['Rural payments team', 'Reading']] },
  { code: 'bis', teams: [['Student finance team', 'Glasgow']] },
  {
    code: 'co',
    teams: [
      ['Electoral registration team', 'London'],
      ['Civil service policy team', 'London'],
    ],
  },
  { code: 'dft', teams: [['Transport data team', 'London']] },
]

const DIGITAL_TITLES = [
  'Product manager (associate)',
  'Delivery manager (associate)',
  'User researcher',
  'Performance analyst',
  'Service designer',
  'Content designer',
  'Data analyst',
  'Business analyst',
  'Developer (graduate)',
  'Technical architect (associate)',
]
const OTHER_TITLES = [
  'Policy adviser',
  'Operations manager',
  'Private secretary',
  'Finance business partner',
]
const CLEARANCE_MIX: Array<[Clearance, number]> = [
  ['BPSS', 20],
  ['CTC', 30],
  ['SC', 45],
  ['DV', 5],
]
const DESCRIPTIONS = [
  'Work on a live service with a multidisciplinary team, from user research to release, and learn how the team decides what to build next.',
  'Join a service in beta: plan and run sprints, help the team meet the service standard and prepare for its live assessment.',
  'Help move a paper process online: map the current service, talk to its users and shape the first version of the digital service.',
  'Use the service’s data to find where users struggle, and work with designers and developers to fix it and measure the difference.',
  'Support the service manager of a high-volume transaction: its performance, its roadmap and its people.',
]
const SKILLS = [
  'Agile working',
  'User focus',
  'Data analysis and synthesis',
  'Stakeholder relationship management',
  'Prototyping',
  'Performance analysis',
  'Service ownership',
  'User research',
]

export type DemoFastStreamSummary = {
  entrants: number
  placements: number
  published: { matched: number; entrants: number; firstChoice: number }
  openShortlists: { submitted: number; draft: number }
}

async function insertChunks(
  trx: TransactionClientContract,
  table: string,
  rows: Record<string, unknown>[]
) {
  for (let i = 0; i < rows.length; i += CHUNK)
    await trx.table(table).multiInsert(rows.slice(i, i + CHUNK))
}

/* Spans of control the demo keeps to: every manager has 3 to 8 reports. */
const MIN_REPORTS = 3
const MAX_REPORTS = 8

/*
 * Gives each entrant a line manager in their home organisation: first
 * managers with room (fewer than eight reports), then, for the rest, grade
 * 7s and SEOs who manage nobody yet, in groups of three to six.
 */
async function assignLineManagers(
  trx: TransactionClientContract,
  entrants: Array<{ id: number; organisationId: number }>
) {
  const byOrganisation = new Map<number, number[]>()
  for (const entrant of entrants) {
    byOrganisation.set(entrant.organisationId, [
      ...(byOrganisation.get(entrant.organisationId) ?? []),
      entrant.id,
    ])
  }
  const entrantIds = new Set(entrants.map((entrant) => entrant.id))
  const updates = new Map<number, number[]>()
  for (const [organisationId, waiting] of byOrganisation) {
    const staff = await trx
      .from('users as u')
      .where('u.organisation_id', organisationId)
      .orderByRaw("case when u.grade in ('G7', 'G6', 'SEO') then 0 else 1 end")
      .orderBy('u.id')
      .select('u.id')
      .select(
        trx.from('users as r').whereColumn('r.line_manager_id', 'u.id').count('*').as('reports')
      )
    const candidates = staff.filter((row) => !entrantIds.has(Number(row.id)))
    const give = (managerId: number, count: number) => {
      updates.set(managerId, [...(updates.get(managerId) ?? []), ...waiting.splice(0, count)])
    }
    for (const row of candidates) {
      const reports = Number(row.reports)
      if (!waiting.length) break
      if (reports >= MIN_REPORTS && reports < MAX_REPORTS)
        give(Number(row.id), MAX_REPORTS - reports)
    }
    const free = candidates.filter((row) => Number(row.reports) === 0)
    let last: number | undefined
    while (waiting.length && free.length) {
      const size = waiting.length <= 6 ? waiting.length : Math.min(6, waiting.length - MIN_REPORTS)
      if (size < MIN_REPORTS && last !== undefined) {
        // Too few left for a group of their own: they join the last group formed here.
        give(last, waiting.length)
        break
      }
      last = Number(free.shift()!.id)
      give(last, size)
    }
  }
  for (const [managerId, reports] of updates) {
    await trx.from('users').whereIn('id', reports).update({ line_manager_id: managerId })
  }
}

/* Ids of a table's rows in the order they were inserted. */
async function ids(trx: TransactionClientContract, table: string) {
  const rows = await trx.from(table).orderBy('id').select('id')
  return rows.map((row) => Number(row.id))
}

const stamp = (at: DateTime) => at.toUTC().toFormat('yyyy-MM-dd HH:mm:ss')
const day = (at: DateTime) => at.toUTC().toISODate()!

export async function seedDemoFastStream(
  client: QueryClientContract,
  { now, passwordHash }: { now: DateTime; passwordHash: string }
): Promise<DemoFastStreamSummary | null> {
  const faker = new Faker({ locale: [britishNames, en_GB, en, base] })
  faker.seed(2013)
  return client.transaction(async (trx) => {
    if (await trx.from('fast_stream_schemes').select('id').first()) return null
    const admin = await trx
      .from('users')
      .where('email', `faststream@${DEMO_DOMAIN}`)
      .select('id')
      .first()
    if (!admin) return null
    const at = stamp(now)
    const made = { created_at: at, updated_at: at }

    const organisations = await trx.from('organisations').select('id', 'code', 'path')
    const orgByCode = new Map(organisations.map((row) => [String(row.code), row]))
    const orgById = new Map(organisations.map((row) => [Number(row.id), row]))
    const departmentOf = (organisationId: number) => {
      const row = orgById.get(organisationId)!
      const rootId = String(row.path).split('/').filter(Boolean).map(Number)[0] ?? organisationId
      return String(orgById.get(rootId)!.code)
    }

    // Schemes and cohorts: the older cohort joined 14 months ago, the newer one 6 months ago.
    await insertChunks(
      trx,
      'fast_stream_schemes',
      SCHEMES.map(([name, description]) => ({ name, description, ...made }))
    )
    const schemeIds = await ids(trx, 'fast_stream_schemes')
    const olderStart = now.minus({ months: 14 }).startOf('month')
    const newerStart = now.minus({ months: 6 }).startOf('month')
    await insertChunks(trx, 'fast_stream_cohorts', [
      { name: `${olderStart.year} intake`, intake_year: olderStart.year, ...made },
      {
        name: `${newerStart.year} intake (${newerStart.toFormat('LLLL')})`,
        intake_year: newerStart.year,
        ...made,
      },
    ])
    const cohortIds = await ids(trx, 'fast_stream_cohorts')

    // Teams: the demo's own where they exist, new ones otherwise.
    const existingTeams = await trx.from('teams').select('id', 'organisation_id', 'name')
    const teamKey = (organisationId: number, name: string) => `${organisationId}:${name}`
    const teamIds = new Map(
      existingTeams.map((row) => [
        teamKey(Number(row.organisation_id), String(row.name)),
        Number(row.id),
      ])
    )
    const newTeams: Record<string, unknown>[] = []
    for (const plan of TEAM_PLAN) {
      const organisation = orgByCode.get(plan.code)
      if (!organisation) continue
      for (const [name, location] of plan.teams) {
        if (!teamIds.has(teamKey(Number(organisation.id), name)))
          newTeams.push({ organisation_id: organisation.id, name, location, ...made })
      }
    }
    await insertChunks(trx, 'teams', newTeams)
    const allTeams = await trx.from('teams').select('id', 'organisation_id', 'name', 'location')
    const teams = allTeams.filter((team) =>
      TEAM_PLAN.some(
        (plan) =>
          orgByCode.get(plan.code) &&
          Number(orgByCode.get(plan.code)!.id) === Number(team.organisation_id) &&
          plan.teams.some(([name]) => name === team.name)
      )
    )
    const leads = await trx
      .from('users')
      .join('user_roles', 'user_roles.user_id', 'users.id')
      .where('user_roles.role', 'team_lead')
      .whereNotNull('users.team_id')
      .select('users.id', 'users.team_id')
    const leadOfTeam = new Map(leads.map((row) => [Number(row.team_id), Number(row.id)]))

    // Entrants: accounts in their home departments, clearance mix, location wishes.
    const homeCodes = TEAM_PLAN.map((plan) => plan.code).filter((code) => orgByCode.has(code))
    const clearanceOf = () => {
      let roll = faker.number.int({ min: 1, max: 100 })
      for (const [clearance, weight] of CLEARANCE_MIX) {
        if ((roll -= weight) <= 0) return clearance
      }
      return 'SC' as Clearance
    }
    const people = Array.from({ length: DEMO_ENTRANTS }, (_, index) => {
      const older = index < DEMO_ENTRANTS / 2
      const first = faker.person.firstName(faker.person.sex() as 'female' | 'male')
      const last = faker.person.lastName()
      return {
        email: `entrant${String(index + 1).padStart(3, '0')}@${DEMO_DOMAIN}`,
        fullName: `${first} ${last}`,
        home: homeCodes[index % homeCodes.length],
        older,
        scheme: schemeIds[index % 5 === 0 ? 0 : index % 3 === 0 ? 2 : index % 7 === 0 ? 3 : 1],
        clearance: clearanceOf(),
        locations: faker.helpers
          .arrayElements(
            ['London', 'Leeds', 'Newcastle', 'Swansea', 'Sheffield', 'Glasgow', 'Birmingham'],
            { min: 1, max: 3 }
          )
          .join(', '),
      }
    })
    await insertChunks(
      trx,
      'users',
      people.map((person) => ({
        full_name: person.fullName,
        email: person.email,
        password: passwordHash,
        organisation_id: orgByCode.get(person.home)!.id,
        grade: 'HEO',
        profession: 'policy',
        ...made,
      }))
    )
    const userRows = await trx
      .from('users')
      .whereIn(
        'email',
        people.map((person) => person.email)
      )
      .select('id', 'email')
    const userIds = new Map(userRows.map((row) => [String(row.email), Number(row.id)]))
    await assignLineManagers(
      trx,
      people.map((person) => ({
        id: userIds.get(person.email)!,
        organisationId: Number(orgByCode.get(person.home)!.id),
      }))
    )
    await insertChunks(
      trx,
      'user_roles',
      people.map((person) => ({
        user_id: userIds.get(person.email),
        role: 'learner',
        created_at: at,
      }))
    )
    await insertChunks(
      trx,
      'fast_stream_entrants',
      people.map((person) => ({
        user_id: userIds.get(person.email),
        scheme_id: person.scheme,
        cohort_id: person.older ? cohortIds[0] : cohortIds[1],
        clearance: person.clearance,
        location_preferences: person.locations,
        started_on: day(person.older ? olderStart : newerStart),
        ...made,
      }))
    )
    const entrantRows = await trx
      .from('fast_stream_entrants')
      .join('users', 'users.id', 'fast_stream_entrants.user_id')
      .whereIn(
        'users.email',
        people.map((person) => person.email)
      )
      .orderBy('users.email')
      .select('fast_stream_entrants.id', 'users.email', 'users.organisation_id')
    const entrants = entrantRows.map((row, index) => ({
      ...people[index],
      id: Number(row.id),
      homeOrg: Number(row.organisation_id),
    }))

    // History: the older cohort's first posting, at home, mostly not digital.
    const postings: Record<string, unknown>[] = []
    const postingDepartments = new Map<number, Set<string>>()
    const hadDigital = new Set<number>()
    for (const entrant of entrants.filter((one) => one.older)) {
      const digital = faker.number.int({ min: 1, max: 4 }) === 1
      postings.push({
        entrant_id: entrant.id,
        organisation_id: entrant.homeOrg,
        team_id: null,
        team_name: digital ? 'Digital services' : 'Policy and strategy',
        title: digital
          ? faker.helpers.arrayElement(DIGITAL_TITLES)
          : faker.helpers.arrayElement(OTHER_TITLES),
        starts_on: day(olderStart),
        ends_on: day(olderStart.plus({ months: 6 })),
        is_digital: digital,
        placement_id: null,
        ...made,
      })
      postingDepartments.set(entrant.id, new Set([departmentOf(entrant.homeOrg)]))
      if (digital) hadDigital.add(entrant.id)
    }

    // Rounds: one published (its results out two months ago), one open for preferences now;
    // each round's postings run six months, the open round's from when the published round's end.
    const publishedPostings = now.minus({ months: 2 }).startOf('month')
    const openPostings = publishedPostings.plus({ months: 6 })
    await insertChunks(trx, 'placement_rounds', [
      {
        name: `${now.minus({ months: 5 }).toFormat('LLLL yyyy')} placements`,
        status: 'published',
        placements_open_at: stamp(now.minus({ months: 5 })),
        preferences_open_at: stamp(now.minus({ months: 4 })),
        preferences_close_at: stamp(now.minus({ months: 3, days: 14 })),
        results_at: stamp(now.minus({ months: 3 })),
        next_round_on: day(now.minus({ days: 7 })),
        posting_starts_on: day(publishedPostings),
        posting_ends_on: day(openPostings),
        max_preferences: 10,
        exclude_previous_departments: true,
        enforce_digital: true,
        matched_at: stamp(now.minus({ months: 3, days: 7 })),
        published_at: stamp(now.minus({ months: 3 })),
        ...made,
      },
      {
        name: `${now.toFormat('LLLL yyyy')} placements`,
        status: 'open',
        placements_open_at: stamp(now.minus({ days: 21 })),
        preferences_open_at: stamp(now.minus({ days: 7 })),
        preferences_close_at: stamp(now.plus({ days: 14 }).set({ hour: 17, minute: 0, second: 0 })),
        results_at: stamp(now.plus({ days: 28 })),
        next_round_on: day(now.plus({ months: 7 })),
        posting_starts_on: day(openPostings),
        posting_ends_on: day(openPostings.plus({ months: 6 })),
        max_preferences: 10,
        exclude_previous_departments: true,
        enforce_digital: true,
        matched_at: null,
        published_at: null,
        ...made,
      },
    ])
    const [publishedRound, openRound] = await ids(trx, 'placement_rounds')

    // Placements: 24 in the published round, 36 in the open one (most digital).
    const skillRows = await trx.from('skills').whereIn('name', SKILLS).select('id')
    const skillIds = skillRows.map((row) => Number(row.id))
    const placementRows: Record<string, unknown>[] = []
    const placementSpecs: Array<{
      round: number
      status: string
      digital: boolean
      team: number
      capacity: number
      clearance: Clearance
      title: string
    }> = []
    const offer = (
      round: number,
      count: number,
      startsOn: DateTime,
      statusOf: (index: number) => string
    ) => {
      for (let index = 0; index < count; index++) {
        const team = teams[index % teams.length]
        const digital = index % 6 !== 5
        const title = digital
          ? DIGITAL_TITLES[(index + round) % DIGITAL_TITLES.length]
          : OTHER_TITLES[index % OTHER_TITLES.length]
        const clearance: Clearance =
          index % 9 === 4 ? 'SC' : index % 13 === 6 ? 'DV' : index % 4 === 1 ? 'CTC' : 'BPSS'
        const capacity = round === publishedRound ? 3 + (index % 4) : 1 + (index % 4)
        const status = statusOf(index)
        placementSpecs.push({
          round,
          status,
          digital,
          team: Number(team.id),
          capacity,
          clearance,
          title,
        })
        placementRows.push({
          round_id: round,
          team_id: team.id,
          organisation_id: team.organisation_id,
          offered_by: leadOfTeam.get(Number(team.id)) ?? null,
          title,
          location: team.location ?? 'London',
          description: `${title} in the ${team.name}. ${faker.helpers.arrayElement(DESCRIPTIONS)}`,
          clearance_required: clearance,
          is_digital: digital,
          capacity,
          starts_on: day(startsOn),
          status,
          review_note:
            status === 'rejected' ? 'The role is not yet funded for the whole six months.' : null,
          reviewed_by: status === 'approved' || status === 'rejected' ? admin.id : null,
          reviewed_at: status === 'approved' || status === 'rejected' ? at : null,
          ...made,
        })
      }
    }
    offer(publishedRound, 24, publishedPostings, () => 'approved')
    offer(openRound, 36, openPostings, (index) =>
      index >= 33
        ? index === 35
          ? 'rejected'
          : 'offered'
        : index === 32
          ? 'withdrawn'
          : 'approved'
    )
    await insertChunks(trx, 'placements', placementRows)
    const placementIds = await ids(trx, 'placements')
    const placements = placementSpecs.map((spec, index) => ({ ...spec, id: placementIds[index] }))
    await insertChunks(
      trx,
      'placement_skills',
      placements.flatMap((placement, index) =>
        skillIds.length
          ? [
              ...new Set([
                skillIds[index % skillIds.length],
                skillIds[(index * 3 + 1) % skillIds.length],
              ]),
            ].map((skillId) => ({
              placement_id: placement.id,
              skill_id: skillId,
            }))
          : []
      )
    )
    const teamDepartment = new Map(
      teams.map((team) => [Number(team.id), departmentOf(Number(team.organisation_id))])
    )

    // Shortlists: popular placements chosen more often; every entrant in the published round, 70 in the open one.
    const choose = (pool: typeof placements, count: number) => {
      const weighted = pool.flatMap((placement, index) =>
        Array.from({ length: (index % 4) + 1 + (placement.digital ? 2 : 0) }, () => placement)
      )
      const picked: typeof placements = []
      while (picked.length < Math.min(count, pool.length)) {
        const candidate = faker.helpers.arrayElement(weighted)
        if (!picked.includes(candidate)) picked.push(candidate)
      }
      return picked
    }
    const shortlists: Array<{
      round: number
      entrant: (typeof entrants)[number]
      choices: typeof placements
      submitted: boolean
    }> = []
    const publishedPool = placements.filter((placement) => placement.round === publishedRound)
    const openPool = placements.filter(
      (placement) => placement.round === openRound && placement.status === 'approved'
    )
    entrants.forEach((entrant, index) => {
      if (index % 12 !== 11)
        shortlists.push({
          round: publishedRound,
          entrant,
          choices: choose(publishedPool, 4 + (index % 6)),
          submitted: true,
        })
      if (index < 70)
        shortlists.push({
          round: openRound,
          entrant,
          choices: choose(openPool, 3 + (index % 7)),
          submitted: index < 45,
        })
    })
    await insertChunks(
      trx,
      'placement_shortlists',
      shortlists.map((list, index) => ({
        round_id: list.round,
        entrant_id: list.entrant.id,
        submitted_at: list.submitted
          ? stamp(
              list.round === openRound
                ? now.minus({ days: 6, minutes: -index * 37 })
                : now.minus({ months: 3, days: 20, minutes: -index * 37 })
            )
          : null,
        ...made,
      }))
    )
    const shortlistRows = await trx.from('placement_shortlists').orderBy('id').select('id')
    await insertChunks(
      trx,
      'placement_preferences',
      shortlists.flatMap((list, index) =>
        list.choices.map((placement, rank) => ({
          shortlist_id: shortlistRows[index].id,
          placement_id: placement.id,
          rank: rank + 1,
        }))
      )
    )

    // Teams rank their applicants for most placements: by how early the entrant joined, then at random.
    const applicants = new Map<number, number[]>()
    for (const list of shortlists.filter((one) => one.submitted)) {
      for (const placement of list.choices)
        applicants.set(placement.id, [...(applicants.get(placement.id) ?? []), list.entrant.id])
    }
    const rankings: Record<string, unknown>[] = []
    const teamOrder = new Map<number, number[]>()
    for (const placement of placements) {
      const applied = applicants.get(placement.id) ?? []
      if (!applied.length || placement.id % 5 === 0) continue
      const order = faker.helpers
        .shuffle([...applied])
        .slice(0, Math.max(1, Math.ceil(applied.length * 0.8)))
      teamOrder.set(placement.id, order)
      order.forEach((entrantId, rank) =>
        rankings.push({ placement_id: placement.id, entrant_id: entrantId, rank: rank + 1 })
      )
    }
    await insertChunks(trx, 'placement_rankings', rankings)

    // The published round, matched by the engine exactly as the service does.
    const publishedLists = shortlists.filter(
      (list) => list.round === publishedRound && list.submitted
    )
    const submittedAt = new Map(publishedLists.map((list, index) => [list.entrant.id, index]))
    const engineEntrants: Entrant[] = publishedLists.map((list) => ({
      id: String(list.entrant.id),
      preferences: list.choices.map((placement) => String(placement.id)),
      clearance: list.entrant.clearance,
      previousDepartments: [...(postingDepartments.get(list.entrant.id) ?? [])],
      needsDigital: list.entrant.older && !hadDigital.has(list.entrant.id),
    }))
    const enginePlacements: EnginePlacement[] = publishedPool.map((placement) => {
      const ranked = teamOrder.get(placement.id) ?? []
      const rankOf = (entrantId: number) =>
        publishedLists
          .find((list) => list.entrant.id === entrantId)!
          .choices.findIndex((choice) => choice.id === placement.id)
      const rest = (applicants.get(placement.id) ?? [])
        .filter((entrantId) => !ranked.includes(entrantId))
        .sort((a, b) => rankOf(a) - rankOf(b) || submittedAt.get(a)! - submittedAt.get(b)! || a - b)
      return {
        id: String(placement.id),
        capacity: placement.capacity,
        department: teamDepartment.get(placement.team)!,
        clearanceRequired: placement.clearance,
        digital: placement.digital,
        preferences: [...ranked, ...rest].map(String),
      }
    })
    const result = matchRound({
      entrants: engineEntrants,
      placements: enginePlacements,
      rules: { excludePreviousDepartments: true, enforceDigital: true },
    })
    const matchedPlacement = new Map(
      result.matches.map((match) => [Number(match.entrant), Number(match.placement)])
    )
    const unmatched = new Map(result.unmatched.map((item) => [Number(item.entrant), item]))
    await insertChunks(
      trx,
      'placement_matches',
      publishedLists.map((list) => {
        const placementId = matchedPlacement.get(list.entrant.id) ?? null
        const miss = unmatched.get(list.entrant.id)
        return {
          round_id: publishedRound,
          entrant_id: list.entrant.id,
          placement_id: placementId,
          choice: placementId
            ? list.choices.findIndex((choice) => choice.id === placementId) + 1
            : null,
          unmatched_code: miss?.code ?? null,
          unmatched_reason: miss?.reason ?? null,
          ...made,
        }
      })
    )
    for (const [entrantId, placementId] of matchedPlacement) {
      const placement = placements.find((one) => one.id === placementId)!
      const team = teams.find((one) => Number(one.id) === placement.team)!
      const starts = publishedPostings
      postings.push({
        entrant_id: entrantId,
        organisation_id: team.organisation_id,
        team_id: team.id,
        team_name: team.name,
        title: placement.title,
        starts_on: day(starts),
        ends_on: day(starts.plus({ months: 6 })),
        is_digital: placement.digital,
        placement_id: placement.id,
        ...made,
      })
    }
    // Every other older entrant left without a placement, and without a digital posting, went
    // on an eight-month private office posting recorded by hand: it runs into the open round's
    // postings, so no round can now give them a digital posting before their two-year mark.
    entrants
      .filter((one) => one.older && !matchedPlacement.has(one.id) && !hadDigital.has(one.id))
      .filter((_one, index) => index % 2 === 0)
      .forEach((entrant) =>
        postings.push({
          entrant_id: entrant.id,
          organisation_id: entrant.homeOrg,
          team_id: null,
          team_name: 'Private office',
          title: 'Private secretary',
          starts_on: day(publishedPostings),
          ends_on: day(publishedPostings.plus({ months: 8 })),
          is_digital: false,
          placement_id: null,
          ...made,
        })
      )
    await insertChunks(trx, 'fast_stream_postings', postings)

    const openLists = shortlists.filter((list) => list.round === openRound)
    return {
      entrants: entrants.length,
      placements: placements.length,
      published: {
        matched: result.stats.matched,
        entrants: result.stats.entrants,
        firstChoice: result.stats.firstChoice,
      },
      openShortlists: {
        submitted: openLists.filter((list) => list.submitted).length,
        draft: openLists.filter((list) => !list.submitted).length,
      },
    }
  })
}
