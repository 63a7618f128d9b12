import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { HttpContext } from '@adonisjs/core/http'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type User from '#models/user'
import { recordAudit } from '#services/audit'
import { AuditActions } from '#enums/audit_actions'
import { sqlStamp } from '#services/password_links'
import { insertAll } from '#actions/batch_writes'
import {
  clearanceValues,
  gradeInWords,
  gradesTakenInWords,
  programmeLabels,
  type Clearance,
} from '#enums/fast_stream'
import { joinRefusal, type Programme } from '#domain/fast_stream/programmes'
import { isoDateFromSql } from '#domain/shared/uk_time'
import { normaliseLocations } from '#actions/fast_stream/admin/save_entrant'
import { boundsMessage, outOfBounds } from '#validators/date_bounds'
import { isEmailAddress, printable } from '#domain/identity/email_address'
import { readCsvRecords } from '#services/csv_uploads'

/* The most rows one file may hold: it is checked and applied within the request. */
export const MAX_IMPORT_ROWS = 5000

/* The columns of the file, as their header names read once normalised. */
export const IMPORT_COLUMNS = [
  'email',
  'scheme',
  'cohort',
  'clearance',
  'started on',
  'locations',
] as const

/* The same columns as the template names them ("Started on" reads as "started on"). */
export const IMPORT_HEADER = ['Email', 'Scheme', 'Cohort', 'Clearance', 'Started on', 'Locations']
const REQUIRED_COLUMNS = IMPORT_COLUMNS.filter((column) => column !== 'locations')

/* One row of the file as written, with its line number (the header is line 1). */
export type ImportRow = {
  line: number
  email: string
  scheme: string
  cohort: string
  clearance: string
  startedOn: string
  /* Undefined when the file has no locations column: what is recorded is kept. */
  locations?: string
}

type EntrantValues = {
  schemeId: number
  cohortId: number
  clearance: Clearance
  startedOn: string
  locationPreferences: string | null
}

export type FieldChange = { field: string; from: string; to: string }

export type PlannedRow =
  | {
      outcome: 'new'
      line: number
      email: string
      name: string
      userId: number
      organisationId: number
      values: EntrantValues
    }
  | {
      outcome: 'changed'
      line: number
      email: string
      name: string
      entrantId: number
      organisationId: number
      values: EntrantValues
      before: EntrantValues
      changes: FieldChange[]
    }
  | { outcome: 'unchanged'; line: number; email: string; name: string; entrantId: number }
  | { outcome: 'bad'; line: number; email: string; reason: string }

export type ImportPlan = {
  rows: PlannedRow[]
  counts: Record<PlannedRow['outcome'], number>
}

export type ParsedImport =
  { type: 'parsed'; rows: ImportRow[] } | { type: 'unreadable'; reason: string }

/* "Started_on", " STARTED-ON " and "started on" all name the same column. */
function columnName(header: string) {
  return header.trim().toLowerCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ')
}

/*
 * Reads an entrants CSV: a header row naming the columns (in any order),
 * then one entrant a row. Blank lines are skipped; line numbers are the
 * file's own.
 */
export function parseEntrantCsv(text: string): ParsedImport {
  const read = readCsvRecords(text, {
    columnName,
    trim: true,
    noRows: 'The file has no rows of entrants under its header row',
  })
  if (read.type === 'unreadable') return read
  const { records } = read
  const present = Object.keys(records[0].record)
  const missing = REQUIRED_COLUMNS.filter((column) => !present.includes(column))
  if (missing.length) {
    return {
      type: 'unreadable',
      reason: `The header row must name the columns ${IMPORT_COLUMNS.join(', ')}; it is missing ${missing.join(', ')}`,
    }
  }
  if (records.length > MAX_IMPORT_ROWS) {
    return {
      type: 'unreadable',
      reason: `The file has ${records.length.toLocaleString('en-GB')} rows; import at most ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} at a time`,
    }
  }
  const hasLocations = present.includes('locations')
  return {
    type: 'parsed',
    rows: records.map(({ record, info }) => ({
      line: info.lines,
      email: (record.email ?? '').toLowerCase(),
      scheme: record.scheme ?? '',
      cohort: record.cohort ?? '',
      clearance: record.clearance ?? '',
      startedOn: record['started on'] ?? '',
      locations: hasLocations ? (record.locations ?? '') : undefined,
    })),
  }
}

