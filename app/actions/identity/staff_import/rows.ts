import db from '@adonisjs/lucid/services/db'
import type StaffImport from '#models/staff_import'
import { StaffImportStatuses } from '#models/staff_import'
import { inParts } from '#actions/batch_writes'
import { OrganisationScope } from '#services/organisation_scope'
import { gradeLabels, gradeValues } from '#enums/grades'
import { professionLabels, professionValues } from '#enums/professions'
import { RoleAssignmentKinds } from '#enums/capability'
import {
  changedFields,
  checkCells,
  managerLoops,
  type ChangedField,
  type ExistingPerson,
  type PresentColumns,
  type RawStaffRow,
  type Reference,
  type StaffValues,
} from '#domain/identity/staff_rows'

/*
 * What every step of a staff import shares: the limits, checking the
 * staged rows against the records, and recording each row's outcome.
 */

export const STAFF_IMPORT_LIMITS = {
  /* Rows a file may have. */
  maxRows: 250_000,
  /* Files up to this many rows are checked and applied within the request; larger ones are queued. */
  inlineRows: 2_000,
  /* Rows read, checked or written per statement and per transaction. */
  batch: 1_000,
}

export const COLUMN_FLAGS: Array<keyof PresentColumns> = [
  'grade',
  'profession',
  'roleLevel',
  'lineManager',
]
export const cut = (value: string) => value.slice(0, 255)

/* A list in parts of a staff import's batch. */
export function chunks<T>(items: T[], size = STAFF_IMPORT_LIMITS.batch): T[][] {
  return inParts(items, size)
}

export type StagedRow = RawStaffRow & { id: number }

export type Verdict =
  | { outcome: 'bad'; reason: string }
  | { outcome: 'unchanged'; values: StaffValues; existing: ExistingPerson }
  | { outcome: 'new'; values: StaffValues }
  | { outcome: 'changed'; values: StaffValues; existing: ExistingPerson; changes: ChangedField[] }

export type Checked = { row: StagedRow; verdict: Verdict }

/* Grades, professions, role levels and the organisations in the importer's scope. */
export async function loadReference(scope: OrganisationScope): Promise<Reference> {
  const organisations = new Map<string, number>()
  const orgRows = await db
    .from('organisations')
    .whereIn('id', scope.organisationIdsQuery())
    .select('id', 'code')
  for (const row of orgRows) organisations.set(String(row.code).toLowerCase(), Number(row.id))

  const grades = new Map<string, string>()
  for (const grade of gradeValues) {
    grades.set(grade.toLowerCase(), grade)
    grades.set(gradeLabels[grade].toLowerCase(), grade)
  }
  const professions = new Map<string, string>()
  for (const profession of professionValues) {
    professions.set(profession, profession)
    professions.set(professionLabels[profession].toLowerCase(), profession)
  }

  const roleLevels = new Map<string, number>()
  const levelRows = await db
    .from('role_levels')
    .join('role_profiles', 'role_profiles.id', 'role_levels.role_profile_id')
    .whereNull('role_levels.retired_at')
    .whereNull('role_profiles.retired_at')
    .select('role_levels.id', 'role_levels.name', 'role_profiles.name as profile')
  for (const row of levelRows) {
    const name = String(row.name).toLowerCase()
    roleLevels.set(name, roleLevels.has(name) ? -1 : Number(row.id))
    roleLevels.set(`${String(row.profile).toLowerCase()} / ${name}`, Number(row.id))
  }
  return { organisations, grades, professions, roleLevels }
}

/* People recorded with these e-mails, with their manager's e-mail and current role level. */
export async function loadExisting(emails: string[], inScope: Set<number>) {
  const found = new Map<string, ExistingPerson>()
  for (const part of chunks([...new Set(emails)])) {
    const rows = await db
      .from('users')
      .leftJoin('users as managers', 'managers.id', 'users.line_manager_id')
      .leftJoin('role_assignments', (join) => {
        join
          .on('role_assignments.user_id', 'users.id')
          .andOnVal('role_assignments.active_kind', RoleAssignmentKinds.Current)
      })
      .whereIn('users.email', part)
      .select(
        'users.id',
        'users.email',
        'users.full_name',
        'users.organisation_id',
        'users.grade',
        'users.profession',
        'managers.email as manager_email',
        'role_assignments.role_level_id'
      )
    for (const row of rows) {
      found.set(String(row.email), {
        id: Number(row.id),
        email: String(row.email),
        fullName: String(row.full_name),
        organisationId: Number(row.organisation_id),
        grade: row.grade ?? null,
        profession: row.profession ?? null,
        roleLevelId: row.role_level_id === null ? null : Number(row.role_level_id),
        lineManagerEmail: row.manager_email ?? null,
        inScope: inScope.has(Number(row.organisation_id)),
      })
    }
  }
  return found
}

