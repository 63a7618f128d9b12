import type { HttpContext } from '@adonisjs/core/http'
import type FastStreamEntrant from '#models/fast_stream_entrant'
import { entrantOf } from '#queries/fast_stream/entrant_query'
import { describeClosed } from '#queries/fast_stream/shortlist_query'
import type { ShortlistClosed } from '#actions/fast_stream/entrant/shortlist_store'
import { shortlistPath } from '#services/shortlist_pages'

/* What the shortlist's pages share: the entrant making the change, and the answer once choices have closed. */

/* Only entrants have a shortlist. */
export async function shortlistEntrant({
  auth,
  bouncer,
}: Pick<HttpContext, 'auth' | 'bouncer'>): Promise<FastStreamEntrant> {
  await bouncer.with('FastStreamPolicy').authorize('enter')
  return (await entrantOf(auth.getUserOrFail()))!
}

/* Back to the round's list, saying why it can no longer change. */
export async function refuseClosed(
  result: ShortlistClosed,
  { response, session }: Pick<HttpContext, 'response' | 'session'>
) {
  session.flash('error', describeClosed(result.reason, result.round))
  return response.redirect().toPath(await shortlistPath(result.round))
}
