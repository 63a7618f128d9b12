import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { organisationCapability } from '#queries/capability/organisation_capability_query'
import { apiSerializer } from '#services/api'
import { hrOrAdmin, noOrganisation } from '#controllers/api/hr_access'
import { OrganisationCapabilityTransformer } from '#transformers/capability_transformer'
import { idParam } from '#services/params'

/*
 * An organisation's capability against its people's role levels, for HR
 * of its tree and capability admins. Organisations outside the caller's
 * scope, and ids that are not whole numbers from 1, answer 404, as if they
 * did not exist.
 */
export default class OrganisationCapabilityController {
  async show({ auth, organisationScope, params, response }: HttpContext) {
    if (!hrOrAdmin({ auth, response })) return
    const id = idParam(params.id)
    const scope = await organisationScope()
    const organisation = (await scope.includes(id))
      ? await db.from('organisations').where('id', id).select('id', 'name', 'path').first()
      : null
    if (!organisation) return noOrganisation(response)
    const capability = await organisationCapability({
      id: Number(organisation.id),
      path: String(organisation.path),
    })
    return apiSerializer.serialize(
      OrganisationCapabilityTransformer.transform({
        organisation: { id: Number(organisation.id), name: String(organisation.name) },
        capability,
      })
    )
  }
}
