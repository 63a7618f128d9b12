import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { ALL_GOVERNMENT, keyMeasures } from '#queries/insights/measures_query'
import { refreshStandings } from '#actions/capability/refresh_standings'

export type SnapshotResult = { takenOn: string; written: number; alreadyTaken: number }

/*
 * Takes today's snapshot of the key measures for every department and for
 * all of government. Snapshots are only ever added: a day's snapshot is
 * written in one transaction, and once a day has one, a later run that day
 * adds nothing and changes nothing, even a measure that had no value then.
 * The capability standings are rebuilt first, so the day's figures count
 * from the assessments themselves and any drift is put right daily.
 */
export async function takeSnapshots(now = DateTime.utc()): Promise<SnapshotResult> {
  const takenOn = now.toISODate()!
  const taken = await db
    .from('metric_snapshots')
    .where('taken_on', takenOn)
    .count('* as total')
    .first()
  if (Number(taken?.total ?? 0) > 0) {
    return { takenOn, written: 0, alreadyTaken: Number(taken.total) }
  }
  await refreshStandings('everyone')
  const measures = await keyMeasures(now)
  const createdAt = now.toFormat('yyyy-MM-dd HH:mm:ss')
  const rows = [...measures].flatMap(([organisationKey, values]) =>
    Object.entries(values).map(([measure, value]) => ({
      organisation_id: organisationKey === ALL_GOVERNMENT ? null : organisationKey,
      organisation_key: organisationKey,
      measure,
      taken_on: takenOn,
      value,
      created_at: createdAt,
    }))
  )
  return db.transaction(async (trx) => {
    const count = async () => {
      const row = await trx
        .from('metric_snapshots')
        .where('taken_on', takenOn)
        .count('* as total')
        .first()
      return Number(row?.total ?? 0)
    }
    const before = await count()
    for (let i = 0; i < rows.length; i += 200) {
      await trx
        .table('metric_snapshots')
        .multiInsert(rows.slice(i, i + 200))
        .onConflict()
        .ignore()
    }
    const written = (await count()) - before
    return { takenOn, written, alreadyTaken: rows.length - written }
  })
}
