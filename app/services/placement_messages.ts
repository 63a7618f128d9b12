import type Placement from '#models/placement'
import { placementStatusLabels, type PlacementStatus } from '#enums/fast_stream'
import { UkFormats } from '#domain/shared/uk_time'
import { programmeWords } from '#domain/fast_stream/programmes'
import type { SavePlacementResult } from '#actions/fast_stream/team/save_placement'
import type { WithdrawPlacementResult } from '#actions/fast_stream/team/withdraw_placement'

/* What a team lead reads when offering, changing or withdrawing a placement. */

const NOT_EDITABLE: Record<PlacementStatus, string> = {
  offered: 'This placement can be changed',
  approved: 'This placement can be changed',
  rejected: 'This placement was not approved: offer a new one instead',
  withdrawn: 'This placement was withdrawn: offer a new one instead',
}

export function notEditableMessage(status: PlacementStatus) {
  return NOT_EDITABLE[status]
}

export function offersClosedMessage(placement: Placement) {
  return `${placement.round.name} no longer takes offers or changes: placements can change only until entrants’ choices close`
}

export function savedMessage(
  result: Extract<SavePlacementResult, { type: 'saved' }>,
  changed: boolean
) {
  const { placement } = result
  const team = programmeWords(result.programme).team
  return changed
    ? `Placement updated: ${placement.title}.${result.backToApproval ? ` It goes back to the ${team} for approval.` : ''}`
    : `Placement offered: ${placement.title}. The ${team} will review it.`
}

type FormRefusal = Extract<
  SavePlacementResult,
  {
    type:
      | 'round_not_found'
      | 'offers_closed'
      | 'skills_not_found'
      | 'starts_before_results'
      | 'starts_outside_window'
      | 'service_required'
      | 'service_not_found'
      | 'service_other_department'
      | 'service_not_digital'
  }
>

/* A refused offer or change, as the message under the form field it is about. */
export function placementFormError(result: FormRefusal): Record<string, string> {
  switch (result.type) {
    case 'round_not_found':
      return { roundId: 'Select the round to offer the placement in' }
    case 'offers_closed':
      return { roundId: `${result.round.name} is not open for offers: select a round that is` }
    case 'skills_not_found':
      return { skillIds: 'Select the skills the placement develops from the list' }
    case 'starts_before_results':
      return {
        startsOn: `The placement must start on or after ${result.resultsOn.toFormat(UkFormats.date)}, when the round’s results are published`,
      }
    case 'starts_outside_window':
      return {
        startsOn: `The placement must start within the round’s postings: on or after ${result.startsOn.toFormat(UkFormats.date)} and before ${result.endsOn.toFormat(UkFormats.date)}`,
      }
    case 'service_required':
      return {
        serviceId:
          'Select the service the placement works in: a Future Leaders placement is in a digitally delivered service',
      }
    case 'service_not_found':
      return { serviceId: 'Select the service the placement works in from the list' }
    case 'service_other_department':
      return {
        serviceId: `${result.service} is run by another department: select a service of your own department`,
      }
    case 'service_not_digital':
      return {
        serviceId: `${result.service} is not digitally delivered: select a service in beta or live that people can use online`,
      }
    default: {
      const unreachable: never = result
      return unreachable
    }
  }
}

/* What withdrawing a placement tells the team lead: that it is done, or why not. */
export function withdrawalMessage(
  result: WithdrawPlacementResult,
  title: string
): ['success' | 'error', string] {
  switch (result.type) {
    case 'withdrawn':
      return ['success', `Placement withdrawn: ${title}`]
    case 'not_withdrawable':
      return [
        'error',
        `This placement is ${placementStatusLabels[result.status].toLowerCase()}: it cannot be withdrawn`,
      ]
    case 'round_matched':
      return ['error', 'The round has been matched: the placement can no longer be withdrawn']
    default: {
      const unreachable: never = result
      return unreachable
    }
  }
}
