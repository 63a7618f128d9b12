/*
 * The benchmark data's only source of chance: a seeded mulberry32
 * generator, so the same seed gives the same rows on every machine and
 * every run. Each part of the data draws from its own stream (`fork`), so
 * changing the size of one table does not reshuffle the others.
 */
export class Random {
  private state: number
  private readonly seed: number

  constructor(seed: number) {
    this.seed = seed >>> 0
    this.state = this.seed
  }

  /* A number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }

  /* A whole number from min to max, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  /* A number in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min)
  }

  chance(probability: number): boolean {
    return this.next() < probability
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]
  }

  /* One of the items, each as likely as its weight. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0
    for (const weight of weights) total += weight
    let roll = this.next() * total
    for (const [index, item] of items.entries()) {
      roll -= weights[index]
      if (roll < 0) return item
    }
    return items[items.length - 1]
  }

  /* Shuffles in place (Fisher–Yates) and returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1))
      const swap = items[i]
      items[i] = items[j]
      items[j] = swap
    }
    return items
  }

  /* A separate stream for one part of the data, derived from this one's seed and a label. */
  fork(label: string): Random {
    let hash = 2_166_136_261
    for (let i = 0; i < label.length; i++) {
      hash = Math.imul(hash ^ label.charCodeAt(i), 16_777_619)
    }
    return new Random((this.seed ^ hash) >>> 0)
  }
}

/*
 * Picks indexes 0..n-1 by weight in O(log n): the cumulative weights are
 * computed once, for the large draws (people for enrolments, courses).
 */
export class WeightedIndex {
  private cumulative: Float64Array
  private total: number

  constructor(weights: readonly number[] | Float64Array) {
    this.cumulative = new Float64Array(weights.length)
    let sum = 0
    let index = 0
    for (const weight of weights) {
      sum += weight
      this.cumulative[index++] = sum
    }
    this.total = sum
  }

  get size() {
    return this.cumulative.length
  }

  draw(random: Random): number {
    const target = random.next() * this.total
    let low = 0
    let high = this.cumulative.length - 1
    while (low < high) {
      const middle = (low + high) >>> 1
      if (this.cumulative[middle] > target) high = middle
      else low = middle + 1
    }
    return low
  }
}

/* Zipf-like weights 1/(rank+1)^s: a few large, a long tail of small. */
export function zipfWeights(count: number, exponent: number): number[] {
  return Array.from({ length: count }, (_, rank) => 1 / Math.pow(rank + 1, exponent))
}

/*
 * Splits a total into whole parts in proportion to the weights, summing
 * exactly to the total (cumulative rounding), each part at least `floor`.
 */
export function apportion(total: number, weights: readonly number[], floor = 0): number[] {
  const reserved = floor * weights.length
  if (reserved > total)
    throw new Error(`Cannot give ${weights.length} parts ${floor} each from ${total}.`)
  const rest = total - reserved
  const sum = weights.reduce((acc, weight) => acc + weight, 0)
  const parts: number[] = []
  let cumulative = 0
  let given = 0
  for (const weight of weights) {
    cumulative += sum > 0 ? (weight / sum) * rest : rest / weights.length
    const upTo = Math.round(cumulative)
    parts.push(floor + upTo - given)
    given = upTo
  }
  parts[parts.length - 1] += rest - given
  return parts
}
