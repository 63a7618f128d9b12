/*
 * The Fast Stream matching engine. Entrants rank placements, teams rank
 * the entrants who applied, and the engine finds the stable matching that
 * is best for every entrant at once (entrant-proposing deferred
 * acceptance, with capacities). It also explains why an entrant is left
 * unmatched and counts the blocking pairs of a hand-made assignment.
 * Pure: no framework imports.
 */
import {
  clearanceLevel,
  type Entrant,
  type Placement,
  type Participant,
  type RoundInput,
  type Rules,
} from '#domain/fast_stream/round'

export {
  CLEARANCES,
  clearanceLevel,
  isClearance,
  type Clearance,
  type Entrant,
  type Placement,
  type RoundInput,
  type Rules,
} from '#domain/fast_stream/round'
export { validateRoundInput, type RoundInputValidation } from '#domain/fast_stream/round_input'

/* Why an entrant may not take a placement under the round's rules, whatever anyone ranked. */
export type IneligibilityCode = 'clearance' | 'previous_department' | 'not_digital'

/* Why a pair cannot be matched: the rules, or one side did not rank the other. */
export type UnacceptableCode = IneligibilityCode | 'not_chosen' | 'not_ranked'

export type Ineligibility<Code extends string = IneligibilityCode> = { code: Code; reason: string }

/* What became of one placement an unmatched entrant ranked. */
export type ChoiceOutcome = {
  placement: string
  code: Exclude<UnacceptableCode, 'not_chosen'> | 'unknown_placement' | 'filled'
  reason: string
}

export type UnmatchedCode = 'no_preferences' | 'no_eligible_choice' | 'choices_filled'

export type Match = {
  entrant: string
  placement: string
  /* Where the placement sits in the entrant's list, 1 for their first choice. */
  choice: number
}

export type Unmatched = {
  entrant: string
  reason: string
  code: UnmatchedCode
  /* Each placement the entrant ranked, in their order, and why it did not take them. */
  choices: ChoiceOutcome[]
}

export type MatchStats = {
  entrants: number
  matched: number
  firstChoice: number
  topThree: number
  /* Sum of the placements' capacities. */
  placesOffered: number
  placesFilled: number
  needDigital: number
  needDigitalMatchedDigital: number
}

export type RoundResult = {
  /* In the order the entrants appear in the input. */
  matches: Match[]
  unmatched: Unmatched[]
  stats: MatchStats
}

export type BlockingPair = { entrant: string; placement: string }

export type AssignmentCheck = {
  /* Number of blocking pairs: an entrant and a placement who would both rather have each other. */
  count: number
  pairs: BlockingPair[]
  /* Placements given more entrants than their capacity. */
  overCapacity: { placement: string; assigned: number; capacity: number }[]
  /* Entrants assigned to a placement they could not be matched to, with the reason. */
  unacceptable: (BlockingPair & Ineligibility<UnacceptableCode | 'unknown_placement'>)[]
}

/*
 * Why the rules keep this entrant out of this placement, or null when they
 * do not. Rankings are not looked at, so a search page can use it before
 * anyone has ranked anything.
 */
export function ineligibilityReason(
  entrant: Entrant,
  placement: Placement,
  rules: Rules
): Ineligibility | null {
  const code = ineligibilityCode(entrant, placement, rules)
  return code === null ? null : { code, reason: describeCode(code, entrant, placement, rules) }
}

/*
 * Why this entrant and this placement cannot be matched, or null when they
 * can: the rules, then whether the entrant ranked the placement and the
 * team ranked the entrant.
 */
export function unacceptabilityReason(
  entrant: Entrant,
  placement: Placement,
  rules: Rules
): Ineligibility<UnacceptableCode> | null {
  const ineligible = ineligibilityReason(entrant, placement, rules)
  if (ineligible) return ineligible
  if (!entrant.preferences.includes(placement.id)) {
    return { code: 'not_chosen', reason: describeCode('not_chosen', entrant, placement, rules) }
  }
  if (placement.preferences && !placement.preferences.includes(entrant.id)) {
    return { code: 'not_ranked', reason: describeCode('not_ranked', entrant, placement, rules) }
  }
  return null
}

/* Whether the engine may match this entrant to this placement. */
export function isAcceptable(entrant: Entrant, placement: Placement, rules: Rules): boolean {
  return unacceptabilityReason(entrant, placement, rules) === null
}

