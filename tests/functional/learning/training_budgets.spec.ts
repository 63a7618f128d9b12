import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { createCourse, createSession } from '#database/factories/learning_factory'
import TrainingBudget from '#models/training_budget'
import type User from '#models/user'
import type { ApiClient } from '@japa/api-client'
import { enrol } from '#actions/learning/enrol'
import { financialYearOf } from '#domain/learning/training_budgets'
import { ALPHA_AND_BETA, twoDepartments } from '#tests/support/fixtures/departments'
import { submitAs } from '#tests/support/forms'
import { apiAs, bearer } from '#tests/support/api'
import { collapse, textWithoutMarkup } from '#tests/support/html'

/* The financial year a session a week ahead starts in, as the factory makes them. */
const thisYear = () => financialYearOf(new Date(Date.now() + 7 * 24 * 3600 * 1000))

async function world() {
  const places = await twoDepartments({
    ...ALPHA_AND_BETA,
    hrA: { fullName: 'Hana HR' },
    hrB: {},
    admin: {},
  })
  const manager = await createUser({
    organisation: places.agencyA,
    overrides: { fullName: 'Maria Manager' },
  })
  const learner = await createUser({
    organisation: places.agencyA,
    overrides: { fullName: 'Lena Learner', lineManagerId: manager.id },
  })
  return { ...places, manager, learner }
}

async function approvalsPageOf(client: ApiClient, manager: User) {
  const page = await client.get('/learning/approvals').loginAs(manager)
  return page.text()
}

async function budgetsOf(organisationId: number) {
  return TrainingBudget.query().where('organisation_id', organisationId)
}

async function auditedAmounts(budgetId: number) {
  const rows = await db
    .from('audit_events')
    .where('subject_type', 'training_budget')
    .where('subject_id', String(budgetId))
    .orderBy('id')
  return rows.map((row) => JSON.parse(row.after).amountPence)
}

