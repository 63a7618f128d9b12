import { gradeValues } from '#enums/grades'
import {
  campaignStageValues,
  gapMitigationValues,
  gapSeverityValues,
  gapStatusValues,
  servicePhaseValues,
  SERVICE_MANAGER_THRESHOLD,
  type CampaignStage,
  type PlanStatus,
} from '#enums/workforce'
import type { Random } from '#database/bench/random'
import {
  insertServicePerformance,
  type ReportingService,
} from '#database/bench/service_performance'
import { DAY, sqlDate, sqlTime, type Loader } from '#database/bench/loader'
import type { BenchFramework } from '#database/bench/framework'
import type { BenchOrganisation } from '#database/bench/organisations'
import { BENCH_ADMIN_EMAIL, BENCH_DOMAIN, type BenchPeople } from '#database/bench/people'
import {
  DIGITAL_LEADER_PROFILE,
  SERVICE_FORMS,
  SERVICE_MANAGER_PROFILE,
  SUBJECTS,
} from '#database/bench/vocabulary'

/*
 * The strategy's picture across government: services (a good share over
 * 100,000 transactions a year, most with a named Service Manager, who is
 * trained, booked on the programme, or neither), Digital Leaders for most
 * departments and transactional agencies, and for every department and
 * agency of some size capability plans for two financial years,
 * recruitment campaigns in every stage and a register of capability gaps.
 */

type PlannedService = {
  organisation: BenchOrganisation
  name: string
  transactions: number
  phase: string
  manager: number
}

export type LeadershipPlan = {
  digitalLeaders: Map<BenchOrganisation, number>
  services: PlannedService[]
  serviceManagers: number[]
}

const G7 = gradeValues.indexOf('G7')
const G6 = gradeValues.indexOf('G6')
const SCS2 = gradeValues.indexOf('SCS2')
const SCS3 = gradeValues.indexOf('SCS3')

const transactional = (organisation: BenchOrganisation) =>
  organisation.isTransactional || Boolean(organisation.parent?.isTransactional)

/*
 * Chooses Digital Leaders and the services with their managers before
 * role levels are written, so each holds the role profile that goes with it.
 */
export function planLeadership(
  people: BenchPeople,
  random: Random,
  minimumServices = 0
): LeadershipPlan {
  const taken = new Set<number>(people.accounts.keys())
  const pickIn = (organisation: BenchOrganisation, test: (person: number) => boolean) => {
    const person = people.find(
      organisation,
      (candidate) => !taken.has(candidate) && people.active(candidate) && test(candidate),
      random.int(0, 100_000)
    )
    if (person >= 0) taken.add(person)
    return person
  }

  const digitalLeaders = new Map<BenchOrganisation, number>()
  for (const organisation of people.organisations) {
    const needs =
      !organisation.parent || (organisation.type === 'agency' && transactional(organisation))
    if (!needs || !random.chance(0.85)) continue
    let person = pickIn(organisation, (candidate) => {
      const grade = people.grade[candidate]
      return grade === SCS2 || grade === SCS3
    })
    if (person < 0) person = pickIn(organisation, (candidate) => people.manager[candidate] < 0)
    if (person < 0) continue
    digitalLeaders.set(organisation, person)
    people.profileOverride.set(person, DIGITAL_LEADER_PROFILE)
  }

  const services: PlannedService[] = []
  const serviceManagers: number[] = []
  const namesIn = new Map<BenchOrganisation, Set<string>>()
  const planService = (organisation: BenchOrganisation) => {
    const busy = transactional(organisation)
    const names = namesIn.get(organisation) ?? new Set<string>()
    namesIn.set(organisation, names)
    let name = random.pick(SERVICE_FORMS)(random.pick(SUBJECTS).toLowerCase())
    if (names.has(name)) name = `${name} (${names.size + 1})`
    names.add(name)
    const transactions = Math.round(
      Math.pow(10, busy ? random.float(3, 7.7) : random.float(2.5, 5.5))
    )
    const wantsManager = random.chance(transactions > SERVICE_MANAGER_THRESHOLD ? 0.8 : 0.3)
    let manager = -1
    if (wantsManager) {
      manager = pickIn(organisation, (candidate) => {
        const grade = people.grade[candidate]
        return people.manager[candidate] >= 0 && (grade === G7 || grade === G6)
      })
      if (manager < 0) manager = pickIn(organisation, (candidate) => people.manager[candidate] >= 0)
    }
    if (manager >= 0) {
      serviceManagers.push(manager)
      people.profileOverride.set(manager, SERVICE_MANAGER_PROFILE)
    }
    services.push({
      organisation,
      name,
      transactions,
      phase: random.weighted(servicePhaseValues, [1, 2, 3, 6]),
      manager,
    })
  }
  for (const organisation of people.organisations) {
    const size = organisation.headcount
    const busy = transactional(organisation)
    const count = busy
      ? 1 + random.int(0, Math.min(5, Math.floor(Math.log10(size + 1))))
      : !organisation.parent
        ? random.int(0, 2)
        : random.chance(organisation.type === 'directorate' ? 0.05 : 0.2)
          ? 1
          : 0
    for (let k = 0; k < count; k++) planService(organisation)
  }
  // Up to the number asked for: more services in the largest transactional organisations.
  const largest = people.organisations
    .filter((organisation) => transactional(organisation) && organisation.headcount > 0)
    .sort((a, b) => b.headcount - a.headcount)
  for (let k = 0; services.length < minimumServices && largest.length; k++) {
    planService(largest[k % largest.length])
  }
  return { digitalLeaders, services, serviceManagers }
}

