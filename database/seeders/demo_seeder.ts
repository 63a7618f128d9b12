import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import hash from '@adonisjs/core/services/hash'
import logger from '@adonisjs/core/services/logger'
import { BaseSeeder } from '@adonisjs/lucid/seeders'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { Faker, base, en, en_GB } from '@faker-js/faker'
import type Organisation from '#models/organisation'
import { readOrganisationSeed } from '#database/seeders/main_seeder'
import { upsertOrganisationTree } from '#services/organisation_tree'
import { seedFramework } from '#actions/framework/seed_framework'
import { describeDemoLearning, seedDemoLearning } from '#database/demo/learning'
import { seedDemoNominations } from '#database/demo/nominations'
import { describeDemoSelfPaced, seedDemoSelfPaced } from '#database/demo/self_paced'
import { seedDemoCapability } from '#database/demo/capability'
import { seedDemoServices } from '#database/demo/services'
import { seedDemoServicePerformance } from '#database/demo/service_performance'
import { seedDemoWorkforce } from '#database/demo/workforce'
import { seedDemoSnapshots } from '#database/demo/insights'
import { seedDemoFastStream } from '#database/demo/fast_stream'
import { seedDemoSingleSignOn } from '#database/demo/single_sign_on'
import { seedDemoFutureLeaders } from '#database/demo/future_leaders'
import { describeDemoCertificates, seedDemoCertificates } from '#database/demo/certificates'
import { describeDemoPackages, seedDemoPackages } from '#database/demo/packages'
import { describeDemoBudgets, seedDemoBudgets } from '#database/demo/budgets'
import { describeDemoFeedback, seedDemoFeedback } from '#database/demo/feedback'
import {
  describeDemoRequiredLearning,
  seedDemoRequiredLearning,
} from '#database/demo/required_learning'
import { britishNames } from '#database/demo/british_names'
import { recordAudit } from '#services/audit'
import { AuditActions } from '#enums/audit_actions'
import { gradeValues, type Grade } from '#enums/grades'
import type { Profession } from '#enums/professions'
import { Roles, type Role } from '#enums/roles'
import { refreshStandings } from '#actions/capability/refresh_standings'

const DEMO_EMAIL_DOMAIN = 'demo.example'
export const DEMO_PASSWORD = 'demo-password'
export const DEMO_ADMIN_EMAIL = `admin@${DEMO_EMAIL_DOMAIN}`
const DEMO_LEARNER_COUNT = 50

const LEARNER_MANAGER_PAIRS = 10
const MIN_REPORTS = 3
const MAX_REPORTS = 8
const CHUNK = 500

const faker = new Faker({ locale: [britishNames, en_GB, en, base] })

type GradeWeights = Partial<Record<Grade, number>>
type ProfessionWeights = Partial<Record<Profession, number>>
type TeamPlan = { name: string; location: string }
type StaffMix = 'operational' | 'policy' | 'digital'

type OrganisationPlan = {
  code: string
  headcount: number
  topGrade: Grade
  mix: StaffMix
  professions: ProfessionWeights
  teams: TeamPlan[]
  teamLead: boolean
  hr: boolean
}

