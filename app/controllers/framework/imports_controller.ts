import type { HttpContext } from '@adonisjs/core/http'
import { counted } from '#domain/shared/wording'
import { DateTime } from 'luxon'
import FrameworkImport from '#models/framework_import'
import { frameworkUploadValidator } from '#validators/framework_import'
import { uploadFrameworkFile } from '#actions/framework/upload_framework_file'
import { applyFrameworkImport, previewFrameworkImport } from '#actions/framework/import_framework'
import { found, idParam } from '#services/params'

export default class ImportsController {
  async create({ bouncer, view }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    return view.render('pages/framework/import/upload')
  }

  async store({ auth, backWithErrors, bouncer, request, response }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const { file } = await request.validateUsing(frameworkUploadValidator)
    const result = await uploadFrameworkFile(file, auth.getUserOrFail())
    switch (result.type) {
      case 'uploaded':
        return response.redirect().toRoute('framework.import.show', { id: result.upload.id })
      case 'not_csv':
        return backWithErrors({ file: result.message }, { keepInput: false })
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  async show({ bouncer, params, view }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const upload = await findUpload(params.id)
    const preview = await previewFrameworkImport(upload.content)
    return view.render('pages/framework/import/preview', { upload, preview })
  }

  async apply({ bouncer, params, response, session, view }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const upload = await findUpload(params.id)
    const result = await applyFrameworkImport(upload.content)
    switch (result.type) {
      case 'applied': {
        const { add, change, retire, restore } = result.plan
        upload.merge({
          status: 'applied',
          appliedAt: DateTime.now(),
          summary: JSON.stringify({
            added: add.requirements.length,
            changed: change.requirements.length,
            retired: retire.requirements.length,
            restored: restore.levels.length + restore.roles.length + restore.skills.length,
          }),
        })
        await upload.save()
        session.flash(
          'success',
          `Import applied: ${counted(add.requirements.length, 'requirement')} added, ${change.requirements.length} changed, ${retire.requirements.length} removed`
        )
        return response.redirect().toRoute('framework.index')
      }
      case 'has_errors':
      case 'unreadable':
        response.status(422)
        return view.render('pages/framework/import/preview', {
          upload,
          preview:
            result.type === 'unreadable'
              ? result
              : { type: 'planned', plan: result.plan, changesNothing: false },
        })
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}

async function findUpload(id: unknown) {
  const upload = found(await FrameworkImport.find(idParam(id)))
  return upload
}
