import type { HttpContext } from '@adonisjs/core/http'
import CapabilityGap from '#models/capability_gap'
import RoleProfile from '#models/role_profile'
import Skill from '#models/skill'
import User from '#models/user'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import { idParam } from '#services/params'
import { gapsList } from '#exports/workforce'
import { findOrganisationInScope, organisationChoices } from '#queries/identity/organisations_query'
import { gapStatusCounts } from '#queries/workforce/gaps_query'
import {
  acceptGap,
  dismissGap,
  saveGap,
  type DecideGapResult,
  type SaveGapResult,
} from '#actions/workforce/save_gap'
import { suggestGaps } from '#actions/workforce/suggest_gaps'
import { decideGaps, type DecideGapsResult } from '#actions/workforce/decide_gaps'
import { safeReturnPath } from '#services/return_path'
import {
  gapDecisionsProblems,
  gapDecisionsValidator,
  selectedGapIds,
} from '#validators/gap_decisions'
import {
  dismissGapValidator,
  gapValidator,
  suggestGapsValidator,
} from '#validators/workforce_campaigns_gaps'
import {
  gapMitigationLabels,
  gapSeverityLabels,
  gapStatusLabels,
  type GapStatus,
} from '#enums/workforce'

const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }))

const FIELD_ERRORS: Record<Exclude<SaveGapResult['type'], 'saved'>, [string, string]> = {
  organisation_not_found: ['organisationId', 'Select the organisation with the gap'],
  role_needed: ['roleProfileId', 'Select the role profile that is short of posts'],
  skill_needed: ['skillId', 'Select the skill that people are short of'],
  owner_not_found: [
    'ownerEmail',
    'Enter the email address of an active person in your organisation to own the gap',
  ],
}

const DECIDED_WORDS = { accept: 'accepted as open', dismiss: 'dismissed' } as const

/* What the register shows after many gaps were decided at once: what changed, and what could not. */
function decisionSummary(result: Extract<DecideGapsResult, { type: 'decided' }>) {
  const done = DECIDED_WORDS[result.decision]
  const count = (n: number) => `${n} ${n === 1 ? 'gap' : 'gaps'}`
  return {
    headline: `${count(result.changed.length)} ${done}`,
    changed: result.changed.map((gap) => `${gap.title} (${gap.organisationName})`),
    refusedHeadline: `${count(result.refused.length)} not changed`,
    refused: result.refused.map(
      (gap) =>
        `${gap.title} (${gap.organisationName}): it is ${gapStatusLabels[gap.status].toLowerCase()}, so it cannot be ${done}`
    ),
  }
}

/* Back to the register page the form was sent from, with its filters; anywhere else is refused. */
function registerPath(returnTo: string | undefined) {
  const path = safeReturnPath(returnTo)
  return path === '/workforce/gaps' || path.startsWith('/workforce/gaps?')
    ? path
    : '/workforce/gaps'
}

