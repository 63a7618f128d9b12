import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { createRole, createSkill } from '#database/factories/framework_factory'
import { createCourse, createSession } from '#database/factories/learning_factory'
import { bearer, apiAs } from '#tests/support/api'
import DevelopmentPlanItem from '#models/development_plan_item'
import Skill from '#models/skill'
import {
  createAssessment,
  createPlanItem,
  createRoleAssignment,
} from '#database/factories/capability_factory'

test.group('API: my gaps and development plan', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('my gaps lists each skill with its levels, gap and the courses that reach the level', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const { levels } = await createRole({
      levels: [{ name: 'API analyst', needs: { 'API skill one': 3, 'API skill two': 1 } }],
    })
    const one = await Skill.findByOrFail('name', 'API skill one')
    const two = await Skill.findByOrFail('name', 'API skill two')
    await createRoleAssignment(learner, levels[0])
    await createAssessment(learner, one, 1)
    await createAssessment(learner, two, 2, { source: 'manager' })
    const course = await createCourse({ title: 'Reaches three', outcomes: { [one.id]: 3 } })
    await createCourse({ title: 'Only two', outcomes: { [one.id]: 2 } })
    const session = await createSession({ course, capacity: 6, location: 'Bristol' })

    const response = await apiAs(client, await bearer(learner)).get('/api/v1/me/gaps')
    response.assertStatus(200)
    const body = response.body()
    assert.deepEqual(body.meta.roleLevel, { id: levels[0].id, name: 'API analyst' })
    assert.lengthOf(body.data, 2)
    const [first, second] = body.data
    assert.deepEqual(first.skill, { id: one.id, name: 'API skill one' })
    assert.equal(first.required, 3)
    assert.isNull(first.validated)
    assert.equal(first.selfAssessed, 1)
    assert.equal(first.gap, 2)
    assert.deepEqual(first.courses, [
      {
        id: course.id,
        code: course.code,
        title: 'Reaches three',
        nextSession: {
          id: session.id,
          startsAt: session.startsAt.toUTC().toISO(),
          location: 'Bristol',
          seatsLeft: 6,
        },
      },
    ])
    assert.equal(second.validated, 2)
    assert.equal(second.gap, 0)
    assert.deepEqual(second.courses, [])
  })

  test('my gaps toward the target role level is empty with no target chosen', async ({
    client,
  }) => {
    const response = await apiAs(client, await bearer(await createUser())).get(
      '/api/v1/me/gaps?toward=target'
    )
    response.assertStatus(200)
    response.assertBody({ data: [], meta: { roleLevel: null, toward: 'target' } })
  })

  test('my plan lists my items with overdue flags, and no one else’s', async ({
    client,
    assert,
  }) => {
    const person = await createUser()
    const skill = await createSkill('API plan skill')
    const mine = await createPlanItem(person, {
      skillId: skill.id,
      targetLevel: 2,
      dueOn: DateTime.fromISO('2026-03-03'),
    })
    const other = await createUser()
    await createPlanItem(other, { skillId: skill.id, targetLevel: 4 })
    const response = await apiAs(client, await bearer(person)).get('/api/v1/me/plan')
    response.assertStatus(200)
    assert.deepEqual(response.body().data, [
      {
        id: mine.id,
        kind: 'skill',
        skill: { id: skill.id, name: 'API plan skill' },
        targetLevel: 2,
        course: null,
        dueOn: '2026-03-03',
        status: 'planned',
        agreedAt: null,
        overdue: true,
      },
    ])
  })

  test('adding a plan item answers 201 with the item', async ({ client, assert }) => {
    const person = await createUser()
    const course = await createCourse({ title: 'API course' })
    const due = `${DateTime.now().year + 1}-06-30`
    const auth = await bearer(person)
    const response = await apiAs(client, auth)
      .post('/api/v1/me/plan/items')
      .json({ kind: 'course', courseId: course.id, dueOn: due })
    response.assertStatus(201)
    response.assertBodyContains({
      data: {
        kind: 'course',
        course: { id: course.id, title: 'API course' },
        dueOn: due,
        overdue: false,
      },
    })
    assert.lengthOf(await DevelopmentPlanItem.query().where('user_id', person.id), 1)
    // One shape for a plan item: the answer is the item as the plan gives it.
    const plan = await apiAs(client, auth).get('/api/v1/me/plan')
    assert.deepEqual(plan.body().data, [response.body().data])
  })

  test('adding a plan item with missing or wrong fields answers 422 naming each field', async ({
    client,
    assert,
  }) => {
    const person = await createUser()
    const response = await apiAs(client, await bearer(person))
      .post('/api/v1/me/plan/items')
      .json({ kind: 'skill', dueOn: '2020-01-01' })
    response.assertStatus(422)
    const errors = response.body().errors as { field: string; message: string }[]
    const byField = Object.fromEntries(errors.map((error) => [error.field, error.message]))
    assert.equal(byField.skillId, 'Select the skill you want to develop')
    assert.equal(byField.targetLevel, 'Select the level you want to reach')
    assert.equal(byField.dueOn, 'The due date must be today or in the future')

    const unknown = await apiAs(client, await bearer(person))
      .post('/api/v1/me/plan/items')
      .json({ kind: 'course', courseId: 999999 })
    unknown.assertStatus(422)
    assert.deepEqual(unknown.body().errors, [
      { field: 'courseId', message: 'Select the course', rule: 'exists' },
    ])

    const unknownSkill = await apiAs(client, await bearer(person))
      .post('/api/v1/me/plan/items')
      .json({ kind: 'skill', skillId: 999999, targetLevel: 2 })
    unknownSkill.assertStatus(422)
    assert.deepEqual(unknownSkill.body().errors, [
      { field: 'skillId', message: 'Select the skill you want to develop', rule: 'exists' },
    ])
  })

  test('the gaps and plan endpoints need a bearer token', async ({ client }) => {
    const gaps = await client.get('/api/v1/me/gaps')
    gaps.assertStatus(401)
    const plan = await client.get('/api/v1/me/plan')
    plan.assertStatus(401)
    const store = await client.post('/api/v1/me/plan/items').json({})
    store.assertStatus(401)
  })
})
