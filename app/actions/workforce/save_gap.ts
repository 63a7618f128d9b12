import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import CapabilityGap from '#models/capability_gap'
import type { OrganisationScope } from '#services/organisation_scope'
import type { GapKind, GapMitigation, GapSeverity, GapStatus } from '#enums/workforce'

export type GapInput = {
  organisationId: number
  kind: GapKind
  roleProfileId?: number | null
  skillId?: number | null
  title: string
  description?: string | null
  severity: GapSeverity
  mitigation?: GapMitigation | null
  ownerEmail?: string | null
  dueOn?: Date | null
  status: GapStatus
}

export type SaveGapResult =
  | { type: 'saved'; gap: CapabilityGap }
  | { type: 'organisation_not_found' }
  | { type: 'role_needed' }
  | { type: 'skill_needed' }
  | { type: 'owner_not_found' }

export type DecideGapResult =
  { type: 'decided'; gap: CapabilityGap } | { type: 'not_allowed'; status: GapStatus }

/*
 * Adds a gap to the register, or changes one. A headcount gap names a role
 * profile, a skill gap a skill; the owner is someone active in the user's scope.
 */
export async function saveGap(
  scope: OrganisationScope,
  input: GapInput,
  existing?: CapabilityGap
): Promise<SaveGapResult> {
  if (!(await scope.includes(input.organisationId))) return { type: 'organisation_not_found' }
  const roleProfileId = input.kind === 'headcount' ? (input.roleProfileId ?? null) : null
  const skillId = input.kind === 'skill' ? (input.skillId ?? null) : null
  if (input.kind === 'headcount') {
    const found =
      roleProfileId && (await db.from('role_profiles').where('id', roleProfileId).first())
    if (!found) return { type: 'role_needed' }
  } else {
    const found = skillId && (await db.from('skills').where('id', skillId).first())
    if (!found) return { type: 'skill_needed' }
  }

  let ownerId: number | null = null
  const email = input.ownerEmail?.trim().toLowerCase()
  if (email) {
    const owner = await scope
      .apply(db.from('users'), 'organisation_id')
      .whereRaw('lower(email) = ?', [email])
      .whereNull('deactivated_at')
      .select('id')
      .first()
    if (!owner) return { type: 'owner_not_found' }
    ownerId = Number(owner.id)
  }

  return db.transaction(async (trx) => {
    const gap = existing ?? new CapabilityGap()
    gap.useTransaction(trx)
    gap.merge({
      organisationId: input.organisationId,
      kind: input.kind,
      roleProfileId,
      skillId,
      title: input.title.trim(),
      description: input.description?.trim() || null,
      severity: input.severity,
      mitigation: input.mitigation ?? null,
      ownerId,
      dueOn: input.dueOn ? DateTime.fromJSDate(input.dueOn).startOf('day') : null,
      status: input.status,
    })
    if (!existing) gap.source = 'manual'
    await gap.save()
    return { type: 'saved' as const, gap }
  })
}

/* HR accepts a suggested gap onto the register as open. */
export async function acceptGap(gap: CapabilityGap): Promise<DecideGapResult> {
  if (gap.status !== 'suggested') return { type: 'not_allowed', status: gap.status }
  return db.transaction(async (trx) => {
    gap.useTransaction(trx)
    gap.status = 'open'
    await gap.save()
    return { type: 'decided' as const, gap }
  })
}

/* HR dismisses a suggested or open gap, keeping the reason in its description. */
export async function dismissGap(gap: CapabilityGap, reason: string): Promise<DecideGapResult> {
  if (gap.status !== 'suggested' && gap.status !== 'open') {
    return { type: 'not_allowed', status: gap.status }
  }
  return db.transaction(async (trx) => {
    gap.useTransaction(trx)
    gap.status = 'dismissed'
    const note = `Dismissed: ${reason.trim()}`
    gap.description = gap.description ? `${gap.description}\n\n${note}` : note
    await gap.save()
    return { type: 'decided' as const, gap }
  })
}
