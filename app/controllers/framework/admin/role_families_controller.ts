import type { HttpContext } from '@adonisjs/core/http'
import type { SavedAnswer } from '#start/http_context'
import RoleFamily from '#models/role_family'
import { roleFamilyValidator } from '#validators/framework_admin'
import { saveRoleFamily } from '#actions/framework/save_role_family'
import { found, idParam } from '#services/params'
import {
  nameTaken,
  restoreRecord,
  retireRecord,
} from '#controllers/framework/admin/framework_records'

/* Role families, added, changed, retired and restored by capability admins. */
export default class RoleFamiliesController {
  async create({ bouncer, view }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    return view.render('pages/framework/admin/family_form', { family: null })
  }

  async store({ answerSave, bouncer, request }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const input = await request.validateUsing(roleFamilyValidator)
    const result = await saveRoleFamily(input)
    return answerSave(result, saved('Role family added'), (taken) =>
      nameTaken(taken, 'role family')
    )
  }

  async edit({ bouncer, params, view }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const family = await this.find(params.id)
    return view.render('pages/framework/admin/family_form', { family })
  }

  async update({ answerSave, bouncer, params, request }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const family = await this.find(params.id)
    const input = await request.validateUsing(roleFamilyValidator)
    const result = await saveRoleFamily(input, family)
    return answerSave(result, saved('Changes saved to role family'), (taken) =>
      nameTaken(taken, 'role family')
    )
  }

  async retire(ctx: HttpContext) {
    await ctx.bouncer.with('FrameworkPolicy').authorize('edit')
    const family = await this.find(ctx.params.id)
    const hidden = 'it and its roles no longer appear on the framework home'
    return retireRecord(ctx, family, hidden, 'framework.admin.index')
  }

  async restore(ctx: HttpContext) {
    await ctx.bouncer.with('FrameworkPolicy').authorize('edit')
    return restoreRecord(ctx, await this.find(ctx.params.id), 'framework.admin.index')
  }

  private async find(id: unknown) {
    return found(await RoleFamily.find(idParam(id)))
  }
}

/* A saved family goes back to the framework admin home, its name after the message. */
function saved(message: string) {
  return ({ family }: { family: RoleFamily }): SavedAnswer => [
    `${message}: ${family.name}`,
    'framework.admin.index',
  ]
}
