/*
 * Benchmark of the Fast Stream matching engine. Builds rounds from a seed
 * (the same rounds on every run), then times matchRound on each: warm-up
 * runs first, then the measured runs. Building the rounds is not timed.
 *
 *   npm run bench:matching -- [--runs 10] [--seed 2013]
 *
 * Exits with status 1 when a round misses its target time.
 */
import { cpus, platform, arch, totalmem } from 'node:os'
import {
  clearanceLevel,
  countBlockingPairs,
  matchRound,
  validateRoundInput,
  type Clearance,
  type Entrant,
  type Placement,
  type RoundInput,
} from '#domain/fast_stream/matching_engine'

type Scenario = {
  name: string
  entrants: number
  placements: number
  choices: number
  /* Median engine time must stay under this, in milliseconds. */
  targetMs: number
}

const SCENARIOS: Scenario[] = [
  {
    name: 'a round at today’s scale',
    entrants: 4_000,
    placements: 1_500,
    choices: 10,
    targetMs: 50,
  },
  {
    name: 'target one',
    entrants: 10_000,
    placements: 1_000,
    choices: 10,
    targetMs: 100,
  },
  {
    name: 'target two: over ten times a round',
    entrants: 45_000,
    placements: 6_600,
    choices: 12,
    targetMs: 1_000,
  },
]

const DEPARTMENTS = [
  'HMRC',
  'DWP',
  'MoJ',
  'Home Office',
  'Cabinet Office',
  'DfE',
  'DHSC',
  'DfT',
  'Defra',
  'MoD',
  'FCDO',
  'DBT',
  'DCMS',
  'DESNZ',
  'DSIT',
  'HM Treasury',
  'MHCLG',
  'NIO',
  'Scotland Office',
  'Wales Office',
]

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`)
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number`)
  return value
}

