/*
 * How the short-string enums give their stored values, in the order they
 * are listed: from a map of labels (its keys) or of names (its values).
 * Pure: no framework imports.
 */

/* The values a map of labels labels: `{ draft: 'Draft' }` gives `['draft']`. */
export function labelledValues<Value extends string>(labels: Record<Value, string>) {
  return Object.keys(labels) as Value[]
}

/* The values a map of names names: `{ Draft: 'draft' }` gives `['draft']`. */
export function namedValues<Value extends string>(names: Record<string, Value>) {
  return Object.values(names)
}
