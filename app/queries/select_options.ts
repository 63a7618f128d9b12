/* One group of a select's options, under its heading. */
export type OptionGroup = { label: string; options: { value: number; label: string }[] }

/*
 * Rows (ordered by their heading first) as a select's options, one group
 * per heading: each row's id is the value and its name the label.
 */
export function optionGroups<Row extends { id: unknown; name: unknown }>(
  rows: Row[],
  headingOf: (row: Row) => string
): OptionGroup[] {
  const groups = new Map<string, { value: number; label: string }[]>()
  for (const row of rows) {
    const list = groups.get(headingOf(row)) ?? []
    list.push({ value: Number(row.id), label: String(row.name) })
    groups.set(headingOf(row), list)
  }
  return [...groups.entries()].map(([label, options]) => ({ label, options }))
}
