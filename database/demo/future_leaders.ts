import type { DateTime } from 'luxon'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { matchRound } from '#domain/fast_stream/matching_engine'
import type { Entrant, Placement as EnginePlacement } from '#domain/fast_stream/round'
import { gradeValues } from '#enums/grades'

/*
 * The demo's Future Leaders Scheme (Digital Strategy action 04): one
 * scheme, three cohorts of middle managers at Grade 7 and Grade 6
 * (fiona.macdonald901@demo.example … nadia.ahmed912@demo.example, named as
 * the demo's staff are, numbered from 901), and two
 * Future Leaders rounds whose placements are each in a digitally
 * delivered service of the register, offered by the Fast Stream demo's
 * delivery teams in the service's own department. The published round is
 * matched by the engine and its postings added; the open round takes
 * choices now. Against the rule (a placement in a digitally delivered
 * service within the scheme's 18 months): the earliest cohort's matched
 * Future Leaders have met it and the others missed it (the open round's
 * postings end after their scheme does); in the middle cohort those with
 * an approved placement on a submitted list are on track and the rest at
 * risk (the open round is their last chance); the latest cohort is on
 * track (two rounds still fit). Dates follow `now`; deterministic; needs
 * the demo's services and Fast Stream teams; does nothing once a Future
 * Leaders scheme exists.
 */

const DEMO_DOMAIN = 'demo.example'

/* Who joins, where, at what grade, and in which cohort (0 earliest). */
const PEOPLE: Array<[string, string, 'G7' | 'G6', 0 | 1 | 2]> = [
  ['Fiona MacDonald', 'hmrc', 'G7', 0],
  ['Gareth Lloyd', 'gds', 'G6', 0],
  ['Priya Shah', 'moj', 'G7', 0],
  ['Declan Kelly', 'dvla', 'G7', 0],
  ['Harriet Booth', 'ho', 'G6', 0],
  ['Callum Fraser', 'dft', 'G7', 1],
  ['Samina Hussain', 'hmrc', 'G7', 1],
  ['Rhian Davies', 'dft', 'G6', 1],
  ['Tariq Khan', 'co', 'G7', 1],
  ['Eleanor Bennett', 'defra', 'G6', 1],
  ['Alistair Gray', 'ho', 'G7', 2],
  ['Nadia Ahmed', 'moj', 'G6', 2],
]

/* Placements: [team, service, title, round (0 published, 1 open), status]. */
const PLACEMENTS: Array<[string, string, string, 0 | 1, 'approved' | 'offered']> = [
  [
    'Digital tax platform team',
    'Self Assessment online',
    'Operations lead, Self Assessment online',
    0,
    'approved',
  ],
  [
    'Universal Credit digital team',
    'Jobseeker’s Allowance online claims',
    'Service operations manager, online claims',
    0,
    'approved',
  ],
  [
    'Prison visits booking team',
    'Prison visits booking',
    'Head of operations, prison visits booking',
    0,
    'approved',
  ],
  [
    'Vehicle licensing digital team',
    'Tax your vehicle',
    'Operations manager, Tax your vehicle',
    1,
    'approved',
  ],
  [
    'Tax credits service team',
    'VAT returns online',
    'Service delivery manager, VAT returns online',
    1,
    'approved',
  ],
  ['Visas digital team', 'Renew a passport', 'Operations lead, passport renewals', 1, 'approved'],
  [
    'Transport data team',
    'Book your driving test',
    'Performance and operations manager, driving test bookings',
    1,
    'approved',
  ],
  [
    'Electoral registration team',
    'Government Gateway registration',
    'Service operations manager, Government Gateway',
    1,
    'offered',
  ],
]

const SKILLS = ['Service ownership', 'Stakeholder relationship management', 'Agile working']

const DESCRIPTION =
  'Run the day-to-day operation of a digital service that the public use: its performance, its support and the people who keep it going. You will manage a team, work with the Service Manager on the service’s roadmap and see how a digitally delivered service is run end to end.'

export type DemoFutureLeadersSummary = {
  participants: number
  placements: number
  published: { matched: number; entrants: number }
}

/* Spans of control the demo keeps to: every manager has 3 to 8 reports. */
const MIN_REPORTS = 3
const MAX_REPORTS = 8

