import type { HttpContext } from '@adonisjs/core/http'
import { apiSerializer, pageOf } from '#services/api'
import { hrOrAdmin, noOrganisation } from '#controllers/api/hr_access'
import { findOrganisationInScope } from '#queries/identity/organisations_query'
import { campaignsPage } from '#queries/workforce/campaigns_query'
import { gapsPage } from '#queries/workforce/gaps_query'
import { campaignFiltersValidator, gapFiltersValidator } from '#validators/workforce_campaigns_gaps'
import { withoutBlanks } from '#services/list_pipeline'
import { CampaignTransformer, CapabilityGapTransformer } from '#transformers/workforce_transformer'

/*
 * An organisation's recruitment campaigns and capability gaps, its subtree
 * included, for HR of its tree and capability admins. Organisations outside
 * the caller's scope answer 404, as if they did not exist.
 */
export default class CampaignsGapsController {
  async campaigns({ auth, organisationScope, params, request, response }: HttpContext) {
    const organisation = await this.organisation({ auth, organisationScope, params, response })
    if (!organisation) return
    const input = await campaignFiltersValidator.validate(withoutBlanks(request.qs()))
    const scope = await organisationScope()
    const page = await campaignsPage(
      scope,
      { organisation, roleProfileId: input.roleProfileId, stage: input.stage },
      input.page ?? 1,
      input.perPage ?? 25
    )
    return apiSerializer.page(CampaignTransformer.paginate(page.rows, pageOf(page.meta)))
  }

  async gaps({ auth, organisationScope, params, request, response }: HttpContext) {
    const organisation = await this.organisation({ auth, organisationScope, params, response })
    if (!organisation) return
    const input = await gapFiltersValidator.validate(withoutBlanks(request.qs()))
    const scope = await organisationScope()
    const page = await gapsPage(
      scope,
      { organisation, kind: input.kind, status: input.status, severity: input.severity },
      input.page ?? 1,
      input.perPage ?? 25
    )
    return apiSerializer.page(CapabilityGapTransformer.paginate(page.rows, pageOf(page.meta)))
  }

  /* The organisation in the address, or null once a problem has been sent. */
  private async organisation({
    auth,
    organisationScope,
    params,
    response,
  }: Pick<HttpContext, 'auth' | 'organisationScope' | 'params' | 'response'>) {
    if (!hrOrAdmin({ auth, response })) return null
    const scope = await organisationScope()
    const organisation = await findOrganisationInScope(scope, params.id)
    if (!organisation) {
      noOrganisation(response)
      return null
    }
    return { id: organisation.id, path: organisation.path }
  }
}