test.group('Training budgets: setting them on the pages', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('HR set a budget in pounds and pence, change it, and see every amount in its history', async ({
    client,
    assert,
  }) => {
    const { agencyA, hrA } = await world()
    const year = thisYear()
    const path = `/learning/budgets/${agencyA.id}`

    const blank = await client.get(path).qs({ year }).loginAs(hrA)
    blank.assertStatus(200)
    assert.include(
      textWithoutMarkup(blank.text()),
      `No budget has been set for ${year} to ${year + 1} yet.`
    )

    const saved = await submitAs(client, hrA).put(path, {
      year: String(year),
      amount: '£25,000.50',
    })
    saved.assertHeader('location', `${path}?year=${year}`)
    saved.assertFlashMessage(
      'success',
      `The training budget of Alpha Agency for ${year} to ${year + 1} is £25,000.50`
    )
    const changed = await submitAs(client, hrA).put(path, { year: String(year), amount: '30000' })
    changed.assertFlashMessage(
      'success',
      `The training budget of Alpha Agency for ${year} to ${year + 1} is £30,000.00`
    )
    const again = await submitAs(client, hrA).put(path, { year: String(year), amount: '30,000.00' })
    again.assertFlashMessage(
      'success',
      `The training budget of Alpha Agency for ${year} to ${year + 1} was already £30,000.00: nothing changed`
    )

    const [budget] = await budgetsOf(agencyA.id)
    assert.equal(budget.amountPence, 3_000_000)
    assert.equal(budget.financialYear, year)
    assert.deepEqual(await auditedAmounts(budget.id), [2_500_050, 3_000_000])

    const page = await client.get(path).qs({ year }).loginAs(hrA)
    const text = collapse(textWithoutMarkup(page.text()))
    assert.include(text, 'Hana HR £25,000.50 £30,000.00')
    assert.include(text, 'Hana HR Not set £25,000.50')
  })

  test('an amount with more than two digits of pence, below £0 or missing is refused with a clear message, and nothing is saved', async ({
    client,
    assert,
  }) => {
    const { agencyA, hrA } = await world()
    const path = `/learning/budgets/${agencyA.id}`
    const year = String(thisYear())
    const cases: Array<[string, string]> = [
      [
        '£12.345',
        'Enter the budget in pounds and pence, with no more than 2 digits for pence, like 25000.50',
      ],
      ['-5', 'The budget cannot be less than £0'],
      ['', 'Enter the budget in pounds'],
      ['twelve pounds', 'Enter the budget in pounds as a number, like 25000 or 25000.50'],
    ]
    for (const [amount, message] of cases) {
      const response = await submitAs(client, hrA).put(path, { year, amount })
      response.assertFlashMessage('inputErrorsBag', { amount: [message] })
    }
    const wrongYear = await submitAs(client, hrA).put(path, { year: '26', amount: '100' })
    wrongYear.assertFlashMessage('inputErrorsBag', {
      year: [
        'Enter the financial year as the year it starts, from 2010 to 2100, like 2026 for 2026 to 2027',
      ],
    })
    assert.lengthOf(await budgetsOf(agencyA.id), 0)

    const page = await client.get(path).loginAs(hrA)
    page.assertStatus(200)
  })

  test('HR see and set only the budgets of their own tree; another department’s organisation is 404, and a learner is refused', async ({
    client,
    assert,
  }) => {
    const { departmentA, agencyA, departmentB, hrA, hrB, admin, learner } = await world()
    const year = thisYear()
    await TrainingBudget.create({
      organisationId: departmentB.id,
      financialYear: year,
      amountPence: 5,
    })

    const index = await client.get('/learning/budgets').qs({ year }).loginAs(hrA)
    index.assertStatus(200)
    const text = textWithoutMarkup(index.text())
    assert.include(text, departmentA.name)
    assert.include(text, agencyA.name)
    assert.notInclude(text, departmentB.name)

    const hidden = await client.get(`/learning/budgets/${departmentB.id}`).loginAs(hrA)
    hidden.assertStatus(404)
    const refused = await submitAs(client, hrA).put(`/learning/budgets/${departmentB.id}`, {
      year: String(year),
      amount: '1',
    })
    refused.assertStatus(404)
    const [untouched] = await budgetsOf(departmentB.id)
    assert.equal(untouched.amountPence, 5)

    const learnersIndex = await client.get('/learning/budgets').loginAs(learner)
    learnersIndex.assertStatus(403)
    const learnersEdit = await client.get(`/learning/budgets/${agencyA.id}`).loginAs(learner)
    learnersEdit.assertStatus(403)

    // HR of B and capability admins reach department B.
    const ownForB = await client.get(`/learning/budgets/${departmentB.id}`).loginAs(hrB!)
    ownForB.assertStatus(200)
    const byAdmin = await submitAs(client, admin!).put(`/learning/budgets/${departmentB.id}`, {
      year: String(year),
      amount: '10',
    })
    byAdmin.assertStatus(302)
    const [setByAdmin] = await budgetsOf(departmentB.id)
    assert.equal(setByAdmin.amountPence, 1_000)
  })

  test('a year that is not one is named on the page, which shows this year instead', async ({
    client,
    assert,
  }) => {
    const { hrA } = await world()
    const page = await client.get('/learning/budgets').qs({ year: '20x6' }).loginAs(hrA)
    page.assertStatus(422)
    assert.include(
      textWithoutMarkup(page.text()),
      'Enter the financial year as the year it starts, from 2010 to 2100, like 2026 for 2026 to 2027'
    )
  })
})

