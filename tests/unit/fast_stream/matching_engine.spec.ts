import { test } from '@japa/runner'
import {
  CLEARANCES,
  countBlockingPairs,
  ineligibilityReason,
  isAcceptable,
  matchRound,
  unacceptabilityReason,
  type Clearance,
  type Entrant,
  type Placement,
  type RoundInput,
  type RoundResult,
  type Rules,
} from '#domain/fast_stream/matching_engine'
import { seeded } from '#tests/support/random'

const RULES_ON: Rules = { excludePreviousDepartments: true, enforceDigital: true }
const RULES_OFF: Rules = { excludePreviousDepartments: false, enforceDigital: false }

function entrant(id: string, preferences: string[], extra: Partial<Entrant> = {}): Entrant {
  return {
    id,
    preferences,
    clearance: 'BPSS',
    previousDepartments: [],
    needsDigital: false,
    ...extra,
  }
}

function placement(
  id: string,
  capacity: number,
  preferences?: string[],
  extra: Partial<Placement> = {}
): Placement {
  const result: Placement = {
    id,
    capacity,
    department: `Department of ${id}`,
    clearanceRequired: 'BPSS',
    digital: true,
    ...extra,
  }
  if (preferences) result.preferences = preferences
  return result
}

function round(entrants: Entrant[], placements: Placement[], rules = RULES_ON): RoundInput {
  return { entrants, placements, rules }
}

/* The matching as entrant id → placement id, for comparisons that ignore order. */
function pairs(result: RoundResult): Record<string, string> {
  return Object.fromEntries(result.matches.map((match) => [match.entrant, match.placement]))
}

function asAssignment(result: RoundResult): Map<string, string | null> {
  return new Map(result.matches.map((match) => [match.entrant, match.placement]))
}

type Random = ReturnType<typeof seeded>

const DEPARTMENTS = ['HMRC', 'DWP', 'MoJ']

/*
 * A small random round: up to 5 entrants and 4 placements, capacities 1–2,
 * a mix of clearances, departments and digital needs, some placements
 * without a ranking, random rules.
 */
function randomRound(random: Random, allRanked = false): RoundInput {
  const placementCount = 1 + random.int(4)
  // Often as many entrants as seats: the rounds where entrants and teams pull hardest against each other.
  const entrantCount = Math.min(5, placementCount + random.int(3))
  const placementIds = Array.from({ length: placementCount }, (_, i) => `p${i}`)
  const entrantIds = Array.from({ length: entrantCount }, (_, i) => `e${i}`)
  // Mostly long lists and few barriers, so entrants compete and rounds often have several stable matchings.
  const entrants = entrantIds.map((id) =>
    entrant(
      id,
      random
        .shuffle(placementIds)
        .slice(0, random.next() < 0.7 ? placementCount : random.int(placementCount + 1)),
      {
        clearance: random.pick(['BPSS', 'CTC', 'SC', 'SC', 'DV', 'DV'] as Clearance[]),
        previousDepartments: DEPARTMENTS.filter(() => random.next() < 0.1),
        needsDigital: random.next() < 0.3,
      }
    )
  )
  const placements = placementIds.map((id) => {
    const ranked = allRanked || random.next() < 0.75
    const ranking = ranked
      ? random.shuffle(entrantIds).filter(() => random.next() < 0.95)
      : undefined
    return placement(id, random.next() < 0.25 ? 2 : 1, ranking, {
      department: random.pick(DEPARTMENTS),
      clearanceRequired: random.pick([
        'BPSS',
        'BPSS',
        'BPSS',
        'BPSS',
        'CTC',
        'SC',
        'DV',
      ] as Clearance[]),
      digital: random.next() < 0.8,
    })
  })
  return round(entrants, placements, {
    excludePreviousDepartments: random.next() < 0.5,
    enforceDigital: random.next() < 0.5,
  })
}

/*
 * A round where everyone competes: every entrant ranks every placement,
 * every team ranks every entrant, nobody is ineligible, and there are
 * about as many seats as entrants. Such rounds often have several stable
 * matchings, which is where being best for entrants means something.
 */
