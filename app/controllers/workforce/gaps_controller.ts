import type { HttpContext } from '@adonisjs/core/http'
import type { FieldErrors, SavedAnswer } from '#start/http_context'
import type CapabilityGap from '#models/capability_gap'
import { gapsList } from '#exports/workforce'
import { organisationChoices } from '#queries/identity/organisations_query'
import { gapFormChoices, gapStatusCounts } from '#queries/workforce/gaps_query'
import { saveGap, type SaveGapResult } from '#actions/workforce/save_gap'
import { gapValidator } from '#validators/workforce_campaigns_gaps'
import { gapMitigationLabels, gapSeverityLabels, gapStatusLabels } from '#enums/workforce'
import { gapInScope } from '#controllers/workforce/gap_pages'

const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }))

const FIELD_ERRORS: Record<Exclude<SaveGapResult['type'], 'saved'>, FieldErrors> = {
  organisation_not_found: { organisationId: 'Select the organisation with the gap' },
  role_needed: { roleProfileId: 'Select the role profile that is short of posts' },
  skill_needed: { skillId: 'Select the skill that people are short of' },
  owner_not_found: {
    ownerEmail: 'Enter the email address of an active person in your organisation to own the gap',
  },
}
const refused = (result: { type: keyof typeof FIELD_ERRORS }) => FIELD_ERRORS[result.type]

/*
 * The capability gap register for department HR and capability admins:
 * the table, its CSV export and the form; suggested gaps are accepted or
 * dismissed in GapDecisionsController.
 */
export default class GapsController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.with('WorkforcePolicy').authorize('viewAny')
    const { scope, filters, input, page, csvHref } = await gapsList.read(ctx)
    return ctx.view.render('pages/workforce/gaps/index', {
      page,
      counts: await gapStatusCounts(scope, filters),
      filters: input,
      csvHref,
      organisations: await organisationChoices(scope),
      kindOptions: options({ headcount: 'Headcount', skill: 'Skill' }),
      statusOptions: options(gapStatusLabels),
      severityOptions: options(gapSeverityLabels),
      gapStatusLabels,
      gapSeverityLabels,
      gapMitigationLabels,
      returnTo: ctx.request.url(true),
    })
  }

  async csv(ctx: HttpContext) {
    await ctx.bouncer.with('WorkforcePolicy').authorize('viewAny')
    return gapsList.sendCsv(ctx)
  }

  async create({ bouncer, organisationScope, view }: HttpContext) {
    await bouncer.with('WorkforcePolicy').authorize('viewAny')
    return this.form({ organisationScope, view }, null)
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with('WorkforcePolicy').authorize('viewAny')
    const input = await ctx.request.validateUsing(gapValidator)
    const scope = await ctx.organisationScope()
    const result = await saveGap(scope, input, undefined, ctx.auth.getUserOrFail())
    return ctx.answerSave(result, saved('Gap added'), refused)
  }

  async edit({ bouncer, inScope, organisationScope, params, view }: HttpContext) {
    const gap = await gapInScope({ bouncer, inScope }, params.id)
    return this.form({ organisationScope, view }, gap)
  }

  async update(ctx: HttpContext) {
    const gap = await gapInScope(ctx, ctx.params.id)
    const input = await ctx.request.validateUsing(gapValidator)
    const scope = await ctx.organisationScope()
    const result = await saveGap(scope, input, gap, ctx.auth.getUserOrFail())
    return ctx.answerSave(result, saved('Gap updated'), refused)
  }

  private async form(
    { organisationScope, view }: Pick<HttpContext, 'organisationScope' | 'view'>,
    gap: CapabilityGap | null
  ) {
    const scope = await organisationScope()
    return view.render('pages/workforce/gaps/form', {
      gap,
      ...(await gapFormChoices(gap?.ownerId)),
      organisations: await organisationChoices(scope),
      kindOptions: options({
        headcount: 'Headcount: a role short of posts',
        skill: 'Skill: people below the required level',
      }),
      statusOptions: options(gapStatusLabels),
      severityOptions: options(gapSeverityLabels),
      mitigationOptions: options(gapMitigationLabels),
    })
  }
}

/* A saved gap goes back to the register, its title after the message. */
function saved(message: string) {
  return ({ gap }: { gap: CapabilityGap }): SavedAnswer => [
    `${message}: ${gap.title}`,
    'workforce.gaps.index',
  ]
}
