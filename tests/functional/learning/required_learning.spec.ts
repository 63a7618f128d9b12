import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import mail from '@adonisjs/mail/services/main'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { createUser } from '#database/factories/user_factory'
import { createCompletion, createCourse } from '#database/factories/learning_factory'
import { createRole } from '#database/factories/framework_factory'
import { createRoleAssignment } from '#database/factories/capability_factory'
import CourseRequirement from '#models/course_requirement'
import type Course from '#models/course'
import type User from '#models/user'
import { OrganisationScope } from '#services/organisation_scope'
import {
  complianceCounts,
  findRequirementInScope,
  requiredOf,
  type LoadedRequirement,
} from '#queries/learning/required_learning_query'
import { sendRequirementReminders } from '#actions/learning/send_reminders'
import type RequiredLearningReminder from '#mails/required_learning_reminder'
import { twoDepartments } from '#tests/support/fixtures/departments'
import { joinedDaysAgo, noonDaysAgo, requireCourse, ukDay } from '#tests/support/required_learning'
import { submitAs } from '#tests/support/forms'
import { assertPagesAnswer } from '#tests/support/page_access'
import { apiAs, bearer } from '#tests/support/api'
import { auditOf } from '#tests/support/audit'
import { fileColumns, privateExports, queuedExport } from '#tests/support/exports'
import { createExport } from '#database/factories/export_factory'
import BuildExport from '#jobs/build_export'

/* Department A with its agency, department B, HR of each and a capability admin (in A). */
const departments = () => twoDepartments({ hrB: {}, admin: {} })

const ALL_SCS = ['SCS1', 'SCS2', 'SCS3', 'SCS4'] as const

async function loaded(requirement: CourseRequirement) {
  const scope = new OrganisationScope(true, [])
  return (await findRequirementInScope(scope, requirement.id)) as LoadedRequirement
}

/* The counts a viewer sees, without the zeros. */
async function countsFor(requirement: CourseRequirement, viewer: User | null) {
  const scope = viewer ? await OrganisationScope.forUser(viewer) : null
  const counts = await complianceCounts(await loaded(requirement), scope)
  return Object.fromEntries(Object.entries(counts).filter(([, value]) => value > 0))
}

/* How many people a viewer sees in the audience. */
async function totalFor(requirement: CourseRequirement, viewer: User) {
  const counts = await countsFor(requirement, viewer)
  return counts.total
}

/* Where a person stands on the requirement that matches, from their own pages' reading. */
async function standingOn(person: User, matches: (requirement: CourseRequirement) => boolean) {
  const required = await requiredOf(person)
  return required.find((item) => matches(item.requirement))?.standing ?? null
}

/* The requirements that apply to a person, worst first. */
async function requirementIdsOf(person: User) {
  const required = await requiredOf(person)
  return required.map((item) => item.requirement.id)
}

/* The states people stand in, by name, as one person's own pages work them out. */
async function ownStates(course: Course, people: Record<string, User>) {
  const states: Record<string, string | null> = {}
  for (const [name, person] of Object.entries(people)) {
    const own = await standingOn(person, (requirement) => requirement.courseId === course.id)
    states[name] = own ? own.state : null
  }
  return states
}

