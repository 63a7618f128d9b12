import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import DemoSeeder from '#database/seeders/demo_seeder'
import { seedDemoWorkforce } from '#database/demo/workforce'
import { campaignStageValues, gapStatusValues, planStatusLabels } from '#enums/workforce'
import { OrganisationScope } from '#services/organisation_scope'
import { digitalLeaderCompliance, servicesWithWarnings } from '#queries/workforce/compliance_query'
import { digitalLeaderStates } from '#domain/workforce/digital_leader_standing'
import {
  currentFinancialYear,
  frozenFiguresOf,
  listPlans,
  planFigures,
} from '#queries/workforce/plans_query'
import { startPlan } from '#actions/workforce/start_plan'
import { skillGapSeverity } from '#domain/workforce/gap_severity'
import { rowCount } from '#tests/support/database'

const DEPARTMENTS = ['dft', 'hmrc', 'dwp', 'bis', 'moj', 'defra', 'ho', 'co']
const WORKFORCE_TABLES = [
  'capability_plans',
  'plan_lines',
  'recruitment_campaigns',
  'capability_gaps',
]
const DATE_COLUMNS = [
  'planned_on',
  'advertised_on',
  'sifting_on',
  'interviewing_on',
  'offers_on',
  'closed_on',
] as const

const asDay = (value: unknown) => {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return DateTime.fromJSDate(value, { zone: 'utc' }).toISODate()
  return String(value).slice(0, 10)
}

const daysBetween = (from: string, to: string) =>
  DateTime.fromISO(to).diff(DateTime.fromISO(from), 'days').days

