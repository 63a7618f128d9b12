import type { HttpContext } from '@adonisjs/core/http'
import PlacementRound from '#models/placement_round'
import type User from '#models/user'
import { Roles } from '#enums/roles'
import { idParam } from '#services/params'
import { apiSerializer, pageOf, problem } from '#services/api'
import { withoutBlanks } from '#services/list_pipeline'
import { apiMatchesValidator } from '#validators/fast_stream_matching'
import { entrantOf } from '#queries/fast_stream/entrant_query'
import { matchState, requestMatch } from '#actions/fast_stream/matching/run_match'
import { matchProblem } from '#services/match_messages'
import {
  entrantMatchesPage,
  entrantResults,
  postingHistory,
  resultSummary,
} from '#queries/fast_stream/match_results_query'
import {
  MatchStatusTransformer,
  MatchTransformer,
  MyPlacementTransformer,
} from '#transformers/fast_stream_transformer'

const statusUrl = (round: PlacementRound) => `/api/v1/rounds/${round.id}/match`

/*
 * The match in the JSON API. Fast Stream admins run a round's match and
 * read all of it. Team leads read only the matches to their own team's
 * placements, and only once the round is published. An entrant reads
 * their own latest result and postings.
 */
export default class MatchesController {
  /*
   * Runs the match: 200 with the match as reading it gives it when done at once,
   * 202 with where to watch when queued.
   */
  async store({ auth, bouncer, params, response }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const round = await this.round(params.id, response)
    if (!round) return
    const result = await requestMatch(round, auth.getUserOrFail())
    switch (result.type) {
      case 'matched':
        await round.refresh()
        return this.status(round)
      case 'queued':
        response.status(202).header('Location', statusUrl(round))
        return {
          data: { status: 'running', entrants: result.entrants, statusUrl: statusUrl(round) },
        }
      case 'running':
        return problem(response, ...matchProblem(result), { statusUrl: statusUrl(round) })
      case 'round_open':
      case 'round_published':
        return problem(response, ...matchProblem(result))
      case 'round_not_found':
        return problem(response, 404, 'There is no round with this id.')
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  /* Where a round's match stands, with the figures once there is a result. */
  async show({ bouncer, params, response }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const round = await this.round(params.id, response)
    if (!round) return
    response.header('Cache-Control', 'no-store')
    return this.status(round)
  }

  /* A round's matches, paged: all of them for admins, their team's for team leads. */
  async index({ auth, bouncer, params, request, response }: HttpContext) {
    const user = auth.getUserOrFail()
    const admin = await bouncer.with('FastStreamPolicy').allows('administer')
    if (!admin && !this.isTeamLead(user)) {
      return problem(response, 403, 'Only the Fast Stream team and team leads can see matches.')
    }
    const input = await apiMatchesValidator.validate(withoutBlanks(request.qs()))
    const round = await this.round(params.id, response)
    if (!round) return
    if (!admin && matchState(round) !== 'published') {
      return problem(
        response,
        403,
        'Team leads can see the matches to their placements once the round is published.'
      )
    }
    const page = await entrantMatchesPage(round, {
      outcome: input.outcome,
      teamId: admin ? undefined : user.teamId!,
      page: input.page ?? 1,
      perPage: input.perPage ?? 25,
    })
    return apiSerializer.page(MatchTransformer.paginate(page.rows, pageOf(page.meta)))
  }

  /* The signed-in entrant's latest published result, rounds still to come, and postings. */
  async mine({ auth, bouncer }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('enter')
    const entrant = (await entrantOf(auth.getUserOrFail()))!
    const { latest, pending } = await entrantResults(entrant.id)
    const postings = await postingHistory(entrant.id)
    return apiSerializer.serialize(MyPlacementTransformer.transform({ latest, pending, postings }))
  }

  /* Where the round's match stands, with the figures once there is a result. */
  private async status(round: PlacementRound) {
    const state = matchState(round)
    const hasResult = state === 'matched' || state === 'published'
    const stats = hasResult ? await resultSummary(round) : null
    return apiSerializer.serialize(MatchStatusTransformer.transform({ round, state, stats }))
  }

  private isTeamLead(user: User) {
    return user.hasRole(Roles.TeamLead) && user.teamId !== null
  }

  /* The round in the address, or null once a 404 has been sent. */
  private async round(id: unknown, response: HttpContext['response']) {
    const round = await PlacementRound.find(idParam(id))
    if (!round) problem(response, 404, 'There is no round with this id.')
    return round
  }
}