function contestedRound(random: Random): RoundInput {
  const placementIds = Array.from({ length: 3 + random.int(2) }, (_, i) => `p${i}`)
  const entrantIds = Array.from({ length: 4 + random.int(2) }, (_, i) => `e${i}`)
  return round(
    entrantIds.map((id) => entrant(id, random.shuffle(placementIds))),
    placementIds.map((id) =>
      placement(id, random.next() < 0.25 ? 2 : 1, random.shuffle(entrantIds))
    )
  )
}

/*
 * The reference the engine is checked against, written from the
 * definitions alone: which pairs are acceptable, every assignment within
 * capacity, and which of those have no blocking pair.
 */
const LEVEL: Record<Clearance, number> = { BPSS: 0, CTC: 1, SC: 2, DV: 3 }

function teamRank(input: RoundInput, p: Placement, entrantId: string): number {
  if (p.preferences) {
    const rank = p.preferences.indexOf(entrantId)
    return rank < 0 ? Number.POSITIVE_INFINITY : rank
  }
  return input.entrants.findIndex((e) => e.id === entrantId)
}

function acceptable(input: RoundInput, e: Entrant, p: Placement): boolean {
  const { rules } = input
  return (
    e.preferences.includes(p.id) &&
    Number.isFinite(teamRank(input, p, e.id)) &&
    LEVEL[e.clearance] >= LEVEL[p.clearanceRequired] &&
    !(rules.excludePreviousDepartments && e.previousDepartments.includes(p.department)) &&
    !(rules.enforceDigital && e.needsDigital && !p.digital)
  )
}

/*
 * Blocking pairs of an assignment (entrant index → placement index or -1),
 * from the definition: an acceptable pair where the entrant would rather
 * have the placement than what they hold, and the placement has a free
 * seat or holds someone its team ranks lower.
 */
function referenceBlockingPairs(input: RoundInput, assignment: number[]): string[] {
  const blocking: string[] = []
  input.placements.forEach((p, pi) => {
    const holders = input.entrants.filter((_, ei) => assignment[ei] === pi)
    // A holder who may not be there at all is the team's worst.
    const worst = Math.max(
      -1,
      ...holders.map((h) =>
        acceptable(input, h, p) ? teamRank(input, p, h.id) : Number.POSITIVE_INFINITY
      )
    )
    input.entrants.forEach((e, ei) => {
      if (assignment[ei] === pi || !acceptable(input, e, p)) return
      const current = assignment[ei]
      // A placement the entrant did not rank is worse to them than any they did.
      const entrantPrefers = e.preferences.indexOf(p.id) < entrantRank(input, ei, current)
      const teamPrefers = holders.length < p.capacity || teamRank(input, p, e.id) < worst
      if (entrantPrefers && teamPrefers) blocking.push(`${e.id}-${p.id}`)
    })
  })
  return blocking
}

/* Every stable matching of a small round, by trying every assignment of acceptable pairs. */
function allStableMatchings(input: RoundInput): number[][] {
  const options = input.entrants.map((e) => [
    -1,
    ...input.placements.flatMap((p, pi) => (acceptable(input, e, p) ? [pi] : [])),
  ])
  const stable: number[][] = []
  const current: number[] = []
  const visit = (ei: number) => {
    if (ei === input.entrants.length) {
      const full = input.placements.some(
        (p, pi) => current.filter((value) => value === pi).length > p.capacity
      )
      if (!full && referenceBlockingPairs(input, current).length === 0) stable.push([...current])
      return
    }
    for (const option of options[ei]) {
      current[ei] = option
      visit(ei + 1)
    }
  }
  visit(0)
  return stable
}

/*
 * Deferred acceptance written the plain way, to check the engine on rounds
 * too big to enumerate: free entrants propose down their lists, a team
 * keeps its best applicants up to capacity and lets the rest go.
 */
