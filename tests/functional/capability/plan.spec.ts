import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { createSkill } from '#database/factories/framework_factory'
import { createCourse } from '#database/factories/learning_factory'
import DevelopmentPlanItem from '#models/development_plan_item'
import type User from '#models/user'
import { createPlanItem } from '#database/factories/capability_factory'
import { submitAs } from '#tests/support/forms'

async function planItem(user: User, overrides: Partial<DevelopmentPlanItem> = {}) {
  const skill = await createSkill()
  return createPlanItem(user, {
    skillId: skill.id,
    targetLevel: 3,
    dueOn: DateTime.now().plus({ months: 2 }),
    ...overrides,
  })
}

function nextYear() {
  return String(DateTime.now().year + 1)
}

test.group('Capability: the development plan', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a person adds a skill item with a due date and sees it in their plan', async ({
    client,
    assert,
  }) => {
    const person = await createUser()
    const skill = await createSkill('Service design')
    const response = await submitAs(client, person).post('/capability/plan/items', {
      kind: 'skill',
      skillId: skill.id,
      targetLevel: 3,
      dueOn: { day: '3', month: '3', year: nextYear() },
      returnTo: 'plan',
    })
    response.assertStatus(302)
    response.assertHeader('location', '/capability/plan')
    const item = await DevelopmentPlanItem.query().where('user_id', person.id).firstOrFail()
    assert.equal(item.skillId, skill.id)
    assert.equal(item.targetLevel, 3)
    assert.equal(item.status, 'planned')
    assert.equal(item.dueOn!.toISODate(), `${nextYear()}-03-03`)

    const page = await client.get('/capability/plan').loginAs(person)
    page.assertTextIncludes('Service design to level 3 (Practitioner)')
    page.assertTextIncludes(`3 March ${nextYear()}`)
    page.assertTextIncludes('Not yet agreed')
  })

  test('a person adds a published course item', async ({ client, assert }) => {
    const person = await createUser()
    const course = await createCourse({ title: 'Agile delivery' })
    await submitAs(client, person).post('/capability/plan/items', {
      kind: 'course',
      courseId: course.id,
    })
    const item = await DevelopmentPlanItem.query().where('user_id', person.id).firstOrFail()
    assert.equal(item.kind, 'course')
    assert.equal(item.courseId, course.id)
    assert.isNull(item.dueOn)
  })

  test('"Add to my plan" from the gap view adds the skill and returns to the gap view', async ({
    client,
    assert,
  }) => {
    const person = await createUser()
    const skill = await createSkill()
    const response = await submitAs(client, person).post('/capability/plan/items', {
      kind: 'skill',
      skillId: skill.id,
      targetLevel: 2,
      returnTo: 'gaps-target',
    })
    response.assertHeader('location', '/capability/gaps?toward=target')
    response.assertFlashMessage('success', 'The item has been added to your plan')
    assert.lengthOf(await DevelopmentPlanItem.query().where('user_id', person.id), 1)
  })

  test('adding an item without its fields, or with a date in the past, gives specific messages', async ({
    client,
    assert,
  }) => {
    const person = await createUser()
    const missing = await client
      .post('/capability/plan/items')
      .form({ kind: 'skill' })
      .withCsrfToken()
      .loginAs(person)
      .header('referer', '/capability/plan')
      .redirects(0)
    missing.assertStatus(302)
    const errors = missing.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.deepEqual(errors.skillId, ['Select the skill you want to develop'])
    assert.deepEqual(errors.targetLevel, ['Select the level you want to reach'])

    const skill = await createSkill()
    const past = await submitAs(client, person).post('/capability/plan/items', {
      kind: 'skill',
      skillId: skill.id,
      targetLevel: 2,
      dueOn: { day: '1', month: '1', year: '2020' },
    })
    assert.deepEqual((past.flashMessages().inputErrorsBag as any).dueOn, [
      'The due date must be today or in the future',
    ])

    const unreal = await submitAs(client, person).post('/capability/plan/items', {
      kind: 'course',
      dueOn: { day: '31', month: '2', year: nextYear() },
    })
    const bag = unreal.flashMessages().inputErrorsBag as any
    assert.deepEqual(bag.courseId, ['Select the course'])
    assert.deepEqual(bag.dueOn, ['The due date must be a real date'])
    assert.lengthOf(await DevelopmentPlanItem.query().where('user_id', person.id), 0)

    const page = await client.get('/capability/plan').loginAs(person)
    page.assertTextIncludes('<h1>My development plan</h1>')
  })

  test('a draft course cannot be added to a plan', async ({ client, assert }) => {
    const person = await createUser()
    const draft = await createCourse({ status: 'draft' })
    const response = await submitAs(client, person).post('/capability/plan/items', {
      kind: 'course',
      courseId: draft.id,
    })
    assert.deepEqual((response.flashMessages().inputErrorsBag as any).courseId, [
      'Select the course',
    ])
    assert.lengthOf(await DevelopmentPlanItem.query().where('user_id', person.id), 0)
  })

  test('a person changes the status of their item, but not of anyone else’s', async ({
    client,
    assert,
  }) => {
    const person = await createUser()
    const item = await planItem(person)
    const response = await submitAs(client, person).post(
      `/capability/plan/items/${item.id}/status`,
      { status: 'in_progress' }
    )
    response.assertHeader('location', '/capability/plan')
    await item.refresh()
    assert.equal(item.status, 'in_progress')

    const other = await client
      .post(`/capability/plan/items/${item.id}/status`)
      .form({ status: 'done' })
      .withCsrfToken()
      .loginAs(await createUser())
    other.assertStatus(404)
    await item.refresh()
    assert.equal(item.status, 'in_progress')
  })

  test('an item can be removed only while it is not agreed', async ({ client, assert }) => {
    const manager = await createUser()
    const person = await createUser()
    const open = await planItem(person)
    const agreed = await planItem(person, { agreedBy: manager.id, agreedAt: DateTime.now() })

    await submitAs(client, person).post(`/capability/plan/items/${open.id}/delete`)
    assert.isNull(await DevelopmentPlanItem.find(open.id))

    const refused = await submitAs(client, person).post(
      `/capability/plan/items/${agreed.id}/delete`
    )
    refused.assertFlashMessage(
      'error',
      'This item cannot be removed: your line manager has agreed it. Mark it done, or talk to them'
    )
    assert.isNotNull(await DevelopmentPlanItem.find(agreed.id))
  })

  test('an unfinished item past its due date is marked overdue for the person and their line manager', async ({
    client,
    assert,
  }) => {
    const manager = await createUser()
    const person = await createUser({ overrides: { lineManagerId: manager.id } })
    await planItem(person, { dueOn: DateTime.fromISO('2026-03-03') })
    await planItem(person, { dueOn: DateTime.fromISO('2026-01-05'), status: 'done' })

    const own = await client.get('/capability/plan').loginAs(person)
    own.assertTextIncludes('Overdue: due 3 March 2026')
    own.assertTextIncludes('5 January 2026')
    assert.notInclude(own.text(), 'Overdue: due 5 January 2026')

    const managers = await client.get(`/capability/people/${person.id}/plan`).loginAs(manager)
    managers.assertStatus(200)
    managers.assertTextIncludes('Overdue: due 3 March 2026')
  })

  test('the line manager agrees a direct report’s plan, recording who and when', async ({
    client,
    assert,
  }) => {
    const manager = await createUser({ overrides: { fullName: 'Maria Manager' } })
    const person = await createUser({ overrides: { lineManagerId: manager.id } })
    const first = await planItem(person)
    const second = await planItem(person)

    const page = await client.get(`/capability/people/${person.id}/plan`).loginAs(manager)
    page.assertTextIncludes('2 items have not been agreed yet')
    page.assertTextIncludes('Agree the plan')

    const response = await submitAs(client, manager).post(
      `/capability/people/${person.id}/plan/agree`
    )
    response.assertHeader('location', `/capability/people/${person.id}/plan`)
    response.assertFlashMessage('success', 'You have agreed 2 items of the plan')
    for (const item of [first, second]) {
      await item.refresh()
      assert.equal(item.agreedBy, manager.id)
      assert.isNotNull(item.agreedAt)
    }
    const own = await client.get('/capability/plan').loginAs(person)
    own.assertTextIncludes('Agreed by Maria Manager on')
  })

  test('only the line manager sees or agrees a person’s plan; anyone else gets 404', async ({
    client,
    assert,
  }) => {
    const manager = await createUser()
    const person = await createUser({ overrides: { lineManagerId: manager.id } })
    const item = await planItem(person)
    const stranger = await createUser()

    const strangers = await client.get(`/capability/people/${person.id}/plan`).loginAs(stranger)
    strangers.assertStatus(404)
    const own = await client.get(`/capability/people/${person.id}/plan`).loginAs(person)
    own.assertStatus(404)
    const agree = await client
      .post(`/capability/people/${person.id}/plan/agree`)
      .withCsrfToken()
      .loginAs(stranger)
    agree.assertStatus(404)
    await item.refresh()
    assert.isNull(item.agreedAt)
  })
})
