import app from '@adonisjs/core/services/app'
import env from '#start/env'

/*
 * CSV exports. An export of more rows than `jobThreshold` is written to a
 * file by a queued job under `directory` while the person watches its
 * progress; smaller ones stream straight to the browser. Files are kept
 * for `keepForDays`, then `node ace exports:prune` removes them.
 */
const exportsConfig = {
  jobThreshold: env.get('EXPORTS_JOB_THRESHOLD', 5000),
  directory: env.get('EXPORTS_PATH') ?? app.makePath('storage/exports'),
  keepForDays: env.get('EXPORTS_KEEP_DAYS', 7),
  /* Rows read from the database at a time: memory stays flat however large the export. */
  batchSize: 1000,
}

export default exportsConfig