test.group('Required learning: audiences', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a grade audience takes every grade given, across government for a capability admin, only in HR’s tree for HR', async ({
    assert,
  }) => {
    const { departmentA, agencyA, departmentB, hrA, hrB, admin } = await departments()
    const course = await createCourse({ title: 'Digital for senior leaders' })
    const scs1 = await createUser({ organisation: departmentA, overrides: { grade: 'SCS1' } })
    const scs3 = await createUser({ organisation: agencyA, overrides: { grade: 'SCS3' } })
    const scs2 = await createUser({ organisation: departmentB, overrides: { grade: 'SCS2' } })
    await createUser({ organisation: departmentA, overrides: { grade: 'G6' } })
    await createUser({
      organisation: departmentA,
      overrides: { grade: 'SCS2', deactivatedAt: DateTime.now() },
    })

    const everyone = await requireCourse(course, {
      audience: { kind: 'grade', grades: [...ALL_SCS] },
      due: { fixed: ukDay(90) },
    })
    assert.deepEqual(await countsFor(everyone, admin!), { not_due: 3, total: 3 })
    assert.deepEqual(await countsFor(everyone, hrA!), { not_due: 2, total: 2 })
    assert.deepEqual(await countsFor(everyone, hrB!), { not_due: 1, total: 1 })

    const hrs = await requireCourse(course, {
      audience: { kind: 'grade', grades: ['SCS1', 'SCS2'] },
      due: { fixed: ukDay(90) },
      scopeOrganisationId: departmentA.id,
    })
    assert.deepEqual(await countsFor(hrs, admin!), { not_due: 1, total: 1 })
    assert.deepEqual(await ownStates(course, { scs1, scs2, scs3 }), {
      scs1: 'not_due',
      scs2: 'not_due',
      scs3: 'not_due',
    })
    const scs2Own = await requiredOf(scs2)
    assert.deepEqual(
      scs2Own.map((item) => item.requirement.id),
      [everyone.id],
      'HR’s requirement never reaches another department'
    )
  })

  test('an organisation takes the organisations below it; a profession, a role and picked people only their own', async ({
    assert,
  }) => {
    const { departmentA, agencyA, departmentB, admin } = await departments()
    const course = await createCourse()
    const inAgency = await createUser({
      organisation: agencyA,
      overrides: { profession: 'policy' },
    })
    const inB = await createUser({ organisation: departmentB, overrides: { profession: 'policy' } })
    const { role, levels } = await createRole({
      role: 'Service Manager',
      levels: [{ name: 'Service Manager', needs: {} }],
    })
    const manager = await createUser({ organisation: departmentB })
    await createRoleAssignment(manager, levels[0])
    const aspiring = await createUser({ organisation: departmentB })
    await createRoleAssignment(aspiring, levels[0], { kind: 'target' })

    const byOrganisation = await requireCourse(course, {
      audience: { kind: 'organisation', organisationId: agencyA.id },
      due: { fixed: ukDay(90) },
    })
    const byParent = await requireCourse(course, {
      audience: { kind: 'organisation', organisationId: departmentA.id },
      due: { fixed: ukDay(90) },
    })
    const byProfession = await requireCourse(course, {
      audience: { kind: 'profession', profession: 'policy' },
      due: { fixed: ukDay(90) },
    })
    const byRole = await requireCourse(course, {
      audience: { kind: 'role_profile', roleProfileId: role.id },
      due: { fixed: ukDay(90) },
    })
    const byName = await requireCourse(course, {
      audience: { kind: 'people', people: [inB] },
      due: { fixed: ukDay(90) },
    })

    assert.equal(await totalFor(byOrganisation, admin!), 1)
    // Department A: the admin, its HR and the agency's person.
    assert.equal(await totalFor(byParent, admin!), 3)
    assert.equal(await totalFor(byProfession, admin!), 2)
    assert.equal(await totalFor(byRole, admin!), 1)
    assert.equal(await totalFor(byName, admin!), 1)

    const ids = async (person: User) => {
      const found = await requirementIdsOf(person)
      return found.sort((a, b) => a - b)
    }
    assert.deepEqual(await ids(inAgency), [byOrganisation.id, byParent.id, byProfession.id])
    assert.deepEqual(await ids(inB), [byProfession.id, byName.id])
    assert.deepEqual(await ids(manager), [byRole.id])
    assert.deepEqual(await ids(aspiring), [])
  })
})

