import type { HttpContext } from '@adonisjs/core/http'
import type { FieldErrors, SavedAnswer, ScopedFind } from '#start/http_context'
import RecruitmentCampaign from '#models/recruitment_campaign'
import RoleProfile from '#models/role_profile'
import { idParam } from '#services/params'
import { campaignsList } from '#exports/workforce'
import { organisationChoices } from '#queries/identity/organisations_query'
import {
  allCampaigns,
  campaignStageCounts,
  medianTimeToHire,
} from '#queries/workforce/campaigns_query'
import { saveCampaign, type SaveCampaignResult } from '#actions/workforce/save_campaign'
import { managedInScope } from '#controllers/workforce/managed_records'
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

  async store({ answerSave, bouncer, organisationScope, request }: HttpContext) {
    await bouncer.with('WorkforcePolicy').authorize('viewAny')
    const input = await request.validateUsing(campaignValidator)
    const scope = await organisationScope()
    const result = await saveCampaign(scope, input)
    return answerSave(result, saved('Campaign added'), refused)
  }

  async edit({ bouncer, inScope, organisationScope, params, view }: HttpContext) {
    const campaign = await managedInScope({ bouncer, inScope }, campaignInScope, params.id)
    return this.form({ organisationScope, view }, campaign)
  }

  async update({ answerSave, bouncer, inScope, organisationScope, params, request }: HttpContext) {
    const campaign = await managedInScope({ bouncer, inScope }, campaignInScope, params.id)
    const input = await request.validateUsing(campaignValidator)
    const scope = await organisationScope()
    const result = await saveCampaign(scope, input, campaign)
    return answerSave(result, saved('Campaign updated'), refused)
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
}

/* The campaign of the address within the scope. */
const campaignInScope: ScopedFind<RecruitmentCampaign> = (scope, id) =>
  scope.apply(RecruitmentCampaign.query().where('id', idParam(id))).first()

/* A saved campaign goes back to the campaigns, its title after the message. */
function saved(message: string) {
  return ({ campaign }: { campaign: RecruitmentCampaign }): SavedAnswer => [
    `${message}: ${campaign.title}`,
    'workforce.campaigns.index',
  ]
}

/* Why a campaign was not saved, under the field at fault. */
function refused(result: Exclude<SaveCampaignResult, { type: 'saved' }>): FieldErrors {
  switch (result.type) {
    case 'organisation_not_found':
      return { organisationId: 'Select the organisation running the campaign' }
    case 'role_not_found':
      return { roleProfileId: 'Select the role profile being recruited' }
    case 'stage_backwards':
      return {
        stage:
          result.from === 'filled' || result.from === 'closed'
            ? `The campaign is ${campaignStageLabels[result.from].toLowerCase()}: its stage can no longer change`
            : `Select ${campaignStageLabels[result.from].toLowerCase()}, a later stage or closed unfilled: stages only move forward`,
      }
    case 'too_many_hires':
      return { hires: 'Hires must be no more than the number of posts' }
    case 'no_hires':
      return { hires: 'Enter at least 1 hire for a filled campaign' }
    case 'dates_out_of_order':
      return { [result.field]: 'Stage dates must not be earlier than the stage before' }
    default: {
      const unreachable: never = result
      return unreachable
    }
  }
}
