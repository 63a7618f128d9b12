import type { HttpContext } from '@adonisjs/core/http'
import RoleFamily from '#models/role_family'
import { roleFamilyValidator } from '#validators/framework_admin'
import { saveRoleFamily, type SaveRoleFamilyResult } from '#actions/framework/save_role_family'
import {
  restoreFrameworkRecord,
  retireFrameworkRecord,
} from '#actions/framework/retire_framework_record'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import { idParam } from '#services/params'

/* Role families, added, changed, retired and restored by capability admins. */
export default class RoleFamiliesController {
  async create({ bouncer, view }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    return view.render('pages/framework/admin/family_form', { family: null })
  }

  async store({ backWithErrors, bouncer, request, response, session }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const input = await request.validateUsing(roleFamilyValidator)
    const result = await saveRoleFamily(input)
    return this.respond(result, { backWithErrors, response, session }, 'Role family added')
  }

  async edit({ bouncer, params, view }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const family = await this.find(params.id)
    return view.render('pages/framework/admin/family_form', { family })
  }

  async update({ backWithErrors, bouncer, params, request, response, session }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const family = await this.find(params.id)
    const input = await request.validateUsing(roleFamilyValidator)
    const result = await saveRoleFamily(input, family)
    return this.respond(
      result,
      { backWithErrors, response, session },
      'Changes saved to role family'
    )
  }

  async retire({ bouncer, params, response, session }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const family = await this.find(params.id)
    const result = await retireFrameworkRecord(family)
    session.flash(
      'success',
      result.type === 'retired'
        ? `${family.name} retired: it and its roles no longer appear on the framework home`
        : `${family.name} is already retired`
    )
    return response.redirect().toRoute('framework.admin.index')
  }

  async restore({ bouncer, params, response, session }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const family = await this.find(params.id)
    const result = await restoreFrameworkRecord(family)
    session.flash(
      'success',
      result.type === 'restored' ? `${family.name} restored` : `${family.name} is not retired`
    )
    return response.redirect().toRoute('framework.admin.index')
  }

  private async find(id: unknown) {
    const family = await RoleFamily.find(idParam(id))
    if (!family) throw new RecordNotFoundException()
    return family
  }

  private respond(
    result: SaveRoleFamilyResult,
    {
      backWithErrors,
      response,
      session,
    }: Pick<HttpContext, 'backWithErrors' | 'response' | 'session'>,
    message: string
  ) {
    switch (result.type) {
      case 'saved':
        session.flash('success', `${message}: ${result.family.name}`)
        return response.redirect().toRoute('framework.admin.index')
      case 'name_taken':
        return backWithErrors({
          name: result.retired
            ? 'A retired role family already has this name: restore it or choose another name'
            : 'A role family with this name already exists',
        })
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}
