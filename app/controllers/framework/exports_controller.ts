import type { HttpContext } from '@adonisjs/core/http'
import { requirementRows } from '#queries/framework/framework_snapshot_query'
import { frameworkDocument } from '#queries/framework/framework_export_query'
import { CSV_HEADER } from '#domain/framework/framework_import'
import { skillLevelName } from '#domain/framework/levels'
import { sendCsv } from '#services/csv_export'

export default class ExportsController {
  /* The requirements in the five columns of the reference file, streamed. */
  async csv({ response }: HttpContext) {
    const rows = await requirementRows()
    sendCsv(
      response,
      'capability-framework.csv',
      [...CSV_HEADER],
      rows.map((row) => [
        row.family,
        row.role,
        row.role_level,
        row.skill,
        skillLevelName(Number(row.level)),
      ]),
      { noStore: false }
    )
  }

  /* Everything, descriptions included, as one JSON document. */
  async json({ response }: HttpContext) {
    response.header('Content-Disposition', 'attachment; filename="capability-framework.json"')
    return response.json(await frameworkDocument())
  }
}
