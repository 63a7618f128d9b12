import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import {
  compareStandings,
  coverMonths,
  earliestValidCompletion,
  expiredOn,
  firstDueOn,
  requirementStanding,
  stateThresholds,
  validUntil,
  type RequirementTerms,
  type PersonFacts,
  type RequirementState,
} from '#domain/learning/required_learning'

const fixed = (dueOn: string, extra: Partial<RequirementTerms> = {}): RequirementTerms => ({
  due: { kind: 'fixed', dueOn },
  recurrenceMonths: null,
  validityMonths: null,
  setOn: '2026-01-10',
  ...extra,
})
const afterJoining = (days: number, extra: Partial<RequirementTerms> = {}): RequirementTerms => ({
  due: { kind: 'after_joining', days },
  recurrenceMonths: null,
  validityMonths: null,
  setOn: '2026-01-10',
  ...extra,
})
const person = (joinedOn: string | null, lastCompletedOn: string | null = null): PersonFacts => ({
  joinedOn,
  lastCompletedOn,
})

/*
 * The state the compliance queries give from the thresholds, written as
 * the SQL CASE compares them, to hold them to requirementStanding.
 */
function stateFromThresholds(
  terms: RequirementTerms,
  facts: PersonFacts,
  today: string
): RequirementState {
  const t = stateThresholds(terms, today)
  if (facts.lastCompletedOn !== null) {
    return t.validFrom === null || facts.lastCompletedOn >= t.validFrom ? 'completed' : 'expired'
  }
  const joined = facts.joinedOn
  const overdue = t.fixed
    ? t.fixed.overdue
    : terms.setOn < t.overdueBefore && (joined === null || joined < t.overdueBefore)
  if (overdue) return 'overdue'
  const due = t.fixed
    ? t.fixed.due
    : terms.setOn <= t.dueBy && (joined === null || joined <= t.dueBy)
  return due ? 'due' : 'not_due'
}

test.group('Required learning: validity', () => {
  test('a completion is valid until the same day the given months later, and never lapses without them', ({
    assert,
  }) => {
    assert.equal(validUntil('2026-12-07', 36), '2029-12-07')
    assert.equal(expiredOn('2029-12-07'), '2029-12-08')
    assert.isNull(validUntil('2026-12-07', null))
  })

  test('month ends are clamped: 31 August and six months is 28 February', ({ assert }) => {
    assert.equal(validUntil('2026-08-31', 6), '2027-02-28')
  })

  test('a completion lasts the shorter of the recurrence and the course’s validity', ({
    assert,
  }) => {
    assert.equal(coverMonths({ recurrenceMonths: 36, validityMonths: 12 }), 12)
    assert.equal(coverMonths({ recurrenceMonths: 24, validityMonths: null }), 24)
    assert.equal(coverMonths({ recurrenceMonths: null, validityMonths: 6 }), 6)
    assert.isNull(coverMonths({ recurrenceMonths: null, validityMonths: null }))
  })

  test('the earliest valid completion is exact at month ends, every day of a year', ({
    assert,
  }) => {
    let today = DateTime.fromISO('2027-01-01', { zone: 'utc' })
    for (let i = 0; i < 366; i++) {
      const iso = today.toISODate()!
      for (const months of [1, 3, 6, 36]) {
        const from = earliestValidCompletion(iso, months)
        const before = DateTime.fromISO(from, { zone: 'utc' }).minus({ days: 1 }).toISODate()!
        assert.isTrue(validUntil(from, months)! >= iso, `${from} + ${months} on ${iso}`)
        assert.isFalse(validUntil(before, months)! >= iso, `${before} + ${months} on ${iso}`)
      }
      today = today.plus({ days: 1 })
    }
  })
})

test.group('Required learning: due dates', () => {
  test('a fixed due day is the same for everyone, whenever they joined', ({ assert }) => {
    const terms = fixed('2027-03-31')
    assert.equal(firstDueOn(terms, '2020-01-01'), '2027-03-31')
    assert.equal(firstDueOn(terms, '2027-06-01'), '2027-03-31')
  })

  test('a due day after joining counts from joining, or from when the requirement was set if later', ({
    assert,
  }) => {
    const terms = afterJoining(90)
    assert.equal(firstDueOn(terms, '2026-06-01'), '2026-08-30')
    assert.equal(firstDueOn(terms, '2020-01-01'), '2026-04-10')
    assert.equal(firstDueOn(terms, null), '2026-04-10')
  })

  test('never completed: not due yet, then due within 30 days, then overdue after the due day', ({
    assert,
  }) => {
    const terms = fixed('2027-03-31')
    assert.equal(requirementStanding(terms, person(null), '2027-02-28').state, 'not_due')
    assert.equal(requirementStanding(terms, person(null), '2027-03-01').state, 'due')
    assert.equal(requirementStanding(terms, person(null), '2027-03-31').state, 'due')
    const overdue = requirementStanding(terms, person(null), '2027-04-01')
    assert.deepEqual(overdue, {
      state: 'overdue',
      dueOn: '2027-03-31',
      lastCompletedOn: null,
      validUntil: null,
    })
  })
})

