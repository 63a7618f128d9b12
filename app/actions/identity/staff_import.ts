import { createReadStream } from 'node:fs'
import { pipeline } from 'node:stream'
import { parse } from 'csv-parse'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import StaffImport, { StaffImportStatuses } from '#models/staff_import'
import type User from '#models/user'
import { OrganisationScope } from '#services/organisation_scope'
import { recordAudit } from '#services/audit'
import { AuditActions } from '#enums/audit_actions'
import { gradeLabels, gradeValues } from '#enums/grades'
import { professionLabels, professionValues } from '#enums/professions'
import { RoleAssignmentKinds, RoleAssignmentStatuses } from '#enums/capability'
import {
  changedFields,
  checkCells,
  managerLoops,
  mapHeaders,
  presentColumns,
  readRecord,
  type ChangedField,
  type ExistingPerson,
  type PresentColumns,
  type RawStaffRow,
  type Reference,
  type StaffValues,
} from '#domain/identity/staff_rows'
import { standingsChanged } from '#actions/capability/refresh_standings'
import {
  BinaryFileError,
  CSV_READING,
  csvErrorLine,
  NOT_A_CSV,
  textOnly,
  unreadableCsv,
} from '#services/csv_uploads'

export const STAFF_IMPORT_LIMITS = {
  /* Rows a file may have. */
  maxRows: 250_000,
  /* Files up to this many rows are checked and applied within the request; larger ones are queued. */
  inlineRows: 2_000,
  /* Rows read, checked or written per statement and per transaction. */
  batch: 1_000,
}

const COLUMN_FLAGS: Array<keyof PresentColumns> = [
  'grade',
  'profession',
  'roleLevel',
  'lineManager',
]
const cut = (value: string) => value.slice(0, 255)
const stamp = (at: DateTime) => at.toUTC().toFormat('yyyy-MM-dd HH:mm:ss')

function chunks<T>(items: T[], size = STAFF_IMPORT_LIMITS.batch): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/* Multi-row inserts, cut to what SQLite takes in one statement (500 rows at most). */
async function insertAll(
  client: Pick<TransactionClientContract, 'table'>,
  table: string,
  rows: Array<Record<string, unknown>>
) {
  for (const part of chunks(rows, 400)) await client.table(table).multiInsert(part)
}

export type StageResult =
  { type: 'staged'; staffImport: StaffImport } | { type: 'unreadable'; message: string }

/*
 * Reads an uploaded CSV into the import's rows, as written. Nothing about
 * people is decided here: checking is the next step.
 */
export async function stageStaffFile(
  filePath: string,
  fileName: string,
  uploader: User
): Promise<StageResult> {
  const scope = await OrganisationScope.forUser(uploader)
  const parser = parse({ ...CSV_READING, info: true })
  // A failure anywhere on the way (a binary file, a read error) ends the loop below with it.
  pipeline(createReadStream(filePath), textOnly(), parser, () => {})
  let staffImport: StaffImport | null = null
  let columns: ReturnType<typeof mapHeaders> | null = null
  let pending: Array<Record<string, unknown>> = []
  let line = 0
  let rows = 0

  const flush = async () => {
    if (!pending.length) return
    await insertAll(db, 'staff_import_rows', pending)
    pending = []
  }

  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[]
      info: { lines: number }
    }>) {
      line = info.lines
      if (!columns) {
        columns = mapHeaders(record)
        if (!columns.ok) return { type: 'unreadable', message: columns.message }
        staffImport = await StaffImport.create({
          uploadedBy: uploader.id,
          scopeOrganisationId: scope.everything ? null : (scope.roots[0]?.id ?? null),
          fileName: fileName.slice(0, 255),
          status: StaffImportStatuses.Checking,
          presentColumns: COLUMN_FLAGS.filter(
            (flag) => presentColumns(columns!.ok ? columns!.columns : {})[flag]
          ).join(','),
        })
        continue
      }
      if (record.every((cell) => String(cell).trim() === '')) continue
      rows++
      if (rows > STAFF_IMPORT_LIMITS.maxRows) {
        await staffImport!.delete()
        return {
          type: 'unreadable',
          message: `The file has more than ${STAFF_IMPORT_LIMITS.maxRows.toLocaleString('en-GB')} people: split it into smaller files`,
        }
      }
      const row = readRecord(record, line, columns.columns)
      pending.push({
        staff_import_id: staffImport!.id,
        line: row.line,
        email: cut(row.email),
        full_name: cut(row.fullName),
        organisation_code: cut(row.organisationCode),
        grade: cut(row.grade),
        profession: cut(row.profession),
        role_level: cut(row.roleLevel),
        line_manager_email: cut(row.lineManagerEmail),
      })
      if (pending.length >= STAFF_IMPORT_LIMITS.batch) await flush()
    }
    await flush()
  } catch (error) {
    if (staffImport) await staffImport.delete()
    if (error instanceof BinaryFileError) return { type: 'unreadable', message: NOT_A_CSV }
    // The parser's own line: it may have read ahead of the rows handled here.
    const errorLine = csvErrorLine(error)
    if (errorLine !== null) return { type: 'unreadable', message: unreadableCsv(errorLine) }
    throw error
  }
  if (!staffImport) return { type: 'unreadable', message: 'The selected file is empty' }
  if (rows === 0) {
    await staffImport.delete()
    return { type: 'unreadable', message: 'The file names its columns but has no people in it' }
  }
  staffImport.totalRows = rows
  await staffImport.save()
  await recordAudit({
    action: AuditActions.Create,
    subjectType: 'staff_import',
    subjectId: staffImport.id,
    subjectLabel: staffImport.fileName,
    organisationId: staffImport.scopeOrganisationId,
    after: { fileName: staffImport.fileName, rows },
  })
  return { type: 'staged', staffImport }
}