/* Who works where in the demo; the order also decides how learner accounts are spread. */
const PLANS: OrganisationPlan[] = [
  {
    code: 'gds',
    headcount: 32,
    topGrade: 'SCS2',
    mix: 'digital',
    professions: { digital: 20, project_delivery: 3, analysis: 2, communications: 1 },
    teams: [
      { name: 'GOV.UK publishing team', location: 'London' },
      { name: 'Identity assurance team', location: 'London' },
      { name: 'Performance Platform team', location: 'London' },
    ],
    teamLead: true,
    hr: false,
  },
  {
    code: 'dvla',
    headcount: 30,
    topGrade: 'SCS2',
    mix: 'operational',
    professions: { operational_delivery: 10, digital: 3 },
    teams: [
      { name: 'Vehicle licensing digital team', location: 'Swansea' },
      { name: 'Driver licensing digital team', location: 'Swansea' },
    ],
    teamLead: true,
    hr: true,
  },
  {
    code: 'hmrc',
    headcount: 36,
    topGrade: 'SCS3',
    mix: 'operational',
    professions: { tax: 12, operational_delivery: 6, digital: 2 },
    teams: [
      { name: 'Self Assessment online team', location: 'Newcastle' },
      { name: 'PAYE digital team', location: 'Manchester' },
      { name: 'VAT online services team', location: 'Glasgow' },
    ],
    teamLead: true,
    hr: true,
  },
  {
    code: 'dwp',
    headcount: 36,
    topGrade: 'SCS3',
    mix: 'operational',
    professions: { operational_delivery: 12, digital: 2 },
    teams: [
      { name: 'Universal Credit digital team', location: 'Manchester' },
      { name: "Carer's Allowance digital team", location: 'Leeds' },
      { name: 'Jobseekers online services team', location: 'Sheffield' },
    ],
    teamLead: true,
    hr: true,
  },
  {
    code: 'ch',
    headcount: 16,
    topGrade: 'SCS2',
    mix: 'operational',
    professions: { operational_delivery: 6, digital: 2, knowledge_information: 2 },
    teams: [{ name: 'Company filing digital team', location: 'Cardiff' }],
    teamLead: true,
    hr: true,
  },
  {
    code: 'opg',
    headcount: 15,
    topGrade: 'SCS1',
    mix: 'operational',
    professions: { operational_delivery: 8, legal: 2 },
    teams: [{ name: 'Lasting power of attorney digital team', location: 'Birmingham' }],
    teamLead: true,
    hr: true,
  },
  {
    code: 'rpa',
    headcount: 16,
    topGrade: 'SCS2',
    mix: 'operational',
    professions: { operational_delivery: 8, finance: 2 },
    teams: [{ name: 'Rural payments digital team', location: 'Newcastle' }],
    teamLead: true,
    hr: true,
  },
  {
    code: 'ho',
    headcount: 26,
    topGrade: 'SCS3',
    mix: 'policy',
    professions: { operational_delivery: 6, policy: 4 },
    teams: [
      { name: 'Visa applications digital team', location: 'Sheffield' },
      { name: 'Passport applications digital team', location: 'Glasgow' },
    ],
    teamLead: true,
    hr: true,
  },
  {
    code: 'lr',
    headcount: 16,
    topGrade: 'SCS2',
    mix: 'operational',
    professions: { operational_delivery: 6, legal: 3, knowledge_information: 3 },
    teams: [{ name: 'Property information digital team', location: 'Plymouth' }],
    teamLead: false,
    hr: true,
  },
  {
    code: 'moj',
    headcount: 18,
    topGrade: 'SCS2',
    mix: 'policy',
    professions: { legal: 5, policy: 4 },
    teams: [{ name: 'Prison visits booking team', location: 'London' }],
    teamLead: false,
    hr: true,
  },
  {
    code: 'dft',
    headcount: 16,
    topGrade: 'SCS2',
    mix: 'policy',
    professions: { policy: 5, science_engineering: 3, analysis: 2 },
    teams: [{ name: 'Transport data team', location: 'London' }],
    teamLead: false,
    hr: true,
  },
  {
    code: 'defra',
    headcount: 15,
    topGrade: 'SCS2',
    mix: 'policy',
    professions: { science_engineering: 6, policy: 4 },
    teams: [{ name: 'Environmental permits digital team', location: 'Bristol' }],
    teamLead: false,
    hr: true,
  },
  {
    code: 'bis',
    headcount: 14,
    topGrade: 'SCS2',
    mix: 'policy',
    professions: { policy: 6, analysis: 3 },
    teams: [{ name: 'Business support digital team', location: 'Sheffield' }],
    teamLead: false,
    hr: true,
  },
  {
    code: 'co',
    headcount: 14,
    topGrade: 'SCS4',
    mix: 'policy',
    professions: { policy: 5, human_resources: 2, communications: 2 },
    teams: [{ name: 'Civil Service Learning digital team', location: 'London' }],
    teamLead: false,
    hr: true,
  },
]

