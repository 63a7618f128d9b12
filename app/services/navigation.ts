import type User from '#models/user'
import { Roles } from '#enums/roles'
import { programmeWords } from '#domain/fast_stream/programmes'

export type NavigationLink = {
  label: string
  href: string
  active: (url: string) => boolean
  /* The label in the main navigation when this is its section's only page. */
  aloneLabel?: string
}

/*
 * One entry of the main navigation. A section of two or more pages links to
 * its first page, and its pages are listed under the header on every page
 * of the section.
 */
export type NavigationSection = NavigationLink & { pages: NavigationLink[] }

const within = (url: string, path: string) => url === path || url.startsWith(`${path}/`)

function link(
  label: string,
  href: string,
  also: string[] = [],
  aloneLabel?: string
): NavigationLink {
  return {
    label,
    href,
    active: (url) => within(url, href) || also.some((path) => within(url, path)),
    aloneLabel,
  }
}

/*
 * A section of the pages given (those the user may use), holding every
 * address under its path; none when the user may use none of its pages.
 */
function section(
  label: string,
  path: string,
  pages: (NavigationLink | false)[]
): NavigationSection[] {
  const shown = pages.filter((page): page is NavigationLink => page !== false)
  if (!shown.length) return []
  const [first] = shown
  const active = (url: string) => within(url, path) || shown.some((page) => page.active(url))
  if (shown.length === 1) {
    return [{ ...first, label: first.aloneLabel ?? first.label, active, pages: [] }]
  }
  return [{ label, href: first.href, active, pages: shown }]
}

function single(page: NavigationLink | false): NavigationSection[] {
  return page ? [{ ...page, pages: [] }] : []
}

/*
 * The main navigation a user sees: only the areas their roles can use,
 * grouped so that someone with every role still sees a short list.
 */
export function navigationFor(user: User): NavigationSection[] {
  const hrOrAdmin = user.hasRole(Roles.CapabilityAdmin, Roles.DepartmentHr)
  const lineManager = !!user.isLineManager
  const placementsAdmin = user.hasRole(Roles.FastStreamAdmin, Roles.CapabilityAdmin)
  // Placements are named for the entrant's own programme; the team running both calls them the Fast Stream's.
  const placementsLabel = placementsAdmin
    ? 'Fast Stream'
    : programmeWords(user.entrantProgramme).name
  return [
    { ...link('Home', '/'), active: (url: string) => url === '/', pages: [] },
    ...single(link('Framework', '/framework')),
    ...section('Learning', '/learning', [
      link('Courses', '/learning/courses'),
      link('My learning', '/learning/my'),
      lineManager && link('Approvals', '/learning/approvals'),
      !!user.administersCourses && link('Manage courses', '/learning/admin/courses'),
      hrOrAdmin && link('Required learning', '/learning/requirements'),
    ]),
    ...section('Skills', '/capability', [
      link('My skills', '/capability/assessment'),
      link('My gaps', '/capability/gaps'),
      link('My plan', '/capability/plan'),
      (lineManager || hrOrAdmin) && link('Team skills', '/capability/team', ['/capability/people']),
      lineManager && link('Validations', '/capability/validations'),
    ]),
    ...section(placementsLabel, '/fast-stream', [
      !!user.isFastStreamEntrant &&
        link('Placements', '/fast-stream/placements', [
          '/fast-stream/shortlist',
          '/fast-stream/my-placement',
        ]),
      user.hasRole(Roles.TeamLead) &&
        user.teamId !== null &&
        link('Team placements', '/fast-stream/team/placements'),
      placementsAdmin && link('Fast Stream admin', '/fast-stream/admin', [], 'Fast Stream'),
    ]),
    ...single(hrOrAdmin && link('Workforce', '/workforce/plans', ['/workforce'])),
    ...single(hrOrAdmin && link('Dashboards', '/insights')),
    ...section('Administration', '/admin', [
      hrOrAdmin && link('People', '/admin/users', ['/admin/staff-imports']),
      hrOrAdmin && link('Organisations', '/admin/organisations'),
      hrOrAdmin && link('Audit trail', '/admin/audit'),
      user.isCapabilityAdmin && link('Identity providers', '/admin/identity-providers'),
    ]),
    ...single(link('Your profile', '/profile')),
  ]
}

/* The section a page belongs to, if any. */
export function sectionOf(sections: NavigationSection[], url: string) {
  return sections.find((entry) => entry.active(url))
}
