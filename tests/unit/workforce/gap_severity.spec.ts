import { test } from '@japa/runner'
import {
  averageLevelsShort,
  gapBreadth,
  headcountGapSeverity,
  isDeepGap,
  skillGapSeverity,
  suggestsSkillGap,
} from '#domain/workforce/gap_severity'

/* `below` of `people` short, each `levels` levels short (so the average is `levels`). */
const shortBy = (below: number, people: number, levels = 1) => ({
  people,
  below,
  levelsShort: below * levels,
})

test.group('Gap severity: how widely people are short', () => {
  test('most: half the people or more and at least 5 of them, or 50 people whatever the share', ({
    assert,
  }) => {
    assert.equal(gapBreadth(5, 10), 'most')
    assert.equal(gapBreadth(5, 11), 'many', 'just under half')
    assert.equal(gapBreadth(4, 8), 'many', 'half, but only 4 people')
    assert.equal(gapBreadth(4, 4), 'many', 'everyone, but only 4 people')
    assert.equal(gapBreadth(50, 1000), 'most')
    assert.equal(gapBreadth(49, 1000), 'many')
  })

  test('many: 30% or more and at least 3 people, or 20 people whatever the share', ({ assert }) => {
    assert.equal(gapBreadth(3, 10), 'many')
    assert.equal(gapBreadth(3, 11), 'some', 'just under 30%')
    assert.equal(gapBreadth(2, 6), 'some', 'a third, but only 2 people')
    assert.equal(gapBreadth(20, 1000), 'many')
    assert.equal(gapBreadth(19, 1000), 'some')
  })

  test('some: 15% or more and at least 2 people, or 10 people whatever the share', ({ assert }) => {
    assert.equal(gapBreadth(3, 20), 'some')
    assert.equal(gapBreadth(3, 21), 'few', 'just under 15%')
    assert.equal(gapBreadth(2, 13), 'some')
    assert.equal(gapBreadth(2, 14), 'few')
    assert.equal(gapBreadth(10, 1000), 'some')
    assert.equal(gapBreadth(9, 1000), 'few')
  })

  test('one person is few, even when they are everyone', ({ assert }) => {
    assert.equal(gapBreadth(1, 1), 'few')
    assert.equal(gapBreadth(1, 2), 'few')
    assert.equal(gapBreadth(0, 5), 'few')
    assert.equal(gapBreadth(0, 0), 'few')
  })
})

test.group('Gap severity: how far people are short', () => {
  test('2 levels short on average or more is deep', ({ assert }) => {
    assert.isTrue(isDeepGap(3, 6))
    assert.isFalse(isDeepGap(3, 5))
    assert.isTrue(isDeepGap(1, 3))
    assert.isFalse(isDeepGap(0, 0))
  })

  test('the average shown is rounded to one decimal place', ({ assert }) => {
    assert.equal(averageLevelsShort(shortBy(3, 4, 0)), 0)
    assert.equal(averageLevelsShort({ people: 4, below: 3, levelsShort: 4 }), 1.3)
    assert.equal(averageLevelsShort({ people: 4, below: 0, levelsShort: 0 }), 0)
  })
})

test.group('Gap severity: skill gaps', () => {
  test('one person one level short is low, even when they are the only person in the role', ({
    assert,
  }) => {
    assert.equal(skillGapSeverity(shortBy(1, 1)), 'low')
    assert.equal(skillGapSeverity(shortBy(1, 1, 3)), 'low', 'few people stay low however far')
  })

  test('each breadth is one step more severe when people are far short', ({ assert }) => {
    assert.deepEqual(
      [
        [shortBy(6, 10, 1), shortBy(6, 10, 2)],
        [shortBy(3, 10, 1), shortBy(3, 10, 2)],
        [shortBy(2, 10, 1), shortBy(2, 10, 2)],
        [shortBy(1, 10, 1), shortBy(1, 10, 2)],
      ].map((pair) => pair.map(skillGapSeverity)),
      [
        ['high', 'critical'],
        ['medium', 'high'],
        ['low', 'medium'],
        ['low', 'low'],
      ]
    )
  })

  test('the average decides depth: people mostly one level short keep a gap shallow', ({
    assert,
  }) => {
    // 6 of 10 short: one by 4 levels, five by 1 (9 levels, 1.5 on average).
    assert.equal(skillGapSeverity({ people: 10, below: 6, levelsShort: 9 }), 'high')
    // 6 of 10 short by 12 levels in all: 2 on average.
    assert.equal(skillGapSeverity({ people: 10, below: 6, levelsShort: 12 }), 'critical')
    assert.equal(skillGapSeverity({ people: 10, below: 6, levelsShort: 11 }), 'high')
  })

  test('no one below is no gap', ({ assert }) => {
    assert.isNull(skillGapSeverity(shortBy(0, 10)))
    assert.isNull(skillGapSeverity(shortBy(0, 0)))
  })

  test('a gap is suggested from 3 people below, or 20% of the people', ({ assert }) => {
    assert.isTrue(suggestsSkillGap(shortBy(3, 100)))
    assert.isFalse(suggestsSkillGap(shortBy(2, 11)), '2 people, 18%')
    assert.isTrue(suggestsSkillGap(shortBy(2, 10)), '2 people, 20%')
    assert.isTrue(suggestsSkillGap(shortBy(1, 5)))
    assert.isFalse(suggestsSkillGap(shortBy(1, 6)))
    assert.isFalse(suggestsSkillGap(shortBy(0, 0)))
  })
})

test.group('Gap severity: headcount gaps', () => {
  test('a missing post counts as far short: the breadth alone sets the severity', ({ assert }) => {
    assert.equal(headcountGapSeverity({ postsNeeded: 10, postsShort: 5 }), 'critical')
    assert.equal(headcountGapSeverity({ postsNeeded: 10, postsShort: 4 }), 'high')
    assert.equal(headcountGapSeverity({ postsNeeded: 10, postsShort: 2 }), 'medium')
    assert.equal(headcountGapSeverity({ postsNeeded: 20, postsShort: 2 }), 'low')
    assert.equal(headcountGapSeverity({ postsNeeded: 100, postsShort: 50 }), 'critical')
  })

  test('one post short is low, even of one needed', ({ assert }) => {
    assert.equal(headcountGapSeverity({ postsNeeded: 1, postsShort: 1 }), 'low')
    assert.equal(headcountGapSeverity({ postsNeeded: 2, postsShort: 1 }), 'low')
    assert.isNull(headcountGapSeverity({ postsNeeded: 3, postsShort: 0 }))
  })
})
