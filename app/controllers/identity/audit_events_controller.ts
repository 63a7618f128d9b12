import type { HttpContext } from '@adonisjs/core/http'
import { exportList } from '#services/exports'
import { toListWithErrors } from '#services/list_pipeline'
import { auditList } from '#exports/identity'
import {
  auditSubjectTypes,
  describeValue,
  fieldLabel,
  humanise,
} from '#queries/identity/audit_query'
import { organisationChoices } from '#queries/identity/organisations_query'
import { auditActionValues } from '#enums/audit_actions'

/*
 * The audit trail, filtered in the URL so a search can be shared or
 * bookmarked. Scope is applied in the query: department HR only ever get
 * their own organisations' events, never a 404 for someone else's.
 */
export default class AuditEventsController {
  async index(ctx: HttpContext) {
    const { bouncer, request, view } = ctx
    await bouncer.authorize('viewAuditTrail')
    const list = await auditList.read(ctx).catch(toListWithErrors(ctx, auditList.path))
    if (!list) return

    const { scope, page: events, csvHref } = list
    const [subjectTypes, organisations] = await Promise.all([
      auditSubjectTypes(scope),
      organisationChoices(scope),
    ])
    events.baseUrl(request.url())

    return view.render('pages/admin/audit/index', {
      events,
      query: request.qs(),
      csvHref,
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
