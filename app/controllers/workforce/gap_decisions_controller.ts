import type { HttpContext } from '@adonisjs/core/http'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import { findOrganisationInScope } from '#queries/identity/organisations_query'
import { acceptGap, dismissGap, type DecideGapResult } from '#actions/workforce/save_gap'
import { suggestGaps } from '#actions/workforce/suggest_gaps'
import { decideGaps } from '#actions/workforce/decide_gaps'
import {
  gapDecisionsProblems,
  gapDecisionsValidator,
  selectedGapIds,
} from '#validators/gap_decisions'
import { dismissGapValidator, suggestGapsValidator } from '#validators/workforce_campaigns_gaps'
import {
  DECIDED_WORDS,
  decisionSummary,
  notDecidableMessage,
  registerPath,
  suggestedMessage,
} from '#services/gap_messages'
import { gapInScope } from '#controllers/workforce/gap_pages'

/*
 * Suggested gaps on the register: suggesting them for an organisation from
 * its plan and people's skills, and accepting or dismissing them one at a
 * time or many at once.
 */
export default class GapDecisionsController {
  async suggest({ bouncer, inScope, request, response, session }: HttpContext) {
    await bouncer.with('WorkforcePolicy').authorize('viewAny')
    const { organisationId } = await request.validateUsing(suggestGapsValidator)
    const organisation = await inScope(findOrganisationInScope, organisationId)
    const result = await suggestGaps({ id: organisation.id, path: organisation.path })
    session.flash('success', suggestedMessage(result, organisation.name))
    return response
      .redirect()
      .toRoute(
        'workforce.gaps.index',
        {},
        { qs: { status: 'suggested', organisationId: organisation.id } }
      )
  }

  async accept(ctx: HttpContext) {
    const gap = await gapInScope(ctx, ctx.params.id)
    return this.decided(await acceptGap(gap), ctx, DECIDED_WORDS.accept)
  }

  async dismiss(ctx: HttpContext) {
    const gap = await gapInScope(ctx, ctx.params.id)
    const { reason } = await ctx.request.validateUsing(dismissGapValidator)
    return this.decided(await dismissGap(gap, reason), ctx, DECIDED_WORDS.dismiss)
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
    if (Object.keys(problems).length || !input.decision) return backWithErrors(problems)
    const scope = await organisationScope()
    const ids = selectedGapIds(input)
    const result = await decideGaps(scope, ids, input.decision, input.reason ?? null)
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

  private decided(
    result: DecideGapResult,
    { response, session }: Pick<HttpContext, 'response' | 'session'>,
    verb: string
  ) {
    switch (result.type) {
      case 'decided':
        session.flash('success', `Gap ${verb}: ${result.gap.title}`)
        return response.redirect().toRoute('workforce.gaps.index')
      case 'not_allowed':
        session.flash('error', notDecidableMessage(result.status, verb))
        return response.redirect().back()
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}
