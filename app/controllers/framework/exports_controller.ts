import type { HttpContext } from '@adonisjs/core/http'
import { requirementRows } from '#queries/framework/framework_snapshot_query'
import { frameworkDocument } from '#queries/framework/framework_export_query'
import { sendPageCsv } from '#services/list_pipeline'
import { frameworkCsv } from '#exports/framework'

export default class ExportsController {
  /* The requirements in the five columns of the reference file. */
  async csv({ response }: HttpContext) {
    sendPageCsv(response, frameworkCsv, await requirementRows())
  }

  /* Everything, descriptions included, as one JSON document. */
  async json({ response }: HttpContext) {
    response.header('Content-Disposition', 'attachment; filename="capability-framework.json"')
    return response.json(await frameworkDocument())
  }
}
