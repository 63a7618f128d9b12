import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { createCourse } from '#database/factories/learning_factory'
import {
  createSelfPacedCourse,
  createSelfPacedEnrolment,
} from '#database/factories/self_paced_factory'
import SelfPacedEnrolment from '#models/self_paced_enrolment'
import LearningRecord from '#models/learning_record'
import { bearer, apiAs } from '#tests/support/api'

test.group('Self-paced courses in the API', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a course gives how it is delivered and its modules; the catalogue filters by delivery', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const auth = await bearer(learner)
    const { course } = await createSelfPacedCourse({
      title: 'Self-paced digital awareness',
      modules: [
        { title: 'Watch', kind: 'video' },
        { title: 'Read', kind: 'document', required: false },
      ],
    })
    await createCourse({ title: 'Scheduled digital awareness' })

    const one = await apiAs(client, auth).get(`/api/v1/courses/${course.id}`)
    one.assertStatus(200)
    assert.equal(one.body().data.delivery, 'self_paced')
    assert.deepEqual(
      one
        .body()
        .data.modules.map((module: any) => [
          module.position,
          module.title,
          module.kind,
          module.required,
        ]),
      [
        [1, 'Watch', 'video', true],
        [2, 'Read', 'document', false],
      ]
    )
    const listed = await apiAs(client, auth).get('/api/v1/courses?delivery=self_paced&q=digital')
    listed.assertStatus(200)
    assert.deepEqual(
      listed.body().data.map((entry: any) => [entry.title, entry.delivery]),
      [['Self-paced digital awareness', 'self_paced']]
    )
    const bad = await apiAs(client, auth).get('/api/v1/courses?delivery=sometimes')
    bad.assertStatus(422)
  })

  test('the caller starts a course (201), and a second start answers 409 naming the enrolment', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const auth = await bearer(learner)
    const { course, modules } = await createSelfPacedCourse({ title: 'Open standards' })
    const started = await apiAs(client, auth).post(`/api/v1/courses/${course.id}/start`)
    started.assertStatus(201)
    const data = started.body().data
    assert.equal(data.status, 'in_progress')
    assert.deepEqual(data.course, { id: course.id, code: course.code, title: 'Open standards' })
    assert.equal(data.modulesFinished, 0)
    assert.equal(data.modulesTotal, 2)
    assert.deepEqual(
      data.modules.map((module: any) => [module.id, module.status]),
      modules.map((module) => [module.id, 'not_started'])
    )

    const again = await apiAs(client, auth).post(`/api/v1/courses/${course.id}/start`)
    again.assertStatus(409)
    assert.equal(again.body().code, 'already_in_progress')
    assert.deepEqual(again.body().selfPacedEnrolment, { id: data.id })
    assert.lengthOf(await SelfPacedEnrolment.query().where('user_id', learner.id), 1)
  })

  test('starting is refused with a code: approval needed (403), a scheduled course (409), a draft (404)', async ({
    client,
    assert,
  }) => {
    const auth = await bearer(await createUser())
    const { course: approval } = await createSelfPacedCourse({ requiresApproval: true })
    const scheduled = await createCourse()
    const { course: draft } = await createSelfPacedCourse({ status: 'draft' })
    const needsApproval = await apiAs(client, auth).post(`/api/v1/courses/${approval.id}/start`)
    needsApproval.assertStatus(403)
    assert.equal(needsApproval.body().code, 'approval_required')
    const classroom = await apiAs(client, auth).post(`/api/v1/courses/${scheduled.id}/start`)
    classroom.assertStatus(409)
    assert.equal(classroom.body().code, 'not_self_paced')
    const drafted = await apiAs(client, auth).post(`/api/v1/courses/${draft.id}/start`)
    drafted.assertStatus(404)
    assert.lengthOf(await SelfPacedEnrolment.all(), 0)
  })

  test('finishing modules through the API completes the course once, and the list shows where the caller stands', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const auth = await bearer(learner)
    const { course, modules } = await createSelfPacedCourse({ title: 'Cloud first' })
    const started = await apiAs(client, auth).post(`/api/v1/courses/${course.id}/start`)
    const runId = started.body().data.id

    const first = await apiAs(client, auth).post(`/api/v1/modules/${modules[0].id}/completion`)
    first.assertStatus(200)
    assert.equal(first.body().data.status, 'in_progress')
    assert.equal(first.body().data.modulesFinished, 1)
    const repeat = await apiAs(client, auth).post(`/api/v1/modules/${modules[0].id}/completion`)
    repeat.assertStatus(200)
    assert.equal(repeat.body().data.modulesFinished, 1)

    const last = await apiAs(client, auth).post(`/api/v1/modules/${modules[1].id}/completion`)
    last.assertStatus(200)
    assert.equal(last.body().data.status, 'completed')
    assert.isString(last.body().data.completedAt)
    const records = await LearningRecord.query().where('user_id', learner.id)
    assert.deepEqual(
      records.map((record) => [record.source, record.selfPacedEnrolmentId]),
      [['self_paced', runId]]
    )

    const listed = await apiAs(client, auth).get('/api/v1/me/self-paced-enrolments')
    listed.assertStatus(200)
    assert.deepEqual(
      listed
        .body()
        .data.map((run: any) => [run.id, run.status, run.modulesFinished, run.modulesTotal]),
      [[runId, 'completed', 2, 2]]
    )
    assert.equal(listed.body().meta.total, 1)
    const one = await apiAs(client, auth).get(`/api/v1/me/self-paced-enrolments/${runId}`)
    one.assertStatus(200)
    assert.equal(one.body().data.status, 'completed')
  })

  test('another person’s enrolment and modules answer 404; a package module answers 409', async ({
    client,
    assert,
  }) => {
    const owner = await createUser()
    const { course, modules } = await createSelfPacedCourse({
      modules: [{ title: 'Lesson', kind: 'scorm' }, {}],
    })
    const run = await createSelfPacedEnrolment(owner, course)
    const stranger = await bearer(await createUser())
    for (const [method, url] of [
      ['get', `/api/v1/me/self-paced-enrolments/${run.id}`],
      ['delete', `/api/v1/me/self-paced-enrolments/${run.id}`],
      ['post', `/api/v1/modules/${modules[1].id}/completion`],
    ] as const) {
      const response = await apiAs(client, stranger)[method](url)
      assert.equal(response.status(), 404, `${method} ${url}`)
    }
    const ownAuth = await bearer(owner)
    const onPackage = await apiAs(client, ownAuth).post(
      `/api/v1/modules/${modules[0].id}/completion`
    )
    onPackage.assertStatus(409)
    assert.equal(onPackage.body().code, 'package_module')
    await run.refresh()
    assert.equal(run.status, 'in_progress')
  })

  test('the caller withdraws from a course in progress; withdrawing again answers 409', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const auth = await bearer(learner)
    const { course } = await createSelfPacedCourse()
    const run = await createSelfPacedEnrolment(learner, course)
    const withdrawn = await apiAs(client, auth).delete(`/api/v1/me/self-paced-enrolments/${run.id}`)
    withdrawn.assertStatus(200)
    assert.equal(withdrawn.body().data.status, 'withdrawn')
    const again = await apiAs(client, auth).delete(`/api/v1/me/self-paced-enrolments/${run.id}`)
    again.assertStatus(409)
    assert.equal(again.body().code, 'not_in_progress')
    const listed = await apiAs(client, auth).get('/api/v1/me/self-paced-enrolments')
    assert.lengthOf(listed.body().data, 0)
  })
})
