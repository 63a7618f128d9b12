import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import {
  createAudience,
  createCourse,
  createOutcome,
  createProvider,
  createSession,
} from '#database/factories/learning_factory'
import { createRole, createSkill } from '#database/factories/framework_factory'
import AuditEvent from '#models/audit_event'
import Course from '#models/course'
import CourseOutcome from '#models/course_outcome'
import CourseAudience from '#models/course_audience'
import CourseSession from '#models/course_session'
import Enrolment from '#models/enrolment'
import Provider from '#models/provider'
import type { ApiResponse } from '@japa/api-client'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/user'
import { FORM_DATES, submitWithDatesAs, withDateParts } from '#tests/support/date_input'
import { type FormChange, assertPagesAndChangesAnswer } from '#tests/support/page_access'
import { auditOf } from '#tests/support/audit'
import { providersWithAdmins } from '#tests/support/fixtures/providers'
import { enrolled } from '#tests/support/enrolments'

/* Forms send their dates as GOV.UK date inputs do: day, month and year boxes. */
const submitAs = (client: ApiClient, user: User) => submitWithDatesAs(client, user)

/* Two providers, each with its own course admin and a course; a capability admin over both. */
async function twoProviders() {
  const { adminA, adminB, providerA, providerB } = await providersWithAdmins()
  const courseA = await createCourse({ provider: providerA, title: 'Agile for teams' })
  const courseB = await createCourse({
    provider: providerB,
    title: 'Data engineering',
    status: 'draft',
  })
  const capabilityAdmin = await createUser({ roles: ['capability_admin'] })
  return { adminA, adminB, providerA, providerB, courseA, courseB, capabilityAdmin }
}

const COURSE_FORM = {
  code: 'AGILE-201',
  title: 'Agile leadership',
  summary: 'Leading teams that deliver in short cycles.',
  mode: 'blended',
  durationHours: '10.5',
  cost: '£1,250.50',
  status: 'published',
  requiresApproval: 'true',
}

/* 9:30am UK time on 14 July next year (summer time: 08:30 UTC). */
const nextYear = DateTime.now().year + 1
const SESSION_FORM = {
  startDate: `${nextYear}-07-14`,
  startTime: '09:30',
  endDate: '',
  endTime: '16:30',
  closesDate: '',
  closesTime: '',
  venue: 'Aviation House, room 4',
  location: 'London',
  onlineUrl: '',
  capacity: '12',
}

/* The field messages a form submission was sent back with. */
async function errorsFrom(request: PromiseLike<ApiResponse>) {
  const response = await request
  return response.flashMessages()?.inputErrorsBag
}