const rank = (grade: unknown) => gradeValues.indexOf(String(grade) as (typeof gradeValues)[number])

/*
 * Gives each Future Leader a line manager in their own organisation, senior
 * to them, nearest grade first, who keeps 3 to 8 reports: one with room,
 * else one whose span is full hands a report who manages nobody to another
 * manager with room and above that report's grade (never one whose
 * manager has decided anything of theirs). Failing both, any manager with room.
 */
async function assignLineManagers(
  trx: TransactionClientContract,
  people: Array<{ userId: number; organisationId: number; grade: string }>
) {
  const newcomers = people.map((person) => person.userId)
  for (const person of people) {
    const rows = await trx
      .from('users as u')
      .where('u.organisation_id', person.organisationId)
      .whereNotIn('u.id', newcomers)
      .whereNull('u.deactivated_at')
      .orderBy('u.id')
      .select('u.id', 'u.grade', 'u.line_manager_id')
      .select(
        trx.from('users as r').whereColumn('r.line_manager_id', 'u.id').count('*').as('reports')
      )
    const staff = rows.map((row) => ({
      id: Number(row.id),
      grade: String(row.grade),
      managerId: row.line_manager_id === null ? null : Number(row.line_manager_id),
      reports: Number(row.reports),
    }))
    // Someone whose manager has decided a request, claim or assessment of theirs keeps that manager.
    const decidedByManager = new Set<number>()
    for (const [table, decider] of [
      ['enrolments', 'decided_by'],
      ['skill_claims', 'decided_by'],
      ['skill_assessments', 'assessed_by'],
    ] as const) {
      const decided = await trx
        .from(`${table} as d`)
        .join('users as p', 'p.id', 'd.user_id')
        .where('p.organisation_id', person.organisationId)
        .whereColumn(`d.${decider}`, 'p.line_manager_id')
        .distinct('p.id')
      for (const row of decided) decidedByManager.add(Number(row.id))
    }
    const hasRoom = (row: (typeof staff)[number]) =>
      row.reports >= MIN_REPORTS && row.reports < MAX_REPORTS
    const seniors = staff
      .filter((row) => rank(row.grade) > rank(person.grade) && row.reports >= MIN_REPORTS)
      .sort((a, b) => rank(a.grade) - rank(b.grade) || a.id - b.id)
    let manager = seniors.find(hasRoom)
    for (const full of manager ? [] : seniors) {
      const leaf = staff
        .filter(
          (row) => row.managerId === full.id && row.reports === 0 && !decidedByManager.has(row.id)
        )
        .sort((a, b) => rank(a.grade) - rank(b.grade) || a.id - b.id)[0]
      const taker = leaf
        ? staff.find(
            (row) => row.id !== full.id && hasRoom(row) && rank(row.grade) > rank(leaf.grade)
          )
        : undefined
      if (!leaf || !taker) continue
      await trx.from('users').where('id', leaf.id).update({ line_manager_id: taker.id })
      manager = full
      break
    }
    manager ??= staff
      .filter(hasRoom)
      .sort((a, b) => rank(b.grade) - rank(a.grade) || a.id - b.id)[0]
    if (!manager) continue
    await trx.from('users').where('id', person.userId).update({ line_manager_id: manager.id })
  }
}

const stamp = (at: DateTime) => at.toUTC().toFormat('yyyy-MM-dd HH:mm:ss')
const day = (at: DateTime) => at.toUTC().toISODate()!

async function idsOf(trx: TransactionClientContract, table: string, after: number) {
  const rows = await trx.from(table).where('id', '>', after).orderBy('id').select('id')
  return rows.map((row) => Number(row.id))
}

async function lastId(trx: TransactionClientContract, table: string) {
  const row = await trx.from(table).max('id as id').first()
  return Number(row?.id ?? 0)
}

