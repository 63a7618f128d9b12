import type { HttpContext } from '@adonisjs/core/http'
import { workProgress } from '#controllers/identity/work_progress'
import { StaffImportStatuses } from '#models/staff_import'
import ProcessStaffImport from '#jobs/process_staff_import'
import { idParam } from '#services/params'
import { exportList } from '#services/exports'
import { staffImportProblemRows } from '#queries/exports/admin_lists_export_query'
import { staffProblemsCsv, staffTemplate } from '#exports/identity'
import { staffRowsFilterValidator, staffUploadValidator } from '#validators/staff_import'
import { sendFixedCsv, sendPageCsv, withoutBlanks } from '#services/list_pipeline'
import { STAFF_IMPORT_LIMITS } from '#actions/identity/staff_import/rows'
import { stageStaffFile } from '#actions/identity/staff_import/stage'
import { checkStaffImport } from '#actions/identity/staff_import/check'
import { applyStaffImport } from '#actions/identity/staff_import/apply'
import { discardStaffImport } from '#actions/identity/staff_import/discard'
import { gradeValues } from '#enums/grades'
import { professionLabels } from '#enums/professions'
import {
  findStaffImportInScope,
  latestInvitationRun,
  recentStaffImports,
  staffImportOutcomes,
  staffImportRows,
} from '#queries/identity/staff_imports_query'

/*
 * Staff import for department HR (their organisations) and capability
 * admins (everywhere): upload a CSV of people, see what it would do, then
 * apply or discard it. Files of more than STAFF_IMPORT_LIMITS.inlineRows
 * rows are checked and applied by a queued job while the page shows
 * progress.
 */
export default class StaffImportsController {
  async index({ bouncer, organisationScope, view }: HttpContext) {
    await bouncer.with('UserPolicy').authorize('create')
    const imports = await recentStaffImports(await organisationScope())
    return view.render('pages/admin/staff_imports/index', { imports })
  }

  /* Every import in the person's scope, not only the recent ones, as CSV. */
  async csv(ctx: HttpContext) {
    await ctx.bouncer.with('UserPolicy').authorize('create')
    return exportList(ctx, 'staffImports')
  }

  async create({ bouncer, view }: HttpContext) {
    await bouncer.with('UserPolicy').authorize('create')
    return view.render('pages/admin/staff_imports/create', {
      maxRows: STAFF_IMPORT_LIMITS.maxRows,
      grades: gradeValues,
      professions: Object.values(professionLabels),
    })
  }

  async template({ bouncer, response }: HttpContext) {
    await bouncer.with('UserPolicy').authorize('create')
    sendFixedCsv(response, staffTemplate)
  }

  async store({ auth, backWithErrors, bouncer, request, response }: HttpContext) {
    await bouncer.with('UserPolicy').authorize('create')
    const user = auth.getUserOrFail()
    const { file } = await request.validateUsing(staffUploadValidator)
    const staged = await stageStaffFile(file.tmpPath!, file.clientName, user)
    if (staged.type === 'unreadable') {
      return backWithErrors({ file: staged.message }, { keepInput: false })
    }
    const staffImport = staged.staffImport
    if (staffImport.totalRows <= STAFF_IMPORT_LIMITS.inlineRows) {
      await checkStaffImport(staffImport)
    } else {
      await ProcessStaffImport.dispatch({
        staffImportId: staffImport.id,
        step: 'check',
        actorId: user.id,
      })
    }
    return response.redirect().toRoute('staffImports.show', { id: staffImport.id })
  }

  async show({ bouncer, inScope, params, request, view }: HttpContext) {
    const staffImport = await this.find({ bouncer, inScope }, params.id)
    const filters = await staffRowsFilterValidator.validate(withoutBlanks(request.qs()))
    const outcome = filters.outcome ?? (staffImport.badRows > 0 ? 'bad' : 'new')
    const rows = await staffImportRows(staffImport, outcome, filters.page ?? 1)
    rows?.baseUrl(request.url())
    return view.render('pages/admin/staff_imports/show', {
      staffImport,
      invitationRun: await latestInvitationRun(staffImport.id),
      rows,
      outcome,
      outcomes: staffImportOutcomes(staffImport),
    })
  }

  /* What the page polls while a job works on the import. */
  async progress({ bouncer, inScope, params, response }: HttpContext) {
    const staffImport = await this.find({ bouncer, inScope }, params.id)
    return workProgress(response, staffImport, staffImport.processedRows, staffImport.totalRows)
  }

  async problems({ bouncer, inScope, params, response }: HttpContext) {
    const staffImport = await this.find({ bouncer, inScope }, params.id)
    sendPageCsv(
      response,
      staffProblemsCsv(staffImport.id),
      await staffImportProblemRows(staffImport.id)
    )
  }

  async apply({ auth, bouncer, inScope, params, response, session }: HttpContext) {
    const staffImport = await this.find({ bouncer, inScope }, params.id)
    const user = auth.getUserOrFail()
    const applicable =
      staffImport.status === StaffImportStatuses.Checked ||
      staffImport.status === StaffImportStatuses.Failed
    if (!applicable) {
      session.flash(
        'error',
        'This import cannot be applied now: it has been applied, discarded or is in progress'
      )
      return response.redirect().toRoute('staffImports.show', { id: staffImport.id })
    }
    if (staffImport.totalRows <= STAFF_IMPORT_LIMITS.inlineRows) {
      await applyStaffImport(staffImport, user)
      session.flash(
        'success',
        `Import applied: ${staffImport.createdPeople} ${staffImport.createdPeople === 1 ? 'person' : 'people'} added, ${staffImport.updatedPeople} updated`
      )
    } else {
      staffImport.merge({ status: StaffImportStatuses.Applying, processedRows: 0 })
      await staffImport.save()
      await ProcessStaffImport.dispatch({
        staffImportId: staffImport.id,
        step: 'apply',
        actorId: user.id,
      })
    }
    return response.redirect().toRoute('staffImports.show', { id: staffImport.id })
  }

  async discard({ bouncer, inScope, params, response, session }: HttpContext) {
    const staffImport = await this.find({ bouncer, inScope }, params.id)
    if (staffImport.status !== StaffImportStatuses.Checked) {
      session.flash(
        'error',
        'Only an import that has been checked and not applied can be discarded'
      )
      return response.redirect().toRoute('staffImports.show', { id: staffImport.id })
    }
    await discardStaffImport(staffImport)
    session.flash('success', `Import of ${staffImport.fileName} discarded: nobody was changed`)
    return response.redirect().toRoute('staffImports.index')
  }

  private async find({ bouncer, inScope }: Pick<HttpContext, 'bouncer' | 'inScope'>, id: unknown) {
    await bouncer.with('UserPolicy').authorize('create')
    return inScope((scope, importId) => findStaffImportInScope(scope, idParam(importId)), id)
  }
}
