import { type DateTime } from 'luxon'
import { Faker, base, en, en_GB } from '@faker-js/faker'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { planFigures } from '#queries/workforce/plans_query'
import { instantFromSql } from '#domain/shared/uk_time'
import {
  describeSkillShortfall,
  headcountGapSeverity,
  skillGapSeverity,
  type SkillShortfall,
} from '#domain/workforce/gap_severity'
import type {
  CampaignStage,
  GapKind,
  GapMitigation,
  GapSeverity,
  GapStatus,
  PlanStatus,
} from '#enums/workforce'

/*
 * The demo's workforce picture for the departments with demo people:
 * capability plans for last financial year and this one (relative to
 * `now`, so copying last year's plan works for next year) in every
 * status, recruitment
 * campaigns in every stage with their dates in order, and a capability-gap
 * register with gaps of both kinds in every status, owned by each
 * department's HR account. Written straight to the tables in batches;
 * deterministic for a given `now`; does nothing once any plan exists.
 */

const CHUNK = 400
const DEMO_DOMAIN = 'demo.example'
const ADMIN_EMAIL = `admin@${DEMO_DOMAIN}`

/* The departments planned for, with where they recruit. */
const DEPARTMENTS: { code: string; locations: string[] }[] = [
  { code: 'dft', locations: ['London', 'Hastings'] },
  { code: 'hmrc', locations: ['Newcastle', 'Manchester', 'Glasgow'] },
  { code: 'dwp', locations: ['Leeds', 'Manchester', 'Sheffield'] },
  { code: 'bis', locations: ['Sheffield', 'London'] },
  { code: 'moj', locations: ['London', 'Leeds'] },
  { code: 'defra', locations: ['Bristol', 'York'] },
  { code: 'ho', locations: ['Sheffield', 'Croydon'] },
  { code: 'co', locations: ['London', 'Newcastle'] },
]

/* The financial years planned for, as their start years: last year's and this year's. */
export function demoPlanYears(now: DateTime): [lastYear: number, thisYear: number] {
  const thisYear = now.month >= 4 ? now.year : now.year - 1
  return [thisYear - 1, thisYear]
}

/* Role profiles the plans and campaigns draw on, by name in the framework. */
export const DEMO_PLAN_PROFILES = [
  'Service Manager',
  'Product manager',
  'Delivery manager',
  'User researcher',
  'Software developer',
  'Content designer',
  'Performance analyst',
  'Technical architect',
] as const

/* Skills the skill gaps name, by name in the framework. */
const DEMO_GAP_SKILLS = [
  'Agile working',
  'Coding and scripting',
  'Accessibility',
  'Data analysis and synthesis',
  'Stakeholder relationship management',
] as const

/* The typical grade a campaign for each profile recruits at. */
const CAMPAIGN_GRADES: Record<(typeof DEMO_PLAN_PROFILES)[number], string> = {
  'Service Manager': 'G6',
  'Product manager': 'G7',
  'Delivery manager': 'SEO',
  'User researcher': 'SEO',
  'Software developer': 'HEO',
  'Content designer': 'HEO',
  'Performance analyst': 'SEO',
  'Technical architect': 'G7',
}

/* This year's plans by department, in order; last year's are approved but for the one returned. */
const STATUSES_THIS_YEAR: PlanStatus[] = [
  'draft',
  'submitted',
  'returned',
  'approved',
  'submitted',
  'draft',
  'approved',
  'returned',
]
const RETURNED_LAST_YEAR_INDEX = 5

const RETURN_COMMENTS = [
  'The number of developers planned to recruit is more than the posts needed: please check the figures.',
  'Say how you will fill the Service Manager post for your largest service before we can approve this.',
  'The in-post figures overridden by hand need a fuller reason, saying where the people are counted.',
]

const OVERRIDE_REASONS = [
  'Two contractors fill these posts until the permanent campaign closes.',
  'One person is on loan to GDS and is counted there.',
  'Interim staff covering parental leave are not yet in the people records.',
  'The count includes a person who has moved to the agency in April.',
]

const STAGES: CampaignStage[] = [
  'planned',
  'advertised',
  'sifting',
  'interviewing',
  'offers',
  'filled',
  'closed',
]
const CAMPAIGNS_PER_DEPARTMENT = 3

const GAP_STATUSES: GapStatus[] = ['suggested', 'open', 'in_progress', 'closed', 'dismissed']
const GAP_SEVERITIES: GapSeverity[] = ['low', 'medium', 'high', 'critical']
const GAPS_PER_DEPARTMENT = 5