function plainDeferredAcceptance(input: RoundInput): number[] {
  const next = input.entrants.map(() => 0)
  const held = input.placements.map((): number[] => [])
  const assignment = input.entrants.map(() => -1)
  const free = input.entrants.map((_, ei) => ei)
  while (free.length > 0) {
    const ei = free.shift()!
    const e = input.entrants[ei]
    while (next[ei] < e.preferences.length) {
      const pi = input.placements.findIndex((p) => p.id === e.preferences[next[ei]])
      next[ei]++
      const p = input.placements[pi]
      if (!acceptable(input, e, p)) continue
      held[pi].push(ei)
      held[pi].sort(
        (a, b) =>
          teamRank(input, p, input.entrants[a].id) - teamRank(input, p, input.entrants[b].id)
      )
      if (held[pi].length > p.capacity) {
        const dropped = held[pi].pop()!
        if (dropped === ei) continue
        assignment[dropped] = -1
        free.push(dropped)
      }
      assignment[ei] = pi
      break
    }
  }
  return assignment
}

/* A bigger random round: up to 80 entrants, 10 placements of up to 12 seats, rankings with gaps. */
function mediumRound(random: Random): RoundInput {
  const placementIds = Array.from({ length: 2 + random.int(9) }, (_, i) => `p${i}`)
  const entrantIds = Array.from({ length: 10 + random.int(71) }, (_, i) => `e${i}`)
  return round(
    entrantIds.map((id) =>
      entrant(id, random.shuffle(placementIds).slice(0, 1 + random.int(placementIds.length)), {
        clearance: random.pick(CLEARANCES),
        previousDepartments: DEPARTMENTS.filter(() => random.next() < 0.1),
        needsDigital: random.next() < 0.3,
      })
    ),
    placementIds.map((id) =>
      placement(
        id,
        1 + random.int(12),
        random.next() < 0.8
          ? random.shuffle(entrantIds).filter(() => random.next() < 0.9)
          : undefined,
        {
          department: random.pick(DEPARTMENTS),
          clearanceRequired: random.pick(['BPSS', 'BPSS', 'CTC', 'SC'] as Clearance[]),
          digital: random.next() < 0.8,
        }
      )
    ),
    { excludePreviousDepartments: random.next() < 0.5, enforceDigital: random.next() < 0.5 }
  )
}

function engineAssignment(input: RoundInput, result: RoundResult): number[] {
  const byEntrant = pairs(result)
  return input.entrants.map((e) =>
    byEntrant[e.id] === undefined ? -1 : input.placements.findIndex((p) => p.id === byEntrant[e.id])
  )
}

/* How an entrant rates a placement index: lower is better; none, or one they did not rank, is worst. */
function entrantRank(input: RoundInput, ei: number, pi: number): number {
  const rank = pi < 0 ? -1 : input.entrants[ei].preferences.indexOf(input.placements[pi].id)
  return rank < 0 ? Number.POSITIVE_INFINITY : rank
}

/*
 * Five entrants and three placements, P with two seats, in which a is
 * displaced from Q by b and then displaces c from P (Q did not rank c).
 */
function roundWithADisplacement(): RoundInput {
  return round(
    [
      entrant('a', ['Q', 'P']),
      entrant('b', ['Q', 'R']),
      entrant('c', ['P', 'Q']),
      entrant('d', ['P', 'R']),
      entrant('e', ['R', 'P']),
    ],
    [
      placement('P', 2, ['e', 'a', 'd', 'c']),
      placement('Q', 1, ['b', 'a']),
      placement('R', 1, ['d', 'b', 'e']),
    ]
  )
}

