import { test } from '@japa/runner'
import { aggregateGaps, individualGaps, type AggregateRow } from '#domain/capability/gap_engine'

const need = (skillId: number, level: number, skillName = `Skill ${skillId}`, retired = false) => ({
  skillId,
  level,
  skillName,
  retired,
})

test.group('Gap engine: one person', () => {
  test('with no assessment every required skill is a full gap', ({ assert }) => {
    const result = individualGaps([need(1, 3), need(2, 2)], [])
    assert.deepEqual(
      result.lines.map((line) => [line.skillId, line.current, line.gap]),
      [
        [1, 0, 3],
        [2, 0, 2],
      ]
    )
    assert.equal(result.below, 2)
    assert.equal(result.totalGap, 5)
    assert.isFalse(result.meetsAll)
  })

  test('a manager’s validated level counts over the self-assessed one', ({ assert }) => {
    const result = individualGaps([need(1, 3)], [{ skillId: 1, validated: 2, selfAssessed: 4 }])
    assert.deepInclude(result.lines[0], { current: 2, gap: 1, confirmed: true, selfAssessed: 4 })
  })

  test('a self-assessed level counts, marked as not yet confirmed, until validated', ({
    assert,
  }) => {
    const result = individualGaps([need(1, 3)], [{ skillId: 1, validated: null, selfAssessed: 3 }])
    assert.deepInclude(result.lines[0], { current: 3, gap: 0, confirmed: false })
    assert.isTrue(result.meetsAll)
    assert.isFalse(result.fullyConfirmed)
  })

  test('levels above the requirement are no negative gap', ({ assert }) => {
    const result = individualGaps([need(1, 2)], [{ skillId: 1, validated: 4, selfAssessed: null }])
    assert.equal(result.lines[0].gap, 0)
    assert.isTrue(result.fullyConfirmed)
  })

  test('retired skills and evidence for skills the role does not need are ignored', ({
    assert,
  }) => {
    const result = individualGaps(
      [need(1, 3), need(2, 4, 'Old skill', true)],
      [
        { skillId: 1, validated: 3, selfAssessed: null },
        { skillId: 9, validated: 1, selfAssessed: 1 },
      ]
    )
    assert.deepEqual(
      result.lines.map((line) => line.skillId),
      [1]
    )
    assert.isTrue(result.meetsAll)
  })

  test('lines are sorted by gap, biggest first, then by name', ({ assert }) => {
    const result = individualGaps(
      [need(1, 2, 'B'), need(2, 4, 'C'), need(3, 2, 'A')],
      [{ skillId: 2, validated: 1, selfAssessed: null }]
    )
    assert.deepEqual(
      result.lines.map((line) => line.skillName),
      ['C', 'A', 'B']
    )
  })

  test('two role levels of the same person are separate calls with separate answers', ({
    assert,
  }) => {
    const evidence = [{ skillId: 1, validated: 2, selfAssessed: null }]
    assert.isTrue(individualGaps([need(1, 2)], evidence).meetsAll)
    assert.isFalse(individualGaps([need(1, 3)], evidence).meetsAll)
  })
})

test.group('Gap engine: aggregates', () => {
  test('sums people below each skill and those meeting every requirement, per group', ({
    assert,
  }) => {
    const rows: AggregateRow[] = [
      { group: 'Team A', personId: 1, skillId: 10, required: 3, current: 3 },
      { group: 'Team A', personId: 1, skillId: 11, required: 2, current: 2 },
      { group: 'Team A', personId: 2, skillId: 10, required: 3, current: 1 },
      { group: 'Team A', personId: 2, skillId: 11, required: 2, current: null },
      { group: 'Team B', personId: 3, skillId: 10, required: 2, current: 4 },
    ]
    const result = aggregateGaps(rows)
    const teamA = result.get('Team A')!
    assert.equal(teamA.people, 2)
    assert.equal(teamA.peopleMeetingAll, 1)
    assert.deepEqual(teamA.skills.get(10), { assessedAgainst: 2, below: 1, totalGap: 2 })
    assert.deepEqual(teamA.skills.get(11), { assessedAgainst: 2, below: 1, totalGap: 2 })
    assert.deepEqual(
      { people: result.get('Team B')!.people, meeting: result.get('Team B')!.peopleMeetingAll },
      { people: 1, meeting: 1 }
    )
  })

  test('works over a generator, so rows can be streamed', ({ assert }) => {
    function* rows(): Generator<AggregateRow> {
      for (let person = 1; person <= 1000; person++) {
        yield {
          group: person % 2 ? 'odd' : 'even',
          personId: person,
          skillId: 1,
          required: 2,
          current: person % 4,
        }
      }
    }
    const result = aggregateGaps(rows())
    assert.equal(result.get('odd')!.people, 500)
    assert.equal(result.get('even')!.skills.get(1)!.below, 250)
  })
})