test.group('Course admin: access', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('learners and department HR are refused every course admin page and change', async ({
    client,
    assert,
  }) => {
    const { courseA } = await twoProviders()
    const session = await createSession({ course: courseA })
    const skill = await createSkill('User research')
    const outcome = await createOutcome(courseA, skill, 2)
    const learner = await createUser({ roles: ['learner'] })
    const hr = await createUser({ roles: ['department_hr'] })
    const pages = [
      '/learning/admin/courses',
      '/learning/admin/courses/create',
      `/learning/admin/courses/${courseA.id}/edit`,
      `/learning/admin/outcomes/${outcome.id}/edit`,
      `/learning/admin/courses/${courseA.id}/sessions/create`,
      `/learning/admin/sessions/${session.id}/edit`,
      `/learning/admin/sessions/${session.id}/cancel`,
      `/learning/admin/sessions/${session.id}`,
      '/learning/admin/providers',
    ]
    const changes: FormChange[] = [
      ['post', '/learning/admin/courses', COURSE_FORM],
      ['put', `/learning/admin/courses/${courseA.id}`, COURSE_FORM],
      ['post', `/learning/admin/courses/${courseA.id}/outcomes`, { skillId: skill.id, level: 3 }],
      ['put', `/learning/admin/outcomes/${outcome.id}`, { level: 4 }],
      ['delete', `/learning/admin/outcomes/${outcome.id}`, {}],
      ['post', `/learning/admin/courses/${courseA.id}/sessions`, SESSION_FORM],
      ['put', `/learning/admin/sessions/${session.id}`, SESSION_FORM],
      ['post', `/learning/admin/sessions/${session.id}/cancel`, { reason: 'Mischief' }],
      ['post', '/learning/admin/providers', { code: 'X1', name: 'Planted provider' }],
    ]
    for (const user of [learner, hr]) {
      await assertPagesAndChangesAnswer(assert, client, user, { pages, changes }, 403)
    }
    await Promise.all([courseA.refresh(), session.refresh(), outcome.refresh()])
    assert.equal(courseA.title, 'Agile for teams')
    assert.equal(session.status, 'scheduled')
    assert.equal(outcome.level, 2)
    assert.isNull(await Course.findBy('code', 'AGILE-201'))
    assert.lengthOf(await AuditEvent.query().whereIn('actor_id', [learner.id, hr.id]), 0)
  })

  test('a course admin cannot see or change another provider’s course, outcomes or sessions', async ({
    client,
    assert,
  }) => {
    const { adminA, courseB, providerB } = await twoProviders()
    const session = await createSession({ course: courseB })
    const skill = await createSkill('Data modelling')
    const outcome = await createOutcome(courseB, skill, 2)
    const { role } = await createRole({ levels: [{ name: 'Data engineer', needs: {} }] })
    const audience = await createAudience(courseB, role, 'mandatory')
    const pages = [
      `/learning/admin/courses/${courseB.id}/edit`,
      `/learning/admin/outcomes/${outcome.id}/edit`,
      `/learning/admin/courses/${courseB.id}/sessions/create`,
      `/learning/admin/sessions/${session.id}/edit`,
      `/learning/admin/sessions/${session.id}/cancel`,
      '/learning/admin/providers',
    ]
    const changes: FormChange[] = [
      ['put', `/learning/admin/courses/${courseB.id}`, COURSE_FORM],
      ['post', `/learning/admin/courses/${courseB.id}/outcomes`, { skillId: skill.id, level: 3 }],
      ['put', `/learning/admin/outcomes/${outcome.id}`, { level: 4 }],
      ['delete', `/learning/admin/outcomes/${outcome.id}`, {}],
      [
        'post',
        `/learning/admin/courses/${courseB.id}/audiences`,
        { roleProfileId: role.id, kind: 'recommended' },
      ],
      ['delete', `/learning/admin/audiences/${audience.id}`, {}],
      ['post', `/learning/admin/courses/${courseB.id}/sessions`, SESSION_FORM],
      ['put', `/learning/admin/sessions/${session.id}`, { ...SESSION_FORM, capacity: '99' }],
      ['post', `/learning/admin/sessions/${session.id}/cancel`, { reason: 'Mischief' }],
      ['post', '/learning/admin/courses', { ...COURSE_FORM, provider: providerB.id }],
    ]
    await assertPagesAndChangesAnswer(assert, client, adminA, { pages, changes }, 403)
    await Promise.all([courseB.refresh(), session.refresh(), outcome.refresh()])
    assert.equal(courseB.title, 'Data engineering')
    assert.equal(session.capacity, 10)
    assert.equal(session.status, 'scheduled')
    assert.equal(outcome.level, 2)
    assert.isNotNull(await CourseAudience.find(audience.id))
    assert.isNull(await Course.findBy('code', 'AGILE-201'))
    assert.lengthOf(await AuditEvent.query().where('actor_id', adminA.id), 0)
  })

  test('the course list shows only the admin’s providers’ courses, in every status, with counts', async ({
    client,
    assert,
  }) => {
    const { adminA, providerA, courseA } = await twoProviders()
    const draft = await createCourse({
      provider: providerA,
      title: 'Cloud basics',
      status: 'draft',
    })
    await createCourse({ provider: providerA, title: 'Old course', status: 'archived' })
    const session = await createSession({ course: courseA, capacity: 5 })
    await enrolled(await createUser(), session.id)
    await enrolled(await createUser(), session.id)

    const response = await client.get('/learning/admin/courses').loginAs(adminA)
    response.assertStatus(200)
    const html = response.text()
    assert.include(html, 'Agile for teams')
    assert.include(html, 'Cloud basics')
    assert.include(html, 'Old course')
    assert.notInclude(html, 'Data engineering')
    assert.include(html, '<strong>3</strong> courses found.')
    assert.match(html, /1 draft,\s+1 published,\s+1 archived\./)
    assert.include(html, `href="/learning/admin/courses/${draft.id}/edit"`)
    assert.match(html, /<td class="text-right">1<\/td>\s*<td class="text-right">2<\/td>/)

    const drafts = await client.get('/learning/admin/courses?status=draft').loginAs(adminA)
    assert.include(drafts.text(), 'Cloud basics')
    assert.notInclude(drafts.text(), 'Agile for teams')
    assert.include(drafts.text(), '<strong>1</strong> course found.')
  })

  test('a capability admin sees every provider’s courses and can filter by provider', async ({
    client,
    assert,
  }) => {
    const { capabilityAdmin, providerB } = await twoProviders()
    const all = await client.get('/learning/admin/courses').loginAs(capabilityAdmin)
    assert.include(all.text(), 'Agile for teams')
    assert.include(all.text(), 'Data engineering')
    const filtered = await client
      .get(`/learning/admin/courses?provider=${providerB.id}`)
      .loginAs(capabilityAdmin)
    assert.include(filtered.text(), 'Data engineering')
    assert.notInclude(filtered.text(), 'Agile for teams')
  })

  test('course admins and capability admins see Manage courses in the navigation; learners do not', async ({
    client,
    assert,
  }) => {
    const { adminA, capabilityAdmin } = await twoProviders()
    const learner = await createUser()
    // Manage courses is a page of the Learning section, listed on the section's pages.
    const manageCourses = 'href="/learning/admin/courses" class="section-link"'
    for (const user of [adminA, capabilityAdmin]) {
      const catalogue = await client.get('/learning/courses').loginAs(user)
      assert.include(catalogue.text(), manageCourses)
    }
    const catalogue = await client.get('/learning/courses').loginAs(learner)
    assert.include(catalogue.text(), 'href="/learning/my" class="section-link"')
    assert.notInclude(catalogue.text(), 'href="/learning/admin/courses"')
  })

  test('someone not signed in is sent to sign in; an unknown record answers 404', async ({
    client,
  }) => {
    const anonymous = await client.get('/learning/admin/courses')
    anonymous.assertRedirectsTo('/sign-in')
    const { adminA } = await twoProviders()
    for (const url of [
      '/learning/admin/courses/999999/edit',
      '/learning/admin/sessions/999999',
      '/learning/admin/sessions/999999/edit',
      '/learning/admin/outcomes/999999/edit',
      '/learning/admin/courses/not-a-number/edit',
    ]) {
      const response = await client.get(url).loginAs(adminA)
      response.assertStatus(404)
    }
  })
})