/*
 * Decides every row of an import against the records as they are now:
 * bad (with the reason), new, changed (with what changes) or unchanged.
 * Used to preview an import and again, row for row, to apply it.
 */
export async function checkRows(
  staffImport: StaffImport,
  scope: OrganisationScope,
  onProgress: (done: number) => Promise<void>
): Promise<Checked[]> {
  const columns = columnsOf(staffImport)
  const reference = await loadReference(scope)
  const inScope = new Set(reference.organisations.values())
  const stagedRows = await db
    .from('staff_import_rows')
    .where('staff_import_id', staffImport.id)
    .orderBy('line')
    .select(
      'id',
      'line',
      'email',
      'full_name',
      'organisation_code',
      'grade',
      'profession',
      'role_level',
      'line_manager_email'
    )
  const staged: StagedRow[] = stagedRows.map((row) => ({
    id: Number(row.id),
    line: Number(row.line),
    email: row.email,
    fullName: row.full_name,
    organisationCode: row.organisation_code,
    grade: row.grade,
    profession: row.profession,
    roleLevel: row.role_level,
    lineManagerEmail: row.line_manager_email,
  }))

  // The cells of each row, and e-mails given twice.
  const firstLine = new Map<string, number>()
  const checked: Checked[] = staged.map((row) => {
    const cells = checkCells(row, reference, columns)
    if (!cells.ok) return { row, verdict: { outcome: 'bad', reason: cells.reason } }
    const earlier = firstLine.get(row.email)
    if (earlier !== undefined)
      return { row, verdict: { outcome: 'bad', reason: `E-mail is also on line ${earlier}` } }
    firstLine.set(row.email, row.line)
    return { row, verdict: { outcome: 'new', values: cells.values } }
  })

  // The people already recorded, a batch at a time.
  const valid = checked.filter((item) => item.verdict.outcome !== 'bad')
  let done = checked.length - valid.length
  const existing = new Map<string, ExistingPerson>()
  for (const part of chunks(valid)) {
    const found = await loadExisting(
      part.map((item) => item.row.email),
      inScope
    )
    for (const [email, person] of found) existing.set(email, person)
    done += part.length
    await onProgress(Math.floor(done * 0.9))
  }

  // Each e-mail's first row, including rows that cannot be imported.
  const byEmail = new Map<string, Checked>()
  for (const item of checked) if (!byEmail.has(item.row.email)) byEmail.set(item.row.email, item)
  for (const item of valid) {
    const person = existing.get(item.row.email)
    if (person && !person.inScope)
      item.verdict = {
        outcome: 'bad',
        reason: 'This e-mail belongs to someone outside your organisations',
      }
  }

  // Line managers: in the file, or already recorded in scope; never a loop.
  if (columns.lineManager) {
    const outside = [
      ...new Set(
        valid
          .map((item) =>
            item.verdict.outcome === 'bad' ? null : item.verdict.values.lineManagerEmail
          )
          .filter((email): email is string => !!email && !byEmail.has(email))
      ),
    ]
    const managers = await loadExisting(outside, inScope)
    const managerOf = new Map<string, string | null>()
    for (const item of valid) {
      if (item.verdict.outcome !== 'bad')
        managerOf.set(item.row.email, item.verdict.values.lineManagerEmail)
    }
    // Follow recorded managers upwards until the chains leave the file or end.
    let frontier = [...managers.values()].filter((person) => person.inScope)
    while (frontier.length) {
      const next: string[] = []
      for (const person of frontier) {
        if (managerOf.has(person.email)) continue
        managerOf.set(person.email, person.lineManagerEmail)
        if (person.lineManagerEmail && !managerOf.has(person.lineManagerEmail))
          next.push(person.lineManagerEmail)
      }
      const found = await loadExisting(next, inScope)
      frontier = [...found.values()]
    }
    const loops = managerLoops(managerOf)

    for (const item of valid) {
      if (item.verdict.outcome === 'bad') continue
      const manager = item.verdict.values.lineManagerEmail
      if (!manager) continue
      if (loops.has(item.row.email)) {
        item.verdict = {
          outcome: 'bad',
          reason: `Line managers would go round in a loop: ${loops.get(item.row.email)}`,
        }
      } else if (!byEmail.has(manager)) {
        const person = managers.get(manager)
        if (!person || !person.inScope)
          item.verdict = {
            outcome: 'bad',
            reason: `Line manager ${manager} is not in the file or among your people`,
          }
      }
    }
    // A manager whose own row cannot be imported cannot manage anyone from this file.
    let changed = true
    while (changed) {
      changed = false
      for (const item of valid) {
        if (item.verdict.outcome === 'bad') continue
        const manager = item.verdict.values.lineManagerEmail
        const managerRow = manager ? byEmail.get(manager) : undefined
        if (managerRow && managerRow.verdict.outcome === 'bad') {
          item.verdict = {
            outcome: 'bad',
            reason: `Line manager ${manager} is on line ${managerRow.row.line}, which cannot be imported`,
          }
          changed = true
        }
      }
    }
  }

  // New, changed or unchanged.
  for (const item of valid) {
    if (item.verdict.outcome === 'bad') continue
    const person = existing.get(item.row.email)
    if (!person) continue
    const changes = changedFields(item.verdict.values, person, columns)
    item.verdict = changes.length
      ? { outcome: 'changed', values: item.verdict.values, existing: person, changes }
      : { outcome: 'unchanged', values: item.verdict.values, existing: person }
  }
  await onProgress(checked.length)
  return checked
}