test.group('Required learning: due dates, recurrence and expiry', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a fixed due date: not due yet, due within 30 days, overdue once passed', async ({
    assert,
  }) => {
    const { departmentA, admin } = await departments()
    const person = await createUser({ organisation: departmentA, overrides: { grade: 'SCS1' } })
    const cases = [
      [ukDay(45), 'not_due'],
      [ukDay(30), 'due'],
      [ukDay(0), 'due'],
      [ukDay(-1), 'overdue'],
    ] as const
    for (const [dueOn, state] of cases) {
      const course = await createCourse()
      const requirement = await requireCourse(course, {
        audience: { kind: 'grade', grades: ['SCS1'] },
        due: { fixed: dueOn },
        setDaysAgo: 60,
      })
      assert.deepEqual(await countsFor(requirement, admin!), { [state]: 1, total: 1 }, dueOn)
      const own = await standingOn(person, (required) => required.id === requirement.id)
      assert.equal(own?.state, state, dueOn)
      assert.equal(own?.dueOn, dueOn)
    }
  })

  test('a due date after joining counts from joining, or from when the requirement was set if later', async ({
    assert,
  }) => {
    const { departmentA, admin } = await departments()
    const course = await createCourse()
    const longServing = await createUser({
      organisation: departmentA,
      overrides: { grade: 'SCS1' },
    })
    await joinedDaysAgo(longServing, 400)
    const recent = await createUser({ organisation: departmentA, overrides: { grade: 'SCS2' } })
    await joinedDaysAgo(recent, 50)
    const newcomer = await createUser({ organisation: departmentA, overrides: { grade: 'SCS3' } })
    await joinedDaysAgo(newcomer, 1)

    const requirement = await requireCourse(course, {
      audience: { kind: 'grade', grades: [...ALL_SCS] },
      due: { days: 60 },
      setDaysAgo: 100,
    })
    // Set 100 days ago: due 40 days ago for who was there; 10 days from now for who joined 50 days ago; 59 days for who joined yesterday.
    assert.deepEqual(await countsFor(requirement, admin!), {
      overdue: 1,
      due: 1,
      not_due: 1,
      total: 3,
    })
    const standings = Object.fromEntries(
      await Promise.all(
        Object.entries({ longServing, recent, newcomer }).map(async ([name, person]) => {
          const own = await standingOn(person, () => true)
          return [name, `${own?.state} ${own?.dueOn}`]
        })
      )
    )
    assert.deepEqual(standings, {
      longServing: `overdue ${ukDay(-40)}`,
      recent: `due ${ukDay(10)}`,
      newcomer: `not_due ${ukDay(59)}`,
    })
  })

  test('joining a role counts from when the role was given', async ({ assert }) => {
    const { departmentB, admin } = await departments()
    const course = await createCourse()
    const { role, levels } = await createRole({ levels: [{ name: 'Service Manager', needs: {} }] })
    const manager = await createUser({ organisation: departmentB })
    await joinedDaysAgo(manager, 1000)
    const assignment = await createRoleAssignment(manager, levels[0])
    await db
      .from('role_assignments')
      .where('id', assignment.id)
      .update({ created_at: noonDaysAgo(20).toUTC().toFormat('yyyy-MM-dd HH:mm:ss') })
    const requirement = await requireCourse(course, {
      audience: { kind: 'role_profile', roleProfileId: role.id },
      due: { days: 90 },
      setDaysAgo: 365,
    })
    assert.deepEqual(await countsFor(requirement, admin!), { not_due: 1, total: 1 })
    const managerOwn = await standingOn(manager, () => true)
    assert.equal(managerOwn?.dueOn, ukDay(70))
  })

  test('a completion of any source counts; the course’s validity makes it expire and due again', async ({
    assert,
  }) => {
    const { departmentA, admin } = await departments()
    const course = await createCourse()
    course.validityMonths = 12
    await course.save()
    const lapsed = await createUser({ organisation: departmentA, overrides: { grade: 'SCS1' } })
    const valid = await createUser({ organisation: departmentA, overrides: { grade: 'SCS1' } })
    const declared = await createUser({ organisation: departmentA, overrides: { grade: 'SCS1' } })
    const never = await createUser({ organisation: departmentA, overrides: { grade: 'SCS1' } })
    await createCompletion(never, await createCourse({ title: 'Another course' }), {
      completedOn: DateTime.now().minus({ days: 3 }),
    })
    await createCompletion(lapsed, course, { completedOn: DateTime.now().minus({ months: 13 }) })
    await createCompletion(lapsed, course, { completedOn: DateTime.now().minus({ months: 14 }) })
    await createCompletion(valid, course, { completedOn: DateTime.now().minus({ months: 11 }) })
    await createCompletion(declared, course, {
      completedOn: DateTime.now().minus({ days: 3 }),
      source: 'declared',
    })
    const requirement = await requireCourse(course, {
      audience: { kind: 'grade', grades: ['SCS1'] },
      due: { fixed: ukDay(-10) },
      setDaysAgo: 30,
    })
    assert.deepEqual(await countsFor(requirement, admin!), {
      expired: 1,
      completed: 2,
      overdue: 1,
      total: 4,
    })
    assert.deepEqual(await ownStates(course, { lapsed, valid, declared, never }), {
      lapsed: 'expired',
      valid: 'completed',
      declared: 'completed',
      never: 'overdue',
    })
    const validOwn = (await standingOn(valid, () => true))!
    const completedOn = DateTime.now().minus({ months: 11 }).toISODate()!
    assert.equal(
      validOwn.validUntil,
      DateTime.fromISO(completedOn).plus({ months: 12 }).toISODate()
    )
  })

  test('recurrence makes it due again the given months after the last completion', async ({
    assert,
  }) => {
    const { departmentA, admin } = await departments()
    const course = await createCourse()
    const lastLongAgo = await createUser({
      organisation: departmentA,
      overrides: { grade: 'SCS4' },
    })
    const lastRecently = await createUser({
      organisation: departmentA,
      overrides: { grade: 'SCS4' },
    })
    await createCompletion(lastLongAgo, course, {
      completedOn: DateTime.now().minus({ months: 37 }),
    })
    await createCompletion(lastRecently, course, {
      completedOn: DateTime.now().minus({ months: 35 }),
    })
    const once = await requireCourse(course, {
      audience: { kind: 'grade', grades: ['SCS4'] },
      due: { fixed: ukDay(30) },
    })
    const everyThreeYears = await requireCourse(course, {
      audience: { kind: 'grade', grades: ['SCS4'] },
      due: { fixed: ukDay(30) },
      recurrenceMonths: 36,
    })
    assert.deepEqual(await countsFor(once, admin!), { completed: 2, total: 2 })
    assert.deepEqual(await countsFor(everyThreeYears, admin!), {
      completed: 1,
      expired: 1,
      total: 2,
    })
  })
})

