import { test } from '@japa/runner'
import { validateRoundInput } from '#domain/fast_stream/round_input'

/* A valid round as it would arrive from JSON; each test breaks one thing. */
function validRound(): Record<string, any> {
  return {
    rules: { excludePreviousDepartments: true, enforceDigital: false },
    entrants: [
      {
        id: 'e1',
        preferences: ['p1', 'p2'],
        clearance: 'SC',
        previousDepartments: ['HMRC'],
        needsDigital: true,
      },
      {
        id: 'e2',
        preferences: ['p2'],
        clearance: 'BPSS',
        previousDepartments: [],
        needsDigital: false,
      },
    ],
    placements: [
      {
        id: 'p1',
        capacity: 2,
        department: 'DWP',
        clearanceRequired: 'CTC',
        digital: true,
        preferences: ['e2', 'e1'],
      },
      { id: 'p2', capacity: 1, department: 'HMRC', clearanceRequired: 'BPSS', digital: false },
    ],
  }
}

function problemsOf(json: unknown): string[] {
  const result = validateRoundInput(json)
  return result.ok ? [] : result.problems
}

test.group('Fast Stream round input', () => {
  test('a valid round is accepted as a clean copy, without unknown fields', ({ assert }) => {
    const json = validRound()
    json.placements[0].title = 'Data engineer, Leeds'
    const result = validateRoundInput(json)
    assert.isTrue(result.ok)
    if (!result.ok) return
    assert.deepEqual(result.input.placements[0], {
      id: 'p1',
      capacity: 2,
      department: 'DWP',
      clearanceRequired: 'CTC',
      digital: true,
      preferences: ['e2', 'e1'],
    })
    assert.notProperty(result.input.placements[1], 'preferences')
    assert.deepEqual(result.input.rules, {
      excludePreviousDepartments: true,
      enforceDigital: false,
    })
    assert.notStrictEqual(result.input.entrants[0].preferences, json.entrants[0].preferences)
  })

  test('something that is not a round at all is one problem', ({ assert }) => {
    assert.deepEqual(problemsOf([]), [
      'the round must be an object with entrants, placements and rules, got a list',
    ])
    assert.lengthOf(problemsOf(null), 1)
  })

  test('missing lists and rules are named', ({ assert }) => {
    assert.deepEqual(problemsOf({ entrants: 'none' }), [
      'rules must be an object with excludePreviousDepartments and enforceDigital, got nothing',
      'entrants must be a list, got "none"',
      'placements must be a list, got nothing',
    ])
  })

  test('rules must both be true or false', ({ assert }) => {
    const json = validRound()
    json.rules = { excludePreviousDepartments: 'yes' }
    assert.deepEqual(problemsOf(json), [
      'rules: excludePreviousDepartments must be true or false, got "yes"',
      'rules: enforceDigital must be true or false, got nothing',
    ])
  })

  test('duplicate entrant and placement ids are named with both positions', ({ assert }) => {
    const json = validRound()
    json.entrants.push({ ...json.entrants[0] })
    json.placements.push({ ...json.placements[1] })
    assert.deepEqual(problemsOf(json), [
      'entrants[2] "e1": duplicate id (also entrants[0])',
      'placements[2] "p2": duplicate id (also placements[1])',
    ])
  })

  test('preferences naming entrants or placements not in the round are named', ({ assert }) => {
    const json = validRound()
    json.entrants[1].preferences = ['p2', 'p9']
    json.placements[0].preferences = ['e2', 'e7', 'e1']
    assert.deepEqual(problemsOf(json), [
      'entrants[1] "e2": preferences[1] "p9" is not a placement in this round',
      'placements[0] "p1": preferences[1] "e7" is not an entrant in this round',
    ])
  })

  test('an id listed twice in one ranking is a problem', ({ assert }) => {
    const json = validRound()
    json.entrants[0].preferences = ['p1', 'p2', 'p1']
    json.placements[0].preferences = ['e1', 'e1']
    assert.deepEqual(problemsOf(json), [
      'entrants[0] "e1": preferences[2] "p1" is listed more than once',
      'placements[0] "p1": preferences[1] "e1" is listed more than once',
    ])
  })

  test('capacity must be a whole number of at least 1', ({ assert }) => {
    for (const capacity of [0, -1, 1.5, '2', null]) {
      const json = validRound()
      json.placements[0].capacity = capacity
      assert.deepEqual(problemsOf(json), [
        `placements[0] "p1": capacity must be a whole number of at least 1, got ${capacity === '2' ? '"2"' : String(capacity)}`,
      ])
    }
  })

  test('a clearance that is not BPSS, CTC, SC or DV is a problem', ({ assert }) => {
    const json = validRound()
    json.entrants[0].clearance = 'Top secret'
    json.placements[1].clearanceRequired = 'sc'
    assert.deepEqual(problemsOf(json), [
      'entrants[0] "e1": clearance must be one of BPSS, CTC, SC, DV, got "Top secret"',
      'placements[1] "p2": clearanceRequired must be one of BPSS, CTC, SC, DV, got "sc"',
    ])
  })

  test('missing and ill-typed fields are each named', ({ assert }) => {
    const json = validRound()
    json.entrants[0] = { id: 'e1', preferences: 'p1', previousDepartments: ['HMRC', 3] }
    json.entrants[1].id = ''
    json.placements[1] = { id: 'p2', capacity: 1, department: '', digital: 'no' }
    json.placements.push('p3')
    assert.deepEqual(problemsOf(json), [
      'entrants[0] "e1": preferences must be a list of ids, got "p1"',
      'entrants[0] "e1": clearance must be one of BPSS, CTC, SC, DV, got nothing',
      'entrants[0] "e1": previousDepartments[1] must be a non-empty string, got 3',
      'entrants[0] "e1": needsDigital must be true or false, got nothing',
      'entrants[1]: id must be a non-empty string, got ""',
      'placements[1] "p2": department must be a non-empty string, got ""',
      'placements[1] "p2": clearanceRequired must be one of BPSS, CTC, SC, DV, got nothing',
      'placements[1] "p2": digital must be true or false, got "no"',
      'placements[2]: must be an object, got "p3"',
      'placements[0] "p1": preferences[0] "e2" is not an entrant in this round',
    ])
  })
})
