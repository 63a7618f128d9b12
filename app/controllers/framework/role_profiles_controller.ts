import type { HttpContext } from '@adonisjs/core/http'
import { roleProfileWithMatrix } from '#queries/framework/framework_query'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import { idParam } from '#services/params'

export default class RoleProfilesController {
  async show({ params, view }: HttpContext) {
    const found = await roleProfileWithMatrix(idParam(params.id))
    if (!found) throw new RecordNotFoundException()
    return view.render('pages/framework/role', found)
  }
}
