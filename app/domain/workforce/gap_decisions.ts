/*
 * What HR may decide about a gap on the register, one at a time or many at
 * once, and where each decision leaves it: a suggestion is accepted onto
 * the register as open; a suggestion or an open gap may be dismissed.
 * Pure: no framework imports.
 */
import type { GapStatus } from '../../enums/workforce.js'

export const gapDecisions = ['accept', 'dismiss'] as const
export type GapDecision = (typeof gapDecisions)[number]

export const statusAfterDecision: Record<GapDecision, GapStatus> = {
  accept: 'open',
  dismiss: 'dismissed',
}

/* Whether a gap with this status may be accepted or dismissed. */
export function gapDecisionAllowed(decision: GapDecision, status: GapStatus) {
  return decision === 'accept'
    ? status === 'suggested'
    : status === 'suggested' || status === 'open'
}

/* The description a dismissed gap keeps: what it said, then why it was dismissed. */
export function dismissedDescription(description: string | null, reason: string) {
  const note = `Dismissed: ${reason.trim()}`
  return description ? `${description}\n\n${note}` : note
}
