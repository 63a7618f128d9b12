import { test } from '@japa/runner'
import { compareRequirements, type Requirement } from '#domain/framework/progression'
import { seniorityRank, skillLevelFromName, skillLevelName } from '#domain/framework/levels'

const req = (skillId: number, skillName: string, level: number): Requirement => ({
  skillId,
  skillName,
  level,
})

test.group('Progression between two role levels', () => {
  test('skills asked for at a higher level are to raise, biggest step first', ({ assert }) => {
    const from = [req(1, 'Agile working', 2), req(2, 'User focus', 1)]
    const to = [req(1, 'Agile working', 3), req(2, 'User focus', 4)]
    const result = compareRequirements(from, to)
    assert.deepEqual(
      result.raise.map((step) => [step.skillName, step.from, step.to]),
      [
        ['User focus', 1, 4],
        ['Agile working', 2, 3],
      ]
    )
    assert.isEmpty(result.new)
    assert.isEmpty(result.same)
  })

  test('skills only the target asks for are new, with the level needed', ({ assert }) => {
    const result = compareRequirements(
      [req(1, 'Agile working', 2)],
      [req(1, 'Agile working', 2), req(5, 'Strategic thinking', 3)]
    )
    assert.deepEqual(
      result.new.map((step) => [step.skillName, step.to]),
      [['Strategic thinking', 3]]
    )
    assert.deepEqual(
      result.same.map((step) => step.skillName),
      ['Agile working']
    )
  })

  test('skills the target asks for at a lower level, or not at all, are reported apart', ({
    assert,
  }) => {
    const result = compareRequirements(
      [req(1, 'Coding', 4), req(2, 'Testing', 3)],
      [req(1, 'Coding', 2)]
    )
    assert.deepEqual(
      result.lower.map((step) => [step.skillName, step.from, step.to]),
      [['Coding', 4, 2]]
    )
    assert.deepEqual(
      result.dropped.map((step) => [step.skillName, step.from]),
      [['Testing', 3]]
    )
    assert.isEmpty(result.raise)
  })

  test('comparing a role level with itself changes nothing', ({ assert }) => {
    const levels = [req(1, 'A', 1), req(2, 'B', 2), req(3, 'C', 3)]
    const result = compareRequirements(levels, levels)
    assert.lengthOf(result.same, 3)
    assert.isEmpty([...result.raise, ...result.new, ...result.lower, ...result.dropped])
  })

  test('an empty starting point makes every target skill new', ({ assert }) => {
    const result = compareRequirements([], [req(1, 'B', 2), req(2, 'A', 4)])
    assert.deepEqual(
      result.new.map((step) => step.skillName),
      ['A', 'B']
    )
  })
})

test.group('Skill levels and seniority', () => {
  test('level names and numbers map both ways', ({ assert }) => {
    assert.equal(skillLevelName(1), 'Awareness')
    assert.equal(skillLevelName(4), 'Expert')
    assert.equal(skillLevelFromName(' practitioner '), 3)
    assert.isNull(skillLevelFromName('Guru'))
    assert.throws(() => skillLevelName(5))
  })

  test('role levels sort from apprentice to head', ({ assert }) => {
    const names = [
      'Head of product',
      'Senior product manager',
      'Product manager',
      'Associate product manager',
      'Lead product manager',
      'Trainee data scientist',
      'Principal developer',
      'Junior developer',
      'Apprentice developer',
    ]
    const sorted = [...names].sort((a, b) => seniorityRank(a) - seniorityRank(b))
    assert.deepEqual(sorted, [
      'Apprentice developer',
      'Trainee data scientist',
      'Junior developer',
      'Associate product manager',
      'Product manager',
      'Senior product manager',
      'Lead product manager',
      'Principal developer',
      'Head of product',
    ])
    assert.isAbove(seniorityRank('Lead developer - management'), seniorityRank('Lead developer'))
  })
})
