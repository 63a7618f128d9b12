import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { dateBounds, financialYearOf, periodOf, timestampBounds } from '#queries/insights/period'
import { groupIdOf, percent, rollUp } from '#queries/insights/rollup'

test.group('Dashboard periods', () => {
  test('a financial year runs from April to the end of March', ({ assert }) => {
    const year = periodOf(2025)
    assert.equal(year.label, '2025–26')
    assert.deepEqual(dateBounds(year), ['2025-04-01', '2026-04-01'])
    assert.deepEqual(timestampBounds(year), ['2025-04-01 00:00:00', '2026-04-01 00:00:00'])
  })

  test('quarters are three months from April, the fourth ending in March', ({ assert }) => {
    assert.deepEqual(dateBounds(periodOf(2025, 1)), ['2025-04-01', '2025-07-01'])
    assert.deepEqual(dateBounds(periodOf(2025, 4)), ['2026-01-01', '2026-04-01'])
    assert.equal(periodOf(2025, 4).label, 'Q4 2025–26 (January to March 2026)')
  })

  test('a day before April belongs to the financial year that started the year before', ({
    assert,
  }) => {
    assert.equal(financialYearOf(DateTime.utc(2026, 3, 31)), 2025)
    assert.equal(financialYearOf(DateTime.utc(2026, 4, 1)), 2026)
  })
})

test.group('Dashboard breakdowns by organisation', () => {
  test('for all of government, everything counts under the department at the top of its tree', ({
    assert,
  }) => {
    assert.equal(groupIdOf(1, '/', null), 1)
    assert.equal(groupIdOf(7, '/1/', null), 1)
    assert.equal(groupIdOf(9, '/1/7/', null), 1)
  })

  test('for a selected organisation, things count under the organisation just below it', ({
    assert,
  }) => {
    assert.equal(groupIdOf(1, '/', 1), 1)
    assert.equal(groupIdOf(7, '/1/', 1), 7)
    assert.equal(groupIdOf(9, '/1/7/', 1), 7)
    assert.equal(groupIdOf(9, '/1/7/', 7), 9)
    assert.equal(groupIdOf(7, '/1/', 7), 7)
  })

  test('rolling up adds the figures of each group', ({ assert }) => {
    const groups = rollUp(
      [
        { organisationId: 1, path: '/', people: 2, meeting: 1 },
        { organisationId: 7, path: '/1/', people: 3, meeting: 2 },
        { organisationId: 9, path: '/1/7/', people: 4, meeting: 4 },
        { organisationId: 2, path: '/', people: 5, meeting: 0 },
      ],
      ['people', 'meeting'] as const,
      null
    )
    assert.deepEqual(Object.fromEntries(groups), {
      1: { people: 9, meeting: 7 },
      2: { people: 5, meeting: 0 },
    })
  })

  test('a share is a percentage to one decimal place, and none without a base', ({ assert }) => {
    assert.equal(percent(1, 3), 33.3)
    assert.equal(percent(2, 3), 66.7)
    assert.isNull(percent(0, 0))
  })
})
