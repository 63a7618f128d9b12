/*
 * The application's routes as tests walk them: every pattern with its
 * methods, and an address for a pattern built from real ids, so a request
 * gets past "not found" to what the test is about.
 */
import router from '@adonisjs/core/services/router'
import db from '@adonisjs/lucid/services/db'

/* The table behind a route parameter, from the path segment before it. */
const TABLES: Record<string, string> = {
  'families': 'role_families',
  'roles': 'role_profiles',
  'levels': 'role_levels',
  'requirements': 'role_requirements',
  'skills': 'skills',
  'import': 'framework_imports',
  'courses': 'courses',
  'outcomes': 'course_outcomes',
  'audiences': 'course_audiences',
  'sessions': 'course_sessions',
  'enrolments': 'enrolments',
  'approvals': 'enrolments',
  'providers': 'providers',
  'admins': 'users',
  'people': 'users',
  'users': 'users',
  'assessments': 'skill_assessments',
  'claims': 'skill_claims',
  'items': 'development_plan_items',
  'plans': 'capability_plans',
  'lines': 'plan_lines',
  'campaigns': 'recruitment_campaigns',
  'gaps': 'capability_gaps',
  'services': 'services',
  'organisations': 'organisations',
  'teams': 'teams',
  'tokens': 'auth_access_tokens',
  'staff-imports': 'staff_imports',
  'placements': 'placements',
  'rounds': 'placement_rounds',
  'matches': 'placement_matches',
  'schemes': 'fast_stream_schemes',
  'cohorts': 'fast_stream_cohorts',
  'entrants': 'fast_stream_entrants',
  'postings': 'fast_stream_postings',
  'exports': 'exports',
  'invitations': 'invitation_runs',
  'modules': 'course_modules',
  'packages': 'learning_packages',
  'budgets': 'organisations',
}

export type RouteEntry = { methods: string[]; pattern: string }

/* Every route, in pattern order. */
export function allRoutes(): RouteEntry[] {
  router.commit()
  const routes: RouteEntry[] = []
  for (const domainRoutes of Object.values(router.toJSON())) {
    for (const route of domainRoutes)
      routes.push({ methods: route.methods, pattern: route.pattern })
  }
  return routes.sort((a, b) => a.pattern.localeCompare(b.pattern))
}

/* Whether a concrete path is one of a pattern's addresses. */
export function matchesPattern(pattern: string, path: string) {
  const expression = pattern.replace(/[.]/g, '\\.').replace(/:[A-Za-z_]+\??/g, '[^/]+')
  return new RegExp(`^${expression}$`).test(path)
}

/* A real id for each parameter: the newest row of the table behind it (1 when there is none). */
export async function urlFor(pattern: string, ids = new Map<string, number>()) {
  const segments = pattern.split('/')
  const out: string[] = []
  for (const [index, segment] of segments.entries()) {
    if (!segment.startsWith(':')) {
      out.push(segment)
      continue
    }
    const previous = segments[index - 1] ?? ''
    let table = TABLES[previous] ?? previous.replaceAll('-', '_')
    if (pattern.startsWith('/capability/validations/roles')) table = 'role_assignments'
    if (pattern.startsWith('/learning/requirements')) table = 'course_requirements'
    if (!ids.has(table)) {
      const exists = await db.connection().schema.hasTable(table)
      const row = exists ? await db.from(table).orderBy('id', 'desc').select('id').first() : null
      ids.set(table, row ? Number(row.id) : 1)
    }
    out.push(String(ids.get(table)))
  }
  return out.join('/')
}