test.group('Demo workforce data', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('gives each demo department plans for last financial year and this one, in every status, with 4 to 8 lines', async ({
    assert,
  }) => {
    await new DemoSeeder(db.connection()).run()
    const thisYear = currentFinancialYear()
    const plans = await db
      .from('capability_plans as p')
      .join('organisations as o', 'o.id', 'p.organisation_id')
      .select('p.*', 'o.code')
    const admin = await db.from('users').where('email', 'admin@demo.example').firstOrFail()

    assert.sameMembers([...new Set(plans.map((plan) => plan.code))], DEPARTMENTS)
    for (const code of DEPARTMENTS) {
      const years = plans.filter((plan) => plan.code === code).map((plan) => plan.financial_year)
      assert.sameMembers(
        years.map(Number),
        [thisYear - 1, thisYear],
        `${code} plans for both years`
      )
    }
    assert.sameMembers(
      [...new Set(plans.map((plan) => plan.status))],
      Object.keys(planStatusLabels),
      'plans in every status'
    )

    for (const plan of plans) {
      const where = `${plan.code} ${plan.financial_year} (${plan.status})`
      if (plan.status === 'draft') {
        assert.isNull(plan.submitted_at, `${where} not sent`)
        assert.isNull(plan.decided_by, `${where} not decided`)
      } else {
        assert.isNotNull(plan.submitted_at, `${where} sent`)
        const hr = await db.from('users').where('id', plan.submitted_by).firstOrFail()
        assert.equal(hr.email, `hr.${plan.code}@demo.example`, `${where} sent by its HR`)
      }
      if (plan.status === 'approved' || plan.status === 'returned') {
        assert.equal(Number(plan.decided_by), Number(admin.id), `${where} decided by the admin`)
        assert.isNotNull(plan.decided_at)
      }
      if (plan.status === 'returned') {
        assert.isAbove(String(plan.decision_comment ?? '').length, 10, `${where} has a comment`)
      } else {
        assert.isNull(plan.decision_comment, `${where} has no comment`)
      }
      if (plan.status === 'submitted') assert.isNull(plan.decided_by, `${where} awaits a decision`)
    }

    const lines = await db
      .from('plan_lines as l')
      .join('role_profiles as rp', 'rp.id', 'l.role_profile_id')
      .select('l.*', 'rp.name as role_name')
    for (const plan of plans) {
      const own = lines.filter((line) => Number(line.plan_id) === Number(plan.id))
      assert.isAtLeast(own.length, 4, `plan ${plan.id} has at least 4 lines`)
      assert.isAtMost(own.length, 8, `plan ${plan.id} has at most 8 lines`)
    }
    const overridden = lines.filter((line) => line.in_post_override !== null)
    assert.isAtLeast(overridden.length, 1, 'some lines have an in-post figure set by hand')
    for (const line of overridden) {
      assert.isAbove(String(line.override_reason ?? '').length, 10, 'an override has its reason')
    }
    for (const line of lines.filter((row) => row.in_post_override === null)) {
      assert.isNull(line.override_reason)
    }
    assert.includeMembers(
      [...new Set(lines.map((line) => line.role_name))],
      ['Service Manager', 'Software developer', 'User researcher']
    )
  }).timeout(90000)

  test('runs campaigns in every stage with stage dates in order and plausible times to hire', async ({
    assert,
  }) => {
    await new DemoSeeder(db.connection()).run()
    const campaigns = await db
      .from('recruitment_campaigns as c')
      .join('organisations as o', 'o.id', 'c.organisation_id')
      .select('c.*', 'o.code')
    const today = DateTime.now().toISODate()!

    assert.sameMembers(
      [...new Set(campaigns.map((campaign) => campaign.stage))],
      [...campaignStageValues]
    )
    assert.sameMembers([...new Set(campaigns.map((campaign) => campaign.code))], DEPARTMENTS)

    for (const campaign of campaigns) {
      const where = `${campaign.title} (${campaign.stage})`
      const dates = DATE_COLUMNS.map((column) => asDay(campaign[column]))
      const present = dates.filter((date): date is string => date !== null)
      assert.isNotNull(dates[0], `${where} has a planned date`)
      for (let i = 1; i < present.length; i++) {
        assert.isTrue(present[i] >= present[i - 1], `${where}: ${present.join(' ≤ ')}`)
      }
      assert.isTrue(present.at(-1)! <= today, `${where} has no dates in the future`)
      const ended = campaign.stage === 'filled' || campaign.stage === 'closed'
      assert.equal(dates[5] !== null, ended, `${where} has a closing date only once ended`)
      if (!ended) {
        const stageIndex = DATE_COLUMNS.indexOf(`${campaign.stage}_on` as any)
        assert.isNotNull(dates[stageIndex], `${where} has the date of its stage`)
        for (const later of dates.slice(stageIndex + 1)) assert.isNull(later, where)
      }
      if (campaign.stage === 'filled') {
        assert.isAtLeast(Number(campaign.hires), 1, `${where} hired`)
        assert.isAtMost(Number(campaign.hires), Number(campaign.posts), `${where} hires ≤ posts`)
        const days = daysBetween(dates[1]!, dates[5]!)
        assert.isAtLeast(days, 30, `${where} took ${days} days to hire`)
        assert.isAtMost(days, 120, `${where} took ${days} days to hire`)
        assert.isTrue(dates.every(Boolean), `${where} passed every stage`)
      } else {
        assert.equal(Number(campaign.hires), 0, `${where} has no hires`)
      }
      if (campaign.stage === 'closed') {
        assert.isNotNull(dates[1], `${where} was advertised before closing`)
      }
    }
  }).timeout(90000)

  test('registers gaps of both kinds in every status, owned by HR of the gap’s organisation, some overdue', async ({
    assert,
  }) => {
    await new DemoSeeder(db.connection()).run()
    const gaps = await db
      .from('capability_gaps as g')
      .join('users as u', 'u.id', 'g.owner_id')
      .join('organisations as o', 'o.id', 'g.organisation_id')
      .select(
        'g.*',
        'u.organisation_id as owner_organisation_id',
        'u.email as owner_email',
        'o.code'
      )
    assert.equal(gaps.length, await rowCount('capability_gaps'), 'every gap has an owner')

    assert.sameMembers([...new Set(gaps.map((gap) => gap.kind))], ['headcount', 'skill'])
    assert.sameMembers([...new Set(gaps.map((gap) => gap.status))], [...gapStatusValues])
    assert.isAtLeast(new Set(gaps.map((gap) => gap.severity)).size, 3, 'several severities')
    for (const gap of gaps) {
      const where = `${gap.title} (${gap.code}, ${gap.status})`
      assert.equal(
        Number(gap.owner_organisation_id),
        Number(gap.organisation_id),
        `${where} is owned in its organisation`
      )
      assert.equal(gap.owner_email, `hr.${gap.code}@demo.example`, where)
      assert.isNotNull(gap.mitigation, `${where} has a mitigation`)
      assert.isNotNull(gap.due_on, `${where} has a due date`)
      if (gap.kind === 'headcount') {
        assert.isNotNull(gap.role_profile_id, where)
        assert.isNull(gap.skill_id, where)
      } else {
        assert.isNotNull(gap.skill_id, where)
        assert.isNull(gap.role_profile_id, where)
      }
      if (gap.status === 'dismissed') assert.include(gap.description, 'Dismissed: ', where)
    }
    const today = DateTime.now().toISODate()!
    const overdue = gaps.filter(
      (gap) => !['closed', 'dismissed'].includes(gap.status) && asDay(gap.due_on)! < today
    )
    assert.isAtLeast(overdue.length, 1, 'some open gaps are overdue')
  }).timeout(90000)

  test('running the demo seeder a second time adds no workforce data', async ({ assert }) => {
    await new DemoSeeder(db.connection()).run()
    const counts = await Promise.all(WORKFORCE_TABLES.map(rowCount))
    for (const [index, total] of counts.entries()) {
      assert.isAbove(total, 0, `${WORKFORCE_TABLES[index]} has demo rows`)
    }

    await new DemoSeeder(db.connection()).run()
    assert.deepEqual(await Promise.all(WORKFORCE_TABLES.map(rowCount)), counts)
    const again = await seedDemoWorkforce(db.connection(), { now: DateTime.now() })
    assert.isNull(again)
    assert.deepEqual(await Promise.all(WORKFORCE_TABLES.map(rowCount)), counts)
  }).timeout(90000)

  test('shows every state of action 01 and Service Managers warned about under action 02', async ({
    assert,
  }) => {
    await new DemoSeeder(db.connection()).run()
    const everything = new OrganisationScope(true, [])
    const leaders = await digitalLeaderCompliance(everything)
    const states = new Map(leaders.organisations.map((row) => [row.organisation.name, row]))
    assert.sameMembers(
      [...new Set(leaders.organisations.map((row) => row.state))],
      digitalLeaderStates,
      'every action 01 state shows'
    )
    const dvla = [...states.values()].find((row) => row.state === 'not_scs')!
    assert.equal(dvla.organisation.name, 'Driver and Vehicle Licensing Agency')
    assert.equal(dvla.digitalLeader!.grade, 'HEO')
    assert.isTrue(dvla.digitalLeader!.onBoard)

    const warned = await servicesWithWarnings(everything)
    const kinds = new Set(warned.flatMap((row) => row.warnings.map((warning) => warning.kind)))
    assert.isTrue(kinds.has('grade_below'), 'a large service with a junior Service Manager')
    assert.isTrue(kinds.has('several_departments'), 'a Service Manager in two departments')
  }).timeout(90000)

  test('sent and approved plans keep their frozen figures; some moved before approval and since', async ({
    assert,
  }) => {
    await new DemoSeeder(db.connection()).run()
    const plans = await db.from('capability_plans').select('id', 'status')
    const frozen = await frozenFiguresOf(plans.map((plan) => Number(plan.id)))
    for (const plan of plans) {
      const freezes = frozen.get(Number(plan.id))
      if (plan.status === 'submitted' || plan.status === 'approved') {
        assert.isNotNull(freezes?.submission ?? null, `plan ${plan.id} frozen when sent`)
      }
      if (plan.status !== 'approved') assert.isNull(freezes?.approval ?? null)
    }
    const moved = plans.filter((plan) => frozen.get(Number(plan.id))?.approval)
    assert.isAtLeast(moved.length, 1, 'a plan whose figures moved before approval')
    const shown = await db.from('capability_plans').where('id', moved[0].id).firstOrFail()
    const { lines } = await planFigures({ id: shown.id, organisationId: shown.organisation_id })
    const { submission, approval } = frozen.get(Number(shown.id))!
    const total = (figures: Iterable<{ inPost: number }>) =>
      [...figures].reduce((sum, line) => sum + line.inPost, 0)
    assert.isBelow(total(submission!.lines.values()), total(approval!.lines.values()))
    assert.isBelow(total(approval!.lines.values()), total(lines))
  }).timeout(90000)

  test('copying last year’s plan starts next year’s with its lines, for every demo department', async ({
    assert,
  }) => {
    await new DemoSeeder(db.connection()).run()
    const thisYear = currentFinancialYear()
    const everything = new OrganisationScope(true, [])
    const { rows } = await listPlans(everything, { year: thisYear }, 100)
    assert.equal(
      new Set(rows.map((row) => row.organisationId)).size,
      DEPARTMENTS.length,
      'each department has this year’s plan'
    )
    assert.isTrue(
      rows.every((row) => !row.nextYearStarted),
      'the list offers to copy each of this year’s plans into next year'
    )
    const lastYear = await listPlans(everything, { year: thisYear - 1 }, 100)
    assert.isTrue(lastYear.rows.every((row) => row.nextYearStarted))

    for (const row of rows) {
      const result = await startPlan({
        organisationId: row.organisationId,
        financialYear: thisYear + 1,
        copyPrevious: true,
      })
      assert.equal(result.type, 'started', row.organisationName)
      if (result.type !== 'started') continue
      assert.equal(result.copiedLines, row.lineCount, `${row.organisationName}: every line copied`)
      assert.isAtLeast(result.copiedLines, 4)
    }
  }).timeout(90000)

  test('suggested gaps show how severe they are by the rule, from one person one level short to most people far short', async ({
    assert,
  }) => {
    await new DemoSeeder(db.connection()).run()
    const suggested = await db
      .from('capability_gaps as g')
      .join('organisations as o', 'o.id', 'g.organisation_id')
      .where('g.status', 'suggested')
      .select('g.*', 'o.code')
    for (const code of DEPARTMENTS) {
      assert.isAtLeast(
        suggested.filter((gap) => gap.code === code).length,
        2,
        `${code} has suggestions to decide at once`
      )
    }
    const figures =
      /^(\d+) of (\d+) (?:person|people) (?:is|are) below the required level, (\d+) levels? short in all/
    const fromSkills = suggested.filter((gap) => gap.kind === 'skill')
    for (const gap of fromSkills) {
      const found = figures.exec(String(gap.description))
      assert.exists(found, `${gap.title} (${gap.code}) gives its figures`)
      const [, below, people, levelsShort] = found!.map(Number)
      assert.equal(
        gap.severity,
        skillGapSeverity({ people, below, levelsShort }),
        `${gap.title} (${gap.code}): ${gap.description}`
      )
    }
    assert.sameMembers(
      [...new Set(suggested.map((gap) => gap.severity))],
      ['low', 'medium', 'high', 'critical']
    )
    const alone = fromSkills.find((gap) => String(gap.description).startsWith('1 of 1 '))
    assert.equal(alone?.severity, 'low', 'one person one level short is low')
  }).timeout(90000)
})
