import type { HttpContext } from '@adonisjs/core/http'
import { entrantOf, programmeOf } from '#queries/fast_stream/entrant_query'
import { programmeWords } from '#domain/fast_stream/programmes'
import { entrantResults, postingHistory } from '#queries/fast_stream/match_results_query'

/*
 * An entrant's own result: the placement they got in the latest published
 * round, or why they got none; when results of a round they entered are
 * still to come, the day they are published; and their posting history.
 */
export default class MyPlacementController {
  async show({ auth, bouncer, view }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('enter')
    const entrant = (await entrantOf(auth.getUserOrFail()))!
    const { latest, pending } = await entrantResults(entrant.id)
    return view.render('pages/fast_stream/my_placement', {
      words: programmeWords(await programmeOf(entrant)),
      latest,
      pending,
      postings: await postingHistory(entrant.id),
    })
  }
}
