import { BasePolicy } from '@adonisjs/bouncer'
import db from '@adonisjs/lucid/services/db'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#models/user'
import { Roles } from '#enums/roles'
import { OrganisationScope } from '#services/organisation_scope'

/*
 * Department HR plan and record the workforce of their own organisation
 * tree; capability admins see everything and approve or return plans.
 */
export default class WorkforcePolicy extends BasePolicy {
  viewAny(user: User): AuthorizerResponse {
    return user.hasRole(Roles.CapabilityAdmin, Roles.DepartmentHr)
  }

  /* Reading or changing one organisation's plans, campaigns, gaps and services. */
  async manage(user: User, organisationId: number): Promise<AuthorizerResponse> {
    if (!user.hasRole(Roles.CapabilityAdmin, Roles.DepartmentHr)) return false
    const scope = await OrganisationScope.forUser(user)
    return scope.includes(organisationId)
  }

  /* Reporting services' performance: HR and capability admins, and the Service Manager of any service. */
  async reportPerformance(user: User): Promise<AuthorizerResponse> {
    if (user.hasRole(Roles.CapabilityAdmin, Roles.DepartmentHr)) return true
    const managed = await db.from('services').where('service_manager_id', user.id).first()
    return Boolean(managed)
  }

  decidePlans(user: User): AuthorizerResponse {
    return user.isCapabilityAdmin
  }
}
