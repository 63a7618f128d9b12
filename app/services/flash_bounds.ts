/* Characters of form input a refused form may flash back: a long form with every field full fits. */
export const FLASHED_INPUT_LIMIT = 32_000

const sizeOf = (value: unknown) => JSON.stringify(value ?? null).length

/*
 * The form input to show again, within `limit` characters of JSON: when
 * over, the largest fields are left out (shown empty again) until it fits,
 * so the others keep what was typed and the error messages still arrive.
 */
export function boundedInput(input: Record<string, unknown>, limit: number) {
  if (sizeOf(input) <= limit) return input
  const kept = { ...input }
  const largestFirst = Object.keys(kept).sort((a, b) => sizeOf(kept[b]) - sizeOf(kept[a]))
  for (const key of largestFirst) {
    delete kept[key]
    if (sizeOf(kept) <= limit) break
  }
  return kept
}