test.group('Fast Stream matching: textbook rounds', () => {
  test('in the Gale–Shapley three-by-three round every entrant gets their first choice', ({
    assert,
  }) => {
    // Each side's first choices form a cycle, so the two optimal matchings differ completely.
    const input = round(
      [entrant('a', ['A', 'B', 'C']), entrant('b', ['B', 'C', 'A']), entrant('c', ['C', 'A', 'B'])],
      [
        placement('A', 1, ['b', 'c', 'a']),
        placement('B', 1, ['c', 'a', 'b']),
        placement('C', 1, ['a', 'b', 'c']),
      ]
    )
    const result = matchRound(input)
    assert.deepEqual(pairs(result), { a: 'A', b: 'B', c: 'C' })
    assert.equal(result.stats.firstChoice, 3)

    // The placement-optimal matching, found by letting the placements propose, is stable too.
    const placementOptimal = new Map([
      ['a', 'C'],
      ['b', 'A'],
      ['c', 'B'],
    ])
    assert.equal(countBlockingPairs(input, placementOptimal).count, 0)
    assert.equal(countBlockingPairs(input, asAssignment(result)).count, 0)
    assert.lengthOf(allStableMatchings(input), 3)
  })

  test('with capacities, entrants get the best of the two stable matchings and a displaced entrant moves on', ({
    assert,
  }) => {
    // P takes two. a is displaced from Q by b, then displaces c from P; Q did not rank c.
    const input = roundWithADisplacement()
    const result = matchRound(input)
    assert.deepEqual(pairs(result), { a: 'P', b: 'Q', d: 'P', e: 'R' })
    assert.deepEqual(
      result.unmatched.map((row) => [row.entrant, row.code]),
      [['c', 'choices_filled']]
    )

    // The other stable matching gives d and e their second choices instead.
    const placementOptimal = new Map([
      ['a', 'P'],
      ['b', 'Q'],
      ['d', 'R'],
      ['e', 'P'],
    ])
    assert.equal(countBlockingPairs(input, placementOptimal).count, 0)
    const stable = allStableMatchings(input)
    assert.lengthOf(stable, 2)
    // The same entrants are matched in both (the rural hospitals theorem).
    assert.deepEqual(
      stable.map((assignment) => assignment.map((p) => p >= 0)),
      [
        [true, true, false, true, true],
        [true, true, false, true, true],
      ]
    )
  })

  test('an entrant the team prefers takes the seat from one it ranks lower', ({ assert }) => {
    const input = round(
      [entrant('late', ['P']), entrant('early', ['P'])],
      [placement('P', 1, ['early', 'late'])]
    )
    const result = matchRound(input)
    assert.deepEqual(pairs(result), { early: 'P' })
    assert.equal(result.unmatched[0].entrant, 'late')
  })
})

test.group('Fast Stream matching: capacity and output', () => {
  test('no placement takes more entrants than its capacity, and every seat wanted is filled', ({
    assert,
  }) => {
    const entrants = Array.from({ length: 7 }, (_, i) => entrant(`e${i}`, ['P', 'Q']))
    const input = round(entrants, [placement('P', 3), placement('Q', 2)])
    const result = matchRound(input)
    const counts = result.matches.reduce<Record<string, number>>((all, match) => {
      all[match.placement] = (all[match.placement] ?? 0) + 1
      return all
    }, {})
    assert.deepEqual(counts, { P: 3, Q: 2 })
    assert.deepInclude(result.stats, {
      entrants: 7,
      matched: 5,
      placesOffered: 5,
      placesFilled: 5,
      firstChoice: 3,
      topThree: 5,
    })
  })

  test('a placement without a ranking takes its applicants in the order the entrants appear', ({
    assert,
  }) => {
    const input = round(
      [entrant('first', ['P']), entrant('second', ['P']), entrant('third', ['P'])],
      [placement('P', 2)]
    )
    assert.deepEqual(pairs(matchRound(input)), { first: 'P', second: 'P' })
    const reversed = round([...input.entrants].reverse(), input.placements)
    assert.deepEqual(pairs(matchRound(reversed)), { third: 'P', second: 'P' })
  })

  test('matches come in the order of the entrants, with the position of the choice', ({
    assert,
  }) => {
    const input = round(
      [entrant('z', ['Q', 'P']), entrant('y', ['P']), entrant('x', ['R', 'S', 'Q'])],
      [
        placement('P', 1),
        placement('Q', 1, ['y', 'z']),
        placement('R', 1, []),
        placement('S', 1, ['y']),
      ]
    )
    const result = matchRound(input)
    assert.deepEqual(result.matches, [
      { entrant: 'z', placement: 'Q', choice: 1 },
      { entrant: 'y', placement: 'P', choice: 1 },
    ])
    assert.deepInclude(result.stats, { firstChoice: 2, topThree: 2, matched: 2 })
  })

  test('entrants who need a digital placement are counted, and those who got one', ({ assert }) => {
    const input = round(
      [
        entrant('a', ['D'], { needsDigital: true }),
        entrant('b', ['N'], { needsDigital: true }),
        entrant('c', ['N']),
      ],
      [placement('D', 1), placement('N', 2, undefined, { digital: false })],
      { excludePreviousDepartments: true, enforceDigital: false }
    )
    const { stats } = matchRound(input)
    assert.deepInclude(stats, { needDigital: 2, needDigitalMatchedDigital: 1, matched: 3 })
  })

  test('an empty round matches no one', ({ assert }) => {
    const result = matchRound(round([], []))
    assert.deepEqual(result, {
      matches: [],
      unmatched: [],
      stats: {
        entrants: 0,
        matched: 0,
        firstChoice: 0,
        topThree: 0,
        placesOffered: 0,
        placesFilled: 0,
        needDigital: 0,
        needDigitalMatchedDigital: 0,
      },
    })
  })
})

