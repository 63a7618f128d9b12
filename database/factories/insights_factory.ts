import { DateTime } from 'luxon'
import MetricSnapshot from '#models/metric_snapshot'

/* A figure kept for a dashboard's trend: one measure's value on a day, for an organisation (null: all of government). */
export async function createMetricSnapshot(
  organisationId: number | null,
  measure: string,
  takenOn: string,
  value: number
) {
  return MetricSnapshot.create({
    organisationId,
    organisationKey: organisationId ?? 0,
    measure,
    takenOn: DateTime.fromISO(takenOn),
    value,
  })
}
