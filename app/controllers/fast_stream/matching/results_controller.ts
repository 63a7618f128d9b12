import type { HttpContext } from '@adonisjs/core/http'
import PlacementRound from '#models/placement_round'
import { found, idParam } from '#services/params'
import { matchesCsv, matchesOf } from '#exports/fast_stream'
import { MATCH_OUTCOMES, matchOutcomeLabels, roundStatusLabels } from '#enums/fast_stream'
import { sendPageCsv, withoutBlanks } from '#services/list_pipeline'
import { resultsFiltersValidator } from '#validators/fast_stream_matching'
import { submittedEntrantCount } from '#queries/fast_stream/round_input_query'
import {
  MATCHING_LIMITS,
  matchState,
  postingDates,
  requestMatch,
} from '#actions/fast_stream/matching/run_match'
import { publishRound } from '#actions/fast_stream/matching/publish_round'
import { matchMessage, publishMessage } from '#services/match_messages'
import { resultBlockingPairs } from '#actions/fast_stream/matching/move_entrant'
import { placementsAwaitingApproval, publishPreview } from '#queries/fast_stream/publish_query'
import {
  departmentTable,
  entrantMatchesPage,
  resultSummary,
} from '#queries/fast_stream/match_results_query'
import { UK_ZONE } from '#domain/shared/uk_time'

/*
 * A round's match for the Fast Stream team: run it (queued when large),
 * read the result by department and by entrant, download it, and publish
 * it after a page that says what publishing will do.
 */
export default class MatchResultsController {
  async show({ bouncer, params, request, view }: HttpContext) {
    const round = await this.round(bouncer, params.id)
    const filters = await resultsFiltersValidator.validate(withoutBlanks(request.qs()))
    const state = matchState(round)
    const hasResult = state === 'matched' || state === 'published'
    const summary = hasResult ? await resultSummary(round) : null
    const entrants = hasResult
      ? await entrantMatchesPage(round, { outcome: filters.outcome, page: filters.page ?? 1 })
      : null
    return view.render('pages/fast_stream/matching/results', {
      round,
      // Not `state`: Edge keeps its template data under that name.
      phase: state,
      statusLabel:
        state === 'running'
          ? 'Matching'
          : state === 'stalled'
            ? 'Matching did not finish'
            : roundStatusLabels[round.status],
      summary,
      departments: hasResult ? await departmentTable(round) : [],
      // The match takes approved placements only: name those it could not use.
      waiting: hasResult ? await placementsAwaitingApproval(round) : [],
      entrants,
      outcome: filters.outcome ?? null,
      outcomes: MATCH_OUTCOMES.map((value) => ({
        value,
        label: matchOutcomeLabels[value],
        count: summary ? summary[value] : 0,
      })),
      // Hand moves can leave pairs who would both rather have each other: say how many.
      blockingPairs:
        state === 'matched' && summary?.adjusted ? await resultBlockingPairs(round) : null,
      submitted: hasResult ? null : await submittedEntrantCount(round),
      inlineEntrants: MATCHING_LIMITS.inlineEntrants,
      closesAt: round.preferencesCloseAt.setZone(UK_ZONE),
      matchedAt: round.matchedAt?.setZone(UK_ZONE) ?? null,
      publishedAt: round.publishedAt?.setZone(UK_ZONE) ?? null,
    })
  }

  /* What the results page polls while a queued match runs. */
  async status({ bouncer, params, response }: HttpContext) {
    const round = await this.round(bouncer, params.id)
    const state = matchState(round)
    const working = state === 'running'
    response.header('Cache-Control', 'no-store')
    return { state, working, percent: working ? 0 : 100 }
  }

  async match({ auth, bouncer, params, response, session }: HttpContext) {
    const round = await this.round(bouncer, params.id)
    const result = await requestMatch(round, auth.getUserOrFail())
    session.flash(...matchMessage(result, round))
    return response.redirect().toRoute('fast_stream.matching.results', { id: round.id })
  }

  async csv({ bouncer, params, response }: HttpContext) {
    const round = await this.round(bouncer, params.id)
    sendPageCsv(response, matchesCsv(round), matchesOf(round))
  }

  /* Publishing cannot be undone: this page says what it will do before the button does it. */
  async confirmPublish({ bouncer, params, response, session, view }: HttpContext) {
    const round = await this.round(bouncer, params.id)
    if (matchState(round) !== 'matched') {
      const refused = round.status === 'published' ? 'already_published' : 'not_matched'
      session.flash(...publishMessage({ type: refused }, round))
      return response.redirect().toRoute('fast_stream.matching.results', { id: round.id })
    }
    const preview = await publishPreview(round)
    return view.render('pages/fast_stream/matching/publish', {
      round,
      preview,
      overlaps: preview.overlaps.map((overlap) => ({
        ...overlap,
        dates: postingDates(overlap.posting.startsOn, overlap.posting.endsOn),
      })),
      window:
        round.postingStartsOn && round.postingEndsOn
          ? postingDates(round.postingStartsOn, round.postingEndsOn)
          : null,
    })
  }

  async publish({ auth, bouncer, params, response, session }: HttpContext) {
    const round = await this.round(bouncer, params.id)
    const result = await publishRound(round, auth.getUserOrFail())
    session.flash(...publishMessage(result, round))
    return response
      .redirect()
      .toRoute(
        result.type === 'overlapping_postings'
          ? 'fast_stream.matching.publish.confirm'
          : 'fast_stream.matching.results',
        { id: round.id }
      )
  }

  private async round(bouncer: HttpContext['bouncer'], id: unknown) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const round = found(await PlacementRound.find(idParam(id)))
    return round
  }
}
