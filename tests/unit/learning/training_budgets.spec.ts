import { test } from '@japa/runner'
import {
  budgetEffect,
  budgetHolderOf,
  financialYearBounds,
  financialYearName,
  financialYearOf,
  overBudget,
  parseFinancialYear,
  remainingPence,
  rollUpToBudgets,
} from '#domain/learning/training_budgets'

test.group('Training budget rules', () => {
  test('requests, seats and self-paced courses under way commit; attendance, no-shows and completions spend; the rest count nothing', ({
    assert,
  }) => {
    assert.equal(budgetEffect('requested'), 'committed')
    assert.equal(budgetEffect('booked'), 'committed')
    assert.equal(budgetEffect('in_progress'), 'committed')
    assert.equal(budgetEffect('attended'), 'spent')
    assert.equal(budgetEffect('no_show'), 'spent')
    assert.equal(budgetEffect('completed'), 'spent')
    assert.equal(budgetEffect('waitlisted'), 'released')
    assert.equal(budgetEffect('declined'), 'released')
    assert.equal(budgetEffect('cancelled'), 'released')
    assert.equal(budgetEffect('withdrawn'), 'released')
  })

  test('the financial year turns at midnight on 1 April in UK time, not in UTC', ({ assert }) => {
    // 23:30 UTC on 31 March 2027 is 00:30 on 1 April in British Summer Time.
    assert.equal(financialYearOf(new Date('2027-03-31T23:30:00Z')), 2027)
    assert.equal(financialYearOf(new Date('2027-03-31T22:59:59Z')), 2026)
    assert.equal(financialYearOf(new Date('2027-01-15T12:00:00Z')), 2026)
    assert.equal(financialYearOf(new Date('2026-04-01T00:00:00Z')), 2026)
    const { start, end } = financialYearBounds(2026)
    assert.equal(start.toISOString(), '2026-03-31T23:00:00.000Z')
    assert.equal(end.toISOString(), '2027-03-31T23:00:00.000Z')
    assert.equal(financialYearName(2026), '2026 to 2027')
  })

  test('a financial year is read from "2026", "2026 to 2027" or "2026-27", and nothing else', ({
    assert,
  }) => {
    assert.equal(parseFinancialYear('2026'), 2026)
    assert.equal(parseFinancialYear(' 2026 to 2027 '), 2026)
    assert.equal(parseFinancialYear('2026-27'), 2026)
    assert.isNull(parseFinancialYear('2026 to 2028'))
    assert.isNull(parseFinancialYear('26'))
    assert.isNull(parseFinancialYear('1999'))
    assert.isNull(parseFinancialYear('next year'))
  })

  test('a booking counts against its organisation’s budget, else the nearest ancestor’s, else none', ({
    assert,
  }) => {
    const directorate = { id: 9, ancestorIds: [1, 4] }
    assert.equal(
      budgetHolderOf(directorate, (id) => [1, 4, 9].includes(id)),
      9
    )
    assert.equal(
      budgetHolderOf(directorate, (id) => [1, 4].includes(id)),
      4
    )
    assert.equal(
      budgetHolderOf(directorate, (id) => id === 1),
      1
    )
    assert.isNull(budgetHolderOf(directorate, () => false))
  })

  test('organisations’ sums roll up to the budget each counts against; what is left can go below 0', ({
    assert,
  }) => {
    const totals = rollUpToBudgets(
      [
        { id: 1, ancestorIds: [], committedPence: 100, spentPence: 50 },
        { id: 4, ancestorIds: [1], committedPence: 200, spentPence: 0 },
        { id: 9, ancestorIds: [1, 4], committedPence: 0, spentPence: 700 },
        { id: 20, ancestorIds: [], committedPence: 5, spentPence: 5 },
      ],
      (id) => id === 1 || id === 9
    )
    assert.deepEqual(totals.get(1), { committedPence: 300, spentPence: 50 })
    assert.deepEqual(totals.get(9), { committedPence: 0, spentPence: 700 })
    assert.deepEqual(totals.get(null), { committedPence: 5, spentPence: 5 })
    assert.equal(remainingPence(1000, { committedPence: 300, spentPence: 50 }), 650)
    assert.equal(remainingPence(500, { committedPence: 0, spentPence: 700 }), -200)
    assert.isTrue(overBudget(500, { committedPence: 0, spentPence: 700 }))
    assert.isFalse(overBudget(700, { committedPence: 0, spentPence: 700 }))
  })
})
