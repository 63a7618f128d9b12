import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { exportList } from '#services/exports'
import { csvHref } from '#services/list_pipeline'
import {
  AT_RISK_STATES,
  atRiskFilters,
  atRiskPage,
  digitalRuleStateLabels,
  ukToday,
} from '#queries/fast_stream/digital_rule_query'
import { programmeLabels, programmeValues } from '#enums/fast_stream'
import { UkFormats } from '#domain/shared/uk_time'

const day = (isoDay: string) => DateTime.fromISO(isoDay).toFormat(UkFormats.date)

/*
 * Participants at risk of the digital rule, for the Fast Stream team, one
 * programme at a time (Fast Stream entrants unless `programme` says
 * future_leaders): those whose last chance of a digital posting before
 * their deadline is the next round, and those with none left. The page
 * and its CSV read the same list.
 */
export default class DigitalRuleController {
  async index({ bouncer, request, view }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const filters = atRiskFilters(request.qs())
    const page = await atRiskPage(filters)
    return view.render('pages/fast_stream/admin/digital_rule/index', {
      page,
      filters,
      today: day(ukToday()),
      programme: filters.programme,
      programmeTabs: programmeValues.map((value) => ({
        value,
        label: programmeLabels[value],
        href:
          value === 'fast_stream'
            ? '/fast-stream/admin/digital-rule'
            : `/fast-stream/admin/digital-rule?programme=${value}`,
      })),
      stateLabels: digitalRuleStateLabels,
      stateOptions: AT_RISK_STATES.map((value) => ({
        value,
        label: digitalRuleStateLabels[value],
        count: page.counts[value],
      })),
      rows: page.rows.map((row) => {
        const chance = row.standing.chances[0]
        return {
          ...row,
          startedOn: day(row.startedOn),
          deadline: day(row.standing.deadline),
          state: row.standing.state,
          lastChance: chance ? `${day(chance.startsOn)} to ${day(chance.endsOn)}` : null,
          lastChanceNamed: chance ? chance.roundId !== null : false,
        }
      }),
      csvHref: csvHref('/fast-stream/admin/digital-rule.csv', {
        programme: filters.programme === 'fast_stream' ? undefined : filters.programme,
        state: filters.state,
      }),
    })
  }

  /* The list as CSV: the same programme, filter and order, every page. */
  async csv(ctx: HttpContext) {
    await ctx.bouncer.with('FastStreamPolicy').authorize('administer')
    const { programme } = atRiskFilters(ctx.request.qs())
    return exportList(
      ctx,
      programme === 'future_leaders' ? 'futureLeadersAtRisk' : 'digitalRuleAtRisk'
    )
  }
}
