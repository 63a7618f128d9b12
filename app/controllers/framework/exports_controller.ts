import type { HttpContext } from '@adonisjs/core/http'
import { stringify } from 'csv-stringify'
import { requirementRows } from '#queries/framework/framework_snapshot_query'
import { frameworkDocument } from '#queries/framework/framework_export_query'
import { CSV_COLUMNS } from '#domain/framework/framework_import'
import { skillLevelName } from '#domain/framework/levels'

export default class ExportsController {
  /* The requirements in the five columns of the reference file, streamed. */
  async csv({ response }: HttpContext) {
    const rows = await requirementRows()
    const csv = stringify({ header: true, columns: [...CSV_COLUMNS] })
    response.header('Content-Type', 'text/csv; charset=utf-8')
    response.header('Content-Disposition', 'attachment; filename="capability-framework.csv"')
    response.stream(csv)
    for (const row of rows) {
      csv.write([
        row.family,
        row.role,
        row.role_level,
        row.skill,
        skillLevelName(Number(row.level)),
      ])
    }
    csv.end()
  }

  /* Everything, descriptions included, as one JSON document. */
  async json({ response }: HttpContext) {
    response.header('Content-Disposition', 'attachment; filename="capability-framework.json"')
    return response.json(await frameworkDocument())
  }
}