const STAGE_ORDER: CampaignStage[] = ['planned', 'advertised', 'sifting', 'interviewing', 'offers']

export async function insertWorkforce(
  loader: Loader,
  random: Random,
  framework: BenchFramework,
  people: BenchPeople,
  plan: LeadershipPlan,
  now: number,
  performanceMonths = 0
) {
  await loader.flush('users', 'organisations')
  const trx = loader.trx
  const stamp = sqlTime(now)
  for (const [organisation, person] of plan.digitalLeaders) {
    await trx
      .from('organisations')
      .where('id', organisation.id)
      .update({ digital_leader_id: people.id(person), updated_at: stamp })
  }

  const services = await loader.table(
    'services',
    [
      'organisation_id',
      'name',
      'annual_transactions',
      'phase',
      'is_exemplar',
      'service_manager_id',
      'created_at',
      'updated_at',
    ],
    { after: [loader.writer('users')] }
  )
  const reporting: ReportingService[] = []
  for (const service of plan.services) {
    const created = sqlTime(now - random.int(30, 1500) * DAY)
    const managerId = service.manager >= 0 ? people.id(service.manager) : null
    const id = await services.insert([
      service.organisation.id,
      service.name,
      service.transactions,
      service.phase,
      false,
      managerId,
      created,
      created,
    ])
    reporting.push({ id, transactions: service.transactions, managerId })
  }
  await insertServicePerformance(loader, random.fork('performance'), reporting, {
    months: performanceMonths,
    now,
  })

  const emails = new Map([...people.accounts].map(([person, account]) => [account.email, person]))
  const adminPerson = emails.get(BENCH_ADMIN_EMAIL)
  const adminId = adminPerson === undefined ? null : people.id(adminPerson)
  const hrOf = (organisation: BenchOrganisation) => {
    const person = emails.get(`hr.${organisation.department.code}@${BENCH_DOMAIN}`)
    return person === undefined ? null : people.id(person)
  }

  const plans = await loader.table(
    'capability_plans',
    [
      'organisation_id',
      'financial_year',
      'status',
      'copied_from_id',
      'submitted_by',
      'submitted_at',
      'decided_by',
      'decided_at',
      'decision_comment',
      'created_at',
      'updated_at',
    ],
    { after: [loader.writer('users')] }
  )
  const lines = await loader.table(
    'plan_lines',
    [
      'plan_id',
      'role_profile_id',
      'posts_needed',
      'in_post_override',
      'override_reason',
      'planned_to_recruit',
      'planned_to_train',
      'created_at',
      'updated_at',
    ],
    { after: [plans] }
  )
  const campaigns = await loader.table('recruitment_campaigns', [
    'organisation_id',
    'role_profile_id',
    'title',
    'posts',
    'grade',
    'location',
    'stage',
    'planned_on',
    'advertised_on',
    'sifting_on',
    'interviewing_on',
    'offers_on',
    'closed_on',
    'hires',
    'created_at',
    'updated_at',
  ])
  const gaps = await loader.table(
    'capability_gaps',
    [
      'organisation_id',
      'kind',
      'role_profile_id',
      'skill_id',
      'title',
      'description',
      'severity',
      'mitigation',
      'owner_id',
      'due_on',
      'status',
      'source',
      'created_at',
      'updated_at',
    ],
    { after: [loader.writer('users')] }
  )

  const date = new Date(now)
  const year = date.getUTCMonth() >= 3 ? date.getUTCFullYear() : date.getUTCFullYear() - 1
  const today = Math.floor(now / DAY) * DAY
  const planned = people.organisations.filter(
    (organisation) => organisation.type !== 'directorate' && organisation.headcount >= 20
  )
  let campaignNumber = 0
  let gapNumber = 0
  for (const organisation of planned) {
    const hr = hrOf(organisation)
    let previousId: number | null = null
    for (const financialYear of [year - 1, year]) {
      const status: PlanStatus =
        financialYear < year
          ? random.weighted(['approved', 'returned', 'submitted'] as const, [85, 10, 5])
          : random.weighted(['draft', 'submitted', 'returned', 'approved'] as const, [3, 3, 1, 3])
      const createdAt =
        financialYear < year
          ? Date.UTC(financialYear, 1, 1) + random.int(0, 40) * DAY
          : Math.min(Date.UTC(financialYear, 1, 1) + random.int(0, 40) * DAY, now - 30 * DAY)
      const submittedAt = status === 'draft' ? null : createdAt + random.int(5, 20) * DAY
      const decided = status === 'approved' || status === 'returned'
      const decidedAt = decided && submittedAt ? submittedAt + random.int(2, 12) * DAY : null
      const copied = financialYear === year && previousId !== null && random.chance(0.5)
      const planId = await plans.insert([
        organisation.id,
        financialYear,
        status,
        copied ? previousId : null,
        submittedAt === null ? null : hr,
        submittedAt === null ? null : sqlTime(submittedAt),
        decided ? adminId : null,
        decidedAt === null ? null : sqlTime(decidedAt),
        status === 'returned'
          ? 'Say how the largest service will get a trained Service Manager before we approve this.'
          : null,
        sqlTime(createdAt),
        sqlTime(decidedAt ?? submittedAt ?? createdAt),
      ])
      previousId = planId
      const profiles = random
        .shuffle([...framework.profiles])
        .slice(0, random.int(4, Math.min(12, framework.profiles.length)))
      for (const profile of profiles) {
        const posts =
          1 + Math.floor(Math.pow(random.next(), 2) * Math.max(3, organisation.headcount / 400))
        const override = random.chance(0.15) ? random.int(0, posts) : null
        await lines.insert([
          planId,
          profile.id,
          posts,
          override,
          override === null ? null : 'Contractors cover these posts until the campaign closes.',
          random.int(0, Math.ceil(posts / 2)),
          random.int(0, 4 + Math.floor(posts / 5)),
          sqlTime(createdAt),
          sqlTime(createdAt),
        ])
      }
    }

    const campaignCount = Math.min(40, 1 + Math.floor(organisation.headcount / 1500))
    for (let k = 0; k < campaignCount; k++) {
      const stage = campaignStageValues[campaignNumber % campaignStageValues.length]
      campaignNumber += 1
      const profile = random.pick(framework.profiles)
      const grade = profile.levels[0].grades.length
        ? gradeValues[profile.levels[0].grades[profile.levels[0].grades.length - 1]]
        : null
      const posts = random.int(1, 8)
      const location = random.pick(organisation.locations)
      // Dates of the stages reached, each 1 to 4 weeks after the one before.
      const reached =
        stage === 'filled'
          ? STAGE_ORDER.length
          : stage === 'closed'
            ? random.int(1, 4)
            : STAGE_ORDER.indexOf(stage) + 1
      const finished = stage === 'filled' || stage === 'closed'
      const last = today - (finished ? random.int(5, 300) : random.int(0, 20)) * DAY
      const dates: (number | null)[] = Array.from({ length: 6 }, () => null)
      let cursor = finished ? last - random.int(7, 21) * DAY : last
      for (let step = reached - 1; step >= 0; step--) {
        dates[step] = cursor
        cursor -= random.int(7, 28) * DAY
      }
      if (finished) dates[5] = last
      await campaigns.insert([
        organisation.id,
        profile.id,
        `${profile.name}${posts === 1 ? '' : 's'}, ${location}`,
        posts,
        grade,
        location,
        stage,
        ...dates.map((value) => (value === null ? null : sqlDate(value))),
        stage === 'filled' ? random.int(1, posts) : 0,
        sqlTime(dates[0]!),
        sqlTime(last),
      ])
    }

    const gapCount = random.int(2, 8)
    for (let k = 0; k < gapCount; k++) {
      const status = gapStatusValues[gapNumber % gapStatusValues.length]
      gapNumber += 1
      const headcount = random.chance(0.5)
      const profile = random.pick(framework.profiles)
      const skill = random.pick(framework.skills)
      const short = random.int(1, 6)
      const created = now - random.int(10, 300) * DAY
      await gaps.insert([
        organisation.id,
        headcount ? 'headcount' : 'skill',
        headcount ? profile.id : null,
        headcount ? null : skill.id,
        headcount
          ? `${short} ${profile.name} ${short === 1 ? 'post' : 'posts'} short`
          : `${skill.name}: people below the level their role needs`,
        headcount
          ? `The plan needs more ${profile.name.toLowerCase()} posts than are filled or being recruited.`
          : `Validated levels show too few people at the level their role needs in ${skill.name.toLowerCase()}.`,
        random.pick(gapSeverityValues),
        status === 'suggested' ? null : random.pick(gapMitigationValues),
        hr,
        sqlDate(today + random.int(-60, 200) * DAY),
        status,
        status === 'suggested' ? (headcount ? 'plan' : 'gap_engine') : 'manual',
        sqlTime(created),
        sqlTime(created + random.int(0, 9) * DAY),
      ])
    }
  }

  // The exemplars from the reference data get Service Managers too.
  const exemplars = await loader.trx
    .from('services')
    .where('is_exemplar', true)
    .whereNull('service_manager_id')
    .orderBy('id')
    .select('id', 'organisation_id')
  for (const exemplar of exemplars) {
    const organisation = people.organisations.find(
      (candidate) => candidate.id === Number(exemplar.organisation_id)
    )
    if (!organisation || !random.chance(0.7)) continue
    const manager = plan.serviceManagers.find(
      (person) => people.organisation[person] === organisation.index
    )
    if (manager === undefined) continue
    await loader.trx
      .from('services')
      .where('id', exemplar.id)
      .update({ service_manager_id: people.id(manager), updated_at: stamp })
  }
}
