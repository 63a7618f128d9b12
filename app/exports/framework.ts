import type { PageCsv } from '#services/list_pipeline'
import { everyonesExport } from '#services/list_pipeline'
import type { requirementRows } from '#queries/framework/framework_snapshot_query'
import { countSkills, skillLines, SKILLS_HEADER } from '#queries/exports/framework_export_query'
import { CSV_HEADER } from '#domain/framework/framework_import'
import { skillLevelName } from '#domain/framework/levels'

/* The framework area's list that may be exported as a queued job, and the framework download. */

const skills = everyonesExport(
  {
    title: 'Skills',
    fileStem: 'framework-skills',
    header: SKILLS_HEADER,
    listPath: '/framework/skills',
  },
  countSkills,
  skillLines
)

export const frameworkExports = { skills }

type RequirementRow = Awaited<ReturnType<typeof requirementRows>>[number]

/* The requirements (requirementRows) in the five columns of the reference file, which the import reads back. */
export const frameworkCsv: PageCsv<RequirementRow> = {
  fileName: 'capability-framework.csv',
  header: [...CSV_HEADER],
  line: (row) => [
    row.family,
    row.role,
    row.role_level,
    row.skill,
    skillLevelName(Number(row.level)),
  ],
}