test.group('Course admin: courses', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a course admin’s new course belongs to their only provider, with the cost in pence, audited', async ({
    client,
    assert,
  }) => {
    const { adminA, providerA } = await twoProviders()
    const form = await client.get('/learning/admin/courses/create').loginAs(adminA)
    form.assertStatus(200)
    form.assertTextIncludes('<h1>Add a course</h1>')
    form.assertTextIncludes(`<option value="${providerA.id}" selected>Digital Academy</option>`)
    assert.notInclude(form.text(), 'Data Campus')

    const response = await submitAs(client, adminA).post('/learning/admin/courses', COURSE_FORM)
    const course = await Course.findByOrFail('code', 'AGILE-201')
    response.assertStatus(302)
    response.assertHeader('location', `/learning/admin/courses/${course.id}/edit`)
    response.assertFlashMessage('success', 'Course added: AGILE-201 Agile leadership')
    assert.equal(course.providerId, providerA.id)
    assert.equal(course.costPence, 125050)
    assert.equal(course.durationHours, 10.5)
    assert.equal(course.mode, 'blended')
    assert.equal(course.status, 'published')
    assert.isTrue(course.requiresApproval)
    const event = await auditOf(adminA, 'create', 'course', course.id)
    assert.equal(event.afterValues.title, 'Agile leadership')
    assert.equal(event.afterValues.costPence, 125050)

    const edit = await client.get(`/learning/admin/courses/${course.id}/edit`).loginAs(adminA)
    edit.assertStatus(200)
    edit.assertTextIncludes('value="1250.50"')
    edit.assertTextIncludes('Agile leadership has no sessions yet.')
  })

  test('an admin of several providers must choose one, and cannot name one they do not manage', async ({
    client,
    assert,
  }) => {
    const { adminA, providerA, providerB, capabilityAdmin } = await twoProviders()
    const second = await createProvider('Cyber School', [adminA])
    const missing = await submitAs(client, adminA).post('/learning/admin/courses', COURSE_FORM)
    missing.assertFlashMessage('inputErrorsBag', {
      provider: ['Select the provider that runs the course'],
    })

    const chosen = await submitAs(client, adminA).post('/learning/admin/courses', {
      ...COURSE_FORM,
      provider: second.id,
    })
    chosen.assertStatus(302)
    const course = await Course.findByOrFail('code', 'AGILE-201')
    assert.equal(course.providerId, second.id)

    const elsewhere = await submitAs(client, adminA).post('/learning/admin/courses', {
      ...COURSE_FORM,
      code: 'AGILE-202',
      provider: providerB.id,
    })
    elsewhere.assertStatus(403)
    assert.isNull(await Course.findBy('code', 'AGILE-202'))

    const byCapabilityAdmin = await submitAs(client, capabilityAdmin).post(
      '/learning/admin/courses',
      { ...COURSE_FORM, code: 'AGILE-203' }
    )
    byCapabilityAdmin.assertFlashMessage('inputErrorsBag', {
      provider: ['Select the provider that runs the course'],
    })
    const unknown = await submitAs(client, capabilityAdmin).post('/learning/admin/courses', {
      ...COURSE_FORM,
      code: 'AGILE-203',
      provider: 999999,
    })
    unknown.assertFlashMessage('inputErrorsBag', { provider: ['Select a provider from the list'] })
    assert.exists(providerA)
  })

  test('an empty course form gets a specific message for every field, and keeps what was typed', async ({
    client,
  }) => {
    const { adminA } = await twoProviders()
    const response = await submitAs(client, adminA).post('/learning/admin/courses', {
      code: '',
      title: '',
      summary: 'Kept',
      durationHours: '',
      cost: '',
    })
    response.assertFlashMessage('inputErrorsBag', {
      code: ['Enter a course code'],
      title: ['Enter a course title'],
      mode: ['Select how the course is delivered'],
      status: ['Select the course status'],
      requiresApproval: ['Select yes if learners need their line manager’s approval'],
      durationHours: ['Enter the length of the course in hours'],
      cost: ['Enter the cost in pounds, or 0 if the course is free'],
    })
    response.assertFlashMessage('summary', 'Kept')
  })

  test('wrong course values each get a message that says how to put them right', async ({
    client,
    assert,
  }) => {
    const { adminA, providerA } = await twoProviders()
    const cases: Array<[Record<string, string>, Record<string, string>]> = [
      [
        { code: 'A', title: 'X', summary: '', durationHours: '0', cost: '-1' },
        {
          code: 'The course code must be 2 characters or more',
          title: 'The course title must be 2 characters or more',
          summary: 'Enter a summary of the course',
          durationHours: 'The length must be more than 0 hours',
          cost: 'The cost cannot be less than £0',
        },
      ],
      [
        { code: 'AGILE 101', durationHours: '-1', cost: '12.345' },
        {
          code: 'The course code can only contain letters, numbers and hyphens, like AGILE-101',
          durationHours: 'The length must be more than 0 hours',
          cost: 'Enter the cost in pounds and pence, like 99.50',
        },
      ],
      [
        { durationHours: '1001', cost: 'free', mode: 'podcast', status: 'live' },
        {
          mode: 'Select classroom, online or blended',
          durationHours: 'The length must be 1,000 hours or fewer',
          cost: 'Enter the cost in pounds as a number, like 450 or 99.50',
          status: 'Select draft, published or archived',
        },
      ],
      [
        { durationHours: 'seven', cost: '100001', requiresApproval: 'maybe' },
        {
          requiresApproval: 'Select yes or no for line manager approval',
          durationHours: 'Enter the length in hours as a number, like 7 or 3.5',
          cost: 'The cost must be £100,000 or less',
        },
      ],
      [
        { durationHours: '7.125' },
        { durationHours: 'Enter the length in hours with no more than 2 decimal places' },
      ],
    ]
    for (const [changes, expected] of cases) {
      const response = await submitAs(client, adminA).post('/learning/admin/courses', {
        ...COURSE_FORM,
        ...changes,
      })
      const errors = response.flashMessages().inputErrorsBag as Record<string, string[]>
      assert.deepEqual(
        Object.fromEntries(Object.entries(errors).map(([field, messages]) => [field, messages[0]])),
        expected,
        JSON.stringify(changes)
      )
    }
    assert.lengthOf(await Course.query().where('provider_id', providerA.id), 1)
  })

  test('a course code already in use is refused, whatever its case', async ({ client, assert }) => {
    const { adminA, courseB } = await twoProviders()
    const response = await submitAs(client, adminA).post('/learning/admin/courses', {
      ...COURSE_FORM,
      code: courseB.code.toLowerCase(),
    })
    response.assertFlashMessage('inputErrorsBag', {
      code: ['A course with this code already exists'],
    })
    response.assertFlashMessage('title', 'Agile leadership')
    assert.lengthOf(
      await Course.query().whereRaw('lower(code) = ?', [courseB.code.toLowerCase()]),
      1
    )
  })

  test('changing a course keeps the old and new values in the trail', async ({
    client,
    assert,
  }) => {
    const { adminA, courseA } = await twoProviders()
    const form = await client.get(`/learning/admin/courses/${courseA.id}/edit`).loginAs(adminA)
    form.assertStatus(200)
    form.assertTextIncludes('<h1>Change Agile for teams</h1>')
    form.assertTextIncludes('value="450.00"')

    const response = await submitAs(client, adminA).put(`/learning/admin/courses/${courseA.id}`, {
      code: courseA.code,
      title: 'Agile for delivery teams',
      summary: courseA.summary!,
      mode: 'online',
      durationHours: '7',
      cost: '0',
      status: 'archived',
      requiresApproval: 'false',
    })
    response.assertHeader('location', `/learning/admin/courses/${courseA.id}/edit`)
    response.assertFlashMessage(
      'success',
      `Changes saved to course: ${courseA.code} Agile for delivery teams`
    )
    await courseA.refresh()
    assert.equal(courseA.title, 'Agile for delivery teams')
    assert.equal(courseA.costPence, 0)
    assert.equal(courseA.status, 'archived')
    const event = await auditOf(adminA, 'update', 'course', courseA.id)
    assert.deepEqual(event.beforeValues, {
      title: 'Agile for teams',
      mode: 'classroom',
      costPence: 45000,
      status: 'published',
    })
    assert.deepEqual(event.afterValues, {
      title: 'Agile for delivery teams',
      mode: 'online',
      costPence: 0,
      status: 'archived',
    })
  })
})

