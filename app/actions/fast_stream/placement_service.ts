import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { PROGRAMME_RULES, type Programme } from '#domain/fast_stream/programmes'
import { isDigitallyDelivered } from '#domain/workforce/digitally_delivered'
import { departmentIdOf, organisationPath } from '#queries/identity/organisation_paths'

/* Why a placement's service does not do for its round, as the register stands now. */
export type PlacementServiceProblem =
  | { type: 'service_required' }
  | { type: 'service_not_found' }
  | { type: 'service_other_department'; service: string }
  | { type: 'service_not_digital'; service: string }

/*
 * The one check of a placement's service, made when a team offers or
 * changes the placement and again when the Fast Stream team approves it
 * (the register may have moved in between): a service named must exist,
 * be run in the team's department (the department of the team's
 * organisation) and be digitally delivered; a placement of a programme
 * whose placements are in a service area must name one.
 */
export async function checkPlacementService(
  trx: TransactionClientContract,
  placement: { serviceId: number | null; teamOrganisationId: number; programme: Programme }
): Promise<{ id: number | null; problem?: PlacementServiceProblem }> {
  const checked = await serviceProblem(trx, placement.serviceId, placement.teamOrganisationId)
  if (checked.problem) return checked
  if (PROGRAMME_RULES[placement.programme].placementInService && !checked.id) {
    return { id: null, problem: { type: 'service_required' } }
  }
  return checked
}

/* The service checked on its own: no service is no problem here. */
async function serviceProblem(
  trx: TransactionClientContract,
  serviceId: number | null,
  teamOrganisationId: number
): Promise<{ id: number | null; problem?: PlacementServiceProblem }> {
  if (serviceId === null) return { id: null }
  const found = await trx
    .from('services as s')
    .join('organisations as o', 'o.id', 's.organisation_id')
    .where('s.id', serviceId)
    .select(
      's.id',
      's.name',
      's.phase',
      's.has_digital_channel',
      'o.id as organisation_id',
      'o.path'
    )
    .first()
  if (!found) return { id: null, problem: { type: 'service_not_found' } }
  const team = await organisationPath(teamOrganisationId, trx)
  if (departmentIdOf(found.organisation_id, found.path) !== departmentIdOf(team.id, team.path)) {
    return { id: null, problem: { type: 'service_other_department', service: String(found.name) } }
  }
  const digital = isDigitallyDelivered({
    phase: String(found.phase),
    hasDigitalChannel: Boolean(found.has_digital_channel),
  })
  if (!digital) {
    return { id: null, problem: { type: 'service_not_digital', service: String(found.name) } }
  }
  return { id: Number(found.id) }
}