type Person = { userId: number; name: string; organisationId: number; grade: string | null }
type Existing = EntrantValues & { id: number; userId: number }

/* What the plan needs from the database: people, schemes, cohorts and entrants, by few queries. */
async function loadReferences(rows: ImportRow[], client: QueryClientContract) {
  const emails = [...new Set(rows.map((row) => row.email).filter(Boolean))]
  const people = new Map<string, Person>()
  const existing = new Map<number, Existing>()
  for (let i = 0; i < emails.length; i += 500) {
    const part = await client
      .from('users')
      .leftJoin('fast_stream_entrants as e', 'e.user_id', 'users.id')
      .whereIn('users.email', emails.slice(i, i + 500))
      .select(
        'users.id',
        'users.email',
        'users.full_name',
        'users.organisation_id',
        'users.grade',
        'e.id as entrant_id',
        'e.scheme_id',
        'e.cohort_id',
        'e.clearance',
        'e.started_on',
        'e.location_preferences'
      )
    for (const row of part) {
      const userId = Number(row.id)
      people.set(String(row.email), {
        userId,
        name: String(row.full_name),
        organisationId: Number(row.organisation_id),
        grade: row.grade ?? null,
      })
      if (row.entrant_id !== null && row.entrant_id !== undefined) {
        existing.set(userId, {
          id: Number(row.entrant_id),
          userId,
          schemeId: Number(row.scheme_id),
          cohortId: Number(row.cohort_id),
          clearance: row.clearance as Clearance,
          startedOn: isoDateFromSql(row.started_on)!,
          locationPreferences: row.location_preferences ?? null,
        })
      }
    }
  }
  const schemeRows = await client.from('fast_stream_schemes').select('id', 'name', 'programme')
  const cohortRows = await client.from('fast_stream_cohorts').select('id', 'name')
  const byName = <Row extends { id: number; name: string }>(list: Row[]) =>
    new Map(list.map((row) => [String(row.name).toLowerCase(), row]))
  return { people, existing, schemes: byName(schemeRows), cohorts: byName(cohortRows) }
}

/* A real calendar date written as YYYY-MM-DD, or null. */
function readDate(text: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null
  const date = DateTime.fromISO(text, { zone: 'utc' })
  return date.isValid ? text : null
}

/*
 * Decides what each row of the file does: adds an entrant, changes one,
 * changes nothing, or cannot be imported (with every reason). Later rows
 * for an e-mail address already in the file are duplicates.
 */