function ineligibilityCode(
  entrant: Entrant,
  placement: Placement,
  rules: Rules
): IneligibilityCode | null {
  if (clearanceLevel(entrant.clearance) < clearanceLevel(placement.clearanceRequired)) {
    return 'clearance'
  }
  if (
    rules.excludePreviousDepartments &&
    entrant.previousDepartments.includes(placement.department)
  ) {
    return 'previous_department'
  }
  if (rules.enforceDigital && entrant.needsDigital && !placement.digital) return 'not_digital'
  return null
}

const ENTRANTS: Participant = { one: 'entrant', many: 'entrants' }

/* The words the round's reasons use for its participants. */
function participantOf(rules: Rules): Participant {
  return rules.participant ?? ENTRANTS
}

/* What stops a pair, as the rest of a sentence whose subject is the placement. */
function predicate(
  code: UnacceptableCode | 'unknown_placement' | 'filled',
  entrant: Entrant,
  placement: Placement | undefined,
  rules: Rules
): string {
  const { one, many } = participantOf(rules)
  switch (code) {
    case 'clearance':
      return `needs ${placement!.clearanceRequired} clearance and the ${one} holds ${entrant.clearance}`
    case 'previous_department':
      return `is in ${placement!.department}, where the ${one} has already had a posting`
    case 'not_digital':
      return `is not a digital placement and the ${one} still needs one`
    case 'not_chosen':
      return `is not in the ${one}’s ranking`
    case 'not_ranked':
      return `is offered by a team that did not rank the ${one}`
    case 'unknown_placement':
      return 'is not offered in this round'
    case 'filled':
      return `was filled by ${many} its team ranked higher`
  }
}

function describeCode(
  code: UnacceptableCode | 'unknown_placement',
  entrant: Entrant,
  placement: Placement | undefined,
  rules: Rules
): string {
  return `The placement ${predicate(code, entrant, placement, rules)}.`
}

/* Status of one entry of an entrant's list, kept in a byte per entry. */
const ACCEPTABLE = 0
const UNKNOWN = 1
const CLEARANCE = 2
const PREVIOUS_DEPARTMENT = 3
const NOT_DIGITAL = 4
const NOT_RANKED = 5

/* What each status means for an entrant left unmatched: a choice open to them must have been full. */
const OUTCOME_OF_STATUS: ChoiceOutcome['code'][] = [
  'filled',
  'unknown_placement',
  'clearance',
  'previous_department',
  'not_digital',
  'not_ranked',
]

/*
 * A round turned into flat arrays. Entry s of the entrants' concatenated
 * lists (entrant e's entries run from slotStart[e] to slotStart[e + 1])
 * names a placement, whether the pair is acceptable, and how the
 * placement's team ranks the entrant (lower is better).
 */
type CompiledRound = {
  input: RoundInput
  entrantIndex: Map<string, number>
  placementIndex: Map<string, number>
  slotStart: Int32Array
  slotEntrant: Int32Array
  slotPlacement: Int32Array
  slotRank: Int32Array
  slotStatus: Uint8Array
  /* Eligible entries per placement: no more entrants than these can ever be held. */
  eligibleApplicants: Int32Array
}

