import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#models/user'
import { Roles, type Role } from '#enums/roles'
import { OrganisationScope } from '#services/organisation_scope'

/* Roles department HR may hand out within their own organisation. */
export const rolesHrMayGrant: Role[] = [Roles.Learner, Roles.TeamLead, Roles.DepartmentHr]

/*
 * Who may see and manage people: capability admins everyone, department HR
 * the people of their organisation's subtree.
 */
export default class UserPolicy extends BasePolicy {
  viewList(user: User): AuthorizerResponse {
    return user.hasRole(Roles.CapabilityAdmin, Roles.DepartmentHr)
  }

  async view(user: User, person: User): Promise<AuthorizerResponse> {
    if (user.id === person.id) return true
    return this.manages(user, person)
  }

  create(user: User): AuthorizerResponse {
    return user.hasRole(Roles.CapabilityAdmin, Roles.DepartmentHr)
  }

  async createIn(user: User, organisationId: number): Promise<AuthorizerResponse> {
    const scope = await OrganisationScope.forUser(user)
    return scope.includes(organisationId)
  }

  async update(user: User, person: User): Promise<AuthorizerResponse> {
    if (!(await this.manages(user, person))) return false
    if (!user.isCapabilityAdmin && person.hasRole(Roles.CapabilityAdmin)) return false
    return true
  }

  async deactivate(user: User, person: User): Promise<AuthorizerResponse> {
    if (user.id === person.id) return false
    return this.update(user, person)
  }

  /* Sending, resending and withdrawing someone's invitation: as changing them, never oneself. */
  async invite(user: User, person: User): Promise<AuthorizerResponse> {
    if (user.id === person.id) return false
    return this.update(user, person)
  }

  /* Turning off someone's two-step verification (a lost phone): as changing them, never oneself. */
  async turnOffTwoStep(user: User, person: User): Promise<AuthorizerResponse> {
    if (user.id === person.id) return false
    return this.update(user, person)
  }

  /* Erasing someone added in error: capability admins only, never themselves. */
  erase(user: User, person: User): AuthorizerResponse {
    return user.isCapabilityAdmin && user.id !== person.id
  }

  grantRole(user: User, role: Role): AuthorizerResponse {
    if (user.isCapabilityAdmin) return true
    return user.hasRole(Roles.DepartmentHr) && rolesHrMayGrant.includes(role)
  }

  private async manages(user: User, person: User) {
    if (!user.hasRole(Roles.CapabilityAdmin, Roles.DepartmentHr)) return false
    const scope = await OrganisationScope.forUser(user)
    return scope.includes(person.organisationId)
  }
}