test.group('Required learning: pages', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  const form = (courseId: number, extra: Record<string, unknown> = {}) => ({
    courseId: String(courseId),
    audienceKind: 'grade',
    grades: ['SCS1', 'SCS2'],
    dueKind: 'fixed',
    dueOn: { day: '31', month: '3', year: String(DateTime.now().year + 1) },
    ...extra,
  })

  test('HR require a course of grades in their organisations: audited, and its dashboard counts their people', async ({
    assert,
    client,
  }) => {
    const { departmentA, agencyA, departmentB, hrA } = await departments()
    const course = await createCourse({ title: 'Digital for senior leaders' })
    await createUser({
      organisation: agencyA,
      overrides: { grade: 'SCS1', fullName: 'Ada Agency' },
    })
    await createUser({
      organisation: departmentB,
      overrides: { grade: 'SCS1', fullName: 'Bea Beta' },
    })

    const response = await submitAs(client, hrA!).post('/learning/requirements', form(course.id))
    const requirement = await CourseRequirement.query().firstOrFail()
    response.assertStatus(302)
    response.assertHeader('location', `/learning/requirements/${requirement.id}`)
    assert.equal(requirement.scopeOrganisationId, departmentA.id)
    assert.deepEqual(requirement.grades, ['SCS1', 'SCS2'])
    assert.equal(requirement.dueOn!.toISODate(), `${DateTime.now().year + 1}-03-31`)
    const audit = await auditOf(hrA!, 'create', 'course_requirement', requirement.id)
    assert.equal(audit.organisationId, departmentA.id)

    const page = await client.get(`/learning/requirements/${requirement.id}`).loginAs(hrA!)
    page.assertStatus(200)
    page.assertTextIncludes('Digital for senior leaders')
    page.assertTextIncludes('Ada Agency')
    assert.notInclude(page.text(), 'Bea Beta')
    const index = await client.get('/learning/requirements').loginAs(hrA!)
    index.assertTextIncludes('Digital for senior leaders')
  })

  test('the form says what is wrong with each field, in the GOV.UK words', async ({
    assert,
    client,
  }) => {
    const { hrA } = await departments()
    const course = await createCourse()
    const errorsOf = async (fields: Record<string, unknown>) => {
      const response = await submitAs(client, hrA!).post('/learning/requirements', fields)
      return response.flashMessages()?.inputErrorsBag ?? {}
    }
    assert.deepInclude(await errorsOf({}), {
      courseId: ['Select the course that is required'],
      audienceKind: ['Select who the course is required of'],
      dueKind: ['Select how the due date is set'],
    })
    assert.deepInclude(await errorsOf(form(course.id, { grades: [] })), {
      grades: ['Select at least one grade the course is required of'],
    })
    assert.deepInclude(await errorsOf(form(course.id, { dueKind: 'after_joining' })), {
      dueDays: ['Enter the number of days after joining, like 90'],
    })
    assert.deepInclude(
      await errorsOf(form(course.id, { dueOn: { day: '', month: '', year: '' } })),
      { dueOn: ['Enter the date it is due by'] }
    )
    assert.deepInclude(
      await errorsOf(form(course.id, { dueOn: { day: '1', month: '1', year: '2020' } })),
      { dueOn: ['The due date must be today or in the future'] }
    )
    assert.deepInclude(
      await errorsOf(
        form(course.id, { audienceKind: 'people', emails: 'nobody@example.gov.uk\n' })
      ),
      {
        emails: [
          'There is no active person in your organisations with this e-mail address: nobody@example.gov.uk',
        ],
      }
    )
    assert.equal(
      await CourseRequirement.query()
        .count('* as total')
        .first()
        .then((r: any) => Number(r.$extras.total)),
      0
    )
  })

  test('HR may not require a course of another department’s organisation or people', async ({
    assert,
    client,
  }) => {
    const { departmentB, hrA } = await departments()
    const course = await createCourse()
    const inB = await createUser({ organisation: departmentB })
    const errors = async (fields: Record<string, unknown>) => {
      const response = await submitAs(client, hrA!).post('/learning/requirements', fields)
      return response.flashMessages()?.inputErrorsBag as Record<string, string[]>
    }
    const organisation = await errors(
      form(course.id, { audienceKind: 'organisation', organisationId: String(departmentB.id) })
    )
    assert.deepEqual(organisation.organisationId, ['Select an organisation from the list'])
    const people = await errors(form(course.id, { audienceKind: 'people', emails: inB.email }))
    assert.include(people.emails[0], inB.email)
  })

  test('another department’s requirement is not found; learners may not use the pages', async ({
    client,
  }) => {
    const { departmentB, hrA, hrB } = await departments()
    const learner = await createUser({ organisation: departmentB })
    const course = await createCourse()
    const requirement = await requireCourse(course, {
      audience: { kind: 'grade', grades: ['SCS1'] },
      due: { fixed: ukDay(30) },
      scopeOrganisationId: departmentB.id,
      by: hrB,
    })
    const pages = [
      `/learning/requirements/${requirement.id}`,
      `/learning/requirements/${requirement.id}/people.csv`,
      `/learning/requirements/${requirement.id}/withdraw`,
    ]
    await assertPagesAnswer(client, hrA!, pages, 404)
    const withdraw = await submitAs(client, hrA!).post(
      `/learning/requirements/${requirement.id}/withdraw`
    )
    withdraw.assertStatus(404)
    await assertPagesAnswer(client, hrB!, pages, 200)
    await assertPagesAnswer(
      client,
      learner,
      ['/learning/requirements', '/learning/requirements/create'],
      403
    )
  })

  test('withdrawing ends a requirement, audited; HR may not withdraw one set for everyone', async ({
    assert,
    client,
  }) => {
    const { departmentA, hrA, admin } = await departments()
    const person = await createUser({ organisation: departmentA, overrides: { grade: 'SCS1' } })
    const course = await createCourse({ title: 'Leading digital change' })
    const hrs = await requireCourse(course, {
      audience: { kind: 'grade', grades: ['SCS1'] },
      due: { fixed: ukDay(10) },
      scopeOrganisationId: departmentA.id,
    })
    const everyones = await requireCourse(course, {
      audience: { kind: 'grade', grades: ['SCS1'] },
      due: { fixed: ukDay(20) },
    })
    assert.lengthOf(await requiredOf(person), 2)

    const refused = await submitAs(client, hrA!).post(
      `/learning/requirements/${everyones.id}/withdraw`
    )
    refused.assertStatus(302)
    assert.equal(
      refused.flashMessages().error,
      'Only a capability admin can withdraw a requirement set for everyone or for another organisation'
    )
    await everyones.refresh()
    assert.isNull(everyones.withdrawnAt)

    const done = await submitAs(client, hrA!).post(`/learning/requirements/${hrs.id}/withdraw`)
    done.assertHeader('location', '/learning/requirements')
    await hrs.refresh()
    assert.isNotNull(hrs.withdrawnAt)
    assert.equal(hrs.withdrawnBy, hrA!.id)
    await auditOf(hrA!, 'update', 'course_requirement', hrs.id)
    assert.deepEqual(await requirementIdsOf(person), [everyones.id])
    await submitAs(client, admin!).post(`/learning/requirements/${everyones.id}/withdraw`)
    assert.lengthOf(await requiredOf(person), 0)
    const home = await client.get('/').loginAs(person)
    assert.notInclude(home.text(), 'Required of you')
  })

  test('the people list’s CSV has each person’s state with the page’s filters, formulas guarded', async ({
    assert,
    client,
  }) => {
    const { departmentA, admin } = await departments()
    const course = await createCourse()
    await createUser({
      organisation: departmentA,
      overrides: { grade: 'SCS1', fullName: '=HYPERLINK("http://evil")' },
    })
    const done = await createUser({
      organisation: departmentA,
      overrides: { grade: 'SCS1', fullName: 'Dee Done' },
    })
    await createCompletion(done, course, { completedOn: DateTime.fromISO('2026-01-05') })
    const requirement = await requireCourse(course, {
      audience: { kind: 'grade', grades: ['SCS1'] },
      due: { fixed: ukDay(-1) },
      setDaysAgo: 10,
    })
    const all = await client
      .get(`/learning/requirements/${requirement.id}/people.csv`)
      .loginAs(admin!)
    all.assertStatus(200)
    const lines = all.text().trim().split(/\r?\n/)
    assert.equal(lines[0], 'Name,Email,Organisation,State,Due on,Last completed on,Valid until')
    assert.lengthOf(lines, 3)
    assert.include(lines[1], `"'=HYPERLINK(""http://evil"")"`)
    assert.include(lines[1], `Overdue,${ukDay(-1)},,`)
    assert.include(lines[2], 'Dee Done')
    assert.include(lines[2], 'Completed,,2026-01-05,')

    const overdue = await client
      .get(`/learning/requirements/${requirement.id}/people.csv`)
      .qs({ state: 'overdue' })
      .loginAs(admin!)
    assert.lengthOf(overdue.text().trim().split(/\r?\n/), 2)
    const page = await client
      .get(`/learning/requirements/${requirement.id}`)
      .qs({ state: 'completed' })
      .loginAs(admin!)
    page.assertTextIncludes('Dee Done')
    assert.notInclude(page.text(), 'HYPERLINK')
    assert.include(page.text(), `people.csv?state=completed`)
  })

  test('people see what is required of them on their home page and My learning, overdue first', async ({
    assert,
    client,
  }) => {
    const { departmentA } = await departments()
    const person = await createUser({ organisation: departmentA, overrides: { grade: 'SCS2' } })
    const later = await createCourse({ title: 'Data for decision makers' })
    const overdue = await createCourse({ title: 'Cyber security for leaders' })
    const done = await createCourse({ title: 'Agile for leaders' })
    await createCompletion(person, done)
    await requireCourse(later, {
      audience: { kind: 'grade', grades: ['SCS2'] },
      due: { fixed: ukDay(20) },
    })
    await requireCourse(overdue, {
      audience: { kind: 'grade', grades: ['SCS2'] },
      due: { fixed: ukDay(-3) },
      setDaysAgo: 30,
    })
    await requireCourse(done, {
      audience: { kind: 'grade', grades: ['SCS2'] },
      due: { fixed: ukDay(20) },
    })

    const homePage = await client.get('/').loginAs(person)
    const home = homePage.text()
    assert.include(home, 'Required of you')
    const first = home.indexOf('Cyber security for leaders')
    const second = home.indexOf('Data for decision makers')
    assert.isAbove(first, 0)
    assert.isAbove(second, first)
    assert.include(home, 'Overdue: it was due by')
    assert.notInclude(
      home.slice(home.indexOf('Required of you'), home.indexOf('Your learning and development')),
      'Agile for leaders'
    )

    const myPage = await client.get('/learning/my').loginAs(person)
    const mine = myPage.text()
    assert.include(mine, 'Required of you')
    assert.isAbove(
      mine.indexOf('Data for decision makers'),
      mine.indexOf('Cyber security for leaders')
    )
    assert.include(mine, 'Agile for leaders')
    assert.include(mine, 'Completed')
  })
})