/* mulberry32: small, fast and seeded, so every run builds the same rounds. */
function seeded(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/* Picks from a list by weight, given the running totals of the weights. */
function pickWeighted(next: () => number, totals: Float64Array): number {
  const target = next() * totals[totals.length - 1]
  let low = 0
  let high = totals.length - 1
  while (low < high) {
    const middle = (low + high) >> 1
    if (totals[middle] <= target) low = middle + 1
    else high = middle
  }
  return low
}

function runningTotals(weights: number[]): Float64Array {
  const totals = new Float64Array(weights.length)
  let sum = 0
  weights.forEach((weight, i) => {
    sum += weight
    totals[i] = sum
  })
  return totals
}

/*
 * A round that looks like a real one: some placements far more wanted
 * than others, seats roughly matching entrants, a mix of clearances,
 * entrants who mostly rank placements open to them, and teams that rank
 * their applicants on their own view of them (leaving out most of those
 * who are not eligible). A tenth of the teams do not rank at all.
 */
function buildRound(scenario: Scenario, seed: number): RoundInput {
  const next = seeded(seed)
  const pick = <T>(items: readonly T[], weights: number[]) =>
    items[pickWeighted(next, runningTotals(weights))]
  const clearances: Clearance[] = ['BPSS', 'CTC', 'SC', 'DV']
  const departmentTotals = runningTotals(DEPARTMENTS.map((_, i) => 1 / (i + 1)))

  const averageSeats = Math.max(1, Math.round((scenario.entrants * 1.05) / scenario.placements))
  const placements: Placement[] = Array.from({ length: scenario.placements }, (_, i) => ({
    id: `P${String(i).padStart(5, '0')}`,
    capacity: 1 + Math.floor(next() * (2 * averageSeats - 1)),
    department: DEPARTMENTS[pickWeighted(next, departmentTotals)],
    clearanceRequired: pick(clearances, [45, 25, 25, 5]),
    digital: next() < 0.55,
  }))
  // Popularity falls away steeply: a few placements are wanted by many.
  const popularity = runningTotals(placements.map(() => 1 / (1 + next() * 40) ** 1.1))

  const merit = new Float64Array(scenario.entrants)
  const entrants: Entrant[] = Array.from({ length: scenario.entrants }, (_, i) => {
    merit[i] = next()
    const previousDepartments = new Set<string>()
    const postings = Math.floor(next() * 4)
    while (previousDepartments.size < postings) {
      previousDepartments.add(DEPARTMENTS[pickWeighted(next, departmentTotals)])
    }
    return {
      id: `E${String(i).padStart(6, '0')}`,
      preferences: [],
      clearance: pick(clearances, [20, 30, 45, 5]),
      previousDepartments: [...previousDepartments],
      needsDigital: next() < 0.35,
    }
  })

  for (const entrant of entrants) {
    // A few entrants never submit a ranking.
    if (next() < 0.02) continue
    const chosen = new Set<number>()
    for (let tries = 0; chosen.size < scenario.choices && tries < scenario.choices * 20; tries++) {
      const p = pickWeighted(next, popularity)
      const placement = placements[p]
      const eligible =
        clearanceLevel(entrant.clearance) >= clearanceLevel(placement.clearanceRequired) &&
        !entrant.previousDepartments.includes(placement.department) &&
        (!entrant.needsDigital || placement.digital)
      // Entrants see which placements are open to them, and mostly keep to those.
      if (!eligible && next() < 0.9) continue
      chosen.add(p)
    }
    entrant.preferences = [...chosen].map((p) => placements[p].id)
  }

  const applicants = placements.map((): number[] => [])
  entrants.forEach((entrant, e) => {
    for (const id of entrant.preferences) applicants[Number(id.slice(1))].push(e)
  })
  placements.forEach((placement, p) => {
    if (next() < 0.1) return
    const view = new Map<number, number>()
    const ranked = applicants[p].filter((e) => {
      const entrant = entrants[e]
      const eligible =
        clearanceLevel(entrant.clearance) >= clearanceLevel(placement.clearanceRequired)
      if ((!eligible && next() < 0.7) || next() < 0.05) return false
      view.set(e, merit[e] + next() * 0.5)
      return true
    })
    ranked.sort((a, b) => view.get(b)! - view.get(a)!)
    placement.preferences = ranked.map((e) => entrants[e].id)
  })

  return { entrants, placements, rules: { excludePreviousDepartments: true, enforceDigital: true } }
}

function timeRuns(runs: number, warmUp: number, work: () => void) {
  for (let i = 0; i < warmUp; i++) work()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    work()
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  return { min: times[0], median: times[Math.floor(times.length / 2)], max: times.at(-1)! }
}

const ms = (value: number) => `${value.toFixed(1)} ms`
const share = (part: number, whole: number) => `${((100 * part) / Math.max(1, whole)).toFixed(1)}%`

const runs = option('runs', 10)
const seed = option('seed', 2013)
const cpu = cpus()
console.log('Fast Stream matching engine benchmark')
console.log(
  `Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${platform()} ${arch()}, Node ${process.version}`
)
console.log(`Seed ${seed}; ${runs} timed runs after 3 warm-up runs; times are min / median / max\n`)

let missed = 0
for (const scenario of SCENARIOS) {
  const input = buildRound(scenario, seed)
  const choices = input.entrants.reduce((sum, entrant) => sum + entrant.preferences.length, 0)
  const rankings = input.placements.reduce((sum, p) => sum + (p.preferences?.length ?? 0), 0)

  let result = matchRound(input)
  const engine = timeRuns(runs, 3, () => {
    result = matchRound(input)
  })
  const validation = timeRuns(Math.min(runs, 5), 1, () => validateRoundInput(input))
  const assignment = new Map(result.matches.map((match) => [match.entrant, match.placement]))
  let blocking = -1
  const check = timeRuns(Math.min(runs, 5), 1, () => {
    blocking = countBlockingPairs(input, assignment).count
  })

  const { stats } = result
  const ok = engine.median < scenario.targetMs
  if (!ok) missed++
  console.log(
    `${scenario.entrants.toLocaleString('en-GB')} entrants × ${scenario.placements.toLocaleString('en-GB')} placements × ${scenario.choices} choices (${scenario.name})`
  )
  console.log(
    `  round: ${choices.toLocaleString('en-GB')} entrant choices, ${rankings.toLocaleString('en-GB')} team rankings, ${stats.placesOffered.toLocaleString('en-GB')} places`
  )
  console.log(
    `  matchRound:         ${ms(engine.min)} / ${ms(engine.median)} / ${ms(engine.max)}  (target < ${scenario.targetMs} ms: ${ok ? 'met' : 'MISSED'})`
  )
  console.log(
    `  validateRoundInput: ${ms(validation.min)} / ${ms(validation.median)} / ${ms(validation.max)}`
  )
  console.log(
    `  countBlockingPairs: ${ms(check.min)} / ${ms(check.median)} / ${ms(check.max)}  (${blocking} blocking pairs)`
  )
  console.log(
    `  matched ${share(stats.matched, stats.entrants)}, first choice ${share(stats.firstChoice, stats.matched)} of matched, top three ${share(stats.topThree, stats.matched)}, places filled ${share(stats.placesFilled, stats.placesOffered)}, needing digital placed in digital ${share(stats.needDigitalMatchedDigital, stats.needDigital)}`
  )
  const reasons = new Map<string, number>()
  for (const row of result.unmatched) reasons.set(row.code, (reasons.get(row.code) ?? 0) + 1)
  console.log(
    `  unmatched: ${[...reasons].map(([code, count]) => `${code} ${count}`).join(', ') || 'none'}\n`
  )
}

if (missed > 0) {
  console.log(`${missed} round${missed === 1 ? '' : 's'} missed the target`)
  process.exitCode = 1
}