export async function seedDemoFutureLeaders(
  client: QueryClientContract,
  { now, passwordHash }: { now: DateTime; passwordHash: string }
): Promise<DemoFutureLeadersSummary | null> {
  return client.transaction(async (trx) => {
    const already = await trx
      .from('fast_stream_schemes')
      .where('programme', 'future_leaders')
      .select('id')
      .first()
    if (already) return null
    const admin = await trx
      .from('users')
      .where('email', `faststream@${DEMO_DOMAIN}`)
      .select('id')
      .first()
    if (!admin) return null
    const at = stamp(now)
    const made = { created_at: at, updated_at: at }

    const organisations = await trx.from('organisations').select('id', 'code')
    const orgByCode = new Map(organisations.map((row) => [String(row.code), Number(row.id)]))
    const teams = await trx
      .from('teams')
      .join('organisations as o', 'o.id', 'teams.organisation_id')
      .select('teams.id', 'teams.name', 'teams.organisation_id', 'teams.location', 'o.path')
    const services = await trx
      .from('services')
      .join('organisations as o', 'o.id', 'services.organisation_id')
      .where('services.has_digital_channel', true)
      .whereIn('services.phase', ['beta', 'live'])
      .select('services.id', 'services.name', 'services.organisation_id', 'o.path')
    const departmentOf = (id: number, path: string) =>
      String(path).split('/').filter(Boolean).map(Number)[0] ?? id
    // Each placement's team and its own department's digitally delivered service; skipped when either is missing.
    const plans = PLACEMENTS.flatMap(([teamName, serviceName, title, round, status]) => {
      const team = teams.find((row) => row.name === teamName)
      const service = services.find((row) => row.name === serviceName)
      if (!team || !service) return []
      const sameDepartment =
        departmentOf(Number(team.organisation_id), team.path) ===
        departmentOf(Number(service.organisation_id), service.path)
      return sameDepartment ? [{ team, service, title, round, status }] : []
    })
    if (!plans.some((plan) => plan.round === 0)) return null
    const leads = await trx
      .from('users')
      .join('user_roles', 'user_roles.user_id', 'users.id')
      .where('user_roles.role', 'team_lead')
      .whereNotNull('users.team_id')
      .select('users.id', 'users.team_id')
    const leadOfTeam = new Map(leads.map((row) => [Number(row.team_id), Number(row.id)]))

    // The scheme and its cohorts: joined 12, 6 and 1 months ago.
    const [schemeId] = await trx.table('fast_stream_schemes').insert({
      name: 'Future Leaders Scheme',
      description:
        'Middle managers at Grade 7 and Grade 6 gain operational management experience in a digitally delivered service area.',
      programme: 'future_leaders',
      ...made,
    })
    const starts = [12, 6, 1].map((months) => now.minus({ months }).startOf('month'))
    const cohortsBefore = await lastId(trx, 'fast_stream_cohorts')
    await trx.table('fast_stream_cohorts').multiInsert(
      starts.map((start) => ({
        name: `Future Leaders ${start.toFormat('LLLL yyyy')}`,
        intake_year: start.year,
        ...made,
      }))
    )
    const cohortIds = await idsOf(trx, 'fast_stream_cohorts', cohortsBefore)

    // The middle managers: accounts in their departments, learners, on the scheme.
    const people = PEOPLE.filter(([, code]) => orgByCode.has(code)).map(
      ([fullName, code, grade, cohort], index) => ({
        fullName,
        email: `${fullName.toLowerCase().replace(' ', '.')}${901 + index}@${DEMO_DOMAIN}`,
        organisationId: orgByCode.get(code)!,
        grade,
        cohort,
      })
    )
    const usersBefore = await lastId(trx, 'users')
    await trx.table('users').multiInsert(
      people.map((person) => ({
        full_name: person.fullName,
        email: person.email,
        password: passwordHash,
        organisation_id: person.organisationId,
        grade: person.grade,
        profession: 'operational_delivery',
        ...made,
      }))
    )
    const userIds = await idsOf(trx, 'users', usersBefore)
    await assignLineManagers(
      trx,
      people.map((person, index) => ({
        userId: userIds[index],
        organisationId: person.organisationId,
        grade: person.grade,
      }))
    )
    await trx
      .table('user_roles')
      .multiInsert(userIds.map((userId) => ({ user_id: userId, role: 'learner', created_at: at })))
    const entrantsBefore = await lastId(trx, 'fast_stream_entrants')
    await trx.table('fast_stream_entrants').multiInsert(
      people.map((person, index) => ({
        user_id: userIds[index],
        scheme_id: schemeId,
        cohort_id: cohortIds[person.cohort],
        clearance: index % 3 === 0 ? 'SC' : 'BPSS',
        location_preferences: 'London',
        started_on: day(starts[person.cohort]),
        ...made,
      }))
    )
    const entrantIds = await idsOf(trx, 'fast_stream_entrants', entrantsBefore)
    const participants = people.map((person, index) => ({ ...person, id: entrantIds[index] }))

    // Rounds: one published (as the Fast Stream's, its results three months ago), one open now.
    const publishedPostings = now.minus({ months: 2 }).startOf('month')
    const openPostings = publishedPostings.plus({ months: 6 })
    const roundsBefore = await lastId(trx, 'placement_rounds')
    const rules = { exclude_previous_departments: false, enforce_digital: true, max_preferences: 5 }
    await trx.table('placement_rounds').multiInsert([
      {
        name: `Future Leaders: ${now.minus({ months: 5 }).toFormat('LLLL yyyy')} placements`,
        programme: 'future_leaders',
        status: 'published',
        placements_open_at: stamp(now.minus({ months: 5 })),
        preferences_open_at: stamp(now.minus({ months: 4 })),
        preferences_close_at: stamp(now.minus({ months: 3, days: 14 })),
        results_at: stamp(now.minus({ months: 3 })),
        next_round_on: day(now.minus({ days: 7 })),
        posting_starts_on: day(publishedPostings),
        posting_ends_on: day(openPostings),
        ...rules,
        matched_at: stamp(now.minus({ months: 3, days: 7 })),
        published_at: stamp(now.minus({ months: 3 })),
        ...made,
      },
      {
        name: `Future Leaders: ${now.toFormat('LLLL yyyy')} placements`,
        programme: 'future_leaders',
        status: 'open',
        placements_open_at: stamp(now.minus({ days: 21 })),
        preferences_open_at: stamp(now.minus({ days: 7 })),
        preferences_close_at: stamp(now.plus({ days: 14 }).set({ hour: 17, minute: 0, second: 0 })),
        results_at: stamp(now.plus({ days: 28 })),
        next_round_on: day(now.plus({ months: 7 })),
        posting_starts_on: day(openPostings),
        posting_ends_on: day(openPostings.plus({ months: 6 })),
        ...rules,
        matched_at: null,
        published_at: null,
        ...made,
      },
    ])
    const roundIds = await idsOf(trx, 'placement_rounds', roundsBefore)

    // Placements, each in its team's department's digitally delivered service, so each is digital.
    const placementsBefore = await lastId(trx, 'placements')
    await trx.table('placements').multiInsert(
      plans.map((plan) => ({
        round_id: roundIds[plan.round],
        team_id: plan.team.id,
        organisation_id: plan.team.organisation_id,
        service_id: plan.service.id,
        offered_by: leadOfTeam.get(Number(plan.team.id)) ?? null,
        title: plan.title,
        location: plan.team.location ?? 'London',
        description: `${plan.title} in the ${plan.team.name}. ${DESCRIPTION}`,
        clearance_required: 'BPSS',
        is_digital: true,
        capacity: 1,
        starts_on: day(plan.round === 0 ? publishedPostings : openPostings),
        status: plan.status,
        review_note: null,
        reviewed_by: plan.status === 'approved' ? admin.id : null,
        reviewed_at: plan.status === 'approved' ? at : null,
        ...made,
      }))
    )
    const placementIds = await idsOf(trx, 'placements', placementsBefore)
    const placements = plans.map((plan, index) => ({ ...plan, id: placementIds[index] }))
    const skills = await trx.from('skills').whereIn('name', SKILLS).select('id')
    if (skills.length) {
      await trx
        .table('placement_skills')
        .multiInsert(
          placements.flatMap((placement) =>
            skills.map((skill) => ({ placement_id: placement.id, skill_id: skill.id }))
          )
        )
    }

    // Lists: the earliest cohort chose in the published round; in the open round the middle
    // cohort's first two submitted an approved placement, the third started a list, the rest none.
    const published = placements.filter((placement) => placement.round === 0)
    const open = placements.filter(
      (placement) => placement.round === 1 && placement.status === 'approved'
    )
    const lists: Array<{ round: number; entrant: number; choices: number[]; submitted: boolean }> =
      []
    participants
      .filter((person) => person.cohort === 0)
      .forEach((person, index) =>
        lists.push({
          round: roundIds[0],
          entrant: person.id,
          choices: published.map((_, i) => published[(i + index) % published.length].id),
          submitted: true,
        })
      )
    participants
      .filter((person) => person.cohort === 1)
      .slice(0, 3)
      .forEach((person, index) =>
        lists.push({
          round: roundIds[1],
          entrant: person.id,
          choices: open.slice(index, index + 2).map((placement) => placement.id),
          submitted: index < 2,
        })
      )
    const listsBefore = await lastId(trx, 'placement_shortlists')
    await trx.table('placement_shortlists').multiInsert(
      lists.map((list, index) => ({
        round_id: list.round,
        entrant_id: list.entrant,
        submitted_at: list.submitted
          ? stamp(
              list.round === roundIds[0]
                ? now.minus({ months: 3, days: 20, minutes: -index * 41 })
                : now.minus({ days: 5, minutes: -index * 41 })
            )
          : null,
        ...made,
      }))
    )
    const listIds = await idsOf(trx, 'placement_shortlists', listsBefore)
    await trx.table('placement_preferences').multiInsert(
      lists.flatMap((list, index) =>
        list.choices.map((placementId, position) => ({
          shortlist_id: listIds[index],
          placement_id: placementId,
          rank: position + 1,
        }))
      )
    )

    // The published round, matched by the same engine as the Fast Stream's. No team ranked,
    // so each takes its applicants by how highly they chose it, then by who submitted first.
    const publishedLists = lists.filter((list) => list.round === roundIds[0])
    const engineEntrants: Entrant[] = publishedLists.map((list) => ({
      id: String(list.entrant),
      preferences: list.choices.map(String),
      clearance: 'BPSS',
      previousDepartments: [],
      needsDigital: true,
    }))
    const enginePlacements: EnginePlacement[] = published.map((placement) => ({
      id: String(placement.id),
      capacity: 1,
      department: String(departmentOf(Number(placement.team.organisation_id), placement.team.path)),
      clearanceRequired: 'BPSS',
      digital: true,
      preferences: publishedLists
        .map((list, order) => ({ list, order, rank: list.choices.indexOf(placement.id) }))
        .filter((entry) => entry.rank >= 0)
        .sort((a, b) => a.rank - b.rank || a.order - b.order)
        .map((entry) => String(entry.list.entrant)),
    }))
    const result = matchRound({
      entrants: engineEntrants,
      placements: enginePlacements,
      rules: { excludePreviousDepartments: false, enforceDigital: true },
    })
    const matched = new Map(result.matches.map((match) => [Number(match.entrant), match]))
    const unmatched = new Map(result.unmatched.map((item) => [Number(item.entrant), item]))
    await trx.table('placement_matches').multiInsert(
      publishedLists.map((list) => {
        const match = matched.get(list.entrant)
        const miss = unmatched.get(list.entrant)
        return {
          round_id: roundIds[0],
          entrant_id: list.entrant,
          placement_id: match ? Number(match.placement) : null,
          choice: match ? match.choice : null,
          unmatched_code: miss?.code ?? null,
          unmatched_reason: miss?.reason ?? null,
          ...made,
        }
      })
    )
    const postings = [...matched.values()].map((match) => {
      const placement = published.find((one) => one.id === Number(match.placement))!
      return {
        entrant_id: Number(match.entrant),
        organisation_id: placement.team.organisation_id,
        team_id: placement.team.id,
        team_name: placement.team.name,
        title: placement.title,
        starts_on: day(publishedPostings),
        ends_on: day(openPostings),
        is_digital: true,
        placement_id: placement.id,
        ...made,
      }
    })
    if (postings.length) await trx.table('fast_stream_postings').multiInsert(postings)

    return {
      participants: participants.length,
      placements: placements.length,
      published: { matched: result.stats.matched, entrants: result.stats.entrants },
    }
  })
}
