import { Roles } from '#enums/roles'
import { gradeValues } from '#enums/grades'
import { matchRound } from '#domain/fast_stream/matching_engine'
import type { Clearance, Entrant, Placement } from '#domain/fast_stream/round'
import { WeightedIndex, zipfWeights, type Random } from '#database/bench/random'
import { DAY, sqlDate, sqlTime, type Loader } from '#database/bench/loader'
import type { BenchFramework } from '#database/bench/framework'
import { addRoles, BENCH_DOMAIN, type BenchPeople, type Team } from '#database/bench/people'
import {
  DIGITAL_PLACEMENT_TITLES,
  FAST_STREAM_SCHEMES,
  OTHER_PLACEMENT_TITLES,
  PLACEMENT_WORK,
  PLACES,
} from '#database/bench/vocabulary'

/*
 * The Fast Stream: schemes, four yearly cohorts of entrants (people of
 * the civil service at HEO or SEO) with six-month postings since they
 * joined, a published round matched by the service's own engine (its
 * matches written and the new postings added) and a round open for
 * preferences now, with shortlists submitted and in draft, and teams'
 * rankings. `placements` is the number offered in each round.
 */

const CLEARANCES: Clearance[] = ['BPSS', 'CTC', 'SC', 'DV']
const HEO = gradeValues.indexOf('HEO')
const SEO = gradeValues.indexOf('SEO')

/* The first day of the month `months` from the one `at` falls in. */
function monthStart(at: number, months: number) {
  const date = new Date(at)
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1)
}

const monthName = (at: number) =>
  new Date(at).toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })

type BenchEntrant = {
  id: number
  person: number
  cohort: number
  startedOn: number
  clearance: Clearance
  departments: Set<string>
  hadDigital: boolean
}

type BenchPlacement = {
  id: number
  team: Team
  digital: boolean
  capacity: number
  clearance: Clearance
  title: string
  status: string
}