test.group('Course admin: skills and roles of a course', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a course admin adds a skill the course builds, changes its level and removes it, each audited', async ({
    client,
    assert,
  }) => {
    const { adminA, courseA } = await twoProviders()
    const research = await createSkill('User research')
    const added = await submitAs(client, adminA).post(
      `/learning/admin/courses/${courseA.id}/outcomes`,
      { skillId: research.id, level: 2 }
    )
    added.assertHeader('location', `/learning/admin/courses/${courseA.id}/edit#outcomes`)
    added.assertFlashMessage(
      'success',
      'Agile for teams now brings learners to Working in User research'
    )
    const outcome = await CourseOutcome.findByOrFail('course_id', courseA.id)
    assert.equal(outcome.level, 2)
    await auditOf(adminA, 'create', 'course_outcome', outcome.id)

    const page = await client.get(`/learning/admin/courses/${courseA.id}/edit`).loginAs(adminA)
    page.assertTextIncludes(`href="/learning/admin/outcomes/${outcome.id}/edit"`)
    const levelForm = await client
      .get(`/learning/admin/outcomes/${outcome.id}/edit`)
      .loginAs(adminA)
    levelForm.assertStatus(200)
    levelForm.assertTextIncludes('Change the level learners reach in User research')

    const changed = await submitAs(client, adminA).put(`/learning/admin/outcomes/${outcome.id}`, {
      level: 4,
    })
    changed.assertFlashMessage(
      'success',
      'Agile for teams now brings learners to Expert in User research'
    )
    await outcome.refresh()
    assert.equal(outcome.level, 4)
    const update = await auditOf(adminA, 'update', 'course_outcome', outcome.id)
    assert.deepEqual(update.changes, [{ field: 'level', before: 2, after: 4 }])

    const badLevel = await submitAs(client, adminA).put(`/learning/admin/outcomes/${outcome.id}`, {
      level: 5,
    })
    badLevel.assertFlashMessage('inputErrorsBag', {
      level: ['Select Awareness, Working, Practitioner or Expert'],
    })

    const removed = await submitAs(client, adminA).delete(`/learning/admin/outcomes/${outcome.id}`)
    removed.assertFlashMessage('success', 'User research removed from Agile for teams')
    assert.isNull(await CourseOutcome.find(outcome.id))
    await auditOf(adminA, 'delete', 'course_outcome', outcome.id)
  })

  test('a skill is refused when missing, unknown, retired or already listed', async ({
    client,
    assert,
  }) => {
    const { adminA, courseA } = await twoProviders()
    const listed = await createSkill('Agile working')
    await createOutcome(courseA, listed, 2)
    const retired = await createSkill('Waterfall planning')
    retired.retiredAt = DateTime.now()
    await retired.save()
    const post = (form: Record<string, unknown>) =>
      submitAs(client, adminA).post(`/learning/admin/courses/${courseA.id}/outcomes`, form)

    assert.deepEqual(await errorsFrom(post({})), {
      skillId: ['Select a skill'],
      level: ['Select the level the course brings learners to'],
    })
    assert.deepEqual(await errorsFrom(post({ skillId: 999999, level: 2 })), {
      skillId: ['Select a skill from the list'],
    })
    assert.deepEqual(await errorsFrom(post({ skillId: retired.id, level: 2 })), {
      skillId: ['Select a skill from the list'],
    })
    assert.deepEqual(await errorsFrom(post({ skillId: listed.id, level: 3 })), {
      skillId: ['The course already lists this skill: change its level in the table instead'],
    })
    const outcomes = await CourseOutcome.query().where('course_id', courseA.id)
    assert.deepEqual(
      outcomes.map((row) => [row.skillId, row.level]),
      [[listed.id, 2]]
    )
  })

  test('a course admin lists the course as mandatory for a role and removes it, each audited', async ({
    client,
    assert,
  }) => {
    const { adminA, courseA } = await twoProviders()
    const { role } = await createRole({
      role: 'Delivery manager',
      levels: [{ name: 'Delivery manager', needs: {} }],
    })
    const post = (form: Record<string, unknown>) =>
      submitAs(client, adminA).post(`/learning/admin/courses/${courseA.id}/audiences`, form)

    assert.deepEqual(await errorsFrom(post({})), {
      roleProfileId: ['Select a role'],
      kind: ['Select mandatory or recommended'],
    })
    assert.deepEqual(await errorsFrom(post({ roleProfileId: role.id, kind: 'optional' })), {
      kind: ['Select mandatory or recommended'],
    })
    assert.deepEqual(await errorsFrom(post({ roleProfileId: 999999, kind: 'mandatory' })), {
      roleProfileId: ['Select a role from the list'],
    })

    const added = await post({ roleProfileId: role.id, kind: 'mandatory' })
    added.assertFlashMessage('success', 'Agile for teams is now mandatory for Delivery manager')
    const audience = await CourseAudience.findByOrFail('course_id', courseA.id)
    assert.equal(audience.kind, 'mandatory')
    await auditOf(adminA, 'create', 'course_audience', audience.id)

    assert.deepEqual(await errorsFrom(post({ roleProfileId: role.id, kind: 'recommended' })), {
      roleProfileId: ['The course already lists this role: remove it first to change it'],
    })

    const page = await client.get(`/learning/admin/courses/${courseA.id}/edit`).loginAs(adminA)
    page.assertTextIncludes('Delivery manager')
    page.assertTextIncludes('Mandatory')

    const removed = await submitAs(client, adminA).delete(
      `/learning/admin/audiences/${audience.id}`
    )
    removed.assertFlashMessage('success', 'Delivery manager removed from Agile for teams')
    assert.isNull(await CourseAudience.find(audience.id))
    await auditOf(adminA, 'delete', 'course_audience', audience.id)
  })
})