/*
 * The figures behind suggested skill gaps, so the register shows the
 * severity rule at work: the only person in a role one level short (low),
 * most people far short (critical), many a little short (medium), many far
 * short (high) and some far short (medium).
 */
const SUGGESTION_SHAPES: SkillShortfall[] = [
  { people: 1, below: 1, levelsShort: 1 },
  { people: 12, below: 7, levelsShort: 15 },
  { people: 10, below: 4, levelsShort: 5 },
  { people: 20, below: 6, levelsShort: 13 },
  { people: 15, below: 3, levelsShort: 6 },
]
/* Suggestions each department has beside its register's five gaps, for HR to decide many at once. */
const EXTRA_SUGGESTIONS = 2

export type DemoWorkforceSummary = {
  plans: number
  planLines: number
  overrides: number
  campaigns: number
  gaps: number
  overdueGaps: number
}

async function insertChunks(
  trx: TransactionClientContract,
  table: string,
  rows: Record<string, unknown>[]
) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx.table(table).multiInsert(rows.slice(i, i + CHUNK))
  }
}

/* Ids by name, throwing one error that names every name not found. */
async function idsByName(
  trx: TransactionClientContract,
  table: 'role_profiles' | 'skills',
  names: readonly string[]
) {
  const rows = await trx
    .from(table)
    .whereIn('name', [...names])
    .select('id', 'name')
  const ids = new Map<string, number>(rows.map((row) => [String(row.name), Number(row.id)]))
  const missing = names.filter((name) => !ids.has(name))
  if (missing.length > 0) {
    const what = table === 'role_profiles' ? 'role profiles' : 'skills'
    throw new Error(
      `The demo workforce data needs these ${what}, missing from the framework: ${missing.join(', ')}. Seed the framework first.`
    )
  }
  return ids
}