const STAFF_GRADES: Record<StaffMix, GradeWeights> = {
  operational: { AA: 8, AO: 30, EO: 30, HEO: 18, SEO: 9, G7: 5 },
  policy: { AA: 3, AO: 10, EO: 22, HEO: 28, SEO: 22, G7: 15 },
  digital: { AA: 1, AO: 4, EO: 15, HEO: 30, SEO: 30, G7: 20 },
}
const TEAM_MANAGER_GRADES: GradeWeights = { HEO: 2, SEO: 4, G7: 4, G6: 1 }
const SENIOR_MANAGER_GRADES: GradeWeights = { G6: 5, SCS1: 4, SCS2: 1 }

const BASE_PROFESSIONS: ProfessionWeights = {
  policy: 2,
  operational_delivery: 2,
  project_delivery: 2,
  digital: 2,
  finance: 1,
  commercial: 1,
  communications: 1,
  analysis: 1,
  human_resources: 1,
  knowledge_information: 1,
  other: 1,
}
const DELIVERY_TEAM_PROFESSIONS: ProfessionWeights = {
  digital: 6,
  project_delivery: 2,
  operational_delivery: 1,
  analysis: 1,
}

type Shape = { reports: Shape[] }

type Account = { email: string; roles: Role[]; profession?: Profession; named: boolean }

type Slot = {
  plan: OrganisationPlan
  manager: Slot | null
  reports: Slot[]
  height: number
  grade: Grade
  team: TeamPlan | null
  account: Account | null
}

type DemoSummary = {
  people: number
  organisations: number
  teams: number
  lineManagers: number
  namedAccounts: number
}

/* Splits a headcount into a line-management tree where every manager has 3 to 8 reports. */
function shape(size: number): Shape {
  const reports = size - 1
  if (reports === 0) return { reports: [] }
  if (reports < MIN_REPORTS) throw new Error(`A unit of ${size} people cannot be line-managed.`)
  if (reports <= MAX_REPORTS) return { reports: Array.from({ length: reports }, () => shape(1)) }

  let sizes: number[]
  if (reports < MIN_REPORTS * (MIN_REPORTS + 1)) {
    const rest = reports - 1
    sizes = [1, Math.floor(rest / 2), Math.ceil(rest / 2)]
  } else {
    const most = Math.min(MAX_REPORTS, Math.floor(reports / (MIN_REPORTS + 1)))
    const count = Math.max(MIN_REPORTS, Math.min(most, Math.round(reports / 10)))
    sizes = Array.from(
      { length: count },
      (_, i) => Math.floor(reports / count) + (i < reports % count ? 1 : 0)
    )
  }
  return { reports: sizes.map(shape) }
}

/* Lays an organisation's shape out as slots, managers before their reports. */
function layOut(plan: OrganisationPlan): Slot[] {
  const slots: Slot[] = []
  const place = (node: Shape, manager: Slot | null): Slot => {
    const slot: Slot = {
      plan,
      manager,
      reports: [],
      height: 0,
      grade: plan.topGrade,
      team: null,
      account: null,
    }
    slot.reports = node.reports.map((child) => place(child, slot))
    slot.height = slot.reports.length === 0 ? 0 : 1 + Math.max(...slot.reports.map((r) => r.height))
    return slot
  }
  const queue = [place(shape(plan.headcount), null)]
  while (queue.length > 0) {
    const slot = queue.shift()!
    slots.push(slot)
    queue.push(...slot.reports)
  }
  return slots
}