test.group('Required learning: course validity and the learning record', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a course admin says how long a completion stays valid; the learning record shows when it expires', async ({
    assert,
    client,
  }) => {
    const admin = await createUser({ roles: ['capability_admin', 'learner'] })
    const course = await createCourse({ title: 'Secure by design' })
    const response = await submitAs(client, admin).put(`/learning/admin/courses/${course.id}`, {
      code: course.code,
      title: course.title,
      summary: 'Security from the start.',
      provider: String(course.providerId),
      mode: 'online',
      durationHours: '3',
      cost: '0',
      status: 'published',
      requiresApproval: 'false',
      validityMonths: '36',
    })
    response.assertStatus(302)
    await course.refresh()
    assert.equal(course.validityMonths, 36)

    const bad = await submitAs(client, admin).put(`/learning/admin/courses/${course.id}`, {
      code: course.code,
      title: course.title,
      summary: 'Security from the start.',
      provider: String(course.providerId),
      mode: 'online',
      durationHours: '3',
      cost: '0',
      status: 'published',
      requiresApproval: 'false',
      validityMonths: '2.5',
    })
    assert.deepEqual(
      (bad.flashMessages().inputErrorsBag as Record<string, string[]>).validityMonths,
      ['Enter how many months a completion stays valid as a whole number, like 36']
    )

    const learner = await createUser()
    await createCompletion(learner, course, { completedOn: DateTime.fromISO('2026-12-07') })
    await createCompletion(learner, course, { completedOn: DateTime.fromISO('2020-05-01') })
    const record = await client.get('/learning/record').loginAs(learner)
    record.assertTextIncludes('Valid until 7 December 2029')
    record.assertTextIncludes('Expired on 2 May 2023')
  })
})

