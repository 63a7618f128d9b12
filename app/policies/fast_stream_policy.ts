import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#models/user'
import type Placement from '#models/placement'
import { Roles } from '#enums/roles'
import { entrantOf } from '#queries/fast_stream/entrant_query'

/*
 * The Fast Stream team (and capability admins) run schemes, cohorts,
 * entrants and rounds and see everything; team leads offer and rank for
 * their own team's placements; entrants search, rank and see their own
 * result.
 */
export default class FastStreamPolicy extends BasePolicy {
  administer(user: User): AuthorizerResponse {
    return user.hasRole(Roles.FastStreamAdmin, Roles.CapabilityAdmin)
  }

  /* Offering placements: a team lead who belongs to a team. */
  offer(user: User): AuthorizerResponse {
    return user.hasRole(Roles.TeamLead) && user.teamId !== null
  }

  /* Editing, withdrawing and ranking applicants for one placement. */
  managePlacement(user: User, placement: Placement): AuthorizerResponse {
    if (this.administer(user)) return true
    return user.hasRole(Roles.TeamLead) && user.teamId === placement.teamId
  }

  /* Searching placements and ranking them: entrants only. */
  async enter(user: User): Promise<AuthorizerResponse> {
    return (await entrantOf(user)) !== null
  }
}