export function columnsOf(staffImport: StaffImport): PresentColumns {
  const flags = new Set(staffImport.presentColumns.split(',').filter(Boolean))
  return {
    grade: flags.has('grade'),
    profession: flags.has('profession'),
    roleLevel: flags.has('roleLevel'),
    lineManager: flags.has('lineManager'),
  }
}

export async function scopeOf(staffImport: StaffImport): Promise<OrganisationScope> {
  if (staffImport.scopeOrganisationId === null) return new OrganisationScope(true, [])
  const root = await db
    .from('organisations')
    .where('id', staffImport.scopeOrganisationId)
    .select('id', 'path')
    .firstOrFail()
  return new OrganisationScope(false, [{ id: Number(root.id), path: String(root.path) }])
}

export const progress = (staffImport: StaffImport) => async (done: number) => {
  staffImport.processedRows = done
  await staffImport.save()
}

/* Writes each row's outcome, grouping rows that share one so a big file takes few statements. */
export async function recordOutcomes(checked: Checked[]) {
  const groups = new Map<string, number[]>()
  for (const { row, verdict } of checked) {
    const reason = verdict.outcome === 'bad' ? verdict.reason : null
    const changes = verdict.outcome === 'changed' ? verdict.changes.join(', ') : null
    const key = JSON.stringify([verdict.outcome, reason, changes])
    const ids = groups.get(key) ?? []
    ids.push(row.id)
    groups.set(key, ids)
  }
  await db.transaction(async (trx) => {
    for (const [key, ids] of groups) {
      const [outcome, reason, changes] = JSON.parse(key) as [string, string | null, string | null]
      for (const part of chunks(ids)) {
        await trx
          .from('staff_import_rows')
          .whereIn('id', part)
          .update({ outcome, reason, changes: changes?.slice(0, 255) ?? null })
      }
    }
  })
}

export const count = (checked: Checked[], outcome: Verdict['outcome']) =>
  checked.filter((item) => item.verdict.outcome === outcome).length

export async function fail(staffImport: StaffImport, error: unknown) {
  staffImport.merge({
    status: StaffImportStatuses.Failed,
    failure:
      'The import stopped before it finished. Nothing was lost: applying it again finishes the job.',
  })
  await staffImport.save()
  void error
}