/* Seeds the workforce demo data; does nothing (returns null) once any capability plan exists. */
export async function seedDemoWorkforce(
  client: QueryClientContract,
  { now }: { now: DateTime }
): Promise<DemoWorkforceSummary | null> {
  const faker = new Faker({ locale: [en_GB, en, base] })
  faker.seed(2015)
  return client.transaction(async (trx) => {
    const existing = await trx.from('capability_plans').select('id').first()
    if (existing) return null

    const admin = await trx.from('users').where('email', ADMIN_EMAIL).select('id').first()
    if (!admin) return null
    const adminId = Number(admin.id)

    const codes = DEPARTMENTS.map((department) => department.code)
    const organisationRows = await trx
      .from('organisations')
      .whereIn('code', codes)
      .select('id', 'code')
    const organisationIds = new Map<string, number>(
      organisationRows.map((row) => [String(row.code), Number(row.id)])
    )
    const hrRows = await trx
      .from('users')
      .whereIn(
        'email',
        codes.map((code) => `hr.${code}@${DEMO_DOMAIN}`)
      )
      .select('id', 'email', 'organisation_id')
    const hrIds = new Map<string, number>(
      hrRows.map((row) => [String(row.email).split('@')[0].slice(3), Number(row.id)])
    )
    const departments = DEPARTMENTS.map((department, index) => ({
      ...department,
      index,
      organisationId: organisationIds.get(department.code),
      hrId: hrIds.get(department.code),
    })).filter(
      (department): department is typeof department & { organisationId: number; hrId: number } =>
        department.organisationId !== undefined && department.hrId !== undefined
    )
    if (departments.length === 0) return null

    const profiles = await idsByName(trx, 'role_profiles', DEMO_PLAN_PROFILES)
    const skills = await idsByName(trx, 'skills', DEMO_GAP_SKILLS)

    const stamp = (value: DateTime) => value.toFormat(trx.dialect.dateTimeFormat)
    const day = (value: DateTime) => value.toFormat('yyyy-MM-dd')
    const today = now.startOf('day')

    // Plans: one per department and year, then their lines.
    const [lastYear, thisYear] = demoPlanYears(now)
    const planRows: Record<string, unknown>[] = []
    for (const department of departments) {
      for (const year of [lastYear, thisYear]) {
        const status: PlanStatus =
          year === lastYear
            ? department.index === RETURNED_LAST_YEAR_INDEX
              ? 'returned'
              : 'approved'
            : STATUSES_THIS_YEAR[department.index % STATUSES_THIS_YEAR.length]
        // Last year's plans went in over a year ago; this year's in the last few weeks.
        const createdAt = now.minus({
          days:
            year === lastYear
              ? faker.number.int({ min: 420, max: 480 })
              : faker.number.int({ min: 40, max: 70 }),
        })
        const submittedAt =
          status === 'draft'
            ? null
            : createdAt.plus({ days: faker.number.int({ min: 5, max: 20 }) })
        const decided = status === 'approved' || status === 'returned'
        const decidedAt =
          decided && submittedAt
            ? submittedAt.plus({ days: faker.number.int({ min: 2, max: 12 }) })
            : null
        const updatedAt = decidedAt ?? submittedAt ?? createdAt
        planRows.push({
          organisation_id: department.organisationId,
          financial_year: year,
          status,
          copied_from_id: null,
          submitted_by: submittedAt ? department.hrId : null,
          submitted_at: submittedAt ? stamp(submittedAt) : null,
          decided_by: decided ? adminId : null,
          decided_at: decidedAt ? stamp(decidedAt) : null,
          decision_comment:
            status === 'returned'
              ? RETURN_COMMENTS[department.index % RETURN_COMMENTS.length]
              : null,
          created_at: stamp(createdAt),
          updated_at: stamp(updatedAt),
        })
      }
    }
    await insertChunks(trx, 'capability_plans', planRows)
    const plans = await trx
      .from('capability_plans')
      .whereIn(
        'organisation_id',
        departments.map((department) => department.organisationId)
      )
      .select('id', 'organisation_id', 'financial_year', 'created_at')
      .orderBy('id')
    const planIds = new Map<string, number>(
      plans.map((plan) => [`${plan.organisation_id}:${plan.financial_year}`, Number(plan.id)])
    )
    // This year's plans start from the year before's, as HR do in the service.
    for (const department of departments) {
      const previous = planIds.get(`${department.organisationId}:${lastYear}`)
      const current = planIds.get(`${department.organisationId}:${thisYear}`)
      if (previous && current && department.index % 2 === 0) {
        await trx.from('capability_plans').where('id', current).update({ copied_from_id: previous })
      }
    }

    const lineRows: Record<string, unknown>[] = []
    let overrides = 0
    for (const plan of plans) {
      const count = faker.number.int({ min: 4, max: 8 })
      const chosen = faker.helpers.arrayElements([...DEMO_PLAN_PROFILES], count)
      for (const name of chosen) {
        const postsNeeded = faker.number.int({ min: 1, max: 14 })
        const override = faker.datatype.boolean({ probability: 0.2 })
          ? faker.number.int({ min: 0, max: postsNeeded })
          : null
        if (override !== null) overrides += 1
        lineRows.push({
          plan_id: plan.id,
          role_profile_id: profiles.get(name),
          posts_needed: postsNeeded,
          in_post_override: override,
          override_reason: override === null ? null : faker.helpers.arrayElement(OVERRIDE_REASONS),
          planned_to_recruit: faker.number.int({ min: 0, max: Math.ceil(postsNeeded / 2) }),
          planned_to_train: faker.number.int({ min: 0, max: 4 }),
          created_at: plan.created_at,
          updated_at: plan.created_at,
        })
      }
    }
    await insertChunks(trx, 'plan_lines', lineRows)

    // Campaigns: every stage across the departments, dates each on or after the one before.
    const campaignRows: Record<string, unknown>[] = []
    for (const department of departments) {
      for (let k = 0; k < CAMPAIGNS_PER_DEPARTMENT; k++) {
        const stage = STAGES[(department.index + k * 3) % STAGES.length]
        const name = faker.helpers.arrayElement([...DEMO_PLAN_PROFILES])
        const posts = faker.number.int({ min: 1, max: 6 })
        // Days between one stage and the next: planned→advertised→sifting→interviews→offers→closed.
        const steps = [
          faker.number.int({ min: 7, max: 30 }),
          faker.number.int({ min: 14, max: 28 }),
          faker.number.int({ min: 7, max: 21 }),
          faker.number.int({ min: 7, max: 14 }),
          faker.number.int({ min: 7, max: 21 }),
        ]
        // How many dated stages the campaign has reached (planned = 1 … closed = 6).
        const reached =
          stage === 'filled'
            ? 6
            : stage === 'closed'
              ? faker.number.int({ min: 2, max: 4 }) + 1
              : STAGES.indexOf(stage) + 1
        const span = steps.slice(0, reached - 1).reduce((sum, days) => sum + days, 0)
        const last = today.minus({
          days:
            stage === 'filled' || stage === 'closed'
              ? faker.number.int({ min: 5, max: 200 })
              : faker.number.int({ min: 0, max: 10 }),
        })
        let date = last.minus({ days: span })
        const dates: (DateTime | null)[] = [date]
        for (let step = 1; step < 6; step++) {
          if (step < reached - (stage === 'closed' ? 1 : 0)) {
            date = date.plus({ days: steps[step - 1] })
            dates.push(date)
          } else {
            dates.push(null)
          }
        }
        // Closed unfilled: the campaign stops at its last stage reached and closes then.
        if (stage === 'closed') dates[5] = last
        const [plannedOn, advertisedOn, siftingOn, interviewingOn, offersOn, closedOn] = dates
        const location = faker.helpers.arrayElement(department.locations)
        const createdAt = stamp(plannedOn!)
        campaignRows.push({
          organisation_id: department.organisationId,
          role_profile_id: profiles.get(name),
          title: `${name}${posts === 1 ? '' : 's'}, ${location}`,
          posts,
          grade: CAMPAIGN_GRADES[name],
          location,
          stage,
          planned_on: plannedOn ? day(plannedOn) : null,
          advertised_on: advertisedOn ? day(advertisedOn) : null,
          sifting_on: siftingOn ? day(siftingOn) : null,
          interviewing_on: interviewingOn ? day(interviewingOn) : null,
          offers_on: offersOn ? day(offersOn) : null,
          closed_on: closedOn ? day(closedOn) : null,
          hires: stage === 'filled' ? faker.number.int({ min: 1, max: posts }) : 0,
          created_at: createdAt,
          updated_at: stamp(last),
        })
      }
    }
    await insertChunks(trx, 'recruitment_campaigns', campaignRows)
    await freezeDemoPlans(trx, stamp)

    // Gaps: both kinds, every status, owned by the department's HR.
    const gapRows: Record<string, unknown>[] = []
    let overdueGaps = 0
    for (const department of departments) {
      for (let k = 0; k < GAPS_PER_DEPARTMENT; k++) {
        const status = GAP_STATUSES[(department.index + k) % GAP_STATUSES.length]
        const kind: GapKind = (department.index + k) % 2 === 0 ? 'headcount' : 'skill'
        let severity = GAP_SEVERITIES[(department.index * 3 + k) % GAP_SEVERITIES.length]
        const created = now.minus({ days: faker.number.int({ min: 20, max: 200 }) })
        const due = today.plus({ days: faker.number.int({ min: -60, max: 150 }) })
        const finished = status === 'closed' || status === 'dismissed'
        if (!finished && due < today) overdueGaps += 1
        let title: string
        let description: string
        let mitigation: GapMitigation
        let roleProfileId: number | null = null
        let skillId: number | null = null
        if (kind === 'headcount') {
          const name = faker.helpers.arrayElement([...DEMO_PLAN_PROFILES])
          const short = faker.number.int({ min: 1, max: 5 })
          roleProfileId = profiles.get(name)!
          title = `${short} ${name} ${short === 1 ? 'post' : 'posts'} short`
          description = `The plan needs more ${name.toLowerCase()} posts than are filled or being recruited.`
          mitigation = faker.helpers.arrayElement(['recruit', 'contract', 'share'] as const)
          if (status === 'suggested') {
            // As the plan suggests it: three times as many posts needed as are short.
            const postsNeeded = short * 3
            description = `The plan needs ${postsNeeded}; ${postsNeeded - short} in post and 0 being recruited.`
            severity = headcountGapSeverity({ postsNeeded, postsShort: short })!
          }
        } else {
          const name = faker.helpers.arrayElement([...DEMO_GAP_SKILLS])
          skillId = skills.get(name)!
          title = `${name}: people below the level their role needs`
          description = `Validated levels show too few people at the level their role needs in ${name.toLowerCase()}.`
          mitigation = faker.helpers.arrayElement(['train', 'train', 'share'] as const)
          if (status === 'suggested') {
            const shape = SUGGESTION_SHAPES[department.index % SUGGESTION_SHAPES.length]
            description = describeSkillShortfall(shape)
            severity = skillGapSeverity(shape)!
          }
        }
        if (status === 'dismissed') {
          description += '\n\nDismissed: Covered by the shared team at GDS for this year.'
        }
        gapRows.push({
          organisation_id: department.organisationId,
          kind,
          role_profile_id: roleProfileId,
          skill_id: skillId,
          title,
          description,
          severity,
          mitigation,
          owner_id: department.hrId,
          due_on: day(due),
          status,
          source: status === 'suggested' ? (kind === 'skill' ? 'gap_engine' : 'plan') : 'manual',
          created_at: stamp(created),
          updated_at: stamp(created.plus({ days: faker.number.int({ min: 0, max: 15 }) })),
        })
      }
    }

    // More suggestions from people's skills, for skills not yet on the department's register.
    for (const department of departments) {
      const taken = new Set(
        gapRows
          .filter((row) => row.organisation_id === department.organisationId)
          .map((row) => row.skill_id)
      )
      const free = DEMO_GAP_SKILLS.filter((name) => !taken.has(skills.get(name)))
      for (const [j, name] of free.slice(0, EXTRA_SUGGESTIONS).entries()) {
        const shape = SUGGESTION_SHAPES[(department.index + j + 1) % SUGGESTION_SHAPES.length]
        const created = now.minus({ days: 1 + j })
        gapRows.push({
          organisation_id: department.organisationId,
          kind: 'skill',
          role_profile_id: null,
          skill_id: skills.get(name)!,
          title: `${name}: people below the level their role needs`,
          description: describeSkillShortfall(shape),
          severity: skillGapSeverity(shape)!,
          mitigation: 'train',
          owner_id: department.hrId,
          due_on: day(today.plus({ days: 90 })),
          status: 'suggested',
          source: 'gap_engine',
          created_at: stamp(created),
          updated_at: stamp(created),
        })
      }
    }
    await insertChunks(trx, 'capability_gaps', gapRows)

    return {
      plans: plans.length,
      planLines: lineRows.length,
      overrides,
      campaigns: campaignRows.length,
      gaps: gapRows.length,
      overdueGaps,
    }
  })
}