function compileRound(input: RoundInput): CompiledRound {
  const { entrants, placements, rules } = input
  const entrantCount = entrants.length
  const placementCount = placements.length

  const entrantIndex = new Map<string, number>()
  for (let e = 0; e < entrantCount; e++) {
    if (!entrantIndex.has(entrants[e].id)) entrantIndex.set(entrants[e].id, e)
  }
  const placementIndex = new Map<string, number>()
  const placementClearance = new Int8Array(placementCount)
  for (let p = 0; p < placementCount; p++) {
    if (!placementIndex.has(placements[p].id)) placementIndex.set(placements[p].id, p)
    placementClearance[p] = clearanceLevel(placements[p].clearanceRequired)
  }

  const slotStart = new Int32Array(entrantCount + 1)
  for (let e = 0; e < entrantCount; e++) {
    slotStart[e + 1] = slotStart[e] + entrants[e].preferences.length
  }
  const slotCount = slotStart[entrantCount]
  const slotEntrant = new Int32Array(slotCount)
  const slotPlacement = new Int32Array(slotCount)
  const slotRank = new Int32Array(slotCount).fill(-1)
  const slotStatus = new Uint8Array(slotCount)
  const applicantCount = new Int32Array(placementCount + 1)

  // Placement and eligibility of every entry, and how many eligible entries each placement has.
  for (let e = 0; e < entrantCount; e++) {
    const entrant = entrants[e]
    const level = clearanceLevel(entrant.clearance)
    const checkDepartment = rules.excludePreviousDepartments && entrant.previousDepartments.length
    const checkDigital = rules.enforceDigital && entrant.needsDigital
    const preferences = entrant.preferences
    for (let k = 0, s = slotStart[e]; k < preferences.length; k++, s++) {
      slotEntrant[s] = e
      const p = placementIndex.get(preferences[k]) ?? -1
      slotPlacement[s] = p
      if (p < 0) {
        slotStatus[s] = UNKNOWN
      } else if (level < placementClearance[p]) {
        slotStatus[s] = CLEARANCE
      } else if (
        checkDepartment &&
        entrant.previousDepartments.includes(placements[p].department)
      ) {
        slotStatus[s] = PREVIOUS_DEPARTMENT
      } else if (checkDigital && !placements[p].digital) {
        slotStatus[s] = NOT_DIGITAL
      } else {
        applicantCount[p + 1]++
      }
    }
  }

  // The eligible entries grouped by placement, entrants in input order (a counting sort).
  const applicantStart = new Int32Array(placementCount + 1)
  for (let p = 0; p < placementCount; p++) {
    applicantStart[p + 1] = applicantStart[p] + applicantCount[p + 1]
  }
  const applicantSlots = new Int32Array(applicantStart[placementCount])
  const fill = applicantStart.slice(0, placementCount)
  for (let s = 0; s < slotCount; s++) {
    if (slotStatus[s] === ACCEPTABLE) applicantSlots[fill[slotPlacement[s]]++] = s
  }

  // Each team's rank of its eligible applicants; an applicant the team did not rank is unacceptable.
  const rankPlusOne = new Int32Array(entrantCount)
  const eligibleApplicants = new Int32Array(placementCount)
  for (let p = 0; p < placementCount; p++) {
    const from = applicantStart[p]
    const to = applicantStart[p + 1]
    eligibleApplicants[p] = to - from
    const ranking = placements[p].preferences
    if (!ranking) {
      for (let a = from; a < to; a++) slotRank[applicantSlots[a]] = slotEntrant[applicantSlots[a]]
      continue
    }
    for (const [r, element] of ranking.entries()) {
      const e = entrantIndex.get(element)
      if (e !== undefined && rankPlusOne[e] === 0) rankPlusOne[e] = r + 1
    }
    for (let a = from; a < to; a++) {
      const s = applicantSlots[a]
      const rank = rankPlusOne[slotEntrant[s]] - 1
      if (rank < 0) {
        slotStatus[s] = NOT_RANKED
        eligibleApplicants[p]--
      } else {
        slotRank[s] = rank
      }
    }
    for (const id of ranking) {
      const e = entrantIndex.get(id)
      if (e !== undefined) rankPlusOne[e] = 0
    }
  }

  return {
    input,
    entrantIndex,
    placementIndex,
    slotStart,
    slotEntrant,
    slotPlacement,
    slotRank,
    slotStatus,
    eligibleApplicants,
  }
}

/*
 * Matches a round: the entrant-optimal stable matching over acceptable
 * pairs. No placement takes more than its capacity; no entrant and
 * placement would both rather have each other than what they got; and
 * every entrant does at least as well as in any other stable matching.
 * The answer does not depend on the order of the input, except that a
 * placement without a ranking takes its applicants in input order.
 * Expects input that has passed validateRoundInput.
 */