test.group('Fast Stream matching: who may go where', () => {
  const only = (e: Entrant, p: Placement, rules = RULES_ON) =>
    pairs(matchRound(round([e], [p], rules)))

  test('an entrant is matched only to a placement they ranked', ({ assert }) => {
    assert.deepEqual(only(entrant('e', []), placement('P', 1)), {})
    assert.deepEqual(only(entrant('e', ['P']), placement('P', 1)), { e: 'P' })
    assert.equal(
      unacceptabilityReason(entrant('e', []), placement('P', 1), RULES_ON)?.code,
      'not_chosen'
    )
  })

  test('an entrant is matched only to a placement whose team ranked them, when it ranks', ({
    assert,
  }) => {
    assert.deepEqual(only(entrant('e', ['P']), placement('P', 1, ['someone else'])), {})
    assert.deepEqual(only(entrant('e', ['P']), placement('P', 1, [])), {})
    assert.deepEqual(only(entrant('e', ['P']), placement('P', 1, ['e'])), { e: 'P' })
    assert.deepEqual(only(entrant('e', ['P']), placement('P', 1)), { e: 'P' })
  })

  test('clearance must be at least the level the placement requires, in the order BPSS, CTC, SC, DV', ({
    assert,
  }) => {
    for (const [held, required, allowed] of [
      ['BPSS', 'CTC', false],
      ['CTC', 'SC', false],
      ['SC', 'DV', false],
      ['DV', 'SC', true],
      ['SC', 'SC', true],
      ['CTC', 'BPSS', true],
    ] as [Clearance, Clearance, boolean][]) {
      const e = entrant('e', ['P'], { clearance: held })
      const p = placement('P', 1, undefined, { clearanceRequired: required })
      // No rule switches clearance off.
      for (const rules of [RULES_ON, RULES_OFF]) {
        assert.equal(isAcceptable(e, p, rules), allowed, `${held} for ${required}`)
        assert.deepEqual(only(e, p, rules), allowed ? { e: 'P' } : {})
      }
    }
  })

  test('a department the entrant has been posted to is excluded only when the rule is on', ({
    assert,
  }) => {
    const e = entrant('e', ['P'], { previousDepartments: ['HMRC'] })
    const p = placement('P', 1, undefined, { department: 'HMRC' })
    assert.deepEqual(only(e, p, { excludePreviousDepartments: true, enforceDigital: false }), {})
    assert.deepEqual(only(e, p, { excludePreviousDepartments: false, enforceDigital: true }), {
      e: 'P',
    })
    assert.deepEqual(ineligibilityReason(e, p, RULES_ON), {
      code: 'previous_department',
      reason: 'The placement is in HMRC, where the entrant has already had a posting.',
    })
    const elsewhere = placement('P', 1, undefined, { department: 'DWP' })
    assert.deepEqual(only(e, elsewhere, RULES_ON), { e: 'P' })
  })

  test('an entrant who needs a digital placement gets only a digital one when the rule is on', ({
    assert,
  }) => {
    const needs = entrant('e', ['P'], { needsDigital: true })
    const doesNot = entrant('e', ['P'], { needsDigital: false })
    const nonDigital = placement('P', 1, undefined, { digital: false })
    assert.deepEqual(
      only(needs, nonDigital, { excludePreviousDepartments: true, enforceDigital: true }),
      {}
    )
    assert.deepEqual(
      only(needs, nonDigital, { excludePreviousDepartments: true, enforceDigital: false }),
      { e: 'P' }
    )
    assert.deepEqual(only(doesNot, nonDigital, RULES_ON), { e: 'P' })
    assert.deepEqual(only(needs, placement('P', 1), RULES_ON), { e: 'P' })
    assert.equal(ineligibilityReason(needs, nonDigital, RULES_ON)?.code, 'not_digital')
  })

  test('the search page’s eligibility ignores rankings; acceptability needs both', ({ assert }) => {
    const e = entrant('e', [], { clearance: 'SC' })
    const p = placement('P', 1, [])
    assert.isNull(ineligibilityReason(e, p, RULES_ON))
    assert.isFalse(isAcceptable(e, p, RULES_ON))
    assert.equal(unacceptabilityReason(entrant('e', ['P']), p, RULES_ON)?.code, 'not_ranked')
    assert.deepEqual(
      ineligibilityReason(
        entrant('e', [], { clearance: 'CTC' }),
        placement('P', 1, undefined, { clearanceRequired: 'SC' }),
        RULES_ON
      ),
      {
        code: 'clearance',
        reason: 'The placement needs SC clearance and the entrant holds CTC.',
      }
    )
  })

  test('an ineligible entrant does not keep an eligible one out', ({ assert }) => {
    // The team ranks the ineligible entrant first; the seat still goes to the one who may take it.
    const input = round(
      [entrant('low', ['P'], { clearance: 'BPSS' }), entrant('high', ['P'], { clearance: 'SC' })],
      [placement('P', 1, ['low', 'high'], { clearanceRequired: 'SC' })]
    )
    assert.deepEqual(pairs(matchRound(input)), { high: 'P' })
  })
})

