import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { parse } from 'csv-parse/sync'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import RoleFamily from '#models/role_family'
import RoleProfile from '#models/role_profile'
import RoleLevel from '#models/role_level'
import Skill from '#models/skill'
import RoleRequirement from '#models/role_requirement'
import { frameworkSnapshot } from '#queries/framework/framework_snapshot_query'
import {
  CSV_COLUMNS,
  CSV_HEADER,
  columnHeader,
  columnKey,
  planImport,
  planChangesNothing,
  readRow,
  type ImportPlan,
} from '#domain/framework/framework_import'
import { seniorityRank } from '#domain/framework/levels'
import { recordAudit } from '#services/audit'
import { AuditActions } from '#enums/audit_actions'
import {
  CSV_READING,
  csvErrorLine,
  isBinary,
  NOT_A_CSV,
  unreadableCsv,
} from '#services/csv_uploads'

export const NEW_SKILL_CATEGORY = 'Uncategorised'

export type ParsedFile = { rows: Parameters<typeof planImport>[1]; headerError?: string }

/*
 * Reads a framework CSV (the five columns of the reference file, with a
 * header row naming them as the download does or as the reference file
 * does). Line numbers count the header as line 1.
 */
export function parseFrameworkCsv(text: string): ParsedFile {
  if (isBinary(text)) return { rows: [], headerError: NOT_A_CSV }
  let records: Record<string, unknown>[]
  try {
    records = parse(text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), {
      ...CSV_READING,
      columns: (header: string[]) => header.map(columnKey),
      trim: true,
    })
  } catch (error) {
    const line = csvErrorLine(error)
    if (line === null) throw error
    return { rows: [], headerError: unreadableCsv(line) }
  }
  if (records.length === 0) return { rows: [], headerError: 'The file has no rows' }
  const columns = Object.keys(records[0])
  const missing = CSV_COLUMNS.filter((column) => !columns.includes(column))
  if (missing.length)
    return {
      rows: [],
      headerError: `The header row must name the columns ${CSV_HEADER.join(', ')}; missing ${missing.map(columnHeader).join(', ')}`,
    }
  return { rows: records.map((record, index) => readRow(record, index + 2)) }
}

/* Plans an import against the framework as it is now. */
export async function previewFrameworkImport(text: string) {
  const parsed = parseFrameworkCsv(text)
  if (parsed.headerError) return { type: 'unreadable' as const, reason: parsed.headerError }
  const plan = planImport(await frameworkSnapshot(), parsed.rows)
  return { type: 'planned' as const, plan, changesNothing: planChangesNothing(plan) }
}

export type ApplyResult =
  | { type: 'applied'; plan: ImportPlan }
  | { type: 'unreadable'; reason: string }
  | { type: 'has_errors'; plan: ImportPlan }

/*
 * Applies an import in one transaction, re-planning inside it so what is
 * written matches the framework at that moment. Nothing is written when any
 * row is wrong.
 */
export async function applyFrameworkImport(
  text: string,
  client: QueryClientContract = db.connection()
): Promise<ApplyResult> {
  const parsed = parseFrameworkCsv(text)
  if (parsed.headerError) return { type: 'unreadable', reason: parsed.headerError }
  return client.transaction(async (trx) => {
    const plan = planImport(await frameworkSnapshot(trx), parsed.rows)
    if (plan.errors.length) return { type: 'has_errors' as const, plan }
    if (planChangesNothing(plan)) return { type: 'applied' as const, plan }
    await writePlan(plan, trx)
    await recordAudit(
      {
        action: AuditActions.Update,
        subjectType: 'framework_import',
        subjectLabel: 'Framework import',
        after: {
          added: plan.add.requirements.length,
          changed: plan.change.requirements.length,
          retired:
            plan.retire.requirements.length + plan.retire.levels.length + plan.retire.roles.length,
        },
      },
      trx
    )
    return { type: 'applied' as const, plan }
  })
}

