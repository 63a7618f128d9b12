import { test } from '@japa/runner'
import User from '#models/user'
import UserRole from '#models/user_role'
import { Roles, type Role } from '#enums/roles'
import { navigationFor, sectionOf } from '#services/navigation'

function person(
  roles: Role[],
  facts: { lineManager?: boolean; coursesAdmin?: boolean; entrant?: boolean; teamId?: number } = {}
) {
  const user = new User()
  user.$setRelated(
    'roles',
    roles.map((role) => Object.assign(new UserRole(), { role }))
  )
  user.isLineManager = facts.lineManager ?? false
  user.administersCourses = facts.coursesAdmin ?? false
  user.isFastStreamEntrant = facts.entrant ?? false
  user.teamId = facts.teamId ?? null
  return user
}

const labels = (user: User) => navigationFor(user).map((entry) => entry.label)
const pagesOf = (user: User, label: string) =>
  navigationFor(user)
    .find((entry) => entry.label === label)
    ?.pages.map((page) => page.label)

test.group('The main navigation', () => {
  test('a learner sees their own areas and nothing to administer', ({ assert }) => {
    const learner = person([Roles.Learner])
    assert.deepEqual(labels(learner), ['Home', 'Framework', 'Learning', 'Skills', 'Your profile'])
    assert.deepEqual(pagesOf(learner, 'Learning'), ['Courses', 'My learning'])
    assert.deepEqual(pagesOf(learner, 'Skills'), ['My skills', 'My gaps', 'My plan'])

    // A page of the section they have no link to still sits in the section.
    const learning = sectionOf(navigationFor(learner), '/learning/approvals')
    assert.equal(learning?.label, 'Learning')
    assert.isFalse(learning?.pages.some((page) => page.active('/learning/approvals')))
  })

  test('someone with every role still sees nine entries, the rest in their sections', ({
    assert,
  }) => {
    const everything = person(
      [
        Roles.Learner,
        Roles.CapabilityAdmin,
        Roles.DepartmentHr,
        Roles.FastStreamAdmin,
        Roles.TeamLead,
        Roles.CourseAdmin,
      ],
      { lineManager: true, coursesAdmin: true, entrant: true, teamId: 7 }
    )
    assert.deepEqual(labels(everything), [
      'Home',
      'Framework',
      'Learning',
      'Skills',
      'Fast Stream',
      'Workforce',
      'Dashboards',
      'Administration',
      'Your profile',
    ])
    assert.deepEqual(pagesOf(everything, 'Learning'), [
      'Courses',
      'My learning',
      'Approvals',
      'Manage courses',
      'Required learning',
    ])
    assert.deepEqual(pagesOf(everything, 'Skills'), [
      'My skills',
      'My gaps',
      'My plan',
      'Team skills',
      'Validations',
    ])
    assert.deepEqual(pagesOf(everything, 'Fast Stream'), [
      'Placements',
      'Team placements',
      'Fast Stream admin',
    ])
    assert.deepEqual(pagesOf(everything, 'Administration'), [
      'People',
      'Organisations',
      'Audit trail',
      'Identity providers',
    ])
  })

  test('a section of one page is a plain link with that page’s name', ({ assert }) => {
    const lead = person([Roles.Learner, Roles.TeamLead], { teamId: 3 })
    const fastStream = navigationFor(lead).find((entry) => entry.href.startsWith('/fast-stream'))
    assert.deepInclude(fastStream, {
      label: 'Team placements',
      href: '/fast-stream/team/placements',
      pages: [],
    })
    const admin = navigationFor(person([Roles.FastStreamAdmin])).find((entry) =>
      entry.href.startsWith('/fast-stream')
    )
    assert.equal(admin?.label, 'Fast Stream')
    assert.isUndefined(
      navigationFor(person([Roles.TeamLead])).find((entry) =>
        entry.href.startsWith('/fast-stream')
      ),
      'a team lead without a team has no placements to offer'
    )
  })

  test('a page belongs to the section holding it, and Home only to the home page', ({ assert }) => {
    const manager = person([Roles.Learner, Roles.DepartmentHr], { lineManager: true })
    const navigation = navigationFor(manager)
    const cases: [string, string | undefined][] = [
      ['/', 'Home'],
      ['/learning/my', 'Learning'],
      ['/learning/courses/12', 'Learning'],
      ['/capability/people/4/plan', 'Skills'],
      ['/capability/validations', 'Skills'],
      ['/workforce/campaigns', 'Workforce'],
      ['/admin/staff-imports/2', 'Administration'],
      ['/profile/password', 'Your profile'],
      ['/learning/approvals', 'Learning'],
      ['/exports', undefined],
      ['/learningx', undefined],
    ]
    for (const [url, expected] of cases) {
      assert.equal(sectionOf(navigation, url)?.label, expected, url)
    }
    const administration = sectionOf(navigation, '/admin/staff-imports/2')!
    assert.deepEqual(
      administration.pages
        .filter((page) => page.active('/admin/staff-imports/2'))
        .map((p) => p.label),
      ['People']
    )
  })
})
