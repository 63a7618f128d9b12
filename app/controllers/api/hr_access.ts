import type { HttpContext } from '@adonisjs/core/http'
import { Roles } from '#enums/roles'
import { problem } from '#services/api'

/*
 * An organisation's figures in the API are for department HR of its tree
 * and capability admins: anyone else is answered 403 (and false here).
 */
export function hrOrAdmin({ auth, response }: Pick<HttpContext, 'auth' | 'response'>) {
  if (auth.getUserOrFail().hasRole(Roles.DepartmentHr, Roles.CapabilityAdmin)) return true
  problem(response, 403, 'Only department HR and capability admins can see this.')
  return false
}

/* An organisation outside the caller's scope, answered as if it did not exist. */
export function noOrganisation(response: HttpContext['response']) {
  problem(response, 404, 'There is no organisation with this id that you can see.')
}