type StagedRow = RawStaffRow & { id: number }

type Verdict =
  | { outcome: 'bad'; reason: string }
  | { outcome: 'unchanged'; values: StaffValues; existing: ExistingPerson }
  | { outcome: 'new'; values: StaffValues }
  | { outcome: 'changed'; values: StaffValues; existing: ExistingPerson; changes: ChangedField[] }

type Checked = { row: StagedRow; verdict: Verdict }

/* Grades, professions, role levels and the organisations in the importer's scope. */
async function loadReference(scope: OrganisationScope): Promise<Reference> {
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
async function loadExisting(emails: string[], inScope: Set<number>) {
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
async function checkRows(
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

function columnsOf(staffImport: StaffImport): PresentColumns {
  const flags = new Set(staffImport.presentColumns.split(',').filter(Boolean))
  return {
    grade: flags.has('grade'),
    profession: flags.has('profession'),
    roleLevel: flags.has('roleLevel'),
    lineManager: flags.has('lineManager'),
  }
}

async function scopeOf(staffImport: StaffImport): Promise<OrganisationScope> {
  if (staffImport.scopeOrganisationId === null) return new OrganisationScope(true, [])
  const root = await db
    .from('organisations')
    .where('id', staffImport.scopeOrganisationId)
    .select('id', 'path')
    .firstOrFail()
  return new OrganisationScope(false, [{ id: Number(root.id), path: String(root.path) }])
}

const progress = (staffImport: StaffImport) => async (done: number) => {
  staffImport.processedRows = done
  await staffImport.save()
}

/* Writes each row's outcome, grouping rows that share one so a big file takes few statements. */
async function recordOutcomes(checked: Checked[]) {
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

const count = (checked: Checked[], outcome: Verdict['outcome']) =>
  checked.filter((item) => item.verdict.outcome === outcome).length

/*
 * Checks an import's rows and records the preview: each row's outcome and
 * the totals. An import that fails here is marked failed with the reason.
 */
export async function checkStaffImport(staffImport: StaffImport) {
  try {
    const scope = await scopeOf(staffImport)
    const checked = await checkRows(staffImport, scope, progress(staffImport))
    await recordOutcomes(checked)
    staffImport.merge({
      status: StaffImportStatuses.Checked,
      processedRows: checked.length,
      newRows: count(checked, 'new'),
      changedRows: count(checked, 'changed'),
      unchangedRows: count(checked, 'unchanged'),
      badRows: count(checked, 'bad'),
    })
    await staffImport.save()
  } catch (error) {
    await fail(staffImport, error)
    throw error
  }
}

async function fail(staffImport: StaffImport, error: unknown) {
  staffImport.merge({
    status: StaffImportStatuses.Failed,
    failure:
      'The import stopped before it finished. Nothing was lost: applying it again finishes the job.',
  })
  await staffImport.save()
  void error
}

type AuditRow = Record<string, unknown>

const describe = (values: StaffValues, organisationCode: string, roleLevel: string | null) => ({
  fullName: values.fullName,
  email: values.email,
  organisation: organisationCode,
  grade: values.grade,
  profession: values.profession,
  lineManager: values.lineManagerEmail,
  ...(roleLevel === null ? {} : { roleLevel }),
})

/*
 * Applies an import: re-checks every row against the records as they are
 * now, then adds the new people and updates the changed ones, a batch per
 * transaction with its audit events, and links line managers last (a
 * manager may come later in the file). Running it again changes nothing,
 * so an import stopped part way is finished by applying it again.
 */
export async function applyStaffImport(staffImport: StaffImport, actor: User) {
  const now = DateTime.now()
  try {
    staffImport.merge({ status: StaffImportStatuses.Applying, processedRows: 0, failure: null })
    await staffImport.save()
    const scope = await scopeOf(staffImport)
    const checked = await checkRows(staffImport, scope, async () => {})
    await recordOutcomes(checked)
    const toWrite = checked.filter(
      (item) => item.verdict.outcome === 'new' || item.verdict.outcome === 'changed'
    )
    staffImport.merge({
      newRows: count(checked, 'new'),
      changedRows: count(checked, 'changed'),
      unchangedRows: count(checked, 'unchanged'),
      badRows: count(checked, 'bad'),
    })
    await staffImport.save()

    const levelNames = await roleLevelNames()
    const ids = new Map<string, number>()
    let done = 0
    for (const part of chunks(toWrite)) {
      await db.transaction(async (trx) => {
        await writeBatch(trx, part, actor, now, levelNames, ids)
      })
      done += part.length
      await progress(staffImport)(Math.floor(done * 0.95))
    }
    await linkManagers(toWrite, ids, now)

    staffImport.merge({
      status: StaffImportStatuses.Applied,
      processedRows: toWrite.length,
      createdPeople: count(checked, 'new'),
      updatedPeople: count(checked, 'changed'),
      appliedAt: DateTime.now(),
    })
    await staffImport.save()
    await recordAudit({
      action: AuditActions.Update,
      subjectType: 'staff_import',
      subjectId: staffImport.id,
      subjectLabel: staffImport.fileName,
      organisationId: staffImport.scopeOrganisationId,
      actorId: actor.id,
      after: {
        status: 'applied',
        added: staffImport.createdPeople,
        updated: staffImport.updatedPeople,
        unchanged: staffImport.unchangedRows,
        bad: staffImport.badRows,
      },
    })
  } catch (error) {
    await fail(staffImport, error)
    throw error
  }
}

async function roleLevelNames() {
  const rows = await db.from('role_levels').select('id', 'name')
  return new Map(rows.map((row) => [Number(row.id), String(row.name)]))
}

async function writeBatch(
  trx: TransactionClientContract,
  part: Checked[],
  actor: User,
  now: DateTime,
  levelNames: Map<number, string>,
  ids: Map<string, number>
) {
  const at = stamp(now)
  const fresh = part.filter((item) => item.verdict.outcome === 'new')
  if (fresh.length) {
    await insertAll(
      trx,
      'users',
      fresh.map(({ verdict }) => {
        const values = (verdict as { values: StaffValues }).values
        return {
          full_name: values.fullName,
          email: values.email,
          password: null,
          organisation_id: values.organisationId,
          grade: values.grade,
          profession: values.profession,
          created_at: at,
          updated_at: at,
        }
      })
    )
    const inserted = await trx
      .from('users')
      .whereIn(
        'email',
        fresh.map((item) => item.row.email)
      )
      .select('id', 'email')
    for (const row of inserted) ids.set(String(row.email), Number(row.id))
  }

  const audits: AuditRow[] = []
  const levelChanges: Array<{ userId: number; roleLevelId: number }> = []
  const moved: number[] = []
  for (const { row, verdict } of part) {
    if (verdict.outcome === 'new') {
      const userId = ids.get(row.email)!
      if (verdict.values.roleLevelId !== null)
        levelChanges.push({ userId, roleLevelId: verdict.values.roleLevelId })
      audits.push(
        auditRow(
          actor,
          AuditActions.Create,
          userId,
          verdict.values,
          null,
          {
            ...describe(
              verdict.values,
              row.organisationCode,
              verdict.values.roleLevelId === null
                ? null
                : (levelNames.get(verdict.values.roleLevelId) ?? null)
            ),
            via: 'staff import',
          },
          at
        )
      )
    } else if (verdict.outcome === 'changed') {
      const { values, existing, changes } = verdict
      ids.set(row.email, existing.id)
      const update: Record<string, unknown> = {}
      const before: Record<string, unknown> = {}
      const after: Record<string, unknown> = {}
      const note = (key: string, was: unknown, now_: unknown) => {
        before[key] = was
        after[key] = now_
      }
      for (const change of changes) {
        switch (change) {
          case 'name':
            update.full_name = values.fullName
            note('fullName', existing.fullName, values.fullName)
            break
          case 'organisation':
            update.organisation_id = values.organisationId
            moved.push(existing.id)
            note('organisationId', existing.organisationId, values.organisationId)
            break
          case 'grade':
            update.grade = values.grade
            note('grade', existing.grade, values.grade)
            break
          case 'profession':
            update.profession = values.profession
            note('profession', existing.profession, values.profession)
            break
          case 'role level':
            levelChanges.push({ userId: existing.id, roleLevelId: values.roleLevelId! })
            note(
              'roleLevel',
              existing.roleLevelId === null ? null : (levelNames.get(existing.roleLevelId) ?? null),
              levelNames.get(values.roleLevelId!) ?? null
            )
            break
          case 'line manager':
            note('lineManager', existing.lineManagerEmail, values.lineManagerEmail)
            break
        }
      }
      if (Object.keys(update).length) {
        await trx
          .from('users')
          .where('id', existing.id)
          .update({ ...update, updated_at: at })
      }
      audits.push(
        auditRow(
          actor,
          AuditActions.Update,
          existing.id,
          values,
          { ...before },
          { ...after, via: 'staff import' },
          at
        )
      )
    }
  }

  if (levelChanges.length) {
    await trx
      .from('role_assignments')
      .whereIn(
        'user_id',
        levelChanges.map((change) => change.userId)
      )
      .where('active_kind', RoleAssignmentKinds.Current)
      .update({
        status: RoleAssignmentStatuses.Ended,
        active_kind: null,
        ended_at: at,
        updated_at: at,
      })
    await insertAll(
      trx,
      'role_assignments',
      levelChanges.map((change) => ({
        user_id: change.userId,
        role_level_id: change.roleLevelId,
        kind: RoleAssignmentKinds.Current,
        status: RoleAssignmentStatuses.Confirmed,
        active_kind: RoleAssignmentKinds.Current,
        proposed_by: actor.id,
        confirmed_by: actor.id,
        confirmed_at: at,
        created_at: at,
        updated_at: at,
      }))
    )
  }
  if (audits.length) await insertAll(trx, 'audit_events', audits)
  // New role levels and new organisations move these people's capability standings.
  const restanding = [...levelChanges.map((change) => change.userId), ...moved]
  if (restanding.length) await standingsChanged({ userIds: restanding }, trx)
}

function auditRow(
  actor: User,
  action: string,
  userId: number,
  values: StaffValues,
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
  at: string
): AuditRow {
  return {
    actor_id: actor.id,
    action,
    subject_type: 'user',
    subject_id: String(userId),
    subject_label: values.email,
    organisation_id: values.organisationId,
    before: before ? JSON.stringify(before) : null,
    after: JSON.stringify(after),
    ip: null,
    request_id: null,
    created_at: at,
  }
}

/* Sets line managers once everyone in the file exists, grouping people by manager. */
async function linkManagers(toWrite: Checked[], ids: Map<string, number>, now: DateTime) {
  const wanted = toWrite.filter(
    (item) =>
      (item.verdict.outcome === 'new' && item.verdict.values.lineManagerEmail !== null) ||
      (item.verdict.outcome === 'changed' && item.verdict.changes.includes('line manager'))
  )
  if (!wanted.length) return
  const managerEmails = [
    ...new Set(
      wanted
        .map((item) => (item.verdict as { values: StaffValues }).values.lineManagerEmail)
        .filter((email): email is string => !!email)
    ),
  ]
  const managerIds = new Map<string, number>()
  for (const part of chunks(managerEmails)) {
    const rows = await db.from('users').whereIn('email', part).select('id', 'email')
    for (const row of rows) managerIds.set(String(row.email), Number(row.id))
  }
  const byManager = new Map<number | null, number[]>()
  for (const item of wanted) {
    const email = (item.verdict as { values: StaffValues }).values.lineManagerEmail
    const managerId = email ? (managerIds.get(email) ?? null) : null
    const people = byManager.get(managerId) ?? []
    people.push(ids.get(item.row.email)!)
    byManager.set(managerId, people)
  }
  const at = stamp(now)
  await db.transaction(async (trx) => {
    for (const [managerId, people] of byManager) {
      for (const part of chunks(people)) {
        await trx
          .from('users')
          .whereIn('id', part)
          .update({ line_manager_id: managerId, updated_at: at })
      }
    }
  })
}

/* Discards an import that was checked but not applied: its rows go, the record stays. */
export async function discardStaffImport(staffImport: StaffImport) {
  await db.transaction(async (trx) => {
    await trx.from('staff_import_rows').where('staff_import_id', staffImport.id).delete()
    staffImport.useTransaction(trx)
    staffImport.status = StaffImportStatuses.Discarded
    await staffImport.save()
    await recordAudit(
      {
        action: AuditActions.Update,
        subjectType: 'staff_import',
        subjectId: staffImport.id,
        subjectLabel: staffImport.fileName,
        organisationId: staffImport.scopeOrganisationId,
        after: { status: 'discarded' },
      },
      trx
    )
  })
}