test.group('Training budgets: on the approvals page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a request shows its cost and what is left of the learner’s budget for its year, with a warning, not a block, when over', async ({
    client,
    assert,
  }) => {
    const { departmentA, agencyA, manager, learner } = await world()
    const course = await createCourse({
      title: 'Leading change',
      costPence: 60_000,
      requiresApproval: true,
    })
    const session = await createSession({ course })
    const year = financialYearOf(session.startsAt.toJSDate())
    await TrainingBudget.create({
      organisationId: departmentA.id,
      financialYear: year,
      amountPence: 100_000,
    })
    const requested = await enrol(learner, session.id)
    assert.equal(requested.type, 'requested')

    const page = await client.get('/learning/approvals').loginAs(manager)
    const text = collapse(textWithoutMarkup(page.text()))
    assert.include(text, 'Cost £600')
    assert.include(
      text,
      `Training budget £400.00 left of Department Alpha’s training budget for ${year} to ${year + 1} (£1,000.00), with this request`
    )
    assert.notInclude(text, 'You can still approve it')

    // A second request from a colleague takes the budget over.
    const colleague = await createUser({
      organisation: agencyA,
      overrides: { lineManagerId: manager.id, fullName: 'Cai Colleague' },
    })
    const colleagueSession = await createSession({ course })
    await enrol(colleague, colleagueSession.id)
    const over = collapse(textWithoutMarkup(await approvalsPageOf(client, manager)))
    assert.include(
      over,
      `Training budget £200.00 over Department Alpha’s training budget for ${year} to ${year + 1} (£1,000.00), with this request`
    )
    assert.include(
      over,
      `Approving this request leaves Department Alpha’s training budget for ${year} to ${year + 1} £200.00 over. You can still approve it`
    )

    const approved = await submitAs(client, manager).post(
      `/learning/approvals/${requested.type === 'requested' ? requested.enrolment.id : 0}`,
      {
        decision: 'approve',
      }
    )
    approved.assertStatus(302)
    approved.assertFlashMessage(
      'success',
      'You approved Lena Learner’s request: they are booked on Leading change'
    )
  })

  test('a request with no budget above it says so', async ({ client, assert }) => {
    const { manager, learner } = await world()
    const session = await createSession({
      course: await createCourse({ costPence: 1_000, requiresApproval: true }),
    })
    await enrol(learner, session.id)
    const text = collapse(textWithoutMarkup(await approvalsPageOf(client, manager)))
    const year = financialYearOf(session.startsAt.toJSDate())
    assert.include(text, `Training budget No training budget is set for ${year} to ${year + 1}`)
  })
})

test.group('Training budgets: the learning dashboard and its CSV', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the dashboard shows each budget’s committed, spent and remaining for the year, and the CSV has the same figures', async ({
    client,
    assert,
  }) => {
    const { departmentA, agencyA, departmentB, hrA, learner } = await world()
    const session = await createSession({ course: await createCourse({ costPence: 12_345 }) })
    const year = financialYearOf(session.startsAt.toJSDate())
    await TrainingBudget.create({
      organisationId: agencyA.id,
      financialYear: year,
      amountPence: 10_000,
    })
    await TrainingBudget.create({
      organisationId: departmentA.id,
      financialYear: year,
      amountPence: 50_000,
    })
    await TrainingBudget.create({
      organisationId: departmentB.id,
      financialYear: year,
      amountPence: 70_000,
    })
    await enrol(learner, session.id)

    const page = await client.get('/insights/learning').qs({ year }).loginAs(hrA)
    page.assertStatus(200)
    const text = collapse(textWithoutMarkup(page.text()))
    assert.include(text, 'Alpha Agency £100.00 £123.45 £0.00 £23.45 over')
    assert.include(text, 'Department Alpha £500.00 £0.00 £0.00 £500.00')
    assert.notInclude(text, 'Department Beta')

    const csv = await client.get('/insights/training-budgets.csv').qs({ year }).loginAs(hrA)
    csv.assertStatus(200)
    const name = `${year} to ${year + 1}`
    assert.deepEqual(csv.text().trim().split(/\r?\n/), [
      'Organisation,Financial year,Budget (£),Committed (£),Spent (£),Remaining (£)',
      `Alpha Agency,${name},100.00,123.45,0.00,-23.45`,
      `Department Alpha,${name},500.00,0.00,0.00,500.00`,
      `No budget,${name},,0.00,0.00,`,
    ])
  })
})

