import { urlFor } from '@adonisjs/core/services/url_builder'
import { safeReturnPath } from '#services/return_path'
import { gapStatusLabels, type GapStatus } from '#enums/workforce'
import type { DecideGapsResult } from '#actions/workforce/decide_gaps'
import type { SuggestGapsResult } from '#actions/workforce/suggest_gaps'

/* What accepting or dismissing a suggested gap is called in messages. */
export const DECIDED_WORDS = { accept: 'accepted as open', dismiss: 'dismissed' } as const

const gaps = (n: number) => `${n} ${n === 1 ? 'gap' : 'gaps'}`

/* "3 gaps suggested for HMRC: 1 from the plan, 2 from people’s skills; 1 already on the register". */
export function suggestedMessage(result: SuggestGapsResult, organisationName: string) {
  const created = result.fromPlan + result.fromGapEngine
  return (
    `${gaps(created)} suggested for ${organisationName}: ` +
    `${result.fromPlan} from the plan, ${result.fromGapEngine} from people’s skills` +
    (result.skipped > 0 ? `; ${result.skipped} already on the register` : '')
  )
}

/* Why a gap in this status cannot be accepted or dismissed. */
export function notDecidableMessage(status: GapStatus, verb: string) {
  return `This gap is ${gapStatusLabels[status].toLowerCase()}, so it cannot be ${verb}`
}

/* What the register shows after many gaps were decided at once: what changed, and what could not. */
export function decisionSummary(result: Extract<DecideGapsResult, { type: 'decided' }>) {
  const done = DECIDED_WORDS[result.decision]
  return {
    headline: `${gaps(result.changed.length)} ${done}`,
    changed: result.changed.map((gap) => `${gap.title} (${gap.organisationName})`),
    refusedHeadline: `${gaps(result.refused.length)} not changed`,
    refused: result.refused.map(
      (gap) =>
        `${gap.title} (${gap.organisationName}): it is ${gapStatusLabels[gap.status].toLowerCase()}, so it cannot be ${done}`
    ),
  }
}

/* Back to the register page the form was sent from, with its filters; anywhere else is refused. */
export function registerPath(returnTo: string | undefined) {
  const register = urlFor('workforce.gaps.index')
  const path = safeReturnPath(returnTo)
  return path === register || path.startsWith(`${register}?`) ? path : register
}
