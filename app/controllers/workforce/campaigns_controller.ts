import type { HttpContext } from '@adonisjs/core/http'
import RecruitmentCampaign from '#models/recruitment_campaign'
import RoleProfile from '#models/role_profile'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import { idParam } from '#services/params'
import { campaignsList } from '#exports/workforce'
import { organisationChoices } from '#queries/identity/organisations_query'
import {
  allCampaigns,
  campaignStageCounts,
  medianTimeToHire,
} from '#queries/workforce/campaigns_query'
import { saveCampaign, type SaveCampaignResult } from '#actions/workforce/save_campaign'
import { campaignValidator } from '#validators/workforce_campaigns_gaps'
import { campaignStageLabels, campaignStageValues } from '#enums/workforce'

const PIPELINE_LIMIT = 500

const stageOptions = campaignStageValues.map((value) => ({
  value,
  label: campaignStageLabels[value],
}))

/*
 * Recruitment campaigns for department HR and capability admins: a table
 * and a pipeline by stage, time to hire, a CSV export and the forms.
 */
export default class CampaignsController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.with('WorkforcePolicy').authorize('viewAny')
    const { scope, filters, input, page, csvHref } = await campaignsList.read(ctx)
    const pipeline = ctx.request.input('view') === 'pipeline'
    const campaigns = pipeline ? await allCampaigns(scope, filters, PIPELINE_LIMIT) : []
    return ctx.view.render('pages/workforce/campaigns/index', {
      page,
      pipeline,
      columns: campaignStageValues.map((stage) => ({
        stage,
        label: campaignStageLabels[stage],
        campaigns: campaigns.filter((campaign) => campaign.stage === stage),
      })),
      counts: await campaignStageCounts(scope, filters),
      medians: await medianTimeToHire(scope, filters),
      filters: input,
      csvHref,
      organisations: await organisationChoices(scope),
      roles: await this.roleOptions(),
      stageOptions,
      campaignStageLabels,
    })
  }

  async csv(ctx: HttpContext) {
    await ctx.bouncer.with('WorkforcePolicy').authorize('viewAny')
    return campaignsList.sendCsv(ctx)
  }

  async create({ bouncer, organisationScope, view }: HttpContext) {
    await bouncer.with('WorkforcePolicy').authorize('viewAny')
    return this.form({ organisationScope, view }, null)
  }

  async store({
    backWithErrors,
    bouncer,
    organisationScope,
    request,
    response,
    session,
  }: HttpContext) {
    await bouncer.with('WorkforcePolicy').authorize('viewAny')
    const input = await request.validateUsing(campaignValidator)
    const scope = await organisationScope()
    const result = await saveCampaign(scope, input)
    return this.respond(result, { backWithErrors, response, session }, 'Campaign added')
  }

  async edit({ bouncer, organisationScope, params, view }: HttpContext) {
    const campaign = await this.findInScope({ bouncer, organisationScope }, params.id)
    return this.form({ organisationScope, view }, campaign)
  }

  async update({
    backWithErrors,
    bouncer,
    organisationScope,
    params,
    request,
    response,
    session,
  }: HttpContext) {
    const campaign = await this.findInScope({ bouncer, organisationScope }, params.id)
    const input = await request.validateUsing(campaignValidator)
    const scope = await organisationScope()
    const result = await saveCampaign(scope, input, campaign)
    return this.respond(result, { backWithErrors, response, session }, 'Campaign updated')
  }

  private async form(
    { organisationScope, view }: Pick<HttpContext, 'organisationScope' | 'view'>,
    campaign: RecruitmentCampaign | null
  ) {
    const scope = await organisationScope()
    return view.render('pages/workforce/campaigns/form', {
      campaign,
      organisations: await organisationChoices(scope),
      roles: await this.roleOptions(),
      stageOptions,
    })
  }

  private async roleOptions() {
    const roles = await RoleProfile.query().orderBy('name')
    return roles.map((role) => ({ value: role.id, label: role.name }))
  }

  /* Workforce pages are refused (403) to people without an HR role before any lookup. */
  private async findInScope(
    { bouncer, organisationScope }: Pick<HttpContext, 'bouncer' | 'organisationScope'>,
    id: unknown
  ): Promise<RecruitmentCampaign> {
    await bouncer.with('WorkforcePolicy').authorize('viewAny')
    const scope = await organisationScope()
    const campaign = await scope.apply(RecruitmentCampaign.query().where('id', idParam(id))).first()
    if (!campaign) throw new RecordNotFoundException()
    await bouncer.with('WorkforcePolicy').authorize('manage', campaign.organisationId)
    return campaign
  }

  private respond(
    result: SaveCampaignResult,
    {
      backWithErrors,
      response,
      session,
    }: Pick<HttpContext, 'backWithErrors' | 'response' | 'session'>,
    message: string
  ) {
    const fail = (field: string, text: string) => {
      return backWithErrors({ [field]: text })
    }
    switch (result.type) {
      case 'saved':
        session.flash('success', `${message}: ${result.campaign.title}`)
        return response.redirect().toRoute('workforce.campaigns.index')
      case 'organisation_not_found':
        return fail('organisationId', 'Select the organisation running the campaign')
      case 'role_not_found':
        return fail('roleProfileId', 'Select the role profile being recruited')
      case 'stage_backwards':
        return fail(
          'stage',
          result.from === 'filled' || result.from === 'closed'
            ? `The campaign is ${campaignStageLabels[result.from].toLowerCase()}: its stage can no longer change`
            : `Select ${campaignStageLabels[result.from].toLowerCase()}, a later stage or closed unfilled: stages only move forward`
        )
      case 'too_many_hires':
        return fail('hires', 'Hires must be no more than the number of posts')
      case 'no_hires':
        return fail('hires', 'Enter at least 1 hire for a filled campaign')
      case 'dates_out_of_order':
        return fail(result.field, 'Stage dates must not be earlier than the stage before')
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}