test.group('Course admin: sessions', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a session entered in UK time is stored in UTC, booking closing a day before, and audited', async ({
    client,
    assert,
  }) => {
    const { adminA, courseA } = await twoProviders()
    const form = await client
      .get(`/learning/admin/courses/${courseA.id}/sessions/create`)
      .loginAs(adminA)
    form.assertStatus(200)
    form.assertTextIncludes('<h1>Add a session</h1>')

    const response = await submitAs(client, adminA).post(
      `/learning/admin/courses/${courseA.id}/sessions`,
      SESSION_FORM
    )
    response.assertHeader('location', `/learning/admin/courses/${courseA.id}/edit#sessions`)
    const session = await CourseSession.findByOrFail('course_id', courseA.id)
    const day = DateTime.fromISO(`${nextYear}-07-14`, { zone: 'Europe/London' })
    response.assertFlashMessage(
      'success',
      `Session added: ${day.toFormat('ccc d LLL yyyy')}, 09:30`
    )
    assert.equal(session.startsAt.toUTC().toISO(), `${nextYear}-07-14T08:30:00.000Z`)
    assert.equal(session.endsAt.toUTC().toISO(), `${nextYear}-07-14T15:30:00.000Z`)
    assert.equal(session.bookingClosesAt.toUTC().toISO(), `${nextYear}-07-13T08:30:00.000Z`)
    assert.equal(session.capacity, 12)
    assert.equal(session.status, 'scheduled')
    assert.equal(session.venue, 'Aviation House, room 4')
    assert.isNull(session.onlineUrl)
    await auditOf(adminA, 'create', 'course_session', session.id)

    const page = await client.get(`/learning/admin/courses/${courseA.id}/edit`).loginAs(adminA)
    page.assertTextIncludes(`${day.toFormat('ccc d LLL yyyy')}, 09:30`)
    page.assertTextIncludes('0 of 12')
  })

  test('a winter session, a later end date and an explicit booking close are kept as entered', async ({
    client,
    assert,
  }) => {
    const { adminA, courseA } = await twoProviders()
    await submitAs(client, adminA).post(`/learning/admin/courses/${courseA.id}/sessions`, {
      ...SESSION_FORM,
      startDate: `${nextYear}-01-20`,
      endDate: `${nextYear}-01-21`,
      endTime: '12:00',
      closesDate: `${nextYear}-01-10`,
      closesTime: '17:00',
      venue: '',
      onlineUrl: 'https://meet.example.gov.uk/agile',
    })
    const session = await CourseSession.findByOrFail('course_id', courseA.id)
    assert.equal(session.startsAt.toUTC().toISO(), `${nextYear}-01-20T09:30:00.000Z`)
    assert.equal(session.endsAt.toUTC().toISO(), `${nextYear}-01-21T12:00:00.000Z`)
    assert.equal(session.bookingClosesAt.toUTC().toISO(), `${nextYear}-01-10T17:00:00.000Z`)
    assert.isNull(session.venue)
    assert.equal(session.onlineUrl, 'https://meet.example.gov.uk/agile')
  })

  test('an empty session form gets a specific message for each required field', async ({
    client,
    assert,
  }) => {
    const { adminA, courseA } = await twoProviders()
    const response = await submitAs(client, adminA).post(
      `/learning/admin/courses/${courseA.id}/sessions`,
      { venue: 'Kept' }
    )
    response.assertFlashMessage('inputErrorsBag', {
      startDate: ['Enter the date the session starts'],
      startTime: ['Enter the time the session starts'],
      endTime: ['Enter the time the session ends'],
      capacity: ['Enter the number of places'],
    })
    response.assertFlashMessage('venue', 'Kept')
    assert.lengthOf(await CourseSession.query().where('course_id', courseA.id), 0)
  })

  test('every session rule is checked, with a message under the field at fault', async ({
    client,
    assert,
  }) => {
    const { adminA, courseA } = await twoProviders()
    const lastYear = DateTime.now().year - 1
    const cases: Array<[Record<string, string>, Record<string, string>]> = [
      [{ startDate: `${lastYear}-07-14` }, { startDate: 'The session must start in the future' }],
      [{ endTime: '09:00' }, { endTime: 'The session must end after it starts' }],
      [{ endTime: '09:30' }, { endTime: 'The session must end after it starts' }],
      [
        { endDate: `${nextYear}-07-13`, endTime: '17:00' },
        { endTime: 'The session must end after it starts' },
      ],
      [
        { closesDate: `${nextYear}-07-14`, closesTime: '10:00' },
        { closesDate: 'Booking must close before the session starts' },
      ],
      [
        { closesDate: `${lastYear}-07-14`, closesTime: '10:00' },
        { closesDate: 'Booking must close in the future' },
      ],
      [{ venue: '', onlineUrl: '' }, { venue: 'Enter a venue or an online link' }],
      [{ capacity: '0' }, { capacity: 'Capacity must be at least 1' }],
      [{ capacity: '-1' }, { capacity: 'Capacity must be at least 1' }],
      [{ capacity: 'ten' }, { capacity: 'Enter the capacity as a whole number, like 12' }],
      [{ capacity: '2.5' }, { capacity: 'Enter the capacity as a whole number, like 12' }],
      [
        { onlineUrl: 'http://meet.example.com/x' },
        { onlineUrl: 'Enter the online link as a full web address, starting https://' },
      ],
      [
        { onlineUrl: 'meet.example.com' },
        { onlineUrl: 'Enter the online link as a full web address, starting https://' },
      ],
      [
        { startDate: `${nextYear}-02-30`, startTime: '25:00' },
        {
          startDate: 'The start date must be a real date',
          startTime: 'Enter the start time in 24-hour format, like 09:30',
        },
      ],
      [
        { closesDate: `${nextYear}-07-10` },
        { closesTime: 'Enter the time booking closes, or leave the date and time blank' },
      ],
      [
        { closesTime: '17:00' },
        { closesDate: 'Enter the date booking closes, or leave the date and time blank' },
      ],
      [
        { startDate: `${lastYear}-07-14`, endTime: '08:00', venue: '', capacity: '5' },
        {
          startDate: 'The session must start in the future',
          endTime: 'The session must end after it starts',
          venue: 'Enter a venue or an online link',
        },
      ],
    ]
    for (const [changes, expected] of cases) {
      const response = await submitAs(client, adminA).post(
        `/learning/admin/courses/${courseA.id}/sessions`,
        { ...SESSION_FORM, ...changes }
      )
      const errors = (response.flashMessages()?.inputErrorsBag ?? {}) as Record<string, string[]>
      assert.deepEqual(
        Object.fromEntries(Object.entries(errors).map(([field, messages]) => [field, messages[0]])),
        expected,
        JSON.stringify(changes)
      )
    }
    assert.lengthOf(await CourseSession.query().where('course_id', courseA.id), 0)
  })

  test('a session form with a problem is shown again with an error summary and the values entered', async ({
    client,
  }) => {
    const { adminA, courseA } = await twoProviders()
    const url = `/learning/admin/courses/${courseA.id}/sessions/create`
    await client.get(url).loginAs(adminA)
    const response = await client
      .post(`/learning/admin/courses/${courseA.id}/sessions`)
      .loginAs(adminA)
      .withCsrfToken()
      .header('referer', url)
      .form(withDateParts({ ...SESSION_FORM, capacity: 'ten' }, FORM_DATES))
    response.assertStatus(200)
    response.assertTextIncludes('<title>Error: Add a session of Agile for teams')
    response.assertTextIncludes('There is a problem')
    response.assertTextIncludes('href="#field-capacity"')
    response.assertTextIncludes('value="ten"')
    response.assertTextIncludes('value="Aviation House, room 4"')
  })

  test('capacity cannot go below the people already booked; raising it gives places to the waiting list', async ({
    client,
    assert,
  }) => {
    const { adminA, courseA } = await twoProviders()
    const session = await createSession({ course: courseA, capacity: 12 })
    const people = []
    for (let index = 0; index < 14; index++) people.push(await createUser())
    const enrolments = []
    for (const person of people) enrolments.push(await enrolled(person, session.id))
    assert.deepEqual(
      enrolments.slice(11).map((row) => row.status),
      ['booked', 'waitlisted', 'waitlisted']
    )

    const edit = await client.get(`/learning/admin/sessions/${session.id}/edit`).loginAs(adminA)
    edit.assertStatus(200)
    edit.assertTextIncludes('12 people are already booked')
    const start = session.startsAt.setZone('Europe/London')
    const form = {
      ...SESSION_FORM,
      startDate: start.toISODate()!,
      startTime: start.toFormat('HH:mm'),
      endTime: session.endsAt.setZone('Europe/London').toFormat('HH:mm'),
      venue: 'Aviation House',
    }
    const refused = await submitAs(client, adminA).put(`/learning/admin/sessions/${session.id}`, {
      ...form,
      capacity: '11',
    })
    refused.assertFlashMessage('inputErrorsBag', {
      capacity: ['Capacity cannot be less than the 12 people already booked'],
    })
    await session.refresh()
    assert.equal(session.capacity, 12)

    const raised = await submitAs(client, adminA).put(`/learning/admin/sessions/${session.id}`, {
      ...form,
      capacity: '13',
    })
    raised.assertFlashMessage(
      'success',
      `Changes saved to the session: ${start.toFormat('ccc d LLL yyyy, HH:mm')}. 1 person moved from the waiting list to a place`
    )
    await session.refresh()
    assert.equal(session.capacity, 13)
    const first = await Enrolment.findOrFail(enrolments[12].id)
    const second = await Enrolment.findOrFail(enrolments[13].id)
    assert.equal(first.status, 'booked')
    assert.equal(second.status, 'waitlisted')
    assert.equal(second.waitlistPosition, 1)
    const event = await auditOf(adminA, 'update', 'course_session', session.id)
    assert.deepEqual(event.changes, [{ field: 'capacity', before: 12, after: 13 }])
  })

  test('a session that has started keeps its start when other details change; a cancelled one cannot change', async ({
    client,
    assert,
  }) => {
    const { adminA, courseA } = await twoProviders()
    const startsAt = DateTime.now()
      .minus({ hours: 1 })
      .set({ second: 0, millisecond: 0 })
      .setZone('Europe/London')
    const session = await createSession({
      course: courseA,
      startsAt: startsAt.toUTC(),
      bookingClosesAt: startsAt.toUTC().minus({ days: 1 }),
    })
    const form = {
      ...SESSION_FORM,
      startDate: startsAt.toISODate()!,
      startTime: startsAt.toFormat('HH:mm'),
      endDate: startsAt.plus({ hours: 7 }).toISODate()!,
      endTime: startsAt.plus({ hours: 7 }).toFormat('HH:mm'),
      closesDate: startsAt.minus({ days: 1 }).toISODate()!,
      closesTime: startsAt.minus({ days: 1 }).toFormat('HH:mm'),
      venue: 'Room 5',
    }
    const changed = await submitAs(client, adminA).put(
      `/learning/admin/sessions/${session.id}`,
      form
    )
    assert.notProperty(changed.flashMessages() ?? {}, 'inputErrorsBag')
    await session.refresh()
    assert.equal(session.venue, 'Room 5')

    session.status = 'cancelled'
    await session.save()
    const refused = await submitAs(client, adminA).put(`/learning/admin/sessions/${session.id}`, {
      ...form,
      venue: 'Room 6',
    })
    refused.assertFlashMessage('error', 'This session has been cancelled, so it cannot be changed')
    await session.refresh()
    assert.equal(session.venue, 'Room 5')
  })
})