test.group('Fast Stream matching: why an entrant is unmatched', () => {
  test('an entrant who ranked nothing is told so', ({ assert }) => {
    const result = matchRound(round([entrant('e', [])], [placement('P', 1)]))
    assert.deepEqual(result.unmatched, [
      {
        entrant: 'e',
        code: 'no_preferences',
        reason: 'The entrant did not rank any placements.',
        choices: [],
      },
    ])
  })

  test('an entrant none of whose choices could take them is told why, choice by choice', ({
    assert,
  }) => {
    const e = entrant('e', ['SC', 'OLD', 'PAPER', 'PICKY'], {
      clearance: 'CTC',
      previousDepartments: ['DWP'],
      needsDigital: true,
    })
    const result = matchRound(
      round(
        [e],
        [
          placement('SC', 1, undefined, { clearanceRequired: 'SC' }),
          placement('OLD', 1, undefined, { department: 'DWP' }),
          placement('PAPER', 1, undefined, { digital: false }),
          placement('PICKY', 1, ['someone']),
        ]
      )
    )
    const [unmatched] = result.unmatched
    assert.equal(unmatched.code, 'no_eligible_choice')
    assert.deepEqual(
      unmatched.choices.map((choice) => [choice.placement, choice.code]),
      [
        ['SC', 'clearance'],
        ['OLD', 'previous_department'],
        ['PAPER', 'not_digital'],
        ['PICKY', 'not_ranked'],
      ]
    )
    assert.equal(
      unmatched.reason,
      'None of the placements the entrant ranked could take them: SC needs SC clearance and the entrant holds CTC; OLD is in DWP, where the entrant has already had a posting; PAPER is not a digital placement and the entrant still needs one; PICKY is offered by a team that did not rank the entrant.'
    )
  })

  test('an entrant whose open choices were all filled by entrants ranked higher is told so', ({
    assert,
  }) => {
    const result = matchRound(
      round(
        [entrant('star', ['P']), entrant('e', ['Q', 'P', 'R'])],
        [
          placement('P', 1, ['star', 'e']),
          placement('Q', 1, undefined, { clearanceRequired: 'DV' }),
          placement('R', 1, ['e', 'star']),
        ]
      )
    )
    // R would take e, so e is matched there; take R away to see the reason.
    assert.deepEqual(pairs(result), { star: 'P', e: 'R' })

    const [unmatched] = matchRound(
      round(
        [entrant('star', ['P']), entrant('e', ['Q', 'P'])],
        [
          placement('P', 1, ['star', 'e']),
          placement('Q', 1, undefined, { clearanceRequired: 'DV' }),
        ]
      )
    ).unmatched
    assert.equal(unmatched.code, 'choices_filled')
    assert.deepEqual(
      unmatched.choices.map((choice) => [choice.placement, choice.code]),
      [
        ['Q', 'clearance'],
        ['P', 'filled'],
      ]
    )
    assert.equal(
      unmatched.reason,
      'Every placement open to the entrant among their choices (P) was filled by entrants its team ranked higher. The others were not open to them: Q needs DV clearance and the entrant holds BPSS.'
    )
  })

  test('the reasons speak of the participants the rules name, as a Future Leaders round does', ({
    assert,
  }) => {
    const rules = { ...RULES_ON, participant: { one: 'Future Leader', many: 'Future Leaders' } }
    const [filled] = matchRound(
      round(
        [entrant('star', ['P']), entrant('e', ['Q', 'P'])],
        [
          placement('P', 1, ['star', 'e']),
          placement('Q', 1, undefined, { clearanceRequired: 'DV' }),
        ],
        rules
      )
    ).unmatched
    assert.equal(
      filled.reason,
      'Every placement open to the Future Leader among their choices (P) was filled by Future Leaders its team ranked higher. The others were not open to them: Q needs DV clearance and the Future Leader holds BPSS.'
    )
    const [none] = matchRound(
      round([entrant('e', [])], [placement('P', 1, ['e'])], rules)
    ).unmatched
    assert.equal(none.reason, 'The Future Leader did not rank any placements.')
  })
})