test.group('Required learning: completion, recurrence and expiry', () => {
  test('any completion counts for good when the requirement does not recur and the course does not expire', ({
    assert,
  }) => {
    const standing = requirementStanding(
      fixed('2027-03-31'),
      person(null, '2015-05-01'),
      '2027-06-01'
    )
    assert.deepEqual(standing, {
      state: 'completed',
      dueOn: null,
      lastCompletedOn: '2015-05-01',
      validUntil: null,
    })
  })

  test('recurrence makes it due again the given months after the last completion', ({ assert }) => {
    const terms = fixed('2026-03-31', { recurrenceMonths: 36 })
    const valid = requirementStanding(terms, person(null, '2026-02-01'), '2029-02-01')
    assert.equal(valid.state, 'completed')
    assert.equal(valid.validUntil, '2029-02-01')
    assert.equal(valid.dueOn, '2029-02-02')
    const lapsed = requirementStanding(terms, person(null, '2026-02-01'), '2029-02-02')
    assert.equal(lapsed.state, 'expired')
    assert.equal(lapsed.dueOn, '2029-02-02')
  })

  test('a course’s validity makes a completion expire, so the requirement is due again', ({
    assert,
  }) => {
    const terms = afterJoining(30, { validityMonths: 12 })
    assert.equal(
      requirementStanding(terms, person('2025-01-01', '2026-01-15'), '2027-01-15').state,
      'completed'
    )
    const expired = requirementStanding(terms, person('2025-01-01', '2026-01-15'), '2027-01-16')
    assert.equal(expired.state, 'expired')
    assert.equal(expired.validUntil, '2027-01-15')
  })

  test('someone joining with a lapsed completion is due again by their own due day, not before', ({
    assert,
  }) => {
    const terms = afterJoining(60, { validityMonths: 12, setOn: '2020-01-01' })
    const standing = requirementStanding(terms, person('2027-05-01', '2025-01-01'), '2027-05-02')
    assert.equal(standing.state, 'expired')
    assert.equal(standing.dueOn, '2027-06-30')
  })

  test('overdue first, then expired, due, not due and completed; sooner before later', ({
    assert,
  }) => {
    const standings = [
      { state: 'completed', dueOn: null, lastCompletedOn: '2026-01-01', validUntil: null },
      { state: 'due', dueOn: '2027-02-01', lastCompletedOn: null, validUntil: null },
      { state: 'overdue', dueOn: '2026-01-01', lastCompletedOn: null, validUntil: null },
      { state: 'due', dueOn: '2027-01-20', lastCompletedOn: null, validUntil: null },
      { state: 'not_due', dueOn: '2028-01-01', lastCompletedOn: null, validUntil: null },
      {
        state: 'expired',
        dueOn: '2026-12-01',
        lastCompletedOn: '2020-01-01',
        validUntil: '2026-11-30',
      },
    ] as const
    const sorted = [...standings].sort(compareStandings)
    assert.deepEqual(
      sorted.map((s) => `${s.state} ${s.dueOn}`),
      [
        'overdue 2026-01-01',
        'expired 2026-12-01',
        'due 2027-01-20',
        'due 2027-02-01',
        'not_due 2028-01-01',
        'completed null',
      ]
    )
  })
})

test.group('Required learning: the thresholds the queries compare with', () => {
  test('give every person the state requirementStanding gives them', ({ assert }) => {
    const termsList: RequirementTerms[] = [
      fixed('2027-03-31'),
      fixed('2026-11-30', { recurrenceMonths: 12 }),
      fixed('2027-01-05', { validityMonths: 6 }),
      afterJoining(30),
      afterJoining(90, { recurrenceMonths: 36, validityMonths: 24 }),
      afterJoining(0, { setOn: '2026-12-20' }),
    ]
    const joins = [null, '2019-04-01', '2026-10-15', '2026-11-20', '2026-12-07', '2027-01-02']
    const completions = [null, '2015-01-01', '2025-12-06', '2025-12-07', '2026-06-07', '2026-11-30']
    let today = DateTime.fromISO('2026-11-01', { zone: 'utc' })
    let checked = 0
    for (let i = 0; i < 90; i += 3) {
      const iso = today.toISODate()!
      for (const terms of termsList) {
        for (const joinedOn of joins) {
          for (const lastCompletedOn of completions) {
            const facts = person(joinedOn, lastCompletedOn)
            assert.equal(
              stateFromThresholds(terms, facts, iso),
              requirementStanding(terms, facts, iso).state,
              `${JSON.stringify(terms)} ${JSON.stringify(facts)} on ${iso}`
            )
            checked += 1
          }
        }
      }
      today = today.plus({ days: 3 })
    }
    assert.isAbove(checked, 6000)
  })
})
