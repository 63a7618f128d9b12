import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { DateTime } from 'luxon'
import type Service from '#models/service'
import { found } from '#services/params'
import { saveChanges } from '#actions/transactions'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import { serviceStanding } from '#queries/workforce/services_query'
import { complianceStatusLabels } from '#queries/workforce/compliance_query'
import { SERVICE_PERFORMANCE_HEADER } from '#queries/exports/page_csv_headers'
import { csvFileName, sendCsv } from '#services/csv_export'
import {
  comparisonsFor,
  findReportableService,
  periodToReport,
  reportFor,
  servicePerformance,
} from '#queries/workforce/service_performance_query'
import { reportServicePerformance } from '#actions/workforce/report_service_performance'
import { performanceFormValidator, performanceInput } from '#validators/service_performance'
import {
  performanceFieldErrors,
  performanceSavedMessage,
} from '#services/service_performance_messages'
import { UK_ZONE } from '#domain/shared/uk_time'
import {
  CHANNELS,
  SATISFACTION,
  channelLabels,
  indicatorLabels,
  isFuture,
  parsePeriod,
  periodLabel,
  satisfactionLabels,
  type PerformanceFigures,
} from '#domain/workforce/service_performance'

const today = () => DateTime.now().setZone(UK_ZONE).toISODate()!

/* Pence as the form shows pounds: 125050 → "1250.50", whole pounds without pence. */
const poundsOf = (pence: number | null) =>
  pence === null ? null : pence % 100 === 0 ? String(pence / 100) : (pence / 100).toFixed(2)

/* A report's figures as the form's fields hold them. */
function formValues(figures: PerformanceFigures | null, notes: string | null) {
  if (!figures) return {}
  const values: Record<string, string | number | null> = {
    totalTransactions: figures.totalTransactions,
    totalCost: poundsOf(figures.totalCostPence),
    startedTransactions: figures.startedTransactions,
    completedTransactions: figures.completedTransactions,
    notes,
  }
  for (const channel of CHANNELS) {
    values[`${channel}Transactions`] = figures.transactions[channel]
    values[`${channel}Cost`] = poundsOf(figures.channelCostPence[channel])
  }
  for (const answer of SATISFACTION) values[answer] = figures.satisfaction[answer]
  return values
}

/*
 * Strategy action 13 on a service's pages: its four indicators period by
 * period, and the form its Service Manager, HR of its department or a
 * capability admin report (or correct) a period's figures on. Anyone else
 * gets 404, as for a service that does not exist.
 */
export default class ServicePerformanceController {
  async show(ctx: HttpContext) {
    const service = await this.service(ctx)
    const { periods, missing } = await servicePerformance(service)
    const latest = periods.at(0) ?? null
    return ctx.view.render('pages/workforce/services/performance', {
      service,
      standing: await serviceStanding(service.id),
      periods,
      missing,
      latest,
      comparisons: latest ? await comparisonsFor(service, latest.period) : [],
      next: periodToReport(service.reportingPeriod, latest?.period ?? null, today()),
      indicatorLabels,
      complianceStatusLabels,
      mayPublish: await this.mayPublish(ctx, service),
      // The register is HR's and capability admins'; a Service Manager came from their home page.
      back: (await ctx.bouncer.with('WorkforcePolicy').allows('viewAny'))
        ? { href: urlFor('workforce.services.index'), text: 'Services' }
        : { href: urlFor('home'), text: 'Home' },
    })
  }

  /* Every period reported, as CSV: the figures as reported and the indicators. */
  async csv(ctx: HttpContext) {
    const service = await this.service(ctx)
    const { periods } = await servicePerformance(service)
    const pounds = (pence: number | null) => (pence === null ? '' : (pence / 100).toFixed(2))
    const percent = (share: number | null) => (share === null ? '' : (share * 100).toFixed(1))
    sendCsv(
      ctx.response,
      csvFileName(`performance-${service.id}`),
      SERVICE_PERFORMANCE_HEADER,
      periods.map(({ period, figures, indicators, notes, revision }) => [
        service.id,
        period.key,
        ...CHANNELS.map((channel) => figures.transactions[channel]),
        figures.totalTransactions,
        pounds(figures.totalCostPence),
        ...CHANNELS.map((channel) => pounds(figures.channelCostPence[channel])),
        ...SATISFACTION.map((answer) => figures.satisfaction[answer]),
        figures.startedTransactions,
        figures.completedTransactions,
        percent(indicators.digitalTakeUp),
        pounds(indicators.costPerTransactionPence),
        indicators.satisfactionScore ?? '',
        percent(indicators.completionRate),
        notes ?? '',
        revision - 1,
      ])
    )
  }

  async edit(ctx: HttpContext) {
    const service = await this.service(ctx)
    const period = parsePeriod(service.reportingPeriod, String(ctx.params.period))
    // A period still to come has no figures to report yet.
    if (!period || isFuture(period, today())) throw new RecordNotFoundException()
    const report = await reportFor(service.id, period)
    return ctx.view.render('pages/workforce/services/performance_form', {
      service,
      period,
      label: periodLabel(service.reportingPeriod, period),
      report,
      values: formValues(report?.figures ?? null, report?.notes ?? null),
      channels: CHANNELS.map((channel) => ({ channel, label: channelLabels[channel] })),
      answers: SATISFACTION.map((answer) => ({ answer, label: satisfactionLabels[answer] })),
    })
  }

  async update(ctx: HttpContext) {
    const service = await this.service(ctx)
    const body = await ctx.request.validateUsing(performanceFormValidator)
    const result = await reportServicePerformance(
      service,
      String(ctx.params.period),
      performanceInput(body, 'pounds'),
      ctx.auth.getUserOrFail()
    )
    if (result.type === 'no_such_period') throw new RecordNotFoundException()
    return ctx.answerSave(
      result,
      (saved) => [
        performanceSavedMessage(saved, service),
        'workforce.services.performance',
        { id: service.id },
      ],
      (refused) => performanceFieldErrors(refused)
    )
  }

  /*
   * The department publishes the service's indicators on the public page, or
   * stops: HR of its organisation tree and capability admins, not the
   * Service Manager alone. The change is audited with the service.
   */
  async publish(ctx: HttpContext) {
    const service = await this.service(ctx)
    if (!(await this.mayPublish(ctx, service))) {
      ctx.session.flash('error', 'Only HR of the department can publish a service’s performance')
      return ctx.response.redirect().toRoute('workforce.services.performance', { id: service.id })
    }
    const published = ctx.request.input('publish') === 'yes'
    if (service.performancePublished !== published) {
      await saveChanges(service, { performancePublished: published })
    }
    ctx.session.flash(
      'success',
      published
        ? `The performance of ${service.name} is published for anyone to read`
        : `The performance of ${service.name} is no longer published`
    )
    return ctx.response.redirect().toRoute('workforce.services.performance', { id: service.id })
  }

  /* HR of the service's organisation tree and capability admins: a department's decision. */
  private async mayPublish(ctx: HttpContext, service: Service) {
    const scope = await ctx.organisationScope()
    return scope.includes(service.organisationId)
  }

  private async service({ auth, organisationScope, params }: HttpContext): Promise<Service> {
    return found(
      await findReportableService(auth.getUserOrFail(), await organisationScope(), params.id)
    )
  }
}
