import type { HttpContext } from '@adonisjs/core/http'
import { exportList } from '#services/exports'
import { clearanceLabels, roundStatusLabels } from '#enums/fast_stream'
import { rankKey, readRankingForm } from '#validators/fast_stream_team'
import { rankApplicants } from '#actions/fast_stream/team/rank_applicants'
import { RANKING_ROUND_MATCHED, RANKING_STALE } from '#services/ranking_messages'
import { beforeMatch } from '#actions/fast_stream/placement_before_match'
import { applicantsOf } from '#queries/fast_stream/team_applicants_query'
import { managedPlacement } from '#controllers/fast_stream/team/managed_placement'
import { UK_ZONE } from '#domain/shared/uk_time'

/*
 * The entrants who chose a placement, in the team's order, and the form
 * that ranks them: a rank per applicant, blank for not ranked. Works
 * without JavaScript; allowed until the round is matched.
 */
export default class ApplicantsController {
  async index({ bouncer, params, view }: HttpContext) {
    const placement = await managedPlacement(bouncer, params.id)
    const applicants = await applicantsOf(placement, placement.round)
    return view.render('pages/fast_stream/team/applicants', {
      placement,
      applicants,
      ranked: applicants.filter((applicant) => applicant.teamRank !== null).length,
      canRank: beforeMatch(placement.round),
      clearanceLabels,
      roundStatusLabels,
      rankKey,
      zone: UK_ZONE,
    })
  }

  /* The applicants in the team's order as CSV, for whoever may see the page. */
  async csv(ctx: HttpContext) {
    const placement = await managedPlacement(ctx.bouncer, ctx.params.id)
    return exportList(ctx, 'applicants', { placementId: String(placement.id) })
  }

  async rank({ backWithErrors, bouncer, params, request, response, session }: HttpContext) {
    const placement = await managedPlacement(bouncer, params.id)
    const applicants = await applicantsOf(placement, placement.round)
    const form = readRankingForm(applicants, request.input('ranks'))
    if (form.type === 'invalid') return backWithErrors(form.errors)
    const result = await rankApplicants(placement, form.ranking)
    switch (result.type) {
      case 'ranked': {
        const unranked = applicants.length - result.ranking.length
        session.flash(
          'success',
          result.changed
            ? `Ranking saved: ${result.ranking.length} ranked, ${unranked} not ranked`
            : 'The ranking has not changed'
        )
        return response.redirect().toRoute('fast_stream.team.applicants', { id: placement.id })
      }
      case 'invalid':
        session.flash('error', RANKING_STALE)
        return response.redirect().toRoute('fast_stream.team.applicants', { id: placement.id })
      case 'round_matched':
        session.flash('error', RANKING_ROUND_MATCHED.page)
        return response.redirect().toRoute('fast_stream.team.applicants', { id: placement.id })
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}
