import type { HttpContext } from '@adonisjs/core/http'
import { auditFiltersValidator } from '#validators/organisation'
import { exportList } from '#services/exports'
import { csvHref, withoutBlanks } from '#services/list_pipeline'
import {
  auditSubjectTypes,
  describeValue,
  fieldLabel,
  humanise,
  searchAuditEvents,
} from '#queries/identity/audit_query'
import { organisationChoices } from '#queries/identity/organisations_query'
import { auditActionValues } from '#enums/audit_actions'

/*
 * The audit trail, filtered in the URL so a search can be shared or
 * bookmarked. Scope is applied in the query: department HR only ever get
 * their own organisations' events, never a 404 for someone else's.
 */
export default class AuditEventsController {
  async index({ bouncer, organisationScope, request, response, session, view }: HttpContext) {
    await bouncer.authorize('viewAuditTrail')
    const [error, filters] = await auditFiltersValidator.tryValidate(withoutBlanks(request.qs()))
    if (error) {
      session.flashValidationErrors(error)
      return response.redirect().toRoute('audit.index')
    }

    const scope = await organisationScope()
    const [events, subjectTypes, organisations] = await Promise.all([
      searchAuditEvents(scope, filters),
      auditSubjectTypes(scope),
      organisationChoices(scope),
    ])
    events.baseUrl(request.url())

    return view.render('pages/admin/audit/index', {
      events,
      query: request.qs(),
      csvHref: csvHref('/admin/audit.csv', withoutBlanks(request.qs())),
      actionOptions: auditActionValues.map((value) => ({ value, label: humanise(value) })),
      subjectTypeOptions: subjectTypes.map((value) => ({ value, label: humanise(value) })),
      organisations,
      fieldLabel,
      describeValue,
    })
  }

  /* The trail as CSV: the same scope and filters, every page; a job when it is large. */
  async csv(ctx: HttpContext) {
    await ctx.bouncer.authorize('viewAuditTrail')
    return exportList(ctx, 'audit')
  }
}
