import type { HttpContext } from '@adonisjs/core/http'
import { readFile } from 'node:fs/promises'
import { counted } from '#domain/shared/wording'
import {
  applyPerformanceImport,
  MAX_IMPORT_ROWS,
  performanceTemplate,
  previewPerformanceImport,
  type ImportPlan,
} from '#actions/workforce/import_service_performance'
import {
  performanceFileValidator,
  performanceImportApplyValidator,
} from '#validators/service_performance'
import { sendFixedCsv } from '#services/list_pipeline'

/* Rows of each kind the preview lists in full; the rest are counted. */
const LISTED_ROWS = 200

/* The preview page's view of a plan: its counts and the rows of each kind. */
function previewOf(plan: ImportPlan) {
  const rowsOf = (outcome: string) => plan.rows.filter((row) => row.outcome === outcome)
  return {
    counts: plan.counts,
    errors: rowsOf('error'),
    changes: plan.rows.filter((row) => row.outcome !== 'error').slice(0, LISTED_ROWS),
    listed: LISTED_ROWS,
  }
}

/*
 * Importing services' performance figures (strategy action 13) from a
 * CSV: upload, a preview of what each row will do (add, correct or leave
 * a period, or every problem of a row, by line), then apply. The checked
 * file travels back with the preview's form, so nothing is kept between
 * the two steps. HR import for their organisation tree, capability admins
 * for any service, Service Managers for their own services.
 */
export default class ServicePerformanceImportsController {
  async create({ bouncer, view }: HttpContext) {
    await bouncer.with('WorkforcePolicy').authorize('reportPerformance')
    return view.render('pages/workforce/services/performance_import', {
      maxRows: MAX_IMPORT_ROWS,
    })
  }

  async template({ bouncer, response }: HttpContext) {
    await bouncer.with('WorkforcePolicy').authorize('reportPerformance')
    sendFixedCsv(response, performanceTemplate)
  }

  async preview({ auth, backWithErrors, bouncer, organisationScope, request, view }: HttpContext) {
    await bouncer.with('WorkforcePolicy').authorize('reportPerformance')
    const { file } = await request.validateUsing(performanceFileValidator)
    const text = await readFile(file.tmpPath!, 'utf8')
    const preview = await previewPerformanceImport(
      text,
      auth.getUserOrFail(),
      await organisationScope()
    )
    if (preview.type === 'unreadable') return backWithErrors({ file: preview.reason })
    return view.render('pages/workforce/services/performance_import_preview', {
      fileName: file.clientName.slice(0, 255),
      content: Buffer.from(text, 'utf8').toString('base64'),
      ...previewOf(preview.plan),
    })
  }

  async apply(ctx: HttpContext) {
    const { auth, bouncer, organisationScope, request, response, session, view } = ctx
    await bouncer.with('WorkforcePolicy').authorize('reportPerformance')
    const input = await request.validateUsing(performanceImportApplyValidator)
    const text = Buffer.from(input.content, 'base64').toString('utf8')
    const result = await applyPerformanceImport(
      text,
      auth.getUserOrFail(),
      await organisationScope(),
      input.fileName ?? null
    )
    switch (result.type) {
      case 'unreadable':
        session.flash('error', `The import was not applied: ${result.reason}`)
        return response.redirect().toRoute('workforce.services.performance.import')
      case 'reported_at_once':
        session.flash(
          'error',
          'The import was not applied: someone reported some of these periods at the same time. Upload the file again to check it'
        )
        return response.redirect().toRoute('workforce.services.performance.import')
      case 'has_errors':
        response.status(422)
        return view.render('pages/workforce/services/performance_import_preview', {
          fileName: input.fileName ?? 'the file',
          content: input.content,
          ...previewOf(result.plan),
        })
      case 'applied': {
        const { add, correct, unchanged } = result.plan.counts
        session.flash(
          'success',
          add + correct
            ? `Import applied: ${counted(add, 'period')} added, ${correct} corrected, ${unchanged} unchanged`
            : 'Nothing to change: every period in the file is already recorded as it says'
        )
        return response.redirect().toRoute('workforce.services.performance.import')
      }
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}
