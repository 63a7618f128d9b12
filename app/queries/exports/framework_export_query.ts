import db from '@adonisjs/lucid/services/db'
import { countRows, linesOfQuery, type KeyColumn } from '#services/csv_export'

export const SKILLS_HEADER = ['Skill', 'Category', 'Description', 'Role levels needing it']

/* The skills the skills page lists: every skill in use. */
function liveSkills() {
  return db.from('skills').whereNull('skills.retired_at')
}

export function countSkills() {
  return countRows(liveSkills())
}

/*
 * Every skill in use, by category and name as the skills page lists them,
 * with the role levels that need it counted in SQL.
 */
export function skillLines(batchSize: number) {
  const build = () =>
    liveSkills()
      .select('skills.id', 'skills.name', 'skills.category', 'skills.description')
      .select(
        db
          .from('role_requirements')
          .whereColumn('role_requirements.skill_id', 'skills.id')
          .count('*')
          .as('role_levels')
      )
  const keys: KeyColumn[] = [
    { column: 'skills.category', key: 'category', direction: 'asc' },
    { column: 'skills.name', key: 'name', direction: 'asc' },
    { column: 'skills.id', key: 'id', direction: 'asc' },
  ]
  return linesOfQuery(build, keys, batchSize, (row) => [
    row.name,
    row.category,
    row.description ?? '',
    Number(row.role_levels ?? 0),
  ])
}