test.group('Required learning: reminders', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('people are reminded before the due date, on it and after it, once each', async ({
    assert,
    cleanup,
  }) => {
    const fake = mail.fake()
    cleanup(() => mail.restore())
    const { departmentA } = await departments()
    const course = await createCourse({ title: 'Digital for senior leaders' })
    const person = await createUser({
      organisation: departmentA,
      overrides: { grade: 'SCS1', fullName: 'Sam Senior' },
    })
    const finished = await createUser({ organisation: departmentA, overrides: { grade: 'SCS1' } })
    await createCompletion(finished, course)
    await createUser({
      organisation: departmentA,
      overrides: { grade: 'SCS1', deactivatedAt: DateTime.now() },
    })
    const requirement = await requireCourse(course, {
      audience: { kind: 'grade', grades: ['SCS1'] },
      due: { fixed: ukDay(10) },
    })
    const at = (days: number) => DateTime.now().plus({ days }).toJSDate()
    const sent = () => fake.mails.sent() as RequiredLearningReminder[]

    // 45 days before: not yet.
    await db
      .from('course_requirements')
      .where('id', requirement.id)
      .update({ due_on: ukDay(45) })
    assert.deepEqual(await sendRequirementReminders(), { requirements: 1, sent: 0, failed: 0 })
    await db
      .from('course_requirements')
      .where('id', requirement.id)
      .update({ due_on: ukDay(10) })

    assert.deepEqual(await sendRequirementReminders(), { requirements: 1, sent: 1, failed: 0 })
    assert.deepEqual(await sendRequirementReminders({ now: at(1) }), {
      requirements: 1,
      sent: 0,
      failed: 0,
    })
    assert.lengthOf(sent(), 1)
    sent()[0].message.assertTo(person.email, 'Sam Senior')
    sent()[0].message.assertSubject(
      `Digital for senior leaders is required of you by ${DateTime.fromISO(ukDay(10)).toFormat('d LLLL yyyy')}`
    )

    fake.mails.clear()
    const run10 = await sendRequirementReminders({ now: at(10) })
    assert.equal(run10.sent, 1)
    sent()[0].message.assertSubject('Digital for senior leaders is due today')
    fake.mails.clear()
    const run11 = await sendRequirementReminders({ now: at(11) })
    assert.equal(run11.sent, 1)
    const run12 = await sendRequirementReminders({ now: at(12) })
    assert.equal(run12.sent, 0)
    sent()[0].message.assertSubject('Digital for senior leaders is overdue')
    sent()[0].message.assertTextIncludes(`/learning/courses/${course.id}`)

    const recorded = await db
      .from('course_requirement_reminders')
      .where('user_id', person.id)
      .orderBy('id')
      .select('kind')
    assert.deepEqual(
      recorded.map((row) => row.kind),
      ['before', 'on', 'after']
    )
  })
})