export async function planEntrantImport(
  rows: ImportRow[],
  client: QueryClientContract = db.connection()
): Promise<ImportPlan> {
  const references = await loadReferences(rows, client)
  const schemeNames = new Map(
    [...references.schemes.values()].map((row) => [Number(row.id), String(row.name)])
  )
  const cohortNames = new Map(
    [...references.cohorts.values()].map((row) => [Number(row.id), String(row.name)])
  )
  const schemeProgrammes = new Map(
    [...references.schemes.values()].map((row) => [Number(row.id), row.programme as Programme])
  )
  const firstLine = new Map<string, number>()
  const planned: PlannedRow[] = []

  for (const row of rows) {
    const reasons: string[] = []
    const person = row.email ? references.people.get(row.email) : undefined
    if (!row.email) reasons.push('The e-mail address is missing')
    else if (!isEmailAddress(row.email)) {
      reasons.push(`“${printable(row.email)}” is not an e-mail address`)
    } else if (firstLine.has(row.email)) {
      reasons.push(`Duplicate: ${row.email} is already on line ${firstLine.get(row.email)}`)
    } else {
      firstLine.set(row.email, row.line)
      if (!person)
        reasons.push(`No one has the e-mail address ${row.email}: add them as a person first`)
    }
    const scheme = references.schemes.get(row.scheme.toLowerCase())
    if (!row.scheme) reasons.push('The scheme is missing')
    else if (!scheme) reasons.push(`There is no scheme called “${row.scheme}”`)
    else if (person) {
      // A person joins at a grade the scheme's programme takes, and stays on their programme.
      const programme = scheme.programme as Programme
      const before = references.existing.get(person.userId)
      const refusal = joinRefusal(programme, {
        grade: person.grade,
        currentProgramme: before ? schemeProgrammes.get(before.schemeId) : null,
      })
      if (refusal?.code === 'programme') {
        reasons.push(
          `${person.name} is on another programme and cannot move to the ${programmeLabels[programme]}`
        )
      } else if (refusal?.code === 'grade' && !before) {
        reasons.push(
          `Only people at ${gradesTakenInWords(programme)} can join the ${programmeLabels[programme]}: ${person.name} is ${gradeInWords(person.grade)}`
        )
      }
    }
    const cohort = references.cohorts.get(row.cohort.toLowerCase())
    if (!row.cohort) reasons.push('The cohort is missing')
    else if (!cohort) reasons.push(`There is no cohort called “${row.cohort}”`)
    const clearance = row.clearance.toUpperCase()
    if (!clearanceValues.includes(clearance as Clearance)) {
      reasons.push(
        row.clearance
          ? `The clearance must be BPSS, CTC, SC or DV, not “${row.clearance}”`
          : 'The clearance is missing: BPSS, CTC, SC or DV'
      )
    }
    let startedOn = readDate(row.startedOn)
    const startBounds = startedOn ? outOfBounds(DateTime.fromISO(startedOn), 'day') : null
    if (startBounds) {
      reasons.push(boundsMessage('The start date', startBounds))
      startedOn = null
    } else if (!startedOn) {
      reasons.push(
        row.startedOn
          ? `The start date must be a real date written YYYY-MM-DD, not “${row.startedOn}”`
          : 'The start date is missing: write it YYYY-MM-DD'
      )
    }
    const locations = row.locations === undefined ? undefined : normaliseLocations(row.locations)
    if (locations && locations.length > 255) {
      reasons.push('The locations must be 255 characters or fewer')
    }

    if (reasons.length || !person || !scheme || !cohort || !startedOn) {
      planned.push({ outcome: 'bad', line: row.line, email: row.email, reason: reasons.join('; ') })
      continue
    }

    const before = references.existing.get(person.userId)
    const values: EntrantValues = {
      schemeId: Number(scheme.id),
      cohortId: Number(cohort.id),
      clearance: clearance as Clearance,
      startedOn,
      locationPreferences:
        locations === undefined ? (before?.locationPreferences ?? null) : locations,
    }
    if (!before) {
      planned.push({
        outcome: 'new',
        line: row.line,
        email: row.email,
        name: person.name,
        userId: person.userId,
        organisationId: person.organisationId,
        values,
      })
      continue
    }
    const changes: FieldChange[] = []
    const describe = {
      schemeId: (value: number) => schemeNames.get(value) ?? String(value),
      cohortId: (value: number) => cohortNames.get(value) ?? String(value),
    }
    if (before.schemeId !== values.schemeId) {
      changes.push({
        field: 'Scheme',
        from: describe.schemeId(before.schemeId),
        to: describe.schemeId(values.schemeId),
      })
    }
    if (before.cohortId !== values.cohortId) {
      changes.push({
        field: 'Cohort',
        from: describe.cohortId(before.cohortId),
        to: describe.cohortId(values.cohortId),
      })
    }
    if (before.clearance !== values.clearance) {
      changes.push({ field: 'Clearance', from: before.clearance, to: values.clearance })
    }
    if (before.startedOn !== values.startedOn) {
      changes.push({ field: 'Started on', from: before.startedOn, to: values.startedOn })
    }
    if ((before.locationPreferences ?? null) !== values.locationPreferences) {
      changes.push({
        field: 'Locations',
        from: before.locationPreferences ?? '(none)',
        to: values.locationPreferences ?? '(none)',
      })
    }
    planned.push(
      changes.length
        ? {
            outcome: 'changed',
            line: row.line,
            email: row.email,
            name: person.name,
            entrantId: before.id,
            organisationId: person.organisationId,
            values,
            before,
            changes,
          }
        : {
            outcome: 'unchanged',
            line: row.line,
            email: row.email,
            name: person.name,
            entrantId: before.id,
          }
    )
  }

  const counts = { new: 0, changed: 0, unchanged: 0, bad: 0 }
  for (const row of planned) counts[row.outcome] += 1
  return { rows: planned, counts }
}

