import type { HttpContext } from '@adonisjs/core/http'
import { fastStreamCounts } from '#queries/fast_stream/admin_home_query'

/* The Fast Stream team's start page: rounds, entrants, schemes and cohorts, with counts. */
export default class HomeController {
  async show({ bouncer, view }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    return view.render('pages/fast_stream/admin/home', { counts: await fastStreamCounts() })
  }
}
