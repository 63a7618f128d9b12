import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { ALL_GOVERNMENT, keyMeasures } from '#queries/insights/measures_query'

export type SnapshotResult = { takenOn: string; written: number; alreadyTaken: number }

/*
 * Takes today's snapshot of the key measures for every department and for
 * all of government. Snapshots are only ever added: a measure already
 * taken for an organisation on this day is left as it was, so running it
 * twice in a day adds nothing and changes nothing.
 */
export async function takeSnapshots(now = DateTime.utc()): Promise<SnapshotResult> {
  const takenOn = now.toISODate()!
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