test.group('Course admin: training providers', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a capability admin adds a provider, audited; missing and duplicate values are refused', async ({
    client,
    assert,
  }) => {
    const { capabilityAdmin, adminA } = await twoProviders()
    const page = await client.get('/learning/admin/providers').loginAs(capabilityAdmin)
    page.assertStatus(200)
    page.assertTextIncludes('Digital Academy')
    page.assertTextIncludes('Data Campus')

    const post = (form: Record<string, string>, user = capabilityAdmin) =>
      submitAs(client, user).post('/learning/admin/providers', form)
    assert.deepEqual(await errorsFrom(post({ code: '', name: '' })), {
      code: ['Enter a short code for the provider'],
      name: ['Enter the provider’s name'],
    })
    assert.deepEqual(await errorsFrom(post({ code: 'NEW', name: 'digital academy' })), {
      name: ['A provider with this name already exists'],
    })
    const byCourseAdmin = await post({ code: 'GDA', name: 'Government Digital Academy' }, adminA)
    byCourseAdmin.assertStatus(403)

    const added = await post({ code: 'GDA', name: 'Government Digital Academy' })
    const provider = await Provider.findByOrFail('code', 'GDA')
    added.assertHeader('location', `/learning/admin/providers/${provider.id}`)
    added.assertFlashMessage(
      'success',
      'Provider added: Government Digital Academy. Link its course admins'
    )
    await auditOf(capabilityAdmin, 'create', 'provider', provider.id)
    assert.deepEqual(await errorsFrom(post({ code: 'gda', name: 'Another' })), {
      code: ['A provider with this code already exists'],
    })
  })

  test('a capability admin links a course admin by email, who can then manage its courses, and unlinks them', async ({
    client,
    assert,
  }) => {
    const { capabilityAdmin, adminA, providerB, courseB } = await twoProviders()
    const learner = await createUser()
    const link = (email: string, user = capabilityAdmin) =>
      submitAs(client, user).post(`/learning/admin/providers/${providerB.id}/admins`, { email })

    assert.deepEqual(await errorsFrom(link('')), {
      email: ['Enter the course admin’s email address'],
    })
    assert.deepEqual(await errorsFrom(link('nobody@example.gov.uk')), {
      email: ['There is no one with this email address'],
    })
    assert.deepEqual(await errorsFrom(link(learner.email)), {
      email: [
        `${learner.fullName} is not a course admin: give them the course admin role on their page first`,
      ],
    })
    const byThemselves = await link(adminA.email, adminA)
    byThemselves.assertStatus(403)
    const before = await client.get(`/learning/admin/courses/${courseB.id}/edit`).loginAs(adminA)
    before.assertStatus(403)

    const linked = await link(adminA.email.toUpperCase())
    linked.assertFlashMessage(
      'success',
      `${adminA.fullName} can now manage Data Campus’s courses and sessions`
    )
    const event = await AuditEvent.query()
      .where({ actor_id: capabilityAdmin.id, action: 'create', subject_type: 'provider_admin' })
      .firstOrFail()
    assert.deepEqual(event.afterValues, { providerId: providerB.id, userId: adminA.id })
    assert.deepEqual(await errorsFrom(link(adminA.email)), {
      email: [`${adminA.email} already manages Data Campus`],
    })

    const show = await client
      .get(`/learning/admin/providers/${providerB.id}`)
      .loginAs(capabilityAdmin)
    show.assertTextIncludes(adminA.email)
    const after = await client.get(`/learning/admin/courses/${courseB.id}/edit`).loginAs(adminA)
    after.assertStatus(200)

    const unlinked = await submitAs(client, capabilityAdmin).delete(
      `/learning/admin/providers/${providerB.id}/admins/${adminA.id}`
    )
    unlinked.assertFlashMessage(
      'success',
      `${adminA.fullName} no longer manages Data Campus’s courses`
    )
    await auditOf(capabilityAdmin, 'delete', 'provider_admin', Number(event.subjectId))
    const again = await client.get(`/learning/admin/courses/${courseB.id}/edit`).loginAs(adminA)
    again.assertStatus(403)
  })
})
