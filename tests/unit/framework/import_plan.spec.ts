import { test } from '@japa/runner'
import {
  planImport,
  readRow,
  planChangesNothing,
  type CurrentFramework,
} from '#domain/framework/framework_import'

const empty: CurrentFramework = {
  families: [],
  roles: [],
  levels: [],
  skills: [],
  requirements: [],
}

const record = (
  family: string,
  role: string,
  roleLevel: string,
  skill: string,
  skillLevel: string
) => ({
  role_family: family,
  role,
  role_level: roleLevel,
  skill,
  skill_level: skillLevel,
})

const rows = (...records: ReturnType<typeof record>[]) =>
  records.map((r, index) => readRow(r, index + 2))

const current: CurrentFramework = {
  families: [{ name: 'Data', retired: false }],
  roles: [
    { family: 'Data', name: 'Data analyst', retired: false },
    { family: 'Data', name: 'Data engineer', retired: false },
  ],
  levels: [
    { family: 'Data', role: 'Data analyst', name: 'Data analyst', retired: false },
    { family: 'Data', role: 'Data analyst', name: 'Senior data analyst', retired: false },
    { family: 'Data', role: 'Data engineer', name: 'Data engineer', retired: false },
  ],
  skills: [
    { name: 'Data analysis', retired: false },
    { name: 'Data modelling', retired: true },
  ],
  requirements: [
    {
      family: 'Data',
      role: 'Data analyst',
      roleLevel: 'Data analyst',
      skill: 'Data analysis',
      level: 2,
    },
    {
      family: 'Data',
      role: 'Data analyst',
      roleLevel: 'Senior data analyst',
      skill: 'Data analysis',
      level: 3,
    },
    {
      family: 'Data',
      role: 'Data engineer',
      roleLevel: 'Data engineer',
      skill: 'Data analysis',
      level: 2,
    },
  ],
}

test.group('Planning a framework import', () => {
  test('an empty framework gets everything in the file added', ({ assert }) => {
    const plan = planImport(
      empty,
      rows(record('Data', 'Data analyst', 'Data analyst', 'Data analysis', 'Working'))
    )
    assert.deepEqual(plan.add.families, ['Data'])
    assert.deepEqual(plan.add.roles, [{ family: 'Data', role: 'Data analyst' }])
    assert.deepEqual(plan.add.skills, ['Data analysis'])
    assert.deepEqual(plan.add.requirements, [
      {
        family: 'Data',
        role: 'Data analyst',
        roleLevel: 'Data analyst',
        skill: 'Data analysis',
        level: 2,
      },
    ])
  })

  test('bad rows are listed with their line number and reason, and nothing else is planned', ({
    assert,
  }) => {
    const plan = planImport(
      current,
      rows(
        record('Data', 'Data analyst', 'Data analyst', 'Data analysis', 'Working'),
        record('Data', '', 'Data analyst', 'Data analysis', 'Working'),
        record('Data', 'Data analyst', 'Data analyst', 'Data ethics', 'Guru'),
        record('Data', 'Data analyst', 'Data analyst', 'Data analysis', 'Expert')
      )
    )
    assert.deepEqual(plan.errors, [
      { line: 3, reason: 'Missing role' },
      {
        line: 4,
        reason: 'Skill level "Guru" is not one of Awareness, Working, Practitioner, Expert',
      },
      { line: 5, reason: 'Data analyst already needs Data analysis at Working (line 2)' },
    ])
    assert.isEmpty(plan.add.requirements)
  })

  test('a requirement at a new level is a change; the same level is unchanged', ({ assert }) => {
    const plan = planImport(
      current,
      rows(
        record('Data', 'Data analyst', 'Data analyst', 'Data analysis', 'Practitioner'),
        record('Data', 'Data analyst', 'Senior data analyst', 'Data analysis', 'Practitioner'),
        record('Data', 'Data engineer', 'Data engineer', 'Data analysis', 'Working')
      )
    )
    assert.deepEqual(plan.change.requirements, [
      {
        family: 'Data',
        role: 'Data analyst',
        roleLevel: 'Data analyst',
        skill: 'Data analysis',
        from: 2,
        to: 3,
      },
    ])
    assert.equal(plan.unchanged, 2)
  })

  test('levels and roles of a named family that the file leaves out are retired', ({ assert }) => {
    const plan = planImport(
      current,
      rows(record('Data', 'Data analyst', 'Data analyst', 'Data analysis', 'Working'))
    )
    assert.deepEqual(plan.retire.roles, [{ family: 'Data', role: 'Data engineer' }])
    assert.deepEqual(plan.retire.levels, [
      { family: 'Data', role: 'Data analyst', roleLevel: 'Senior data analyst' },
    ])
    assert.lengthOf(plan.retire.requirements, 2)
  })

  test('families the file does not mention are left alone', ({ assert }) => {
    const plan = planImport(
      current,
      rows(record('Architecture', 'Data architect', 'Data architect', 'Data analysis', 'Working'))
    )
    assert.isEmpty(plan.retire.roles)
    assert.isEmpty(plan.retire.levels)
    assert.isEmpty(plan.retire.requirements)
  })

  test('a retired skill named again is restored, not added twice', ({ assert }) => {
    const plan = planImport(
      current,
      rows(record('Data', 'Data analyst', 'Data analyst', 'data modelling', 'Working'))
    )
    assert.deepEqual(plan.restore.skills, ['Data modelling'])
    assert.isEmpty(plan.add.skills)
  })

  test('"NOT IN USE" levels map to the role itself and to Expert', ({ assert }) => {
    const plan = planImport(
      empty,
      rows(
        record(
          'Chief digital and data',
          'Chief data officer',
          'NOT IN USE',
          'Data architecture',
          'NOT IN USE'
        )
      )
    )
    assert.deepEqual(plan.add.levels, [
      {
        family: 'Chief digital and data',
        role: 'Chief data officer',
        roleLevel: 'Chief data officer',
      },
    ])
    assert.equal(plan.add.requirements[0].level, 4)
  })

  test('a file that matches the framework changes nothing', ({ assert }) => {
    const plan = planImport(
      current,
      rows(
        record('Data', 'Data analyst', 'Data analyst', 'Data analysis', 'Working'),
        record('Data', 'Data analyst', 'Senior data analyst', 'Data analysis', 'Practitioner'),
        record('Data', 'Data engineer', 'Data engineer', 'Data analysis', 'Working')
      )
    )
    assert.isTrue(planChangesNothing(plan))
  })
})
