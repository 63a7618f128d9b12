import type { HttpContext } from '@adonisjs/core/http'
import type { SavedAnswer } from '#start/http_context'
import RoleFamily from '#models/role_family'
import RoleProfile from '#models/role_profile'
import { roleProfileValidator } from '#validators/framework_admin'
import { saveRoleProfile } from '#actions/framework/save_role_profile'
import { found, idParam } from '#services/params'
import {
  nameTaken,
  restoreRecord,
  retireRecord,
} from '#controllers/framework/admin/framework_records'

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

  async store({ answerSave, bouncer, params, request }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const family = await this.findFamily(params.id)
    const input = await request.validateUsing(roleProfileValidator)
    const result = await saveRoleProfile(family, input)
    return answerSave(result, saved('Role added'), nameTakenInFamily)
  }

  async edit({ bouncer, params, view }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const role = await this.find(params.id)
    await role.load('roleLevels', (levels) => levels.orderBy('position').orderBy('name'))
    return view.render('pages/framework/admin/role_form', { family: role.roleFamily, role })
  }

  async update({ answerSave, bouncer, params, request }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const role = await this.find(params.id)
    const input = await request.validateUsing(roleProfileValidator)
    const result = await saveRoleProfile(role.roleFamily, input, role)
    return answerSave(result, saved('Changes saved to role'), nameTakenInFamily)
  }

  async retire(ctx: HttpContext) {
    await ctx.bouncer.with('FrameworkPolicy').authorize('edit')
    const role = await this.find(ctx.params.id)
    const hidden = 'it no longer appears in the framework'
    return retireRecord(ctx, role, hidden, 'framework.admin.index')
  }

  async restore(ctx: HttpContext) {
    await ctx.bouncer.with('FrameworkPolicy').authorize('edit')
    return restoreRecord(ctx, await this.find(ctx.params.id), 'framework.admin.index')
  }

  private async findFamily(id: unknown) {
    return found(await RoleFamily.find(idParam(id)))
  }

  private async find(id: unknown) {
    return found(await RoleProfile.query().where('id', idParam(id)).preload('roleFamily').first())
  }
}

/* A saved role goes on to its own page, where its levels are, its name after the message. */
function saved(message: string) {
  return ({ role }: { role: RoleProfile }): SavedAnswer => [
    `${message}: ${role.name}`,
    'framework.admin.roles.edit',
    { id: role.id },
  ]
}

const nameTakenInFamily = (taken: { retired: boolean }) =>
  nameTaken(taken, 'role', ' in this family')
