import { rm } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { DateTime } from 'luxon'
import { errors as vineErrors } from '@vinejs/vine'
import type { HttpContext } from '@adonisjs/core/http'
import exportsConfig from '#config/exports'
import Export, { ExportStatuses } from '#models/export'
import { csvFileName, sendCsv } from '#services/csv_export'
import type { ExportFilters, ExportKind } from '#services/list_pipeline'
import { identityExports } from '#exports/identity'
import { learningExports } from '#exports/learning'
import { capabilityExports } from '#exports/capability'
import { workforceExports } from '#exports/workforce'
import { fastStreamExports } from '#exports/fast_stream'
import { frameworkExports } from '#exports/framework'
import { requiredLearningExports } from '#exports/required_learning'

/*
 * The machinery of queued exports: which lists may become a job (each
 * area registers its own in app/exports/<area>.ts), when a download
 * becomes one, and removing files past their time.
 */

/* Every kind of export that may run as a job, by the name an export record keeps. */
export const exportKinds = {
  ...identityExports,
  ...learningExports,
  ...capabilityExports,
  ...workforceExports,
  ...fastStreamExports,
  ...frameworkExports,
  ...requiredLearningExports,
}

export type ExportKindName = keyof typeof exportKinds

export function exportKind(name: string): ExportKind<any> | null {
  return Object.hasOwn(exportKinds, name) ? exportKinds[name as ExportKindName] : null
}

/*
 * Answers a list's "Download CSV": a small export streams at once; one of
 * more rows than the threshold becomes an export record and a queued job,
 * and the person is taken to its page to watch it and download the file.
 * Bad filters answer as the list page does: the field's message on the
 * page, or 422 with the details for a JSON request. `fixed` carries what
 * the address names (a session, a round) rather than the query string.
 */
export async function exportList(
  ctx: HttpContext,
  name: ExportKindName,
  fixed: ExportFilters = {}
) {
  const { auth, request, response, session } = ctx
  const kind: ExportKind<any> = exportKinds[name]
  const user = auth.getUserOrFail()
  let read: { kept: ExportFilters; parsed: unknown }
  try {
    read = await kind.filters({ ...request.qs(), ...fixed }, user)
  } catch (error) {
    if (!(error instanceof vineErrors.E_VALIDATION_ERROR)) throw error
    if (request.accepts(['html', 'json']) === 'json') throw error
    session.flashValidationErrors(error)
    return response.redirect().toPath(kind.listPath)
  }

  const total = await kind.count(user, read.parsed)
  if (total <= exportsConfig.jobThreshold) {
    return sendCsv(
      response,
      csvFileName(kind.fileStem),
      kind.header,
      kind.lines(user, read.parsed, exportsConfig.batchSize)
    )
  }

  const record = await Export.create({
    userId: user.id,
    kind: name,
    filters: read.kept,
    status: ExportStatuses.Queued,
    rowsDone: 0,
    rowsTotal: total,
  })
  const { default: BuildExport } = await import('#jobs/build_export')
  await BuildExport.dispatch({ exportId: record.id })
  return response.redirect().toPath(`/exports/${record.id}`)
}

/*
 * Removes exports past their time, with their files: those whose file has
 * expired, and any that never finished within the time a file is kept.
 * Returns how many were removed.
 */
export async function pruneExports(now = DateTime.now()) {
  const stale = now.minus({ days: exportsConfig.keepForDays })
  const records = await Export.query()
    .where((where) => {
      where
        .where('expires_at', '<=', now.toSQL({ includeOffset: false })!)
        .orWhere((stuck) =>
          stuck
            .whereNull('expires_at')
            .where('created_at', '<', stale.toSQL({ includeOffset: false })!)
        )
    })
    .orderBy('id')
  for (const record of records) {
    if (record.fileName) {
      await rm(join(exportsConfig.directory, basename(record.fileName)), { force: true })
    }
    await record.delete()
  }
  return records.length
}