test.group('Required learning: the API', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('people read their own required learning, worst first', async ({ assert, client }) => {
    const { departmentA } = await departments()
    const person = await createUser({ organisation: departmentA, overrides: { grade: 'SCS1' } })
    const soon = await createCourse({ title: 'Soon' })
    const late = await createCourse({ title: 'Late' })
    await requireCourse(soon, {
      audience: { kind: 'grade', grades: ['SCS1'] },
      due: { fixed: ukDay(5) },
    })
    const overdue = await requireCourse(late, {
      audience: { kind: 'grade', grades: ['SCS1'] },
      due: { fixed: ukDay(-5) },
      setDaysAgo: 20,
    })
    const response = await apiAs(client, await bearer(person)).get('/api/v1/me/required-learning')
    response.assertStatus(200)
    assert.deepEqual(response.body().data[0], {
      requirementId: overdue.id,
      course: { id: late.id, code: late.code, title: 'Late' },
      state: 'overdue',
      dueOn: ukDay(-5),
      lastCompletedOn: null,
      validUntil: null,
    })
    assert.equal(response.body().data[1].state, 'due')
  })

  test('HR set and list requirements; bad bodies get 422 with the field; learners 403', async ({
    assert,
    client,
  }) => {
    const { departmentA, departmentB, hrA, hrB } = await departments()
    await createUser({ organisation: departmentA, overrides: { grade: 'SCS1' } })
    const course = await createCourse()
    const api = apiAs(client, await bearer(hrA!))
    const created = await api.post('/api/v1/requirements').json({
      courseId: course.id,
      audienceKind: 'grade',
      grades: ['SCS1'],
      dueKind: 'after_joining',
      dueDays: 90,
      recurrenceMonths: 36,
    })
    created.assertStatus(201)
    assert.containsSubset(created.body().data, {
      audience: { kind: 'grade', grades: ['SCS1'] },
      due: { kind: 'after_joining', dueOn: null, days: 90 },
      recurrenceMonths: 36,
      setFor: { id: departmentA.id },
      compliance: { not_due: 1, total: 1 },
    })

    const bad = await api.post('/api/v1/requirements').json({
      courseId: course.id,
      audienceKind: 'organisation',
      organisationId: departmentB.id,
      dueKind: 'fixed',
      dueOn: ukDay(10),
    })
    bad.assertStatus(422)
    assert.deepEqual(bad.body().errors, [
      {
        field: 'organisationId',
        message: 'organisationId is not the id of an organisation you can see',
        rule: 'exists',
      },
    ])
    const missing = await api.post('/api/v1/requirements').json({
      courseId: course.id,
      audienceKind: 'grade',
      dueKind: 'fixed',
    })
    missing.assertStatus(422)
    assert.sameMembers(
      missing.body().errors.map((error: { field: string }) => error.field),
      ['grades', 'dueOn']
    )

    const unknown = await api.post('/api/v1/requirements').json({ notAField: 'x' })
    unknown.assertStatus(422)
    assert.include(
      unknown.body().errors.map((error: { field: string }) => error.field),
      'notAField'
    )
    assert.lengthOf(await CourseRequirement.all(), 1)

    const listA = await api.get('/api/v1/requirements')
    assert.lengthOf(listA.body().data, 1)
    const listB = await apiAs(client, await bearer(hrB!)).get('/api/v1/requirements')
    assert.lengthOf(listB.body().data, 0)

    const learner = await createUser({ organisation: departmentA })
    const refused = await apiAs(client, await bearer(learner)).get('/api/v1/requirements')
    refused.assertStatus(403)
  })

  test('a requirement’s compliance, within the caller’s scope; another department’s is 404', async ({
    assert,
    client,
  }) => {
    const { departmentA, departmentB, hrA, hrB, admin } = await departments()
    const course = await createCourse()
    const a = await createUser({
      organisation: departmentA,
      overrides: { grade: 'SCS1', fullName: 'Ann A' },
    })
    await createUser({ organisation: departmentB, overrides: { grade: 'SCS1' } })
    await createCompletion(a, course)
    const everyone = await requireCourse(course, {
      audience: { kind: 'grade', grades: ['SCS1'] },
      due: { fixed: ukDay(40) },
    })
    const forB = await requireCourse(course, {
      audience: { kind: 'grade', grades: ['SCS1'] },
      due: { fixed: ukDay(40) },
      scopeOrganisationId: departmentB.id,
    })
    const asAdmin = await apiAs(client, await bearer(admin!)).get(
      `/api/v1/requirements/${everyone.id}/compliance`
    )
    asAdmin.assertStatus(200)
    assert.deepEqual(asAdmin.body().data.counts, {
      overdue: 0,
      expired: 0,
      due: 0,
      not_due: 1,
      completed: 1,
      total: 2,
    })
    assert.lengthOf(asAdmin.body().data.organisations, 2)

    const asA = await apiAs(client, await bearer(hrA!))
      .get(`/api/v1/requirements/${everyone.id}/compliance`)
      .qs({ state: 'completed' })
    assert.equal(asA.body().data.counts.total, 1)
    assert.deepEqual(
      asA.body().data.people.map((row: { person: { name: string } }) => row.person.name),
      ['Ann A']
    )
    assert.equal(asA.body().meta.total, 1)

    const hidden = await apiAs(client, await bearer(hrA!)).get(
      `/api/v1/requirements/${forB.id}/compliance`
    )
    hidden.assertStatus(404)
    const own = await apiAs(client, await bearer(hrB!)).get(
      `/api/v1/requirements/${forB.id}/compliance`
    )
    own.assertStatus(200)
    const badFilter = await apiAs(client, await bearer(hrB!))
      .get(`/api/v1/requirements/${forB.id}/compliance`)
      .qs({ state: 'lost' })
    badFilter.assertStatus(422)
  })
})

