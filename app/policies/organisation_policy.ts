import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#models/user'
import type Organisation from '#models/organisation'
import { Roles } from '#enums/roles'
import { OrganisationScope } from '#services/organisation_scope'

/*
 * Capability admins shape the organisation tree; department HR see their
 * own subtree and manage its delivery teams.
 */
export default class OrganisationPolicy extends BasePolicy {
  viewList(user: User): AuthorizerResponse {
    return user.hasRole(Roles.CapabilityAdmin, Roles.DepartmentHr)
  }

  async view(user: User, organisation: Organisation): Promise<AuthorizerResponse> {
    const scope = await OrganisationScope.forUser(user)
    return scope.includes(organisation.id)
  }

  create(user: User): AuthorizerResponse {
    return user.isCapabilityAdmin
  }

  update(user: User): AuthorizerResponse {
    return user.isCapabilityAdmin
  }

  async manageTeams(user: User, organisation: Organisation): Promise<AuthorizerResponse> {
    const scope = await OrganisationScope.forUser(user)
    return scope.includes(organisation.id)
  }
}