export function matchRound(input: RoundInput): RoundResult {
  const round = compileRound(input)
  const { entrants, placements } = input
  const { slotStart, slotPlacement, slotRank, slotStatus, eligibleApplicants } = round
  const entrantCount = entrants.length
  const placementCount = placements.length

  // Each placement holds its entrants in a max-heap on rank, so its worst is at the top.
  const heapStart = new Int32Array(placementCount + 1)
  for (let p = 0; p < placementCount; p++) {
    const capacity = Math.max(0, Math.floor(placements[p].capacity) || 0)
    heapStart[p + 1] = heapStart[p] + Math.min(capacity, eligibleApplicants[p])
  }
  const heapRank = new Int32Array(heapStart[placementCount])
  const heapEntrant = new Int32Array(heapStart[placementCount])
  const heapLength = new Int32Array(placementCount)

  const heldAt = new Int32Array(entrantCount).fill(-1)
  const nextSlot = slotStart.slice(0, entrantCount)
  const free = new Int32Array(entrantCount)
  let freeCount = 0
  for (let e = entrantCount - 1; e >= 0; e--) free[freeCount++] = e

  while (freeCount > 0) {
    const e = free[--freeCount]
    const end = slotStart[e + 1]
    let s = nextSlot[e]
    for (; s < end; s++) {
      if (slotStatus[s] !== ACCEPTABLE) continue
      const p = slotPlacement[s]
      const rank = slotRank[s]
      const base = heapStart[p]
      const size = heapStart[p + 1] - base
      const length = heapLength[p]
      if (length < size) {
        // A free seat: add at the bottom and sift up.
        let i = length
        while (i > 0) {
          const parent = (i - 1) >> 1
          if (heapRank[base + parent] >= rank) break
          heapRank[base + i] = heapRank[base + parent]
          heapEntrant[base + i] = heapEntrant[base + parent]
          i = parent
        }
        heapRank[base + i] = rank
        heapEntrant[base + i] = e
        heapLength[p] = length + 1
        heldAt[e] = s
        break
      }
      if (size > 0 && heapRank[base] > rank) {
        // Full, but the team prefers this entrant to its worst: swap them and sift down.
        const displaced = heapEntrant[base]
        heldAt[displaced] = -1
        free[freeCount++] = displaced
        let i = 0
        for (;;) {
          const left = 2 * i + 1
          if (left >= size) break
          const right = left + 1
          const bigger =
            right < size && heapRank[base + right] > heapRank[base + left] ? right : left
          if (heapRank[base + bigger] <= rank) break
          heapRank[base + i] = heapRank[base + bigger]
          heapEntrant[base + i] = heapEntrant[base + bigger]
          i = bigger
        }
        heapRank[base + i] = rank
        heapEntrant[base + i] = e
        heldAt[e] = s
        break
      }
    }
    nextSlot[e] = s + 1
  }

  return describeResult(round, heldAt)
}

function describeResult(round: CompiledRound, heldAt: Int32Array): RoundResult {
  const { entrants, placements } = round.input
  const { slotStart, slotPlacement } = round
  const matches: Match[] = []
  const unmatched: Unmatched[] = []
  let firstChoice = 0
  let topThree = 0
  let needDigital = 0
  let needDigitalMatchedDigital = 0
  for (const [e, entrant] of entrants.entries()) {
    if (entrant.needsDigital) needDigital++
    const s = heldAt[e]
    if (s < 0) {
      unmatched.push(explainUnmatched(round, e))
      continue
    }
    const placement = placements[slotPlacement[s]]
    const choice = s - slotStart[e] + 1
    if (choice === 1) firstChoice++
    if (choice <= 3) topThree++
    if (entrant.needsDigital && placement.digital) needDigitalMatchedDigital++
    matches.push({ entrant: entrant.id, placement: placement.id, choice })
  }
  let placesOffered = 0
  for (const placement of placements) placesOffered += placement.capacity
  return {
    matches,
    unmatched,
    stats: {
      entrants: entrants.length,
      matched: matches.length,
      firstChoice,
      topThree,
      placesOffered,
      placesFilled: matches.length,
      needDigital,
      needDigitalMatchedDigital,
    },
  }
}

