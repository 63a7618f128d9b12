import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#models/user'
import { Roles } from '#enums/roles'
import { OrganisationScope } from '#services/organisation_scope'

/*
 * Who may act on one person's role levels and skills: the person, their
 * line manager, department HR for people in their organisation's subtree,
 * and capability admins. Only a line manager or HR/admin confirms.
 */
export default class CapabilityPolicy extends BasePolicy {
  async actOn(user: User, person: User): Promise<AuthorizerResponse> {
    if (user.id === person.id) return true
    return this.confirmFor(user, person)
  }

  /* Confirming a role assignment: never one's own, unless as a capability admin. */
  async confirmFor(user: User, person: User): Promise<AuthorizerResponse> {
    if (person.lineManagerId === user.id) return true
    return this.administers(user, person)
  }

  /* HR in scope or a capability admin, for the people pages. */
  async administers(user: User, person: User): Promise<AuthorizerResponse> {
    if (user.isCapabilityAdmin) return true
    if (!user.hasRole(Roles.DepartmentHr)) return false
    const scope = await OrganisationScope.forUser(user)
    return scope.includes(person.organisationId)
  }
}
