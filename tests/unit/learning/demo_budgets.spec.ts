import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import DemoSeeder from '#database/seeders/demo_seeder'
import { budgetHistory, budgetsOverview } from '#queries/learning/training_budgets_query'
import { financialYearOf } from '#domain/learning/training_budgets'

test.group('Demo training budgets', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the demo’s departments have budgets that bookings commit and spend against, one over, one changed', async ({
    assert,
  }) => {
    await new DemoSeeder(db.connection()).run()
    const year = financialYearOf(new Date())
    const overview = await budgetsOverview(null, year)
    assert.isAtLeast(overview.budgets.length, 2)
    assert.isAbove(overview.total.committedPence, 0)
    assert.isAbove(overview.total.spentPence, 0)
    const over = overview.budgets.filter((budget) => (budget.remainingPence ?? 0) < 0)
    assert.lengthOf(over, 1)
    assert.isAbove(overview.budgets.filter((budget) => (budget.remainingPence ?? 0) > 0).length, 0)
    const [changed] = await db
      .from('training_budgets')
      .where('organisation_id', over[0].organisationId)
      .where('financial_year', year)
    const history = await budgetHistory(Number(changed.id))
    assert.lengthOf(history, 2)
    assert.equal(history[0].toPence, over[0].amountPence)

    // Bookings the demo wrote as rows keep their course's cost as their price.
    const [{ free }] = await db
      .from('enrolments as e')
      .join('course_sessions as cs', 'cs.id', 'e.session_id')
      .join('courses as c', 'c.id', 'cs.course_id')
      .where('c.cost_pence', '>', 0)
      .where('e.cost_pence', 0)
      .count('* as free')
    assert.equal(Number(free), 0)

    // Run again, the demo adds nothing.
    const [{ total }] = await db.from('training_budgets').count('* as total')
    await new DemoSeeder(db.connection()).run()
    const [{ total: again }] = await db.from('training_budgets').count('* as total')
    assert.equal(Number(again), Number(total))
  }).timeout(120_000)
})