export async function insertFastStream(
  loader: Loader,
  random: Random,
  framework: BenchFramework,
  people: BenchPeople,
  options: { entrants: number; placements: number; now: number }
) {
  const { now } = options
  const made = sqlTime(now - 60 * DAY)
  const users = loader.writer('users')
  const schemes = await loader.table('fast_stream_schemes', [
    'name',
    'description',
    'created_at',
    'updated_at',
  ])
  const schemeIds: number[] = []
  for (const [name, description] of FAST_STREAM_SCHEMES) {
    schemeIds.push(await schemes.insert([name, description, made, made]))
  }
  const cohorts = await loader.table('fast_stream_cohorts', [
    'name',
    'intake_year',
    'created_at',
    'updated_at',
  ])
  // Four intakes a year apart, the newest six months ago.
  const starts = [6, 18, 30, 42].map((months) => monthStart(now, -months))
  const cohortIds: number[] = []
  for (const start of starts) {
    const year = new Date(start).getUTCFullYear()
    cohortIds.push(await cohorts.insert([`${year} intake`, year, sqlTime(start), sqlTime(start)]))
  }

  // Entrants: people at HEO or SEO with a line manager, none of the named accounts.
  const chosen = new Set<number>()
  const wanted = Math.min(options.entrants, people.count)
  const fits = (person: number, strict: boolean) =>
    !chosen.has(person) &&
    people.active(person) &&
    people.manager[person] >= 0 &&
    !people.accounts.has(person) &&
    (!strict || people.grade[person] === HEO || people.grade[person] === SEO)
  for (let attempt = 0; chosen.size < wanted && attempt < wanted * 200; attempt++) {
    const person = random.int(0, people.count - 1)
    if (fits(person, true)) chosen.add(person)
  }
  for (let person = 0; chosen.size < wanted && person < people.count; person++) {
    if (fits(person, false)) chosen.add(person)
  }

  const entrantWriter = await loader.table(
    'fast_stream_entrants',
    [
      'user_id',
      'scheme_id',
      'cohort_id',
      'clearance',
      'location_preferences',
      'started_on',
      'created_at',
      'updated_at',
    ],
    { after: [users, schemes, cohorts] }
  )
  const entrants: BenchEntrant[] = []
  for (const person of [...chosen].sort((a, b) => a - b)) {
    const cohort = random.weighted([0, 1, 2, 3], [28, 27, 25, 20])
    const clearance = random.weighted(CLEARANCES, [20, 30, 45, 5])
    const places = random.shuffle([...PLACES.slice(0, 16)]).slice(0, random.int(1, 3))
    const id = await entrantWriter.insert([
      people.id(person),
      random.weighted(schemeIds, [35, 25, 12, 10, 8, 10]),
      cohortIds[cohort],
      clearance,
      places.join(', '),
      sqlDate(starts[cohort]),
      sqlTime(starts[cohort]),
      sqlTime(starts[cohort]),
    ])
    entrants.push({
      id,
      person,
      cohort,
      startedOn: starts[cohort],
      clearance,
      departments: new Set(),
      hadDigital: false,
    })
  }

  // Rounds: one published (placements began two months ago), one open for preferences now
  // whose postings follow on when the published round's end (posting windows back to back).
  const publishedStart = monthStart(now, -2)
  const openStart = monthStart(publishedStart, 6)
  const rounds = await loader.table('placement_rounds', [
    'name',
    'status',
    'placements_open_at',
    'preferences_open_at',
    'preferences_close_at',
    'results_at',
    'next_round_on',
    'posting_starts_on',
    'posting_ends_on',
    'max_preferences',
    'exclude_previous_departments',
    'enforce_digital',
    'matched_at',
    'published_at',
    'created_at',
    'updated_at',
  ])
  const publishedRound = await rounds.insert([
    `${monthName(now - 150 * DAY)} placements`,
    'published',
    sqlTime(now - 150 * DAY),
    sqlTime(now - 120 * DAY),
    sqlTime(now - 105 * DAY),
    sqlTime(now - 90 * DAY),
    sqlDate(now - 7 * DAY),
    sqlDate(publishedStart),
    sqlDate(openStart),
    10,
    true,
    true,
    sqlTime(now - 97 * DAY),
    sqlTime(now - 90 * DAY),
    sqlTime(now - 150 * DAY),
    sqlTime(now - 90 * DAY),
  ])
  const openRound = await rounds.insert([
    `${monthName(now)} placements`,
    'open',
    sqlTime(now - 21 * DAY),
    sqlTime(now - 7 * DAY),
    sqlTime(now + 14 * DAY + 17 * 3_600_000),
    sqlTime(now + 28 * DAY),
    sqlDate(now + 210 * DAY),
    sqlDate(openStart),
    sqlDate(monthStart(openStart, 6)),
    10,
    true,
    true,
    null,
    null,
    sqlTime(now - 21 * DAY),
    sqlTime(now - 7 * DAY),
  ])

  // Placements from delivery teams; their leads become team leads in the service.
  const placementWriter = await loader.table(
    'placements',
    [
      'round_id',
      'team_id',
      'organisation_id',
      'offered_by',
      'title',
      'location',
      'description',
      'clearance_required',
      'is_digital',
      'capacity',
      'starts_on',
      'status',
      'review_note',
      'reviewed_by',
      'reviewed_at',
      'created_at',
      'updated_at',
    ],
    { after: [rounds, loader.writer('teams'), users] }
  )
  const skillWriter = await loader.table('placement_skills', ['placement_id', 'skill_id'], {
    ids: false,
    after: [placementWriter],
  })
  const admin = [...people.accounts].find(
    ([, account]) => account.email === `faststream@${BENCH_DOMAIN}`
  )?.[0]
  const adminId = admin === undefined ? null : people.id(admin)
  const teams = people.teams.filter((team) => people.active(team.manager))
  if (teams.length === 0) throw new Error('No teams to offer Fast Stream placements: add people.')
  const offer = async (round: number, startsOn: number, open: boolean) => {
    const list: BenchPlacement[] = []
    for (let k = 0; k < options.placements; k++) {
      const team = random.pick(teams)
      const digital = random.chance(0.8)
      const title = random.pick(digital ? DIGITAL_PLACEMENT_TITLES : OTHER_PLACEMENT_TITLES)
      const clearance = random.weighted(CLEARANCES, [45, 25, 25, 5])
      const capacity = random.weighted([1, 2, 3, 4], [25, 35, 25, 15])
      const status = open
        ? random.weighted(['approved', 'offered', 'withdrawn', 'rejected'], [85, 8, 3, 4])
        : 'approved'
      const reviewed = status === 'approved' || status === 'rejected'
      const offeredAt = sqlTime(open ? now - 20 * DAY : now - 148 * DAY)
      const id = await placementWriter.insert([
        round,
        team.id,
        team.organisation.id,
        people.id(team.manager),
        title,
        team.location,
        `${title} in the ${team.name}, ${team.organisation.name}. ${random.pick(PLACEMENT_WORK)}`,
        clearance,
        digital,
        capacity,
        sqlDate(startsOn),
        status,
        status === 'rejected' ? 'The role is not funded for the whole six months.' : null,
        reviewed ? adminId : null,
        reviewed ? sqlTime(open ? now - 15 * DAY : now - 140 * DAY) : null,
        offeredAt,
        offeredAt,
      ])
      const skills = new Set<number>()
      const count = random.int(1, 3)
      while (skills.size < Math.min(count, framework.skills.length)) {
        skills.add(random.pick(framework.skills).id)
      }
      for (const skill of skills) await skillWriter.insert([id, skill])
      list.push({ id, team, digital, capacity, clearance, title, status })
    }
    return list
  }
  const published = await offer(publishedRound, publishedStart, false)
  const opened = await offer(openRound, openStart, true)
  await addRoles(
    loader,
    people,
    Roles.TeamLead,
    [...published, ...opened].map((placement) => placement.team.manager),
    now - 150 * DAY
  )

  // History before the published round: six-month postings since joining, the first at home.
  const organisations = people.organisations.filter(
    (organisation) => organisation.type !== 'directorate'
  )
  type Posting = {
    entrant: BenchEntrant
    organisationId: number
    team: Team | null
    title: string
    from: number
    to: number | null
    digital: boolean
    placementId: number | null
  }
  const history: Posting[] = []
  for (const entrant of entrants) {
    for (let from = entrant.startedOn; from < publishedStart; from = monthStart(from, 6)) {
      const first = from === entrant.startedOn
      const organisation = first
        ? people.organisations[people.organisation[entrant.person]]
        : random.pick(organisations)
      const digital = random.chance(0.25)
      history.push({
        entrant,
        organisationId: organisation.id,
        team: null,
        title: random.pick(digital ? DIGITAL_PLACEMENT_TITLES : OTHER_PLACEMENT_TITLES),
        from,
        to: Math.min(monthStart(from, 6), publishedStart),
        digital,
        placementId: null,
      })
      entrant.departments.add(organisation.department.code)
      if (digital) entrant.hadDigital = true
    }
  }

  // Shortlists: popular placements chosen more often.
  const shortlistWriter = await loader.table(
    'placement_shortlists',
    ['round_id', 'entrant_id', 'submitted_at', 'created_at', 'updated_at'],
    { after: [rounds, entrantWriter] }
  )
  const preferenceWriter = await loader.table(
    'placement_preferences',
    ['shortlist_id', 'placement_id', 'rank'],
    { after: [shortlistWriter, placementWriter] }
  )
  const choose = (pool: BenchPlacement[], picker: WeightedIndex, count: number) => {
    const picked: BenchPlacement[] = []
    const want = Math.min(count, pool.length)
    for (let attempt = 0; picked.length < want && attempt < want * 50; attempt++) {
      const candidate = pool[picker.draw(random)]
      if (!picked.includes(candidate)) picked.push(candidate)
    }
    return picked
  }
  const lists = async (
    round: number,
    pool: BenchPlacement[],
    submittedShare: number,
    draftShare: number,
    at: number
  ) => {
    const picker = new WeightedIndex(random.shuffle(zipfWeights(pool.length, 0.7)))
    const result: { entrant: BenchEntrant; choices: BenchPlacement[]; submittedAt: number }[] = []
    for (const entrant of entrants) {
      const roll = random.next()
      if (roll >= submittedShare + draftShare || pool.length === 0) continue
      const submitted = roll < submittedShare
      const choices = choose(pool, picker, random.int(3, 10))
      const createdAt = at - random.int(1, 10) * DAY
      const submittedAt = createdAt + random.int(0, 86_399) * 1000
      const shortlistId = await shortlistWriter.insert([
        round,
        entrant.id,
        submitted ? sqlTime(submittedAt) : null,
        sqlTime(createdAt),
        sqlTime(submitted ? submittedAt : createdAt),
      ])
      for (const [rank, placement] of choices.entries()) {
        await preferenceWriter.insert([shortlistId, placement.id, rank + 1])
      }
      if (submitted) result.push({ entrant, choices, submittedAt })
    }
    return result
  }
  const publishedLists = await lists(publishedRound, published, 0.94, 0, now - 105 * DAY)
  const openLists = await lists(
    openRound,
    opened.filter((placement) => placement.status === 'approved'),
    0.6,
    0.2,
    now
  )

  // Teams rank the entrants who chose them: most placements in the published round, fewer so far in the open one.
  const rankingWriter = await loader.table(
    'placement_rankings',
    ['placement_id', 'entrant_id', 'rank'],
    { after: [placementWriter, entrantWriter] }
  )
  const rank = async (submitted: typeof publishedLists, share: number) => {
    const applicants = new Map<BenchPlacement, BenchEntrant[]>()
    for (const list of submitted) {
      for (const placement of list.choices) {
        const applied = applicants.get(placement) ?? []
        applied.push(list.entrant)
        applicants.set(placement, applied)
      }
    }
    const orders = new Map<BenchPlacement, BenchEntrant[]>()
    for (const [placement, applied] of applicants) {
      if (!random.chance(share)) continue
      const order = random
        .shuffle([...applied])
        .slice(0, Math.max(1, Math.ceil(applied.length * 0.8)))
      orders.set(placement, order)
      for (const [index, entrant] of order.entries()) {
        await rankingWriter.insert([placement.id, entrant.id, index + 1])
      }
    }
    return { applicants, orders }
  }
  const publishedRanking = await rank(publishedLists, 0.85)
  await rank(openLists, 0.4)

  // The published round, matched by the engine as the service does.
  const order = new Map(publishedLists.map((list, index) => [list.entrant, index]))
  const engineEntrants: Entrant[] = publishedLists.map((list) => ({
    id: String(list.entrant.id),
    preferences: list.choices.map((placement) => String(placement.id)),
    clearance: list.entrant.clearance,
    previousDepartments: [...list.entrant.departments],
    needsDigital:
      list.entrant.startedOn <= monthStart(publishedStart, -12) && !list.entrant.hadDigital,
  }))
  const enginePlacements: Placement[] = published.map((placement) => {
    const ranked = publishedRanking.orders.get(placement) ?? []
    const rest = (publishedRanking.applicants.get(placement) ?? [])
      .filter((entrant) => !ranked.includes(entrant))
      .sort((a, b) => order.get(a)! - order.get(b)!)
    return {
      id: String(placement.id),
      capacity: placement.capacity,
      department: placement.team.organisation.department.code,
      clearanceRequired: placement.clearance,
      digital: placement.digital,
      preferences: [...ranked, ...rest].map((entrant) => String(entrant.id)),
    }
  })
  const result = matchRound({
    entrants: engineEntrants,
    placements: enginePlacements,
    rules: { excludePreviousDepartments: true, enforceDigital: true },
  })
  const matchWriter = await loader.table(
    'placement_matches',
    [
      'round_id',
      'entrant_id',
      'placement_id',
      'choice',
      'unmatched_code',
      'unmatched_reason',
      'created_at',
      'updated_at',
    ],
    { after: [placementWriter, entrantWriter] }
  )
  const placementById = new Map(published.map((placement) => [String(placement.id), placement]))
  const matched = new Map(result.matches.map((match) => [match.entrant, match]))
  const unmatched = new Map(result.unmatched.map((item) => [item.entrant, item]))
  const matchedAt = sqlTime(now - 97 * DAY)
  const placed = new Map<BenchEntrant, BenchPlacement>()
  for (const list of publishedLists) {
    const key = String(list.entrant.id)
    const match = matched.get(key)
    const miss = unmatched.get(key)
    if (match) placed.set(list.entrant, placementById.get(match.placement)!)
    await matchWriter.insert([
      publishedRound,
      list.entrant.id,
      match ? Number(match.placement) : null,
      match?.choice ?? null,
      miss?.code ?? null,
      miss?.reason ?? null,
      matchedAt,
      matchedAt,
    ])
  }

  // Postings: the history, the last one still running unless the round placed the entrant.
  const lastOf = new Map<BenchEntrant, Posting>()
  for (const posting of history) lastOf.set(posting.entrant, posting)
  for (const [entrant, posting] of lastOf) {
    if (!placed.has(entrant)) posting.to = null
  }
  for (const [entrant, placement] of placed) {
    history.push({
      entrant,
      organisationId: placement.team.organisation.id,
      team: placement.team,
      title: placement.title,
      from: publishedStart,
      to: monthStart(publishedStart, 6),
      digital: placement.digital,
      placementId: placement.id,
    })
  }
  const postingWriter = await loader.table(
    'fast_stream_postings',
    [
      'entrant_id',
      'organisation_id',
      'team_id',
      'team_name',
      'title',
      'starts_on',
      'ends_on',
      'is_digital',
      'placement_id',
      'created_at',
      'updated_at',
    ],
    { after: [entrantWriter, placementWriter] }
  )
  for (const posting of history) {
    const recorded = sqlTime(Math.min(posting.from, now))
    await postingWriter.insert([
      posting.entrant.id,
      posting.organisationId,
      posting.team?.id ?? null,
      posting.team?.name ?? (posting.digital ? 'Digital services' : 'Policy and strategy'),
      posting.title,
      sqlDate(posting.from),
      posting.to === null ? null : sqlDate(posting.to),
      posting.digital,
      posting.placementId,
      recorded,
      recorded,
    ])
  }
  return {
    entrants: entrants.length,
    matched: result.stats.matched,
    submitted: publishedLists.length,
  }
}
