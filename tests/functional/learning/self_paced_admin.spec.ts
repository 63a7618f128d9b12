import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { createCourse, createSession } from '#database/factories/learning_factory'
import {
  createSelfPacedCourse,
  createSelfPacedEnrolment,
} from '#database/factories/self_paced_factory'
import Course from '#models/course'
import CourseModule from '#models/course_module'
import CourseSession from '#models/course_session'
import type User from '#models/user'
import { submitAs } from '#tests/support/forms'
import { auditOf } from '#tests/support/audit'
import { providersWithAdmins } from '#tests/support/fixtures/providers'
import { type FormChange, assertPagesAndChangesAnswer } from '#tests/support/page_access'

const COURSE_FORM = {
  code: 'DIGI-101',
  title: 'Introduction to digital by default',
  summary: 'What digital by default means for your work.',
  mode: 'online',
  durationHours: '1',
  cost: '0',
  status: 'published',
  requiresApproval: 'false',
}

const MODULE_FORM = {
  moduleTitle: 'Why digital by default',
  moduleKind: 'video',
  moduleUrl: 'https://video.example.gov.uk/why',
  moduleRequired: 'true',
}

const modulesOf = (course: Course) =>
  CourseModule.query().where('course_id', course.id).orderBy('position')

async function titles(course: Course) {
  const modules = await modulesOf(course)
  return modules.map((module) => module.title)
}

