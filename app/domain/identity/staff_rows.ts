/*
 * The rules of a staff import, without the database: which columns a file
 * must have, what each cell may hold, how a row compares with the person
 * already recorded, and which line-manager references are impossible
 * (unknown, the person themself, or a loop). Pure: data in, verdicts out.
 */
import { hasControlCharacter, isEmailAddress, printable } from '#domain/identity/email_address'
import { sentenceStart } from '#domain/shared/wording'

export type StaffField =
  | 'email'
  | 'fullName'
  | 'organisationCode'
  | 'grade'
  | 'profession'
  | 'roleLevel'
  | 'lineManagerEmail'

/* Header spellings accepted for each field, compared without case, spaces or punctuation. */
const HEADERS: Record<StaffField, string[]> = {
  email: ['email', 'emailaddress'],
  fullName: ['name', 'fullname'],
  organisationCode: ['organisationcode', 'organisation', 'organizationcode', 'orgcode'],
  grade: ['grade'],
  profession: ['profession'],
  roleLevel: ['rolelevel', 'role'],
  lineManagerEmail: ['linemanageremail', 'linemanagersemail', 'linemanager', 'manageremail'],
}

export const REQUIRED_FIELDS: StaffField[] = ['email', 'fullName', 'organisationCode']

export const FIELD_LABELS: Record<StaffField, string> = {
  email: 'e-mail',
  fullName: 'name',
  organisationCode: 'organisation code',
  grade: 'grade',
  profession: 'profession',
  roleLevel: 'role level',
  lineManagerEmail: 'line manager’s e-mail',
}

export type HeaderMap =
  { ok: true; columns: Partial<Record<StaffField, number>> } | { ok: false; message: string }

const squash = (value: string) => value.toLowerCase().replaceAll(/[^a-z]/g, '')

/* Finds each field's column from the header row. */
export function mapHeaders(header: string[]): HeaderMap {
  const columns: Partial<Record<StaffField, number>> = {}
  header.forEach((cell, index) => {
    const key = squash(cell.replace(/^\uFEFF/, ''))
    for (const [field, names] of Object.entries(HEADERS) as Array<[StaffField, string[]]>) {
      if (names.includes(key) && columns[field] === undefined) columns[field] = index
    }
  })
  const missing = REQUIRED_FIELDS.filter((field) => columns[field] === undefined)
  if (missing.length) {
    return {
      ok: false,
      message: `The first row must name the columns. Missing: ${missing.map((field) => FIELD_LABELS[field]).join(', ')}`,
    }
  }
  return { ok: true, columns }
}

export type RawStaffRow = {
  line: number
  email: string
  fullName: string
  organisationCode: string
  grade: string
  profession: string
  roleLevel: string
  lineManagerEmail: string
}

/* Which optional columns the file has: an absent column leaves that field alone. */
export type PresentColumns = {
  grade: boolean
  profession: boolean
  roleLevel: boolean
  lineManager: boolean
}

export function presentColumns(columns: Partial<Record<StaffField, number>>): PresentColumns {
  return {
    grade: columns.grade !== undefined,
    profession: columns.profession !== undefined,
    roleLevel: columns.roleLevel !== undefined,
    lineManager: columns.lineManagerEmail !== undefined,
  }
}

/* Cuts one CSV record into a row, trimming every cell. */
export function readRecord(
  record: string[],
  line: number,
  columns: Partial<Record<StaffField, number>>
): RawStaffRow {
  const cell = (field: StaffField) => {
    const index = columns[field]
    return index === undefined ? '' : String(record[index] ?? '').trim()
  }
  return {
    line,
    email: cell('email').toLowerCase(),
    fullName: cell('fullName').replaceAll(/\s+/g, ' '),
    organisationCode: cell('organisationCode').toLowerCase(),
    grade: cell('grade'),
    profession: cell('profession'),
    roleLevel: cell('roleLevel'),
    lineManagerEmail: cell('lineManagerEmail').toLowerCase(),
  }
}

/* What a row says a person should be, once every reference is resolved. */
export type StaffValues = {
  email: string
  fullName: string
  organisationId: number
  grade: string | null
  profession: string | null
  roleLevelId: number | null
  lineManagerEmail: string | null
}

/* The person as recorded now. */
export type ExistingPerson = StaffValues & { id: number; inScope: boolean }

export type Reference = {
  /* Organisation codes (lower case) the importer may place people in. */
  organisations: Map<string, number>
  /* Accepted spellings (lower case) of grades and professions, to their stored value. */
  grades: Map<string, string>
  professions: Map<string, string>
  /* Role level names, and "profile / level", in lower case, to their ids; -1 when ambiguous. */
  roleLevels: Map<string, number>
}