/*
 * Sent and approved plans keep the figures they were sent (and approved)
 * with, as the service freezes them. People joined while some approved
 * plans waited, and more since: those plans show figures at submission, at
 * approval and today, each different.
 */
async function freezeDemoPlans(trx: TransactionClientContract, stamp: (value: DateTime) => string) {
  const plans = await trx
    .from('capability_plans')
    .whereIn('status', ['submitted', 'approved'])
    .select(
      'id',
      'organisation_id',
      'status',
      'submitted_by',
      'submitted_at',
      'decided_by',
      'decided_at'
    )
    .orderBy('id')
  const when = (value: unknown) => stamp(instantFromSql(value)!)
  let approvedSeen = 0
  for (const plan of plans) {
    const { lines } = await planFigures(
      { id: Number(plan.id), organisationId: Number(plan.organisation_id) },
      trx
    )
    const approved = plan.status === 'approved'
    // Every other approved plan gained people between sending and approval, and since.
    const moved = approved && approvedSeen++ % 2 === 0
    const grown = moved ? lines.find((line) => !line.inPostOverridden && line.inPost >= 2) : null
    const figures = (less: number) =>
      lines.map((line) => {
        const inPostComputed = line === grown ? line.inPostComputed - less : line.inPostComputed
        const inPost = line.inPostOverridden ? line.inPost : inPostComputed
        return {
          role_profile_id: line.roleProfile.id,
          posts_needed: line.postsNeeded,
          in_post: inPost,
          in_post_computed: inPostComputed,
          in_post_overridden: line.inPostOverridden,
          vacancies: Math.max(0, line.postsNeeded - inPost),
          planned_to_recruit: line.plannedToRecruit,
          planned_to_train: line.plannedToTrain,
          campaign_posts: line.campaignPosts,
        }
      })
    const stages: [string, number, unknown, unknown][] = [
      ['submission', grown ? 2 : 0, plan.submitted_by, plan.submitted_at],
    ]
    if (grown) stages.push(['approval', 1, plan.decided_by, plan.decided_at])
    for (const [stage, less, takenBy, takenAt] of stages) {
      const at = when(takenAt)
      const [snapshotId] = await trx.table('plan_snapshots').insert({
        plan_id: plan.id,
        stage,
        taken_by: takenBy,
        taken_at: at,
        created_at: at,
        updated_at: at,
      })
      const rows = figures(less).map((row) => ({ snapshot_id: snapshotId, ...row }))
      if (rows.length) await trx.table('plan_snapshot_lines').multiInsert(rows)
    }
  }
}
