import { test } from '@japa/runner'
import { addMonths, firstOverlap, overlaps } from '#domain/fast_stream/postings'
import {
  digitalRuleStanding,
  twoYearMark,
  windowsToCome,
  type DigitalRuleFacts,
  type PostingWindow,
} from '#domain/fast_stream/digital_rule'

const TODAY = '2026-12-07'

/* The round in the report: placements from 1 February 2027, for six months. */
const FEBRUARY: PostingWindow = { roundId: 7, startsOn: '2027-02-01', endsOn: '2027-08-01' }

const facts = (startedOn: string, more: Partial<DigitalRuleFacts> = {}): DigitalRuleFacts => ({
  startedOn,
  postings: [],
  digitalRounds: [],
  ...more,
})

test.group('Fast Stream postings: days and overlaps', () => {
  test('months are added by the calendar, a day past the month’s end becoming its last', ({
    assert,
  }) => {
    assert.equal(addMonths('2025-06-01', 24), '2027-06-01')
    assert.equal(addMonths('2026-08-31', 6), '2027-02-28')
    assert.equal(addMonths('2027-08-31', 6), '2028-02-29')
    assert.equal(addMonths('2026-12-07', -25), '2024-11-07')
    assert.equal(twoYearMark('2024-02-29'), '2026-02-28')
  })

  test('postings overlap when each starts before the other ends; one ending the day another starts does not', ({
    assert,
  }) => {
    const current = { startsOn: '2026-10-01', endsOn: '2027-04-01' }
    assert.isTrue(overlaps(current, FEBRUARY))
    assert.isTrue(overlaps(FEBRUARY, current))
    assert.isFalse(overlaps({ startsOn: '2026-08-01', endsOn: '2027-02-01' }, FEBRUARY))
    assert.isFalse(overlaps({ startsOn: '2027-08-01', endsOn: '2028-02-01' }, FEBRUARY))
    // A posting with no end runs on into anything after its start.
    assert.isTrue(overlaps({ startsOn: '2025-06-01', endsOn: null }, FEBRUARY))
    assert.isFalse(overlaps({ startsOn: '2027-08-01', endsOn: null }, FEBRUARY))
    assert.deepEqual(
      firstOverlap(
        [
          { startsOn: '2027-03-01', endsOn: '2027-05-01', title: 'later' },
          { ...current, title: 'earlier' },
          { startsOn: '2025-06-01', endsOn: '2025-12-01', title: 'clear' },
        ],
        FEBRUARY
      )?.title,
      'earlier'
    )
    assert.isNull(firstOverlap([{ startsOn: '2025-06-01', endsOn: '2025-12-01' }], FEBRUARY))
  })
})

test.group('Fast Stream digital rule: where an entrant stands', () => {
  test('windows to come: unpublished rounds from today, then one every six months after the last', ({
    assert,
  }) => {
    const windows = windowsToCome(
      [
        { roundId: 1, startsOn: '2026-08-01', endsOn: '2027-02-01', published: true },
        { ...FEBRUARY, roundId: 2, published: false },
        { roundId: 3, startsOn: '2025-08-01', endsOn: '2026-02-01', published: false },
      ],
      TODAY,
      '2028-12-31'
    )
    assert.deepEqual(windows, [
      { roundId: 2, startsOn: '2027-02-01', endsOn: '2027-08-01' },
      { roundId: null, startsOn: '2027-08-01', endsOn: '2028-02-01' },
      { roundId: null, startsOn: '2028-02-01', endsOn: '2028-08-01' },
      { roundId: null, startsOn: '2028-08-01', endsOn: '2029-02-01' },
    ])
    assert.deepEqual(windowsToCome([], TODAY, '2028-12-31'), [])
  })

  test('joined in June 2025, no digital posting, no list: the February round ends after their mark, so they have missed it', ({
    assert,
  }) => {
    const windows = windowsToCome(
      [{ ...FEBRUARY, roundId: 7, published: false }],
      TODAY,
      '2029-12-31'
    )
    const standing = digitalRuleStanding(
      facts('2025-06-02', {
        postings: [{ startsOn: '2026-10-01', endsOn: '2027-04-01', digital: false }],
      }),
      windows,
      TODAY
    )
    assert.deepEqual(standing, { state: 'missed', twoYearMark: '2027-06-02', chances: [] })
  })

  test('met: a digital posting that starts before the two-year mark, and only then', ({
    assert,
  }) => {
    const windows = [FEBRUARY]
    assert.equal(
      digitalRuleStanding(
        facts('2025-06-02', {
          postings: [{ startsOn: '2025-12-01', endsOn: '2026-06-01', digital: true }],
        }),
        windows,
        TODAY
      ).state,
      'met'
    )
    // A digital posting recorded after the mark is too late.
    assert.equal(
      digitalRuleStanding(
        facts('2025-06-02', {
          postings: [{ startsOn: '2027-06-02', endsOn: '2027-12-02', digital: true }],
        }),
        windows,
        TODAY
      ).state,
      'missed'
    )
  })

  test('on track with two windows left; at risk with one, unless on course for a digital placement in it', ({
    assert,
  }) => {
    const next: PostingWindow = { roundId: null, startsOn: '2027-08-01', endsOn: '2028-02-01' }
    const windows = [FEBRUARY, next]
    // Joined February 2026: both windows end by 2 February 2028.
    const both = digitalRuleStanding(facts('2026-02-02'), windows, TODAY)
    assert.equal(both.state, 'on_track')
    assert.deepEqual(both.chances, [FEBRUARY, next])
    // Joined October 2025: only the February round's postings end by 1 October 2027.
    const one = digitalRuleStanding(facts('2025-10-01'), windows, TODAY)
    assert.equal(one.state, 'at_risk')
    assert.deepEqual(one.chances, [FEBRUARY])
    assert.equal(
      digitalRuleStanding(facts('2025-10-01', { digitalRounds: [7] }), windows, TODAY).state,
      'on_track'
    )
    // A digital placement in another round does not help with this one.
    assert.equal(
      digitalRuleStanding(facts('2025-10-01', { digitalRounds: [8] }), windows, TODAY).state,
      'at_risk'
    )
    // The one window left is a round still to be set up: no one is on course for it yet.
    assert.equal(
      digitalRuleStanding(facts('2026-02-02', { digitalRounds: [7] }), [next], TODAY).state,
      'at_risk'
    )
  })

  test('a window their own posting overlaps is no chance; one that started before today is none either', ({
    assert,
  }) => {
    const next: PostingWindow = { roundId: null, startsOn: '2027-08-01', endsOn: '2028-02-01' }
    const busy = facts('2026-02-02', {
      postings: [{ startsOn: '2026-10-01', endsOn: '2027-04-01', digital: false }],
    })
    const standing = digitalRuleStanding(busy, [FEBRUARY, next], TODAY)
    assert.equal(standing.state, 'at_risk')
    assert.deepEqual(standing.chances, [next])
    assert.equal(digitalRuleStanding(busy, [FEBRUARY], TODAY).state, 'missed')
    assert.equal(digitalRuleStanding(facts('2026-02-02'), [FEBRUARY], '2027-02-02').state, 'missed')
  })
})
