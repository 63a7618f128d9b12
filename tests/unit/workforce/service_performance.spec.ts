import { test } from '@japa/runner'
import {
  beforeAndAfter,
  beforeAndAfterWindow,
  figureProblems,
  indicatorsOf,
  isFuture,
  missingPeriods,
  nextPeriod,
  outliers,
  parsePeriod,
  periodLabel,
  periodOf,
  periodsDue,
  type PerformanceFigures,
} from '#domain/workforce/service_performance'

/* A month of a service: 10,000 transactions, 8,000 of them online, £25,000. */
function figures(changes: Partial<PerformanceFigures> = {}): PerformanceFigures {
  return {
    transactions: { digital: 8000, assistedDigital: 500, phone: 1000, paper: 400, faceToFace: 100 },
    totalTransactions: 10_000,
    totalCostPence: 2_500_000,
    channelCostPence: {
      digital: null,
      assistedDigital: null,
      phone: null,
      paper: null,
      faceToFace: null,
    },
    satisfaction: {
      verySatisfied: 50,
      satisfied: 30,
      neither: 10,
      dissatisfied: 5,
      veryDissatisfied: 5,
    },
    startedTransactions: 12_000,
    completedTransactions: 10_000,
    ...changes,
  }
}

test.group('Service performance: the four indicators', () => {
  test('are worked out from the raw figures', ({ assert }) => {
    assert.deepEqual(indicatorsOf(figures()), {
      // £25,000 ÷ 10,000 transactions.
      costPerTransactionPence: 250,
      // (50×100 + 30×75 + 10×50 + 5×25 + 5×0) ÷ 100 answers.
      satisfactionScore: 78.8,
      satisfactionResponses: 100,
      completionRate: 10_000 / 12_000,
      digitalTakeUp: 0.8,
    })
  })

  test('are null where there is nothing to divide by, and cost per transaction is to the nearest penny', ({
    assert,
  }) => {
    const none = figures({
      transactions: { digital: 0, assistedDigital: 0, phone: 0, paper: 0, faceToFace: 0 },
      totalTransactions: 0,
      satisfaction: {
        verySatisfied: 0,
        satisfied: 0,
        neither: 0,
        dissatisfied: 0,
        veryDissatisfied: 0,
      },
      startedTransactions: 0,
      completedTransactions: 0,
    })
    assert.deepEqual(indicatorsOf(none), {
      costPerTransactionPence: null,
      satisfactionScore: null,
      satisfactionResponses: 0,
      completionRate: null,
      digitalTakeUp: null,
    })
    assert.equal(indicatorsOf(figures({ totalCostPence: 1_000_050 })).costPerTransactionPence, 100)
    assert.equal(indicatorsOf(figures({ totalCostPence: 1_005_000 })).costPerTransactionPence, 101)
  })
})

test.group('Service performance: periods', () => {
  test('months and calendar quarters are named, read and followed', ({ assert }) => {
    assert.deepEqual(parsePeriod('monthly', '2026-10'), {
      key: '2026-10',
      start: '2026-10-01',
      year: 2026,
      month: 10,
    })
    assert.deepEqual(parsePeriod('quarterly', '2026-Q4'), {
      key: '2026-Q4',
      start: '2026-10-01',
      year: 2026,
      month: 10,
    })
    for (const bad of ['2026-13', '2026-1', '26-10', '2026-Q4', '1999-12', '']) {
      assert.isNull(parsePeriod('monthly', bad), bad)
    }
    for (const bad of ['2026-Q5', '2026-Q0', '2026-10', '2026-q1']) {
      assert.isNull(parsePeriod('quarterly', bad), bad)
    }
    assert.equal(periodOf('quarterly', '2026-11-30').key, '2026-Q4')
    assert.equal(periodOf('monthly', '2026-11-30').key, '2026-11')
    assert.equal(nextPeriod('monthly', parsePeriod('monthly', '2026-12')!).key, '2027-01')
    assert.equal(nextPeriod('quarterly', parsePeriod('quarterly', '2026-Q4')!).key, '2027-Q1')
    assert.equal(periodLabel('monthly', parsePeriod('monthly', '2026-10')!), 'October 2026')
    assert.equal(
      periodLabel('quarterly', parsePeriod('quarterly', '2026-Q4')!),
      'October to December 2026'
    )
  })

  test('a period still to come is in the future; the one in progress is not', ({ assert }) => {
    assert.isTrue(isFuture(parsePeriod('monthly', '2027-01')!, '2026-12-07'))
    assert.isFalse(isFuture(parsePeriod('monthly', '2026-12')!, '2026-12-07'))
    assert.isFalse(isFuture(parsePeriod('quarterly', '2026-Q4')!, '2026-12-07'))
  })

  test('the finished periods not reported since the latest report are due', ({ assert }) => {
    const keys = (periods: { key: string }[]) => periods.map((period) => period.key)
    assert.deepEqual(keys(periodsDue('monthly', null, '2026-12-07')), ['2026-11'])
    assert.deepEqual(keys(periodsDue('monthly', '2026-09-01', '2026-12-07')), [
      '2026-10',
      '2026-11',
    ])
    assert.deepEqual(keys(periodsDue('monthly', '2026-11-01', '2026-12-07')), [])
    assert.deepEqual(keys(periodsDue('monthly', '2026-12-01', '2026-12-07')), [])
    assert.deepEqual(keys(periodsDue('quarterly', null, '2027-01-02')), ['2026-Q4'])
    assert.deepEqual(keys(periodsDue('quarterly', '2026-04-01', '2027-01-02')), [
      '2026-Q3',
      '2026-Q4',
    ])
  })

  test('the periods missing between the first and the latest are found', ({ assert }) => {
    assert.deepEqual(
      missingPeriods('monthly', ['2026-10', '2026-06', '2026-07', '2026-09']).map((p) => p.key),
      ['2026-08']
    )
    assert.deepEqual(
      missingPeriods('quarterly', ['2027-Q1', '2026-Q2']).map((p) => p.key),
      ['2026-Q3', '2026-Q4']
    )
    assert.deepEqual(missingPeriods('monthly', ['2026-10']), [])
  })
})

