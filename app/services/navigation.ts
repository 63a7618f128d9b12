import type User from '#models/user'
import { Roles } from '#enums/roles'

export type NavigationItem = {
  label: string
  href: string
  active: (url: string) => boolean
}

function item(label: string, href: string, exact = false, also: string[] = []): NavigationItem {
  const within = (url: string, path: string) => url === path || url.startsWith(`${path}/`)
  return {
    label,
    href,
    active: (url) =>
      (exact ? url === href : within(url, href)) || also.some((path) => within(url, path)),
  }
}

/*
 * The main navigation a user sees: only the areas their roles can use.
 */
export function navigationFor(user: User): NavigationItem[] {
  const items = [item('Home', '/', true), item('Framework', '/framework')]
  items.push(item('Courses', '/learning/courses'))
  items.push(item('My learning', '/learning/my'))
  items.push(item('My gaps', '/capability/gaps'))
  items.push(item('My plan', '/capability/plan'))
  if (user.isLineManager) items.push(item('Approvals', '/learning/approvals'))
  if (user.isLineManager || user.hasRole(Roles.DepartmentHr, Roles.CapabilityAdmin))
    items.push(item('Team skills', '/capability/team'))
  items.push(item('My skills', '/capability/assessment'))
  if (user.isLineManager) items.push(item('Validations', '/capability/validations'))
  if (user.administersCourses) items.push(item('Manage courses', '/learning/admin/courses'))
  if (user.isFastStreamEntrant)
    items.push(
      item('Placements', '/fast-stream/placements', false, [
        '/fast-stream/shortlist',
        '/fast-stream/my-placement',
      ])
    )
  if (user.hasRole(Roles.TeamLead) && user.teamId !== null)
    items.push(item('Team placements', '/fast-stream/team/placements'))
  if (user.hasRole(Roles.FastStreamAdmin, Roles.CapabilityAdmin))
    items.push(item('Fast Stream', '/fast-stream/admin'))
  if (user.hasRole(Roles.CapabilityAdmin, Roles.DepartmentHr)) {
    items.push(item('People', '/admin/users'))
    items.push(item('Organisations', '/admin/organisations'))
    items.push(item('Audit trail', '/admin/audit'))
  }
  if (user.hasRole(Roles.CapabilityAdmin, Roles.DepartmentHr)) {
    items.push(item('Workforce', '/workforce/plans'))
    items.push(item('Dashboards', '/insights'))
  }
  items.push(item('Your profile', '/profile'))
  return items
}