test.group('Self-paced courses: course admin', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a course admin adds a self-paced course, whose edit page lists modules instead of sessions', async ({
    client,
    assert,
  }) => {
    const { adminA } = await providersWithAdmins()
    const form = await client.get('/learning/admin/courses/create').loginAs(adminA)
    form.assertTextIncludes('Self-paced online')
    form.assertTextIncludes('In scheduled sessions')

    const response = await submitAs(client, adminA).post('/learning/admin/courses', {
      ...COURSE_FORM,
      delivery: 'self_paced',
    })
    response.assertStatus(302)
    const course = await Course.findByOrFail('code', 'DIGI-101')
    assert.equal(course.delivery, 'self_paced')
    const audit = await auditOf(adminA, 'create', 'course', course.id)
    assert.equal(audit.afterValues.delivery, 'self_paced')

    const edit = await client.get(`/learning/admin/courses/${course.id}/edit`).loginAs(adminA)
    edit.assertTextIncludes('id="modules"')
    edit.assertTextIncludes('Add a link, document or video')
    edit.assertTextIncludes(`href="/learning/admin/courses/${course.id}/feedback"`)
    assert.notInclude(edit.text(), 'Add a session')
  })

  test('a course added without saying how it is delivered is scheduled', async ({
    client,
    assert,
  }) => {
    const { adminA } = await providersWithAdmins()
    await submitAs(client, adminA).post('/learning/admin/courses', COURSE_FORM)
    const course = await Course.findByOrFail('code', 'DIGI-101')
    assert.equal(course.delivery, 'scheduled')
  })

  test('a course with sessions cannot become self-paced, nor a started self-paced course go back to sessions', async ({
    client,
    assert,
  }) => {
    const { adminA, providerA } = await providersWithAdmins()
    const scheduled = await createCourse({ provider: providerA })
    await createSession({ course: scheduled })
    const toSelfPaced = await submitAs(client, adminA).put(
      `/learning/admin/courses/${scheduled.id}`,
      {
        ...COURSE_FORM,
        code: scheduled.code,
        delivery: 'self_paced',
      }
    )
    toSelfPaced.assertFlashMessage('inputErrorsBag', {
      delivery: [
        'This course has sessions, so it cannot become self-paced: add a new self-paced course instead',
      ],
    })
    await scheduled.refresh()
    assert.equal(scheduled.delivery, 'scheduled')

    const { course: selfPaced } = await createSelfPacedCourse({ provider: providerA })
    await createSelfPacedEnrolment(await createUser(), selfPaced)
    const toSessions = await submitAs(client, adminA).put(
      `/learning/admin/courses/${selfPaced.id}`,
      {
        ...COURSE_FORM,
        code: selfPaced.code,
        delivery: 'scheduled',
      }
    )
    toSessions.assertFlashMessage('inputErrorsBag', {
      delivery: [
        'People have started this self-paced course, so it cannot move to scheduled sessions: add a new course instead',
      ],
    })
    await selfPaced.refresh()
    assert.equal(selfPaced.delivery, 'self_paced')

    // Without sessions or runs, a course changes how it is delivered.
    const empty = await createCourse({ provider: providerA })
    const changed = await submitAs(client, adminA).put(`/learning/admin/courses/${empty.id}`, {
      ...COURSE_FORM,
      code: empty.code,
      delivery: 'self_paced',
    })
    changed.assertStatus(302)
    await empty.refresh()
    assert.equal(empty.delivery, 'self_paced')
  })

  test('a self-paced course takes no sessions, on the page or in the API', async ({
    client,
    assert,
  }) => {
    const { adminA, providerA } = await providersWithAdmins()
    const { course } = await createSelfPacedCourse({ provider: providerA })
    const year = new Date().getFullYear() + 1
    const response = await submitAs(client, adminA).post(
      `/learning/admin/courses/${course.id}/sessions`,
      {
        startDate: { day: '14', month: '7', year: String(year) },
        startTime: '09:30',
        endTime: '16:30',
        onlineUrl: 'https://meet.example.gov.uk/x',
        capacity: '12',
      }
    )
    response.assertHeader('location', `/learning/admin/courses/${course.id}/edit#modules`)
    response.assertFlashMessage(
      'error',
      'This course is self-paced, so it has modules rather than sessions'
    )
    assert.lengthOf(await CourseSession.query().where('course_id', course.id), 0)
  })

  test('a course admin adds, changes, moves and removes modules, each audited', async ({
    client,
    assert,
  }) => {
    const { adminA, providerA } = await providersWithAdmins()
    const { course } = await createSelfPacedCourse({ provider: providerA, modules: 0 })
    const add = (fields: Record<string, string>) =>
      submitAs(client, adminA).post(`/learning/admin/courses/${course.id}/modules`, fields)

    const added = await add(MODULE_FORM)
    added.assertHeader('location', `/learning/admin/courses/${course.id}/edit#modules`)
    added.assertFlashMessage('success', 'Module added: Why digital by default')
    await add({
      ...MODULE_FORM,
      moduleTitle: 'Reading list',
      moduleKind: 'document',
      moduleRequired: 'false',
    })
    await add({ ...MODULE_FORM, moduleTitle: 'Check your understanding', moduleKind: 'link' })
    const modules = await modulesOf(course)
    assert.deepEqual(
      modules.map((module) => [module.position, module.title, module.kind, module.required]),
      [
        [1, 'Why digital by default', 'video', true],
        [2, 'Reading list', 'document', false],
        [3, 'Check your understanding', 'link', true],
      ]
    )
    await auditOf(adminA, 'create', 'course_module', modules[0].id)

    const page = await client.get(`/learning/admin/courses/${course.id}/edit`).loginAs(adminA)
    page.assertTextIncludes('Move up<span class="sr-only"> Reading list</span>')
    assert.notInclude(page.text(), 'Move up<span class="sr-only"> Why digital by default</span>')
    assert.notInclude(
      page.text(),
      'Move down<span class="sr-only"> Check your understanding</span>'
    )

    const edit = await client.get(`/learning/admin/modules/${modules[1].id}/edit`).loginAs(adminA)
    edit.assertStatus(200)
    edit.assertTextIncludes('Reading list')
    const changed = await submitAs(client, adminA).put(`/learning/admin/modules/${modules[1].id}`, {
      ...MODULE_FORM,
      moduleTitle: 'Further reading',
      moduleKind: 'document',
      moduleRequired: 'false',
    })
    changed.assertFlashMessage('success', 'Changes saved to module: Further reading')
    await auditOf(adminA, 'update', 'course_module', modules[1].id)

    const up = await submitAs(client, adminA).post(
      `/learning/admin/modules/${modules[2].id}/move`,
      {
        direction: 'up',
      }
    )
    up.assertFlashMessage('success', 'Check your understanding is now module 2')
    assert.deepEqual(await titles(course), [
      'Why digital by default',
      'Check your understanding',
      'Further reading',
    ])
    const top = await submitAs(client, adminA).post(
      `/learning/admin/modules/${modules[0].id}/move`,
      {
        direction: 'up',
      }
    )
    top.assertFlashMessage('error', 'Why digital by default is already the first module')
    await submitAs(client, adminA).post(`/learning/admin/modules/${modules[0].id}/move`, {
      direction: 'down',
    })
    assert.deepEqual(await titles(course), [
      'Check your understanding',
      'Why digital by default',
      'Further reading',
    ])

    const removed = await submitAs(client, adminA).delete(
      `/learning/admin/modules/${modules[2].id}`
    )
    removed.assertFlashMessage('success', `Check your understanding removed from ${course.title}`)
    await auditOf(adminA, 'delete', 'course_module', modules[2].id)
    const left = await modulesOf(course)
    assert.deepEqual(
      left.map((module) => [module.position, module.title]),
      [
        [1, 'Why digital by default'],
        [2, 'Further reading'],
      ]
    )
  })

  test('a module needs a title, a kind and an https address, each with its own message', async ({
    client,
    assert,
  }) => {
    const { adminA, providerA } = await providersWithAdmins()
    const { course } = await createSelfPacedCourse({ provider: providerA, modules: 0 })
    const cases: Array<[Record<string, string>, Record<string, string[]>]> = [
      [
        { moduleTitle: '', moduleKind: '', moduleUrl: '', moduleRequired: '' },
        {
          moduleTitle: ['Enter a title for the module'],
          moduleKind: ['Select whether the module is a link, a document or a video'],
          moduleUrl: ['Enter the module’s web address'],
          moduleRequired: ['Select yes if learners must finish this module to complete the course'],
        },
      ],
      [
        { ...MODULE_FORM, moduleUrl: 'http://video.example.gov.uk/why' },
        { moduleUrl: ['Enter the web address in full, starting https://'] },
      ],
      [
        { ...MODULE_FORM, moduleUrl: 'javascript:alert(1)' },
        { moduleUrl: ['Enter the web address in full, starting https://'] },
      ],
      [{ ...MODULE_FORM, moduleKind: 'scorm' }, { moduleKind: ['Select link, document or video'] }],
    ]
    for (const [fields, errors] of cases) {
      const response = await submitAs(client, adminA).post(
        `/learning/admin/courses/${course.id}/modules`,
        fields
      )
      response.assertFlashMessage('inputErrorsBag', errors)
    }
    assert.lengthOf(await modulesOf(course), 0)

    const scheduled = await createCourse({ provider: providerA })
    const onScheduled = await submitAs(client, adminA).post(
      `/learning/admin/courses/${scheduled.id}/modules`,
      MODULE_FORM
    )
    onScheduled.assertFlashMessage('inputErrorsBag', {
      delivery: ['Only a self-paced course has modules: change how the course is delivered first'],
    })
    assert.lengthOf(await CourseModule.query().where('course_id', scheduled.id), 0)
  })

  test('a course admin cannot see or change another provider’s modules; a learner none at all', async ({
    client,
    assert,
  }) => {
    const { adminA, providerB } = await providersWithAdmins()
    const { course, modules } = await createSelfPacedCourse({ provider: providerB })
    const pages = [`/learning/admin/modules/${modules[0].id}/edit`]
    const changes: FormChange[] = [
      ['post', `/learning/admin/courses/${course.id}/modules`, MODULE_FORM],
      ['put', `/learning/admin/modules/${modules[0].id}`, MODULE_FORM],
      ['post', `/learning/admin/modules/${modules[1].id}/move`, { direction: 'up' }],
      ['delete', `/learning/admin/modules/${modules[0].id}`, {}],
    ]
    await assertPagesAndChangesAnswer(assert, client, adminA, { pages, changes }, 403)
    const learner: User = await createUser()
    await assertPagesAndChangesAnswer(assert, client, learner, { pages, changes }, 403)
    assert.deepEqual(await titles(course), ['Module 1', 'Module 2'])
  })
})
