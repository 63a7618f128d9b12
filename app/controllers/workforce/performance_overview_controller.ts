import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import { organisationChoices } from '#queries/identity/organisations_query'
import {
  BEFORE_AND_AFTER_SPAN,
  LEAGUE_PAGE_SIZE,
  performanceOverview,
} from '#queries/workforce/performance_overview_query'
import { UK_ZONE } from '#domain/shared/uk_time'
import {
  INDICATORS,
  indicatorLabels,
  lowerIsBetter,
  type Indicator,
} from '#domain/workforce/service_performance'

const isIndicator = (value: unknown): value is Indicator =>
  typeof value === 'string' && (INDICATORS as readonly string[]).includes(value)

/*
 * Strategy action 13 for HR (their organisation tree) and capability
 * admins (all of government): services ranked by an indicator, the
 * movers, the services with no figures, and capability beside performance.
 * An organisation outside the caller's scope answers 404.
 */
export default class PerformanceOverviewController {
  async show({ bouncer, organisationScope, request, view }: HttpContext) {
    await bouncer.with('WorkforcePolicy').authorize('viewAny')
    const scope = await organisationScope()
    const qs = request.qs()
    const by: Indicator = isIndicator(qs.by) ? qs.by : 'digitalTakeUp'
    const organisation = /^\d{1,9}$/.test(String(qs.organisation ?? ''))
      ? Number(qs.organisation)
      : null
    if (organisation !== null && !(await scope.includes(organisation))) {
      throw new RecordNotFoundException()
    }
    const overview = await performanceOverview(
      scope,
      { organisationId: organisation, by },
      DateTime.now().setZone(UK_ZONE).toISODate()!
    )
    // The league table a page at a time; the movers and medians are of every service.
    const lastPage = Math.max(1, Math.ceil(overview.league.length / LEAGUE_PAGE_SIZE))
    const asked = /^\d{1,6}$/.test(String(qs.page ?? '')) ? Number(qs.page) : 1
    const currentPage = Math.min(Math.max(asked, 1), lastPage)
    const first = (currentPage - 1) * LEAGUE_PAGE_SIZE
    return view.render('pages/workforce/performance', {
      ...overview,
      league: overview.league.slice(first, first + LEAGUE_PAGE_SIZE),
      firstRank: first + 1,
      leagueCount: overview.league.length,
      paginator: { currentPage, lastPage },
      by,
      lowerIsBetter: lowerIsBetter(by),
      indicatorOptions: INDICATORS.map((value) => ({ value, label: indicatorLabels[value] })),
      indicatorLabels,
      organisations: await organisationChoices(scope),
      organisation: organisation ?? '',
      span: BEFORE_AND_AFTER_SPAN,
    })
  }
}