test.group('Training budgets: the API', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('HR read an organisation’s budget with its figures for a year, and set it: added, changed, unchanged', async ({
    client,
    assert,
  }) => {
    const { departmentA, hrA, learner } = await world()
    const session = await createSession({ course: await createCourse({ costPence: 9_900 }) })
    const year = financialYearOf(session.startsAt.toJSDate())
    await enrol(learner, session.id)
    const auth = await bearer(hrA)
    const url = `/api/v1/organisations/${departmentA.id}/training-budget`

    const none = await apiAs(client, auth).get(url).qs({ year })
    none.assertStatus(200)
    assert.deepInclude(none.body().data, {
      organisation: { id: departmentA.id, name: 'Department Alpha' },
      amountPence: null,
      committedPence: 9_900,
      spentPence: 0,
      remainingPence: null,
    })

    const added = await apiAs(client, auth).put(url).json({ year, amountPence: 50_000 })
    added.assertStatus(201)
    assert.include(added.body().data, { amountPence: 50_000, remainingPence: 40_100 })
    assert.equal(added.body().data.financialYear.name, `${year} to ${year + 1}`)
    const changed = await apiAs(client, auth).put(url).json({ year, amountPence: 60_000 })
    changed.assertStatus(200)
    const same = await apiAs(client, auth).put(url).json({ year, amountPence: 60_000 })
    same.assertStatus(200)
    const [budget] = await budgetsOf(departmentA.id)
    assert.deepEqual(await auditedAmounts(budget.id), [50_000, 60_000])

    const read = await apiAs(client, auth).get(url).qs({ year })
    assert.include(read.body().data, {
      amountPence: 60_000,
      committedPence: 9_900,
      remainingPence: 50_100,
    })
  })

  test('the dashboard’s training budget figures are in the metrics API, as documented', async ({
    client,
    assert,
  }) => {
    const { departmentA, hrA, learner } = await world()
    const session = await createSession({ course: await createCourse({ costPence: 2_000 }) })
    const year = financialYearOf(session.startsAt.toJSDate())
    await TrainingBudget.create({
      organisationId: departmentA.id,
      financialYear: year,
      amountPence: 1_500,
    })
    await enrol(learner, session.id)
    const response = await apiAs(client, await bearer(hrA))
      .get('/api/v1/metrics/training-budgets')
      .qs({ year })
    response.assertStatus(200)
    const { data } = response.body()
    assert.deepEqual(
      data.budgets.map((budget: Record<string, unknown>) => [
        budget.organisationName,
        budget.amountPence,
        budget.committedPence,
        budget.remainingPence,
      ]),
      [['Department Alpha', 1_500, 2_000, -500]]
    )
    assert.deepEqual(data.total, {
      amountPence: 1_500,
      committedPence: 2_000,
      spentPence: 0,
      remainingPence: -500,
    })
  })

  test('a bad year or amount answers 422 naming the field; another department’s organisation 404; a learner 403', async ({
    client,
    assert,
  }) => {
    const { departmentA, departmentB, hrA, learner } = await world()
    const auth = await bearer(hrA)
    const url = `/api/v1/organisations/${departmentA.id}/training-budget`

    const badYear = await apiAs(client, auth).get(url).qs({ year: 'next' })
    badYear.assertStatus(422)
    assert.equal(badYear.body().errors[0].field, 'year')
    for (const amountPence of [12.5, -1, '100']) {
      const response = await apiAs(client, auth).put(url).json({ year: 2026, amountPence })
      response.assertStatus(422)
      assert.equal(response.body().errors[0].field, 'amountPence', JSON.stringify(amountPence))
    }
    const unknown = await apiAs(client, auth)
      .put(url)
      .json({ year: 2026, amountPence: 100, amount: 1 })
    unknown.assertStatus(422)
    assert.deepInclude(unknown.body().errors, {
      field: 'amount',
      message: 'Remove amount: it is not a field this request takes',
      rule: 'additionalProperties',
    })
    assert.lengthOf(await budgetsOf(departmentA.id), 0)

    const other = `/api/v1/organisations/${departmentB.id}/training-budget`
    const readOther = await apiAs(client, auth).get(other)
    readOther.assertStatus(404)
    const setOther = await apiAs(client, auth).put(other).json({ year: 2026, amountPence: 1 })
    setOther.assertStatus(404)
    assert.lengthOf(await budgetsOf(departmentB.id), 0)
    const byLearner = await apiAs(client, await bearer(learner)).get(url)
    byLearner.assertStatus(403)
  })
})
