import type { HttpContext } from '@adonisjs/core/http'
import { counted } from '#domain/shared/wording'
import { readFile } from 'node:fs/promises'
import { entrantFileValidator, entrantImportApplyValidator } from '#validators/fast_stream_admin'
import {
  applyEntrantImport,
  MAX_IMPORT_ROWS,
  previewEntrantImport,
} from '#actions/fast_stream/admin/import_entrants'
import { sendFixedCsv } from '#services/list_pipeline'
import { entrantsTemplate } from '#exports/fast_stream'

/* Rows of each kind the preview lists in full; the rest are counted. */
const LISTED_ROWS = 200

/*
 * Importing entrants from a CSV: upload, a preview of what each row will
 * do (with every row that cannot be imported, by line and reason), then
 * apply. The checked file travels back with the preview's form, so
 * nothing is kept between the two steps.
 */
export default class EntrantImportsController {
  async create({ bouncer, view }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    return view.render('pages/fast_stream/admin/entrants/import', {
      maxRows: MAX_IMPORT_ROWS,
    })
  }

  async template({ bouncer, response }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    sendFixedCsv(response, entrantsTemplate)
  }

  async preview({ backWithErrors, bouncer, request, view }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const { file } = await request.validateUsing(entrantFileValidator)
    const text = await readFile(file.tmpPath!, 'utf8')
    const preview = await previewEntrantImport(text)
    if (preview.type === 'unreadable') {
      return backWithErrors({ file: preview.reason })
    }
    const { plan } = preview
    const rowsOf = (outcome: string) => plan.rows.filter((row) => row.outcome === outcome)
    return view.render('pages/fast_stream/admin/entrants/import_preview', {
      fileName: file.clientName.slice(0, 255),
      content: Buffer.from(text, 'utf8').toString('base64'),
      counts: plan.counts,
      bad: rowsOf('bad'),
      added: rowsOf('new').slice(0, LISTED_ROWS),
      changed: rowsOf('changed').slice(0, LISTED_ROWS),
      listed: LISTED_ROWS,
    })
  }

  async apply({ auth, bouncer, request, response, session }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const input = await request.validateUsing(entrantImportApplyValidator)
    const text = Buffer.from(input.content, 'base64').toString('utf8')
    const result = await applyEntrantImport(text, auth.getUserOrFail(), input.fileName ?? null)
    switch (result.type) {
      case 'unreadable':
        session.flash('error', `The import was not applied: ${result.reason}`)
        return response.redirect().toRoute('fast_stream.admin.entrants.import')
      case 'applied': {
        const { counts } = result.plan
        const leftOut = counts.bad ? `; ${counted(counts.bad, 'row')} left out` : ''
        session.flash(
          'success',
          counts.new + counts.changed
            ? `Import applied: ${counted(counts.new, 'entrant')} added, ${counts.changed} changed${leftOut}`
            : `Nothing to change: every entrant in the file is already recorded as it says${leftOut}`
        )
        return response.redirect().toRoute('fast_stream.admin.entrants.index')
      }
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}