export type FieldVerdict = { ok: true; values: StaffValues } | { ok: false; reason: string }

/*
 * Checks a row's own cells against the reference data: everything except
 * the line manager's existence and loops, which need the whole file.
 */
export function checkCells(
  row: RawStaffRow,
  reference: Reference,
  columns: PresentColumns
): FieldVerdict {
  const problems: string[] = []
  if (!row.email) problems.push('e-mail is missing')
  else if (!isEmailAddress(row.email))
    problems.push(`“${printable(row.email)}” is not an e-mail address`)
  if (!row.fullName) problems.push('name is missing')
  else if (row.fullName.length > 200) problems.push('name is longer than 200 characters')
  else if (hasControlCharacter(row.fullName)) problems.push('name contains a control character')

  let organisationId = 0
  if (!row.organisationCode) problems.push('organisation code is missing')
  else {
    const id = reference.organisations.get(row.organisationCode)
    if (id === undefined)
      problems.push(`organisation code “${row.organisationCode}” is not one of your organisations`)
    else organisationId = id
  }

  let grade: string | null = null
  if (columns.grade && row.grade) {
    grade = reference.grades.get(row.grade.toLowerCase()) ?? null
    if (!grade) problems.push(`grade “${row.grade}” is not a civil service grade`)
  }
  let profession: string | null = null
  if (columns.profession && row.profession) {
    profession = reference.professions.get(row.profession.toLowerCase()) ?? null
    if (!profession) problems.push(`profession “${row.profession}” is not a profession`)
  }
  let roleLevelId: number | null = null
  if (columns.roleLevel && row.roleLevel) {
    const id = reference.roleLevels.get(row.roleLevel.toLowerCase().replaceAll(/\s*\/\s*/g, ' / '))
    if (id === undefined) problems.push(`role level “${row.roleLevel}” is not in the framework`)
    else if (id === -1)
      problems.push(
        `role level “${row.roleLevel}” belongs to more than one role profile: write it as “role profile / role level”`
      )
    else roleLevelId = id
  }
  let lineManagerEmail: string | null = null
  if (columns.lineManager && row.lineManagerEmail) {
    if (!isEmailAddress(row.lineManagerEmail))
      problems.push(`line manager “${printable(row.lineManagerEmail)}” is not an e-mail address`)
    else if (row.lineManagerEmail === row.email)
      problems.push('a person cannot be their own line manager')
    else lineManagerEmail = row.lineManagerEmail
  }

  if (problems.length) return { ok: false, reason: sentence(problems) }
  return {
    ok: true,
    values: {
      email: row.email,
      fullName: row.fullName,
      organisationId,
      grade,
      profession,
      roleLevelId,
      lineManagerEmail,
    },
  }
}

const sentence = (problems: string[]) => sentenceStart(problems.join('; '))

export type ChangedField =
  'name' | 'organisation' | 'grade' | 'profession' | 'role level' | 'line manager'

/*
 * The fields a row would change on the person recorded now. A column the
 * file does not have changes nothing, and a blank role level keeps the
 * person's current one (role levels carry confirmation and history).
 */
export function changedFields(
  values: StaffValues,
  existing: ExistingPerson,
  columns: PresentColumns
): ChangedField[] {
  const changes: ChangedField[] = []
  if (values.fullName !== existing.fullName) changes.push('name')
  if (values.organisationId !== existing.organisationId) changes.push('organisation')
  if (columns.grade && values.grade !== existing.grade) changes.push('grade')
  if (columns.profession && values.profession !== existing.profession) changes.push('profession')
  if (
    columns.roleLevel &&
    values.roleLevelId !== null &&
    values.roleLevelId !== existing.roleLevelId
  )
    changes.push('role level')
  if (columns.lineManager && values.lineManagerEmail !== existing.lineManagerEmail)
    changes.push('line manager')
  return changes
}

/*
 * Line managers after the import: every person's manager, by e-mail, from
 * the file where the file says so and from the record otherwise. Returns
 * the e-mails caught in a loop, each with the loop as text.
 */
export function managerLoops(managerOf: Map<string, string | null>): Map<string, string> {
  const loops = new Map<string, string>()
  const state = new Map<string, 1 | 2>()
  for (const start of managerOf.keys()) {
    if (state.has(start)) continue
    const path: string[] = []
    let current: string | null | undefined = start
    while (current && !state.has(current)) {
      state.set(current, 1)
      path.push(current)
      current = managerOf.get(current) ?? null
    }
    if (current && state.get(current) === 1) {
      const cycle = path.slice(path.indexOf(current))
      const text = [...cycle, current].join(' → ')
      for (const email of cycle) loops.set(email, text)
    }
    for (const email of path) state.set(email, 2)
  }
  return loops
}
