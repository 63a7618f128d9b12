import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import RoleFamily from '#models/role_family'

/*
 * The capability admins' view of the whole framework: every family, role
 * and role level, retired ones included so they can be restored.
 */
export default class FrameworkAdminController {
  async index({ bouncer, view }: HttpContext) {
    await bouncer.with('FrameworkPolicy').authorize('edit')
    const families = await RoleFamily.query()
      .preload('roleProfiles', (roles) => {
        roles.orderBy('name').preload('roleLevels', (levels) => {
          levels.orderBy('position').orderBy('name')
        })
      })
      .orderBy('position')
      .orderBy('name')
    const skills = await db
      .from('skills')
      .count('* as total')
      .count('retired_at as retired')
      .first()
    return view.render('pages/framework/admin/index', {
      families,
      skillCount: Number(skills?.total ?? 0),
      retiredSkillCount: Number(skills?.retired ?? 0),
    })
  }
}
