import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#models/user'
import type Course from '#models/course'
import { administeredProviders, administersProvider } from '#services/provider_scope'
import { Roles } from '#enums/roles'

/*
 * Everyone signed in sees published courses; course admins manage the
 * courses, sessions and attendance of the providers they are linked to;
 * capability admins manage all.
 */
export default class CoursePolicy extends BasePolicy {
  async view(
    user: User,
    course: Pick<Course, 'status' | 'providerId'>
  ): Promise<AuthorizerResponse> {
    if (course.status === 'published') return true
    return administersProvider(user, course.providerId)
  }

  async administer(user: User): Promise<AuthorizerResponse> {
    const providers = await administeredProviders(user)
    return providers === 'all' || providers.length > 0
  }

  async manage(user: User, course: Course): Promise<AuthorizerResponse> {
    return administersProvider(user, course.providerId)
  }

  async manageProvider(user: User, providerId: number): Promise<AuthorizerResponse> {
    return administersProvider(user, providerId)
  }

  /* Requiring courses of audiences and reading compliance: capability admins, and department HR for their scope. */
  require(user: User): AuthorizerResponse {
    return user.hasRole(Roles.CapabilityAdmin, Roles.DepartmentHr)
  }

  /* Booking people on a course on their behalf (nomination): line managers, department HR and capability admins. */
  nominate(user: User): AuthorizerResponse {
    return Boolean(user.isLineManager) || user.hasRole(Roles.CapabilityAdmin, Roles.DepartmentHr)
  }
}
