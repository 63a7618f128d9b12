import type { HttpContext } from '@adonisjs/core/http'
import { found, idParam } from '#services/params'
import {
  clearanceLabels,
  placementStatusLabels,
  roundStatusLabels,
  type PlacementStatus,
} from '#enums/fast_stream'
import { approvePlacementValidator, rejectPlacementValidator } from '#validators/fast_stream_admin'
import { UK_ZONE } from '#domain/shared/uk_time'
import {
  reviewPlacement,
  type ReviewDecision,
  type ReviewPlacementResult,
} from '#actions/fast_stream/admin/review_placement'
import { placementWithDetails } from '#queries/fast_stream/team_placements_query'
import type Placement from '#models/placement'
import type { PlacementServiceProblem } from '#actions/fast_stream/placement_service'

const REFUSED: Record<PlacementStatus, string> = {
  offered: 'The placement is already waiting for approval',
  approved: 'The placement is already approved',
  rejected: 'The placement is already not approved',
  withdrawn: 'The team has withdrawn this placement: it can no longer be reviewed',
}

/*
 * Why a placement cannot be approved with the service it names as the
 * register stands now; only the team can change the service.
 */
function serviceRefusal(problem: PlacementServiceProblem): string {
  switch (problem.type) {
    case 'service_required':
      return 'The placement names no service: the team must choose a digitally delivered service of their department before a Future Leaders placement can be approved'
    case 'service_not_found':
      return 'The placement’s service is no longer on the register: the team must choose another service before the placement can be approved'
    case 'service_other_department':
      return `${problem.service} is now run by another department: the team must choose a service of their own department before the placement can be approved`
    case 'service_not_digital':
      return `${problem.service} is no longer digitally delivered (in beta or live and used online): the team must choose another service before the placement can be approved`
    default: {
      const unreachable: never = problem
      return unreachable
    }
  }
}

/*
 * The Fast Stream team's review of a placement a team offered: its
 * details, then approve it or turn it down with a note for the team.
 */
export default class PlacementReviewsController {
  async show({ bouncer, params, view }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const placement = await findPlacement(params.id)
    return view.render('pages/fast_stream/admin/placements/review', {
      placement,
      clearanceLabels,
      placementStatusLabels,
      roundStatusLabels,
      zone: UK_ZONE,
    })
  }

  async approve({
    auth,
    backWithErrors,
    bouncer,
    params,
    request,
    response,
    session,
  }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const placement = await findPlacement(params.id)
    const { note } = await request.validateUsing(approvePlacementValidator)
    return this.respond(
      await this.review(auth, placement, { decision: 'approve', note }),
      placement,
      { backWithErrors, response, session }
    )
  }

  async reject({ auth, backWithErrors, bouncer, params, request, response, session }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const placement = await findPlacement(params.id)
    const { note } = await request.validateUsing(rejectPlacementValidator)
    return this.respond(
      await this.review(auth, placement, { decision: 'reject', note }),
      placement,
      { backWithErrors, response, session }
    )
  }

  private review(auth: HttpContext['auth'], placement: Placement, decision: ReviewDecision) {
    return reviewPlacement(placement, auth.getUserOrFail(), decision)
  }

  private respond(
    result: ReviewPlacementResult,
    placement: Placement,
    {
      backWithErrors,
      response,
      session,
    }: Pick<HttpContext, 'backWithErrors' | 'response' | 'session'>
  ) {
    const roundPage = { id: placement.roundId }
    switch (result.type) {
      case 'reviewed':
        session.flash(
          'success',
          result.placement.status === 'approved'
            ? `Placement approved: ${placement.title}`
            : `Placement not approved: ${placement.title}. The team can read your note.`
        )
        return response
          .redirect()
          .toRoute('fast_stream.admin.rounds.show', roundPage, { qs: { status: 'offered' } })
      case 'not_reviewable':
        session.flash('error', REFUSED[result.status])
        return response.redirect().toRoute('fast_stream.admin.rounds.show', roundPage)
      case 'round_matched':
        session.flash(
          'error',
          'The round has been matched: its placements can no longer be reviewed'
        )
        return response.redirect().toRoute('fast_stream.admin.rounds.show', roundPage)
      case 'service_required':
      case 'service_not_found':
      case 'service_other_department':
      case 'service_not_digital':
        // Shown under the approval on the placement's own page, wherever the approval came from.
        return backWithErrors(
          { serviceId: serviceRefusal(result) },
          { keepInput: false, to: ['fast_stream.admin.placements.review', { id: placement.id }] }
        )
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}

async function findPlacement(id: unknown) {
  const placement = found(await placementWithDetails(idParam(id)))
  return placement
}
