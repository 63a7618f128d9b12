import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { saveChanges } from '#actions/transactions'
import CapabilityGap from '#models/capability_gap'
import type { OrganisationScope } from '#services/organisation_scope'
import User from '#models/user'
import { Roles } from '#enums/roles'
import { UkFormats } from '#domain/shared/uk_time'
import {
  gapMitigationLabels,
  gapSeverityLabels,
  type GapKind,
  type GapMitigation,
  type GapSeverity,
  type GapStatus,
} from '#enums/workforce'
import { sendNotices } from '#mails/notice_mail'
import GapOwnerAssigned from '#mails/gap_owner_assigned'
import {
  dismissedDescription,
  gapDecisionAllowed,
  statusAfterDecision,
} from '#domain/workforce/gap_decisions'

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
 * profile, a skill gap a skill; the owner is someone active in the user's
 * scope, e-mailed once the change commits when they are new to it (unless
 * they made the change themselves).
 */
export async function saveGap(
  scope: OrganisationScope,
  input: GapInput,
  existing?: CapabilityGap,
  actor?: User
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

  const previousOwnerId = existing?.ownerId ?? null
  const result = await db.transaction(async (trx) => {
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
  if (ownerId !== null && ownerId !== previousOwnerId && ownerId !== actor?.id) {
    await sendNotices(await ownerNotice(result.gap, ownerId, actor), { gapId: result.gap.id })
  }
  return result
}

/* The new owner's e-mail about the gap, read once the change has committed. */
async function ownerNotice(gap: CapabilityGap, ownerId: number, actor?: User) {
  const owner = await User.query().where('id', ownerId).preload('roles').first()
  if (!owner || !owner.isActive) return []
  const organisation = await db
    .from('organisations')
    .where('id', gap.organisationId)
    .select('name')
    .firstOrFail()
  const subject = gap.roleProfileId
    ? await db.from('role_profiles').where('id', gap.roleProfileId).select('name').first()
    : gap.skillId
      ? await db.from('skills').where('id', gap.skillId).select('name').first()
      : null
  const about = gap.kind === 'headcount' ? 'Role profile' : 'Skill'
  return [
    new GapOwnerAssigned({
      owner: { email: owner.email, name: owner.fullName },
      assignedBy: actor?.fullName ?? 'The capability team',
      gap: {
        id: gap.id,
        title: gap.title,
        organisation: String(organisation.name),
        about: subject ? `${about}: ${subject.name}` : about,
        severity: gapSeverityLabels[gap.severity],
        mitigation: gap.mitigation ? gapMitigationLabels[gap.mitigation] : null,
        dueOn: gap.dueOn ? gap.dueOn.setLocale('en-GB').toFormat(UkFormats.longDate) : null,
        description: gap.description,
      },
      canOpen: owner.hasRole(Roles.DepartmentHr, Roles.CapabilityAdmin),
    }),
  ]
}

/* HR accepts a suggested gap onto the register as open. */
export async function acceptGap(gap: CapabilityGap): Promise<DecideGapResult> {
  if (!gapDecisionAllowed('accept', gap.status)) return { type: 'not_allowed', status: gap.status }
  await saveChanges(gap, { status: statusAfterDecision.accept })
  return { type: 'decided', gap }
}

/* HR dismisses a suggested or open gap, keeping the reason in its description. */
export async function dismissGap(gap: CapabilityGap, reason: string): Promise<DecideGapResult> {
  if (!gapDecisionAllowed('dismiss', gap.status)) return { type: 'not_allowed', status: gap.status }
  await saveChanges(gap, {
    status: statusAfterDecision.dismiss,
    description: dismissedDescription(gap.description, reason),
  })
  return { type: 'decided', gap }
}