/* Reads and plans a file, for the preview. */
export async function previewEntrantImport(text: string) {
  const parsed = parseEntrantCsv(text)
  if (parsed.type === 'unreadable') return parsed
  return { type: 'planned' as const, plan: await planEntrantImport(parsed.rows) }
}

export type ApplyImportResult =
  { type: 'applied'; plan: ImportPlan } | { type: 'unreadable'; reason: string }

/*
 * Applies a file in one transaction, planned again inside it so what is
 * written matches the database at that moment. New and changed rows are
 * written; rows that cannot be imported are left out; applying the same
 * file twice changes nothing the second time. Each entrant added or
 * changed gets an audit event, and the import one of its own.
 */
export async function applyEntrantImport(
  text: string,
  actor: User,
  fileName: string | null = null
): Promise<ApplyImportResult> {
  const parsed = parseEntrantCsv(text)
  if (parsed.type === 'unreadable') return parsed
  return db.transaction(async (trx) => {
    const plan = await planEntrantImport(parsed.rows, trx)
    if (plan.counts.new + plan.counts.changed === 0) return { type: 'applied' as const, plan }

    const now = DateTime.now()
    const at = sqlStamp(now)
    const ctx = HttpContext.get()
    const audit = (
      action: string,
      entrantId: number,
      row: { email: string; organisationId: number },
      before: Record<string, unknown> | null,
      after: Record<string, unknown>
    ) => ({
      actor_id: actor.id,
      action,
      subject_type: 'fast_stream_entrant',
      subject_id: String(entrantId),
      subject_label: row.email.slice(0, 255),
      organisation_id: row.organisationId,
      before: before ? JSON.stringify(before) : null,
      after: JSON.stringify({ ...after, via: 'entrant import' }),
      ip: ctx?.request.ip() ?? null,
      request_id: ctx?.request.id() ?? null,
      created_at: at,
    })
    const columns = (values: EntrantValues) => ({
      scheme_id: values.schemeId,
      cohort_id: values.cohortId,
      clearance: values.clearance,
      started_on: values.startedOn,
      location_preferences: values.locationPreferences,
    })

    const added = plan.rows.filter((row) => row.outcome === 'new')
    await insertAll(
      trx,
      'fast_stream_entrants',
      added.map((row) => ({
        user_id: row.userId,
        ...columns(row.values),
        created_at: at,
        updated_at: at,
      }))
    )
    const ids = new Map<number, number>()
    for (let i = 0; i < added.length; i += 500) {
      const part = await trx
        .from('fast_stream_entrants')
        .whereIn(
          'user_id',
          added.slice(i, i + 500).map((row) => row.userId)
        )
        .select('id', 'user_id')
      for (const row of part) ids.set(Number(row.user_id), Number(row.id))
    }
    const audits = added.map((row) =>
      audit(AuditActions.Create, ids.get(row.userId)!, row, null, {
        userId: row.userId,
        ...row.values,
      })
    )

    for (const row of plan.rows) {
      if (row.outcome !== 'changed') continue
      await trx
        .from('fast_stream_entrants')
        .where('id', row.entrantId)
        .update({ ...columns(row.values), updated_at: at })
      const before: Record<string, unknown> = {}
      const after: Record<string, unknown> = {}
      for (const key of Object.keys(row.values) as (keyof EntrantValues)[]) {
        if (row.before[key] !== row.values[key]) {
          before[key] = row.before[key]
          after[key] = row.values[key]
        }
      }
      audits.push(audit(AuditActions.Update, row.entrantId, row, before, after))
    }
    await insertAll(trx, 'audit_events', audits)
    await recordAudit(
      {
        action: AuditActions.Create,
        subjectType: 'fast_stream_entrant_import',
        subjectLabel: fileName ?? 'Entrant import',
        after: { ...plan.counts, fileName },
      },
      trx
    )
    return { type: 'applied' as const, plan }
  })
}