/*
 * The capability gap register for department HR and capability admins:
 * the table, the forms, suggestions from the plan and the gap engine,
 * accepting or dismissing them one at a time or many at once, and a CSV
 * export.
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

  async store({
    auth,
    backWithErrors,
    bouncer,
    organisationScope,
    request,
    response,
    session,
  }: HttpContext) {
    await bouncer.with('WorkforcePolicy').authorize('viewAny')
    const input = await request.validateUsing(gapValidator)
    const scope = await organisationScope()
    const result = await saveGap(scope, input, undefined, auth.getUserOrFail())
    return this.respond(result, { backWithErrors, response, session }, 'Gap added')
  }

  async edit({ bouncer, organisationScope, params, view }: HttpContext) {
    const gap = await this.findInScope({ bouncer, organisationScope }, params.id)
    return this.form({ organisationScope, view }, gap)
  }

  async update({
    auth,
    backWithErrors,
    bouncer,
    organisationScope,
    params,
    request,
    response,
    session,
  }: HttpContext) {
    const gap = await this.findInScope({ bouncer, organisationScope }, params.id)
    const input = await request.validateUsing(gapValidator)
    const scope = await organisationScope()
    const result = await saveGap(scope, input, gap, auth.getUserOrFail())
    return this.respond(result, { backWithErrors, response, session }, 'Gap updated')
  }

  async suggest({ bouncer, organisationScope, request, response, session }: HttpContext) {
    await bouncer.with('WorkforcePolicy').authorize('viewAny')
    const { organisationId } = await request.validateUsing(suggestGapsValidator)
    const scope = await organisationScope()
    const organisation = await findOrganisationInScope(scope, organisationId)
    if (!organisation) throw new RecordNotFoundException()
    const result = await suggestGaps({ id: organisation.id, path: organisation.path })
    const created = result.fromPlan + result.fromGapEngine
    session.flash(
      'success',
      `${created} ${created === 1 ? 'gap' : 'gaps'} suggested for ${organisation.name}: ` +
        `${result.fromPlan} from the plan, ${result.fromGapEngine} from people’s skills` +
        (result.skipped > 0 ? `; ${result.skipped} already on the register` : '')
    )
    return response
      .redirect()
      .toRoute(
        'workforce.gaps.index',
        {},
        { qs: { status: 'suggested', organisationId: organisation.id } }
      )
  }

  async accept({ bouncer, organisationScope, params, response, session }: HttpContext) {
    const gap = await this.findInScope({ bouncer, organisationScope }, params.id)
    return this.decided(await acceptGap(gap), { response, session }, 'accepted as open')
  }

  async dismiss({ bouncer, organisationScope, params, request, response, session }: HttpContext) {
    const gap = await this.findInScope({ bouncer, organisationScope }, params.id)
    const { reason } = await request.validateUsing(dismissGapValidator)
    return this.decided(await dismissGap(gap, reason), { response, session }, 'dismissed')
  }

  /* Accepts or dismisses the suggestions ticked on the register, with a summary of what changed. */
  async decideMany({
    backWithErrors,
    bouncer,
    organisationScope,
    request,
    response,
    session,
  }: HttpContext) {
    await bouncer.with('WorkforcePolicy').authorize('viewAny')
    const input = await request.validateUsing(gapDecisionsValidator)
    const problems = gapDecisionsProblems(input)
    if (Object.keys(problems).length || !input.decision) {
      return backWithErrors(problems)
    }
    const scope = await organisationScope()
    const result = await decideGaps(
      scope,
      selectedGapIds(input),
      input.decision,
      input.reason ?? null
    )
    switch (result.type) {
      case 'decided':
        session.flash('gapDecisions', decisionSummary(result))
        return response.redirect().toPath(registerPath(input.returnTo))
      case 'not_found':
        throw new RecordNotFoundException()
      case 'reason_needed':
        return backWithErrors({ reason: 'Enter why the gaps are being dismissed' })
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  private async form(
    { organisationScope, view }: Pick<HttpContext, 'organisationScope' | 'view'>,
    gap: CapabilityGap | null
  ) {
    const scope = await organisationScope()
    const [roles, skills, owner] = await Promise.all([
      RoleProfile.query().orderBy('name'),
      Skill.query().whereNull('retired_at').orderBy('name'),
      gap?.ownerId ? User.find(gap.ownerId) : null,
    ])
    return view.render('pages/workforce/gaps/form', {
      gap,
      ownerEmail: owner?.email ?? null,
      organisations: await organisationChoices(scope),
      roles: roles.map((role) => ({ value: role.id, label: role.name })),
      skills: skills.map((skill) => ({ value: skill.id, label: skill.name })),
      kindOptions: options({
        headcount: 'Headcount: a role short of posts',
        skill: 'Skill: people below the required level',
      }),
      statusOptions: options(gapStatusLabels),
      severityOptions: options(gapSeverityLabels),
      mitigationOptions: options(gapMitigationLabels),
    })
  }

  /* Workforce pages are refused (403) to people without an HR role before any lookup. */
  private async findInScope(
    { bouncer, organisationScope }: Pick<HttpContext, 'bouncer' | 'organisationScope'>,
    id: unknown
  ): Promise<CapabilityGap> {
    await bouncer.with('WorkforcePolicy').authorize('viewAny')
    const scope = await organisationScope()
    const gap = await scope.apply(CapabilityGap.query().where('id', idParam(id))).first()
    if (!gap) throw new RecordNotFoundException()
    await bouncer.with('WorkforcePolicy').authorize('manage', gap.organisationId)
    return gap
  }

  private decided(
    result: DecideGapResult,
    { response, session }: Pick<HttpContext, 'response' | 'session'>,
    verb: string
  ) {
    switch (result.type) {
      case 'decided':
        session.flash('success', `Gap ${verb}: ${result.gap.title}`)
        return response.redirect().toRoute('workforce.gaps.index')
      case 'not_allowed': {
        const status: GapStatus = result.status
        session.flash(
          'error',
          `This gap is ${gapStatusLabels[status].toLowerCase()}, so it cannot be ${verb}`
        )
        return response.redirect().back()
      }
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  private respond(
    result: SaveGapResult,
    {
      backWithErrors,
      response,
      session,
    }: Pick<HttpContext, 'backWithErrors' | 'response' | 'session'>,
    message: string
  ) {
    switch (result.type) {
      case 'saved':
        session.flash('success', `${message}: ${result.gap.title}`)
        return response.redirect().toRoute('workforce.gaps.index')
      case 'organisation_not_found':
      case 'role_needed':
      case 'skill_needed':
      case 'owner_not_found': {
        const [field, text] = FIELD_ERRORS[result.type]
        return backWithErrors({ [field]: text })
      }
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}
