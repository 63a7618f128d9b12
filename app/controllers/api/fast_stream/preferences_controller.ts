import type { HttpContext } from '@adonisjs/core/http'
import PlacementRound from '#models/placement_round'
import type FastStreamEntrant from '#models/fast_stream_entrant'
import { apiSerializer, fieldProblems, problem } from '#services/api'
import { idParam } from '#services/params'
import { entrantOf, programmeOf } from '#queries/fast_stream/entrant_query'
import {
  describeClosed,
  shortlistFor,
  shortlistOverview,
} from '#queries/fast_stream/shortlist_query'
import { entrantsCanSee } from '#queries/fast_stream/placement_search_query'
import { replacePreferences } from '#actions/fast_stream/entrant/replace_preferences'
import { apiPreferencesValidator } from '#validators/fast_stream_entrant'
import { PreferencesTransformer } from '#transformers/fast_stream_transformer'

/* The caller's ranked choices for a round, as the API gives them anywhere. */
async function preferencesAnswer(round: PlacementRound, entrantId: number) {
  return apiSerializer.serialize(
    PreferencesTransformer.transform(await shortlistOverview(round, entrantId))
  )
}

/*
 * An entrant's own ranked list for a round: read it, or replace it whole
 * (best first) and optionally submit it, while the round takes choices.
 * As on the shortlist page, an entrant sees a round while it is open, or
 * once they have a list in it; any other round answers 404. A closed
 * window for choices answers 422 with a `code`, as booking that has
 * closed does in the learning API.
 */
export default class PreferencesController {
  async show({ auth, bouncer, params, response }: HttpContext) {
    const entrant = await this.entrant({ auth, bouncer, response })
    if (!entrant) return
    const round = await this.visibleRound(params.id, entrant, response)
    if (!round) return
    return preferencesAnswer(round, entrant.id)
  }

  async update({ auth, bouncer, params, request, response }: HttpContext) {
    const entrant = await this.entrant({ auth, bouncer, response })
    if (!entrant) return
    const round = await this.visibleRound(params.id, entrant, response)
    if (!round) return
    const input = await request.validateUsing(apiPreferencesValidator)
    const result = await replacePreferences(entrant, round.id, input.placements, {
      submit: input.submit ?? false,
    })
    switch (result.type) {
      case 'saved':
        return preferencesAnswer(result.round, entrant.id)
      case 'invalid':
        return fieldProblems(response, result.errors)
      case 'closed':
        return problem(response, 422, describeClosed(result.reason, result.round), {
          code: result.reason,
        })
      case 'round_not_found':
        return problem(response, 404, 'There is no round with this id.')
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  /* The round in the address when the entrant may see it, or null once a 404 has been sent. */
  private async visibleRound(
    id: unknown,
    entrant: FastStreamEntrant,
    response: HttpContext['response']
  ) {
    const round = await PlacementRound.find(idParam(id))
    const programme = await programmeOf(entrant)
    if (round && (entrantsCanSee(round, programme) || (await shortlistFor(round.id, entrant.id)))) {
      return round
    }
    problem(response, 404, 'There is no round with this id whose choices you can see.')
    return null
  }

  /* The caller's entrant record, or null once a 403 has been sent. */
  private async entrant({
    auth,
    bouncer,
    response,
  }: Pick<HttpContext, 'auth' | 'bouncer' | 'response'>): Promise<FastStreamEntrant | null> {
    if (!(await bouncer.with('FastStreamPolicy').allows('enter'))) {
      problem(response, 403, 'Only Fast Stream entrants have a list of choices.')
      return null
    }
    return entrantOf(auth.getUserOrFail())
  }
}