/* Why entrant e, left without a placement, got none. */
function explainUnmatched(round: CompiledRound, e: number): Unmatched {
  const { entrants, placements, rules } = round.input
  const { one, many } = participantOf(rules)
  const entrant = entrants[e]
  if (entrant.preferences.length === 0) {
    return {
      entrant: entrant.id,
      code: 'no_preferences',
      reason: `The ${one} did not rank any placements.`,
      choices: [],
    }
  }
  const choices: ChoiceOutcome[] = []
  // "p1 needs SC clearance and the entrant holds CTC", per choice, to build the sentence from.
  const filled: string[] = []
  const closed: string[] = []
  const seen = new Set<string>()
  for (let s = round.slotStart[e]; s < round.slotStart[e + 1]; s++) {
    const id = entrant.preferences[s - round.slotStart[e]]
    if (seen.has(id)) continue
    seen.add(id)
    const code = OUTCOME_OF_STATUS[round.slotStatus[s]]
    const placement = placements[round.slotPlacement[s]] as Placement | undefined
    const phrase = `${id} ${predicate(code, entrant, placement, rules)}`
    choices.push({ placement: id, code, reason: `${phrase}.` })
    if (code === 'filled') filled.push(id)
    else closed.push(phrase)
  }
  if (filled.length > 0) {
    const rest = closed.length ? ` The others were not open to them: ${closed.join('; ')}.` : ''
    return {
      entrant: entrant.id,
      code: 'choices_filled',
      reason: `Every placement open to the ${one} among their choices (${filled.join(', ')}) was filled by ${many} its team ranked higher.${rest}`,
      choices,
    }
  }
  return {
    entrant: entrant.id,
    code: 'no_eligible_choice',
    reason: `None of the placements the ${one} ranked could take them: ${closed.join('; ')}.`,
    choices,
  }
}

/*
 * Checks an assignment made or changed by hand: its blocking pairs (an
 * entrant and a placement who both prefer each other to what they have),
 * placements over capacity, and pairs that break the rules. An entrant
 * missing from the map, or mapped to null, is unmatched.
 */
export function countBlockingPairs(
  input: RoundInput,
  assignment: Map<string, string | null>
): AssignmentCheck {
  const round = compileRound(input)
  const { entrants, placements, rules } = input
  const { slotStart, slotPlacement, slotRank, slotStatus, placementIndex } = round

  const assignedTo = new Int32Array(entrants.length).fill(-1)
  const held = new Int32Array(placements.length)
  const worstRank = new Float64Array(placements.length).fill(-1)
  const unacceptable: AssignmentCheck['unacceptable'] = []

  for (const [e, entrant] of entrants.entries()) {
    const placementId = assignment.get(entrant.id)
    if (placementId === undefined || placementId === null) continue
    const p = placementIndex.get(placementId)
    if (p === undefined) {
      unacceptable.push({
        entrant: entrant.id,
        placement: placementId,
        code: 'unknown_placement',
        reason: describeCode('unknown_placement', entrant, undefined, rules),
      })
      continue
    }
    assignedTo[e] = p
    held[p]++
    const problem = unacceptabilityReason(entrant, placements[p], rules)
    // An entrant the pair's rules or rankings do not allow counts as the team's worst.
    let rank = Number.POSITIVE_INFINITY
    if (problem) {
      unacceptable.push({ entrant: entrant.id, placement: placementId, ...problem })
    } else {
      const ranking = placements[p].preferences
      rank = ranking ? ranking.indexOf(entrant.id) : e
    }
    if (rank > worstRank[p]) worstRank[p] = rank
  }

  const pairs: BlockingPair[] = []
  for (const [e, entrant] of entrants.entries()) {
    const current = assignedTo[e]
    for (let s = slotStart[e]; s < slotStart[e + 1]; s++) {
      const p = slotPlacement[s]
      // Everything from the entrant's own placement down is no better for them.
      if (p === current) break
      if (slotStatus[s] !== ACCEPTABLE) continue
      const capacity = placements[p].capacity
      if (held[p] < capacity || slotRank[s] < worstRank[p]) {
        const placementId = placements[p].id
        // A placement listed twice is still one pair.
        let listed = false
        for (let i = pairs.length - 1; i >= 0 && pairs[i].entrant === entrant.id; i--) {
          if (pairs[i].placement === placementId) listed = true
        }
        if (!listed) pairs.push({ entrant: entrant.id, placement: placementId })
      }
    }
  }

  const overCapacity: AssignmentCheck['overCapacity'] = []
  for (const [p, placement] of placements.entries()) {
    if (held[p] > placement.capacity) {
      overCapacity.push({
        placement: placement.id,
        assigned: held[p],
        capacity: placement.capacity,
      })
    }
  }

  return { count: pairs.length, pairs, overCapacity, unacceptable }
}
