import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { HttpContext } from '@adonisjs/core/http'
import exportsConfig from '#config/exports'
import Export, { exportStatusLabels } from '#models/export'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import { idParam } from '#services/params'
import { csvFileName } from '#services/csv_export'
import { exportKind } from '#services/exports'

/* How an export's filters read in a sentence. */
const FILTER_LABELS: Record<string, string> = {
  q: 'search',
  organisationId: 'organisation number',
  role: 'role',
  status: 'status',
  sort: 'sorted by',
  direction: 'order',
  action: 'action',
  subjectType: 'type of record',
  actor: 'who',
  from: 'from',
  to: 'to',
  skill: 'skill number',
  roleProfile: 'role number',
  mode: 'mode',
  provider: 'provider number',
  location: 'location',
  department: 'department number',
  digitalOnly: 'digital only',
  myClearance: 'my clearance only',
}

/*
 * A person's large exports: the list of their recent ones, each export's
 * page with its progress (polled by the page, or checked again by a link
 * without JavaScript), and the download once the file is written.
 */
export default class ExportsController {
  async index({ auth, view }: HttpContext) {
    const exports = await Export.query()
      .where('user_id', auth.getUserOrFail().id)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(20)
    return view.render('pages/exports/index', {
      exports: exports.map((record) => this.present(record)),
    })
  }

  async show(ctx: HttpContext) {
    const record = await this.find(ctx)
    return ctx.view.render('pages/exports/show', { record: this.present(record) })
  }

  /* What the page polls while the job writes the file. */
  async progress(ctx: HttpContext) {
    const record = await this.find(ctx)
    ctx.response.header('Cache-Control', 'no-store')
    return {
      status: record.status,
      working: record.isWorking,
      percent: record.percent,
      done: record.rowsDone,
      total: record.rowsTotal,
    }
  }

  async download(ctx: HttpContext) {
    const record = await this.find(ctx)
    if (!record.isDownloadable) throw new RecordNotFoundException()
    const path = join(exportsConfig.directory, record.fileName!)
    const file = await stat(path).catch(() => null)
    if (!file) throw new RecordNotFoundException()
    const { response } = ctx
    response.header('Content-Type', 'text/csv; charset=utf-8')
    response.header(
      'Content-Disposition',
      `attachment; filename="${csvFileName(exportKind(record.kind)?.fileStem ?? 'export', record.createdAt)}"`
    )
    response.header('Content-Length', String(file.size))
    response.header('Cache-Control', 'no-store')
    response.stream(createReadStream(path))
  }

  /* Someone else's export answers 404, as if it did not exist. */
  private async find({ auth, bouncer, params }: HttpContext) {
    const record = await Export.find(idParam(params.id))
    auth.getUserOrFail()
    if (!record || !(await bouncer.with('ExportPolicy').allows('view', record))) {
      throw new RecordNotFoundException()
    }
    return record
  }

  private present(record: Export) {
    const kind = exportKind(record.kind)
    const filterText = Object.entries(record.filters)
      .map(([name, value]) => `${FILTER_LABELS[name] ?? name} ${value}`)
      .join(', ')
    return {
      record,
      title: kind?.title ?? record.kind,
      listPath: kind?.listPath ?? '/',
      filterText,
      statusLabel: record.isExpired ? 'Expired' : exportStatusLabels[record.status],
    }
  }
}