function weighted<T extends string>(weights: Partial<Record<T, number>>): T {
  const options = (Object.entries(weights) as [T, number][])
    .filter(([, weight]) => weight > 0)
    .map(([value, weight]) => ({ value, weight }))
  return faker.helpers.weightedArrayElement(options)
}

function gradeBelow(ceiling: Grade, weights: GradeWeights): Grade {
  const rank = gradeValues.indexOf(ceiling)
  const allowed: GradeWeights = {}
  for (const [grade, weight] of Object.entries(weights) as [Grade, number][]) {
    if (gradeValues.indexOf(grade) < rank) allowed[grade] = weight
  }
  if (Object.keys(allowed).length === 0) return gradeValues[Math.max(rank - 1, 0)]
  return weighted(allowed)
}

function mergeWeights(...all: ProfessionWeights[]): ProfessionWeights {
  const merged: ProfessionWeights = {}
  for (const weights of all) {
    for (const [key, weight] of Object.entries(weights) as [Profession, number][]) {
      merged[key] = (merged[key] ?? 0) + weight
    }
  }
  return merged
}

function emailSlug(value: string) {
  return value
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z-]/g, '')
}

const demoEmail = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`

/*
 * Decides, without touching the database, who the demo people are: the
 * management trees, grades, teams, named accounts and names.
 */
function planPeople() {
  faker.seed(2013)
  const byPlan = new Map<OrganisationPlan, Slot[]>(PLANS.map((plan) => [plan, layOut(plan)]))
  const all = [...byPlan.values()].flat()

  for (const slot of all) {
    if (!slot.manager) continue
    const weights =
      slot.height >= 2
        ? SENIOR_MANAGER_GRADES
        : slot.height === 1
          ? TEAM_MANAGER_GRADES
          : STAFF_GRADES[slot.plan.mix]
    slot.grade = gradeBelow(slot.manager.grade, weights)
  }

  for (const [plan, slots] of byPlan) {
    const teamManagers = slots.filter((slot) => slot.height === 1 && slot.manager)
    if (teamManagers.length < plan.teams.length) {
      throw new Error(`Not enough managers in ${plan.code} for ${plan.teams.length} teams.`)
    }
    plan.teams.forEach((team, index) => {
      const manager = teamManagers[index]
      manager.team = team
      for (const report of manager.reports) report.team = team
    })
  }

  const claim = (slot: Slot, account: Account) => {
    slot.account = account
    return slot
  }
  const free = (plan: OrganisationPlan, test: (slot: Slot) => boolean = () => true) =>
    byPlan.get(plan)!.filter((slot) => slot.manager && !slot.account && test(slot))
  const pickFree = (code: string, ...preferences: ((slot: Slot) => boolean)[]) => {
    const plan = PLANS.find((candidate) => candidate.code === code)!
    for (const preference of [...preferences, () => true]) {
      const found = free(plan, preference)[0]
      if (found) return found
    }
    throw new Error(`No free place left in ${code} for a named demo account.`)
  }
  const isStaff = (slot: Slot) => slot.height === 0 && !slot.team

  for (const plan of PLANS) {
    if (!plan.teamLead) continue
    const lead = byPlan.get(plan)!.find((slot) => slot.height === 1 && slot.team === plan.teams[0])!
    claim(lead, {
      email: demoEmail(`teamlead.${plan.code}`),
      roles: [Roles.TeamLead, Roles.Learner],
      named: true,
    })
  }

  const atGrade =
    (...grades: Grade[]) =>
    (slot: Slot) =>
      isStaff(slot) && grades.includes(slot.grade)
  claim(pickFree('gds', atGrade('G7', 'SEO')), {
    email: DEMO_ADMIN_EMAIL,
    roles: [Roles.CapabilityAdmin, Roles.Learner],
    named: true,
    profession: 'digital',
  })
  claim(pickFree('gds', atGrade('HEO', 'SEO'), isStaff), {
    email: demoEmail('courses'),
    roles: [Roles.CourseAdmin, Roles.Learner],
    named: true,
    profession: 'human_resources',
  })
  claim(pickFree('co', atGrade('HEO', 'SEO', 'G7'), isStaff), {
    email: demoEmail('faststream'),
    roles: [Roles.FastStreamAdmin, Roles.Learner],
    named: true,
    profession: 'human_resources',
  })
  for (const plan of PLANS) {
    if (!plan.hr) continue
    claim(pickFree(plan.code, atGrade('HEO', 'SEO'), isStaff), {
      email: demoEmail(`hr.${plan.code}`),
      roles: [Roles.DepartmentHr, Roles.Learner],
      named: true,
      profession: 'human_resources',
    })
  }

  let learnerNumber = 0
  const nextLearner = (): Account => {
    learnerNumber += 1
    const number = String(learnerNumber).padStart(2, '0')
    return { email: demoEmail(`learner${number}`), roles: [Roles.Learner], named: true }
  }

  let pairs = 0
  while (pairs < LEARNER_MANAGER_PAIRS) {
    const before = pairs
    for (const plan of PLANS) {
      if (pairs >= LEARNER_MANAGER_PAIRS) break
      const manager = free(
        plan,
        (slot) => slot.height === 1 && slot.reports.some((r) => !r.account)
      )[0]
      if (!manager) continue
      claim(manager, nextLearner())
      claim(
        manager.reports.find((report) => !report.account)!,
        nextLearner()
      )
      pairs += 1
    }
    if (pairs === before) throw new Error('Not enough managers for the demo learner accounts.')
  }
  while (learnerNumber < DEMO_LEARNER_COUNT) {
    const before = learnerNumber
    for (const plan of PLANS) {
      if (learnerNumber >= DEMO_LEARNER_COUNT) break
      const slot = free(plan, (candidate) => candidate.height === 0)[0] ?? free(plan)[0]
      if (slot) claim(slot, nextLearner())
    }
    if (learnerNumber === before)
      throw new Error('Not enough people for the demo learner accounts.')
  }

  let sequence = 0
  return all.map((slot) => {
    const profession =
      slot.account?.profession ??
      weighted(
        slot.team
          ? DELIVERY_TEAM_PROFESSIONS
          : mergeWeights(BASE_PROFESSIONS, slot.plan.professions)
      )
    const sex = faker.person.sex() as 'female' | 'male'
    const firstName = faker.person.firstName(sex)
    const lastName = faker.person.lastName()
    let account = slot.account
    if (!account) {
      sequence += 1
      const local = `${emailSlug(firstName)}.${emailSlug(lastName)}${sequence}`
      account = claim(slot, {
        email: demoEmail(local),
        roles: [Roles.Learner],
        named: false,
      }).account!
    }
    return { slot, fullName: `${firstName} ${lastName}`, profession, account }
  })
}

type PlannedPerson = ReturnType<typeof planPeople>[number]

/* Inserts the planned people level by level, so each manager's id exists before their reports. */
async function insertPeople(
  trx: TransactionClientContract,
  people: PlannedPerson[],
  organisations: Map<string, Organisation>
) {
  const now = DateTime.local().toFormat(trx.dialect.dateTimeFormat)

  const orgId = (code: string) => {
    const organisation = organisations.get(code)
    if (!organisation) throw new Error(`The organisation tree has no "${code}".`)
    return organisation.id
  }

  const teamKey = (organisationId: number, name: string) => `${organisationId}:${name}`
  const wantedTeams = PLANS.flatMap((plan) =>
    plan.teams.map((team) => ({
      organisation_id: orgId(plan.code),
      name: team.name,
      location: team.location,
    }))
  )
  const loadTeams = async () => {
    const rows = await trx
      .from('teams')
      .whereIn('organisation_id', [...new Set(wantedTeams.map((team) => team.organisation_id))])
      .select('id', 'organisation_id', 'name')
    return new Map<string, number>(
      rows.map((row) => [teamKey(row.organisation_id, row.name), row.id])
    )
  }
  let teamIds = await loadTeams()
  const missingTeams = wantedTeams.filter(
    (team) => !teamIds.has(teamKey(team.organisation_id, team.name))
  )
  if (missingTeams.length > 0) {
    await trx
      .table('teams')
      .multiInsert(missingTeams.map((team) => ({ ...team, created_at: now, updated_at: now })))
    teamIds = await loadTeams()
  }

  const password = await hash.make(DEMO_PASSWORD)
  const ids = new Map<Slot, number>()
  let level = people.filter((person) => !person.slot.manager)
  while (level.length > 0) {
    const rows = level.map((person) => {
      const organisationId = orgId(person.slot.plan.code)
      return {
        full_name: person.fullName,
        email: person.account.email,
        password,
        organisation_id: organisationId,
        team_id: person.slot.team
          ? teamIds.get(teamKey(organisationId, person.slot.team.name))
          : null,
        grade: person.slot.grade,
        profession: person.profession,
        line_manager_id: person.slot.manager ? ids.get(person.slot.manager) : null,
        created_at: now,
        updated_at: now,
      }
    })
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK)
      await trx.table('users').multiInsert(chunk)
      const inserted = await trx
        .from('users')
        .whereIn(
          'email',
          chunk.map((row) => row.email)
        )
        .select('id', 'email')
      const idByEmail = new Map<string, number>(inserted.map((row) => [row.email, row.id]))
      for (const person of level.slice(i, i + CHUNK)) {
        ids.set(person.slot, idByEmail.get(person.account.email)!)
      }
    }
    const placed = new Set(level.map((person) => person.slot))
    level = people.filter((person) => person.slot.manager && placed.has(person.slot.manager))
  }

  const roleRows = people.flatMap((person) =>
    person.account.roles.map((role) => ({ user_id: ids.get(person.slot)!, role, created_at: now }))
  )
  for (let i = 0; i < roleRows.length; i += CHUNK) {
    await trx.table('user_roles').multiInsert(roleRows.slice(i, i + CHUNK))
  }

  return { teams: wantedTeams.length, roles: roleRows.length }
}

/* Gives demos and local development a believable civil service to sign in to; never for production. */
export default class DemoSeeder extends BaseSeeder {
  static environment = ['development', 'test']

  async run() {
    if (app.inProduction) {
      throw new Error(
        'The demo seeder refuses to run in production: it creates accounts with a published password.'
      )
    }

    const started = performance.now()
    await seedFramework(this.client)
    const entries = readOrganisationSeed()
    const summary = await this.client.transaction(async (trx): Promise<DemoSummary | null> => {
      const organisations = await upsertOrganisationTree(entries, trx)
      const existing = await trx.from('users').where('email', DEMO_ADMIN_EMAIL).select('id').first()
      if (existing) return null

      const people = planPeople()
      const inserted = await insertPeople(trx, people, organisations)
      const managers = new Set(people.map((person) => person.slot.manager).filter(Boolean))
      const result: DemoSummary = {
        people: people.length,
        organisations: new Set(people.map((person) => person.slot.plan.code)).size,
        teams: inserted.teams,
        lineManagers: managers.size,
        namedAccounts: people.filter((person) => person.account.named).length,
      }
      await recordAudit(
        {
          action: AuditActions.Create,
          subjectType: 'demo_data',
          subjectLabel: 'Demo data',
          actorId: null,
          after: { ...result, roles: inserted.roles },
        },
        trx
      )
      return result
    })
    const learning = await seedDemoLearning(this.client, { now: DateTime.now() })
    // After the courses, before the e-learning packages, which join its self-paced awareness course.
    const selfPaced = await seedDemoSelfPaced(this.client, { now: DateTime.now() })
    if (selfPaced) logger.info(describeDemoSelfPaced(selfPaced))
    // After the demo's courses and learners: the service's own e-learning packages, being taken.
    const packages = await seedDemoPackages(this.client, { now: DateTime.now() })
    if (packages) logger.info(describeDemoPackages(packages))
    // After the demo's sessions and self-paced courses: a line manager's bookings of their reports.
    await seedDemoNominations(this.client, { now: DateTime.now() })
    await seedDemoCapability(this.client, { now: DateTime.now() })
    await seedDemoServices(this.client, { now: DateTime.now() })
    // After the services and the Service Manager programme's completions they read.
    const figures = await seedDemoServicePerformance(this.client, { now: DateTime.now() })
    if (figures) {
      logger.info(
        `Demo service performance: ${figures.periods} periods of figures for ${figures.services} services.`
      )
    }
    await seedDemoWorkforce(this.client, { now: DateTime.now() })
    await seedDemoSingleSignOn(this.client)
    const fastStream = await seedDemoFastStream(this.client, {
      now: DateTime.now(),
      passwordHash: await hash.make(DEMO_PASSWORD),
    })
    // After the Fast Stream: Future Leaders placements are offered by its delivery teams.
    const futureLeaders = await seedDemoFutureLeaders(this.client, {
      now: DateTime.now(),
      passwordHash: await hash.make(DEMO_PASSWORD),
    })
    // After the e-learning: feedback on courses attended and on the self-paced course.
    const feedback = await seedDemoFeedback(this.client, { now: DateTime.now() })
    if (feedback) logger.info(describeDemoFeedback(feedback))
    // After every booking is in: budgets they commit and spend against, one department over.
    const budgets = await seedDemoBudgets(this.client, { now: DateTime.now() })
    if (budgets) logger.info(describeDemoBudgets(budgets))
    // Courses required of the senior officials and the Service Managers, with the completions that count for them.
    const required = await seedDemoRequiredLearning(this.client, { now: DateTime.now() })
    if (required) logger.info(describeDemoRequiredLearning(required))
    // After every kind of completion is in: their certificates, one expired and one revoked.
    const certificates = await seedDemoCertificates(this.client, { now: DateTime.now() })
    if (certificates) logger.info(describeDemoCertificates(certificates))
    // The demo's people and assessments went in row by row: count their standings once.
    await refreshStandings('everyone', this.client)
    // Then a year of the daily snapshots leading up to today's measures, for the trend lines.
    const snapshots = await seedDemoSnapshots(this.client, { now: DateTime.now() })
    if (snapshots) {
      logger.info(
        `Demo trends: ${snapshots.days} days of snapshots for ${snapshots.organisations - 1} departments and all of government (${snapshots.rows} measures).`
      )
    }
    if (fastStream) {
      logger.info(
        `Demo Fast Stream: ${fastStream.entrants} entrants, ${fastStream.placements} placements; ` +
          `published round matched ${fastStream.published.matched} of ${fastStream.published.entrants}; ` +
          `open round has ${fastStream.openShortlists.submitted} lists submitted and ${fastStream.openShortlists.draft} in draft.`
      )
    }
    if (futureLeaders) {
      logger.info(
        `Demo Future Leaders Scheme: ${futureLeaders.participants} middle managers, ${futureLeaders.placements} placements in digitally delivered services; ` +
          `published round matched ${futureLeaders.published.matched} of ${futureLeaders.published.entrants}.`
      )
    }
    logger.info(
      learning
        ? describeDemoLearning(learning)
        : 'Demo learning data already present (its courses exist); nothing added.'
    )

    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    if (!summary) {
      logger.info(`Demo data already present (${DEMO_ADMIN_EMAIL} exists); nothing added.`)
      return
    }
    logger.info(
      `Demo data: ${summary.people} people in ${summary.organisations} organisations, ` +
        `${summary.lineManagers} line managers, ${summary.teams} teams, ` +
        `${summary.namedAccounts} named accounts (password "${DEMO_PASSWORD}"), in ${seconds}s.`
    )
  }
}
