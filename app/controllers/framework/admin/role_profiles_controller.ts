import type { HttpContext } from '@adonisjs/core/http'
import RoleFamily from '#models/role_family'
import RoleProfile from '#models/role_profile'
import { roleProfileValidator } from '#validators/framework_admin'
import { saveRoleProfile, type SaveRoleProfileResult } from '#actions/framework/save_role_profile'
import {
  restoreFrameworkRecord,
  retireFrameworkRecord,
} from '#actions/framework/retire_framework_record'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import { idParam } from '#services/params'

/*
 * Roles within a family. A role's edit page is also where its levels are
 * listed and added.
 */
export default class RoleProfilesController {
  async create({ bouncer, params, view }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const family = await this.findFamily(params.id)
    return view.render('pages/framework/admin/role_form', { family, role: null })
  }

  async store({ backWithErrors, bouncer, params, request, response, session }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const family = await this.findFamily(params.id)
    const input = await request.validateUsing(roleProfileValidator)
    const result = await saveRoleProfile(family, input)
    return this.respond(result, { backWithErrors, response, session }, 'Role added')
  }

  async edit({ bouncer, params, view }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const role = await this.find(params.id)
    await role.load('roleLevels', (levels) => levels.orderBy('position').orderBy('name'))
    return view.render('pages/framework/admin/role_form', { family: role.roleFamily, role })
  }

  async update({ backWithErrors, bouncer, params, request, response, session }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const role = await this.find(params.id)
    const input = await request.validateUsing(roleProfileValidator)
    const result = await saveRoleProfile(role.roleFamily, input, role)
    return this.respond(result, { backWithErrors, response, session }, 'Changes saved to role')
  }

  async retire({ bouncer, params, response, session }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const role = await this.find(params.id)
    const result = await retireFrameworkRecord(role)
    session.flash(
      'success',
      result.type === 'retired'
        ? `${role.name} retired: it no longer appears in the framework`
        : `${role.name} is already retired`
    )
    return response.redirect().toRoute('framework.admin.index')
  }

  async restore({ bouncer, params, response, session }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const role = await this.find(params.id)
    const result = await restoreFrameworkRecord(role)
    session.flash(
      'success',
      result.type === 'restored' ? `${role.name} restored` : `${role.name} is not retired`
    )
    return response.redirect().toRoute('framework.admin.index')
  }

  private async findFamily(id: unknown) {
    const family = await RoleFamily.find(idParam(id))
    if (!family) throw new RecordNotFoundException()
    return family
  }

  private async find(id: unknown) {
    const role = await RoleProfile.query().where('id', idParam(id)).preload('roleFamily').first()
    if (!role) throw new RecordNotFoundException()
    return role
  }

  private respond(
    result: SaveRoleProfileResult,
    {
      backWithErrors,
      response,
      session,
    }: Pick<HttpContext, 'backWithErrors' | 'response' | 'session'>,
    message: string
  ) {
    switch (result.type) {
      case 'saved':
        session.flash('success', `${message}: ${result.role.name}`)
        return response.redirect().toRoute('framework.admin.roles.edit', { id: result.role.id })
      case 'name_taken':
        return backWithErrors({
          name: result.retired
            ? 'A retired role in this family already has this name: restore it or choose another name'
            : 'A role with this name already exists in this family',
        })
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}