test.group('Fast Stream matching: blocking pairs of a hand-made assignment', () => {
  const input = roundWithADisplacement()

  test('the engine’s matching has none', ({ assert }) => {
    const check = countBlockingPairs(input, asAssignment(matchRound(input)))
    assert.deepEqual(check, { count: 0, pairs: [], overCapacity: [], unacceptable: [] })
  })

  test('moving an entrant by hand into a seat the team would rather give another creates one', ({
    assert,
  }) => {
    // c takes a's seat at P; P would rather have a, and a would rather have P than nothing.
    const moved = new Map<string, string | null>([
      ['a', null],
      ['b', 'Q'],
      ['c', 'P'],
      ['d', 'P'],
      ['e', 'R'],
    ])
    const check = countBlockingPairs(input, moved)
    assert.equal(check.count, 1)
    assert.deepEqual(check.pairs, [{ entrant: 'a', placement: 'P' }])
  })

  test('a free seat an entrant prefers is a blocking pair', ({ assert }) => {
    const check = countBlockingPairs(input, new Map([['e', 'P']]))
    assert.deepInclude(check.pairs, { entrant: 'e', placement: 'R' })
    assert.deepInclude(check.pairs, { entrant: 'a', placement: 'Q' })
    assert.notDeepInclude(check.pairs, { entrant: 'c', placement: 'Q' })
  })

  test('a placement over capacity and a pair the rules forbid are reported', ({ assert }) => {
    const check = countBlockingPairs(
      input,
      new Map([
        ['a', 'P'],
        ['c', 'P'],
        ['d', 'P'],
        ['b', 'P'],
        ['e', 'Nowhere'],
      ])
    )
    assert.deepEqual(check.overCapacity, [{ placement: 'P', assigned: 4, capacity: 2 }])
    assert.deepEqual(
      check.unacceptable.map((row) => [row.entrant, row.placement, row.code]),
      [
        ['b', 'P', 'not_chosen'],
        ['e', 'Nowhere', 'unknown_placement'],
      ]
    )
  })

  test('on random assignments it counts what the definition counts', ({ assert }) => {
    const random = seeded(7)
    for (let trial = 0; trial < 300; trial++) {
      const instance = trial % 2 === 0 ? randomRound(random) : contestedRound(random)
      const assignment = instance.entrants.map(() => random.int(instance.placements.length + 1) - 1)
      const map = new Map(
        instance.entrants.map((e, ei) => [
          e.id,
          assignment[ei] < 0 ? null : instance.placements[assignment[ei]].id,
        ])
      )
      const expected = referenceBlockingPairs(instance, assignment).sort()
      const check = countBlockingPairs(instance, map)
      assert.deepEqual(
        check.pairs.map((pair) => `${pair.entrant}-${pair.placement}`).sort(),
        expected,
        `trial ${trial}`
      )
      assert.equal(check.count, expected.length)
    }
  })
})

