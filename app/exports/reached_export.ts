import type User from '#models/user'
import type { ExportKind } from '#services/list_pipeline'
import type { CsvLine } from '#services/csv_export'

/*
 * An export of what the person may reach (a development plan, a
 * placement's applicants, the placements of their round), asked again when
 * the file is written: no rows when they may not.
 */
export function reachedExport<Filters, Reached>(
  kind: Omit<ExportKind<Filters>, 'count' | 'lines'>,
  reach: (user: User, filters: Filters) => Promise<Reached | null>,
  count: (reached: Reached) => Promise<number>,
  lines: (reached: Reached, batchSize: number) => AsyncIterable<CsvLine>
): ExportKind<Filters> {
  return {
    ...kind,
    async count(user, filters) {
      const reached = await reach(user, filters)
      return reached === null ? 0 : count(reached)
    },
    async *lines(user, filters, batchSize) {
      const reached = await reach(user, filters)
      if (reached !== null) yield* lines(reached, batchSize)
    },
  }
}