async function writePlan(plan: ImportPlan, trx: TransactionClientContract) {
  const lower = (value: string) => value.toLowerCase()
  const now = DateTime.now()

  const familyRows = await RoleFamily.query({ client: trx })
  const families = new Map(familyRows.map((row) => [lower(row.name), row]))
  for (const name of plan.add.families) {
    families.set(
      lower(name),
      await RoleFamily.create({ name, position: families.size }, { client: trx })
    )
  }
  for (const name of plan.restore.families) await restore(families.get(lower(name))!)

  const roleKey = (family: string, role: string) => `${lower(family)}\u0000${lower(role)}`
  const roles = new Map<string, RoleProfile>()
  for (const role of await RoleProfile.query({ client: trx }).preload('roleFamily')) {
    roles.set(roleKey(role.roleFamily.name, role.name), role)
  }
  for (const entry of plan.add.roles) {
    const family = families.get(lower(entry.family))!
    roles.set(
      roleKey(entry.family, entry.role),
      await RoleProfile.create({ roleFamilyId: family.id, name: entry.role }, { client: trx })
    )
  }
  for (const entry of plan.restore.roles)
    await restore(roles.get(roleKey(entry.family, entry.role))!)
  for (const entry of plan.retire.roles) await retire(roles.get(roleKey(entry.family, entry.role))!)

  const levelKey = (family: string, role: string, level: string) =>
    `${roleKey(family, role)}\u0000${lower(level)}`
  const levels = new Map<string, RoleLevel>()
  for (const level of await RoleLevel.query({ client: trx }).preload('roleProfile', (q) =>
    q.preload('roleFamily')
  )) {
    levels.set(
      levelKey(level.roleProfile.roleFamily.name, level.roleProfile.name, level.name),
      level
    )
  }
  for (const entry of plan.add.levels) {
    const role = roles.get(roleKey(entry.family, entry.role))!
    const level = await RoleLevel.create(
      {
        roleProfileId: role.id,
        name: entry.roleLevel,
        position: seniorityRank(entry.roleLevel) * 10,
        typicalGrades: [],
      },
      { client: trx }
    )
    levels.set(levelKey(entry.family, entry.role, entry.roleLevel), level)
  }
  for (const entry of plan.restore.levels)
    await restore(levels.get(levelKey(entry.family, entry.role, entry.roleLevel))!)
  for (const entry of plan.retire.levels)
    await retire(levels.get(levelKey(entry.family, entry.role, entry.roleLevel))!)

  const skillRows = await Skill.query({ client: trx })
  const skills = new Map(skillRows.map((row) => [lower(row.name), row]))
  for (const name of plan.add.skills) {
    skills.set(
      lower(name),
      await Skill.create({ name, category: NEW_SKILL_CATEGORY }, { client: trx })
    )
  }
  for (const name of plan.restore.skills) await restore(skills.get(lower(name))!)

  const levelId = (entry: { family: string; role: string; roleLevel: string }) =>
    levels.get(levelKey(entry.family, entry.role, entry.roleLevel))!.id
  const skillId = (name: string) => skills.get(lower(name))!.id

  for (const entry of plan.add.requirements) {
    await RoleRequirement.create(
      { roleLevelId: levelId(entry), skillId: skillId(entry.skill), level: entry.level },
      { client: trx }
    )
  }
  for (const entry of plan.change.requirements) {
    const requirement = await RoleRequirement.query({ client: trx })
      .where('role_level_id', levelId(entry))
      .where('skill_id', skillId(entry.skill))
      .firstOrFail()
    requirement.level = entry.to
    await requirement.save()
  }
  for (const entry of plan.retire.requirements) {
    const requirement = await RoleRequirement.query({ client: trx })
      .where('role_level_id', levelId(entry))
      .where('skill_id', skillId(entry.skill))
      .first()
    if (requirement) await requirement.delete()
  }

  async function restore(record: { retiredAt: DateTime | null; save(): Promise<unknown> }) {
    record.retiredAt = null
    await record.save()
  }
  async function retire(record: { retiredAt: DateTime | null; save(): Promise<unknown> }) {
    record.retiredAt = now
    await record.save()
  }
}