test.group('Required learning: compliance as a job', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  privateExports(group, { jobThreshold: 1, batchSize: 1 })

  test('a large list is written by a job a row at a time, with the page’s filters, in the reader’s scope', async ({
    assert,
    client,
  }) => {
    const { departmentA, departmentB, hrA, hrB } = await departments()
    const course = await createCourse()
    for (const name of ['Cy Third', 'Ab First', 'Bo Second']) {
      await createUser({ organisation: departmentA, overrides: { grade: 'SCS1', fullName: name } })
    }
    const done = await createUser({
      organisation: departmentA,
      overrides: { grade: 'SCS1', fullName: 'Di Done' },
    })
    await createCompletion(done, course)
    const requirement = await requireCourse(course, {
      audience: { kind: 'grade', grades: ['SCS1'] },
      due: { fixed: ukDay(-2) },
      setDaysAgo: 10,
    })
    const { record } = await queuedExport(
      client.get(`/learning/requirements/${requirement.id}/people.csv`).qs({ state: 'overdue' }),
      hrA!
    )
    assert.equal(record.kind, 'requirementCompliance')
    assert.deepEqual(record.filters, { requirementId: String(requirement.id), state: 'overdue' })
    await BuildExport.dispatch({ exportId: record.id })
    await record.refresh()
    assert.equal(record.status, 'done')
    assert.deepEqual(await fileColumns(record, [0, 2, 3, 4]), [
      ['Name', 'Organisation', 'State', 'Due on'],
      ['Ab First', departmentA.name, 'Overdue', ukDay(-2)],
      ['Bo Second', departmentA.name, 'Overdue', ukDay(-2)],
      ['Cy Third', departmentA.name, 'Overdue', ukDay(-2)],
    ])

    // HR of another department see none of these people, whatever the address asks.
    await createUser({ organisation: departmentB, overrides: { grade: 'SCS1' } })
    const other = await createExport(hrB!, 'requirementCompliance', {
      filters: { requirementId: String(requirement.id) },
      rowsTotal: 4,
    })
    await BuildExport.dispatch({ exportId: other.id })
    await other.refresh()
    assert.deepEqual(await fileColumns(other, [3]), [['State'], ['Overdue']])
  })
})
