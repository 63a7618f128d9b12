import { Bouncer } from '@adonisjs/bouncer'
import type User from '#models/user'
import { Roles } from '#enums/roles'

/*
 * Abilities that are not about one record. Record-level rules live in the
 * policies beside this folder.
 */
export const administer = Bouncer.ability((user: User) =>
  user.hasRole(Roles.CapabilityAdmin, Roles.DepartmentHr)
)

export const viewAuditTrail = Bouncer.ability((user: User) =>
  user.hasRole(Roles.CapabilityAdmin, Roles.DepartmentHr)
)