test.group('Service performance: before and after training', () => {
  test('compares the periods up to the one the day falls in with as many after it', ({
    assert,
  }) => {
    assert.deepEqual(beforeAndAfterWindow('monthly', '2026-06-10', 3), {
      from: '2026-04-01',
      to: '2026-09-01',
    })
    assert.deepEqual(beforeAndAfterWindow('quarterly', '2026-06-10', 2), {
      from: '2026-01-01',
      to: '2026-10-01',
    })
    assert.deepEqual(beforeAndAfterWindow('monthly', '2026-01-31', 2), {
      from: '2025-12-01',
      to: '2026-03-01',
    })
  })

  test('takes the mean each side within the window, leaving a missing period missing', ({
    assert,
  }) => {
    const month = (start: string, digital: number) => ({
      start,
      indicators: indicatorsOf(
        figures({
          transactions: {
            digital,
            assistedDigital: 0,
            phone: 10_000 - digital,
            paper: 0,
            faceToFace: 0,
          },
        })
      ),
    })
    const periods = [
      month('2025-12-01', 1000),
      month('2026-04-01', 5000),
      month('2026-06-01', 6000),
      month('2026-07-01', 8000),
      month('2026-09-01', 9000),
      month('2026-10-01', 2000),
    ]
    const { before, after } = beforeAndAfter('monthly', periods, '2026-06-10', 'digitalTakeUp', 3)
    assert.closeTo(before!, 0.55, 1e-9)
    assert.closeTo(after!, 0.85, 1e-9)
    assert.deepEqual(beforeAndAfter('monthly', periods, '2027-06-10', 'digitalTakeUp', 3), {
      before: null,
      after: null,
    })
  })
})

test.group('Service performance: checks', () => {
  const context = { previous: null, factor: 3, hasNote: false }

  test('figures that agree pass', ({ assert }) => {
    assert.deepEqual(figureProblems(figures(), context), [])
  })

  test('completed over started, channels not making the total, and channel costs over or short of the total are refused', ({
    assert,
  }) => {
    assert.deepEqual(figureProblems(figures({ completedTransactions: 12_001 }), context), [
      { code: 'completed_over_started' },
    ])
    assert.deepEqual(figureProblems(figures({ totalTransactions: 10_001 }), context), [
      { code: 'channels_not_total', channels: 10_000 },
    ])
    const costs = (digital: number | null, phone: number | null, rest: number | null) => ({
      digital,
      assistedDigital: rest,
      phone,
      paper: rest,
      faceToFace: rest,
    })
    // Some channels known: they may not exceed the total.
    assert.deepEqual(
      figureProblems(figures({ channelCostPence: costs(1_000_000, 1_000_000, null) }), context),
      []
    )
    assert.deepEqual(
      figureProblems(figures({ channelCostPence: costs(2_000_000, 1_000_000, null) }), context),
      [{ code: 'channel_costs_over_total', channelCosts: 3_000_000 }]
    )
    // Every channel known: they must make the total.
    assert.deepEqual(
      figureProblems(figures({ channelCostPence: costs(1_000_000, 1_000_000, 100_000) }), context),
      [{ code: 'channel_costs_not_total', channelCosts: 2_300_000 }]
    )
    assert.deepEqual(
      figureProblems(figures({ channelCostPence: costs(1_000_000, 1_200_000, 100_000) }), context),
      []
    )
  })

  test('a figure moving more than the factor from the previous period needs a note', ({
    assert,
  }) => {
    const previous = figures()
    // Transactions up from 10,000 to 31,000 (3.1 times), and cost per transaction down with them.
    const surge = figures({
      transactions: {
        digital: 29_000,
        assistedDigital: 500,
        phone: 1000,
        paper: 400,
        faceToFace: 100,
      },
      totalTransactions: 31_000,
    })
    assert.deepEqual(outliers(surge, previous, 3), ['totalTransactions', 'costPerTransactionPence'])
    assert.deepEqual(figureProblems(surge, { previous, factor: 3, hasNote: false }), [
      { code: 'outlier_without_note', figures: ['totalTransactions', 'costPerTransactionPence'] },
    ])
    assert.deepEqual(figureProblems(surge, { previous, factor: 3, hasNote: true }), [])
    // Three times exactly is not more than three times.
    const triple = figures({ totalCostPence: 7_500_000 })
    assert.deepEqual(outliers(triple, previous, 3), [])
    assert.deepEqual(outliers(figures({ totalCostPence: 7_510_000 }), previous, 3), [
      'costPerTransactionPence',
    ])
    // Down as far is an outlier too; so is a figure leaving 0.
    assert.deepEqual(outliers(previous, triple, 2), ['costPerTransactionPence'])
    assert.deepEqual(outliers(figures(), null, 3), [])
  })
})