test.group('Fast Stream matching: against a brute-force reference', () => {
  test('on 300 random small rounds the matching is stable and best for every entrant', ({
    assert,
  }) => {
    const random = seeded(20_130_401)
    let withChoice = 0
    for (let trial = 0; trial < 300; trial++) {
      const input = trial % 2 === 0 ? randomRound(random) : contestedRound(random)
      const result = matchRound(input)
      const engine = engineAssignment(input, result)
      const stable = allStableMatchings(input)
      const label = `trial ${trial}: ${JSON.stringify(input)}`

      assert.isTrue(
        stable.some((assignment) => assignment.every((p, ei) => p === engine[ei])),
        `not stable, ${label}`
      )
      for (const other of stable) {
        input.entrants.forEach((_, ei) => {
          assert.isAtMost(
            entrantRank(input, ei, engine[ei]),
            entrantRank(input, ei, other[ei]),
            `entrant ${ei} does better in another stable matching, ${label}`
          )
        })
      }
      assert.equal(countBlockingPairs(input, asAssignment(result)).count, 0, label)
      assert.equal(result.matches.length + result.unmatched.length, input.entrants.length)
      if (stable.length > 1) withChoice++
    }
    // The cases must include rounds where entrant-optimal is a real choice among several.
    assert.isAbove(withChoice, 10)
  })

  test('on 200 bigger rounds with many seats per placement it agrees with plain deferred acceptance', ({
    assert,
  }) => {
    const random = seeded(2012)
    for (let trial = 0; trial < 200; trial++) {
      const input = mediumRound(random)
      const result = matchRound(input)
      const engine = engineAssignment(input, result)
      assert.deepEqual(engine, plainDeferredAcceptance(input), `trial ${trial}`)
      assert.deepEqual(referenceBlockingPairs(input, engine), [], `trial ${trial}`)
      input.placements.forEach((p, pi) => {
        assert.isAtMost(engine.filter((value) => value === pi).length, p.capacity)
      })
    }
  })

  test('the matching does not depend on the order of entrants or placements', ({ assert }) => {
    const random = seeded(42)
    for (let trial = 0; trial < 200; trial++) {
      // With a ranking from every team, nothing may depend on the order of either list.
      const input = trial % 2 === 0 ? randomRound(random, true) : contestedRound(random)
      const expected = pairs(matchRound(input))
      const shuffled = round(
        random.shuffle(input.entrants),
        random.shuffle(input.placements),
        input.rules
      )
      assert.deepEqual(pairs(matchRound(shuffled)), expected, `trial ${trial}`)

      // Without rankings, only the order of entrants may matter.
      const unranked = randomRound(random)
      const placementsShuffled = round(
        unranked.entrants,
        random.shuffle(unranked.placements),
        unranked.rules
      )
      assert.deepEqual(pairs(matchRound(placementsShuffled)), pairs(matchRound(unranked)))
    }
  })

  test('the same round matched twice gives the same result', ({ assert }) => {
    const random = seeded(99)
    for (let trial = 0; trial < 50; trial++) {
      const input = randomRound(random)
      const copy = JSON.parse(JSON.stringify(input)) as RoundInput
      assert.deepEqual(matchRound(copy), matchRound(input))
    }
  })

  test('matching leaves its input unchanged', ({ assert }) => {
    const input = randomRound(seeded(5))
    const before = JSON.stringify(input)
    matchRound(input)
    countBlockingPairs(input, new Map())
    assert.equal(JSON.stringify(input), before)
  })
})
