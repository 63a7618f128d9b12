import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import logger from '@adonisjs/core/services/logger'
import { OnceJob } from '#jobs/once_job'
import exportsConfig from '#config/exports'
import Export, { ExportStatuses } from '#models/export'
import User from '#models/user'
import { exportKind } from '#services/exports'
import { writeCsvFile } from '#services/csv_export'

type Payload = { exportId: number }

/*
 * Writes a large export's CSV file under the exports folder, a batch of
 * rows at a time, counting the rows written so the export's page can show
 * progress. The person's scope is worked out again here, so the file holds
 * what they may see when it is written. A failure marks the export failed
 * and removes the part-written file; the person asks again.
 */
export default class BuildExport extends OnceJob<Payload> {
  async execute() {
    const record = await Export.find(this.payload.exportId)
    if (!record || record.status !== ExportStatuses.Queued) return
    const kind = exportKind(record.kind)
    if (!kind) throw new Error(`Unknown export kind ${record.kind}`)
    const user = await User.query().where('id', record.userId).preload('roles').firstOrFail()

    record.merge({ status: ExportStatuses.Running, rowsDone: 0 })
    await record.save()

    await mkdir(exportsConfig.directory, { recursive: true })
    const fileName = `${record.kind}-${record.id}-${randomBytes(8).toString('hex')}.csv`
    const path = join(exportsConfig.directory, fileName)
    try {
      const { parsed } = await kind.filters(record.filters, user)
      const written = await writeCsvFile(
        path,
        kind.header,
        kind.lines(user, parsed, exportsConfig.batchSize),
        async (rows) => {
          record.rowsDone = rows
          await record.save()
        },
        exportsConfig.batchSize
      )
      const finishedAt = DateTime.now()
      record.merge({
        status: ExportStatuses.Done,
        rowsDone: written,
        rowsTotal: written,
        fileName,
        finishedAt,
        expiresAt: finishedAt.plus({ days: exportsConfig.keepForDays }),
      })
      await record.save()
    } catch (error) {
      await rm(path, { force: true })
      throw error
    }
  }

  async failed(error: Error) {
    logger.error({ err: error, exportId: this.payload.exportId }, 'Export failed')
    const record = await Export.find(this.payload.exportId)
    if (!record) return
    const finishedAt = DateTime.now()
    record.merge({
      status: ExportStatuses.Failed,
      error: 'Something went wrong while the file was being written. Nothing was saved.',
      finishedAt,
      expiresAt: finishedAt.plus({ days: exportsConfig.keepForDays }),
    })
    await record.save()
  }
}
