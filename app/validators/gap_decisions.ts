import vine from '@vinejs/vine'
import { FormMessages, idMessages, sameMessage } from '#validators/messages'
import { gapDecisions } from '#domain/workforce/gap_decisions'

/* The most gaps one form may decide: a page of the register holds at most 100. */
export const MAX_GAPS_AT_ONCE = 500

const ids = () =>
  vine.array(vine.number().withoutDecimals().positive()).maxLength(MAX_GAPS_AT_ONCE).optional()

/*
 * The register's form for many suggestions at once: accept or dismiss, the
 * gaps ticked, whether "select all" was ticked with the gaps the page
 * listed when it was drawn (so "all" works without JavaScript and never
 * takes in a gap HR did not see), one reason for every dismissal, and the
 * page to go back to.
 */
export const gapDecisionsValidator = vine.create({
  decision: vine.enum(gapDecisions).optional(),
  gaps: ids(),
  all: vine
    .array(vine.enum(['suggested'] as const))
    .maxLength(1)
    .optional(),
  listed: ids(),
  reason: vine.string().multiline().trim().minLength(2).maxLength(500).optional(),
  returnTo: vine.string().trim().maxLength(2000).optional(),
})

const SELECT = 'Select the suggested gaps to accept or dismiss'

gapDecisionsValidator.messagesProvider = new FormMessages({
  'decision.enum': 'Choose whether to accept or dismiss the gaps you selected',
  'gaps.array': SELECT,
  ...idMessages('gaps.*', SELECT),
  'gaps.maxLength': `Select at most ${MAX_GAPS_AT_ONCE} gaps at once`,
  'listed.array': SELECT,
  ...idMessages('listed.*', SELECT),
  'listed.maxLength': `Select at most ${MAX_GAPS_AT_ONCE} gaps at once`,
  'all.array': SELECT,
  'all.*.enum': SELECT,
  'all.maxLength': SELECT,
  'reason.string': 'Enter why the gaps are being dismissed',
  'reason.minLength': 'Reason must be 2 characters or more',
  'reason.maxLength': 'Reason must be 500 characters or fewer',
  ...sameMessage('returnTo', ['string', 'maxLength'], 'Go back to the register and try again'),
})

export type GapDecisionsInput = Awaited<ReturnType<typeof gapDecisionsValidator.validate>>

/* The gaps the form selects: each one ticked, and every one listed when "select all" is ticked. */
export function selectedGapIds(input: GapDecisionsInput) {
  const selected = new Set(input.gaps ?? [])
  if (input.all?.includes('suggested')) for (const id of input.listed ?? []) selected.add(id)
  return [...selected]
}

/*
 * What is missing from a form that passed its rules, field by field, so
 * every problem shows at once: a decision, a selection, and a reason when
 * dismissing.
 */
export function gapDecisionsProblems(input: GapDecisionsInput) {
  const problems: Record<string, string> = {}
  if (selectedGapIds(input).length === 0) problems.gaps = SELECT
  if (!input.decision) {
    problems.decision = 'Choose whether to accept or dismiss the gaps you selected'
  }
  if (input.decision === 'dismiss' && !input.reason) {
    problems.reason = 'Enter why the gaps are being dismissed'
  }
  return problems
}
