import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { createRole, createSkill } from '#database/factories/framework_factory'
import { bearer, apiAs } from '#tests/support/api'
import SkillAssessment from '#models/skill_assessment'
import Skill from '#models/skill'
import { createAssessment, createRoleAssignment } from '#database/factories/capability_factory'

async function personInRole() {
  const { levels } = await createRole({
    levels: [{ name: 'Developer', needs: { Programming: 2, Testing: 2 } }],
  })
  const manager = await createUser()
  const person = await createUser({ overrides: { lineManagerId: manager.id } })
  await createRoleAssignment(person, levels[0])
  const programming = await Skill.findByOrFail('name', 'Programming')
  const testing = await Skill.findByOrFail('name', 'Testing')
  return { manager, person, programming, testing }
}

test.group('API: assessments', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the caller saves self-assessments for their role level’s skills and gets the rows back', async ({
    client,
    assert,
  }) => {
    const { person, programming, testing } = await personInRole()
    const response = await apiAs(client, await bearer(person))
      .put('/api/v1/me/assessments')
      .json({
        assessments: [
          { skillId: programming.id, level: 3 },
          { skillId: testing.id, level: 2 },
        ],
      })
    response.assertStatus(200)
    response.assertBodyContains({
      data: [
        { skillId: programming.id, level: 3, source: 'self', status: 'submitted' },
        { skillId: testing.id, level: 2, source: 'self', status: 'submitted' },
      ],
    })
    assert.lengthOf(await SkillAssessment.query().where('user_id', person.id), 2)
  })

  test('a bad level or a skill outside the role answers 422 naming the item', async ({
    client,
    assert,
  }) => {
    const { person, programming, testing } = await personInRole()
    const badLevel = await apiAs(client, await bearer(person))
      .put('/api/v1/me/assessments')
      .json({
        assessments: [
          { skillId: programming.id, level: 2 },
          { skillId: testing.id, level: 2 },
          { skillId: testing.id, level: 7 },
        ],
      })
    badLevel.assertStatus(422)
    assert.deepInclude(badLevel.body().errors, {
      field: 'assessments.2.level',
      message: 'Give a level from 1 to 4',
      rule: 'in',
    })

    const outside = await createSkill('Welding')
    const wrongSkill = await apiAs(client, await bearer(person))
      .put('/api/v1/me/assessments')
      .json({
        assessments: [
          { skillId: programming.id, level: 2 },
          { skillId: outside.id, level: 2 },
        ],
      })
    wrongSkill.assertStatus(422)
    assert.equal(wrongSkill.body().errors[0].field, 'assessments.1.skillId')
    assert.lengthOf(await SkillAssessment.query().where('user_id', person.id), 0)
  })

  test('the line manager validates a self-assessment: 201 with the new row, both kept', async ({
    client,
    assert,
  }) => {
    const { manager, person, programming } = await personInRole()
    const own = await createAssessment(person, programming, 3, { assessedBy: person.id })
    const response = await apiAs(client, await bearer(manager))
      .post(`/api/v1/assessments/${own.id}/validation`)
      .json({ level: 2, comment: 'Not yet on your own' })
    response.assertStatus(201)
    const validation = await SkillAssessment.query().where('validates_id', own.id).firstOrFail()
    assert.deepEqual(response.body(), {
      data: { id: validation.id, level: 2, validatesId: own.id },
    })
    assert.equal(validation.source, 'manager')
    assert.equal(validation.status, 'validated')
    assert.lengthOf(await SkillAssessment.query().where('user_id', person.id), 2)
  })

  test('validating someone else’s report answers 404, and a bad level 422', async ({ client }) => {
    const { manager, person, programming } = await personInRole()
    const own = await createAssessment(person, programming, 3, { assessedBy: person.id })
    const stranger = await apiAs(client, await bearer(await createUser()))
      .post(`/api/v1/assessments/${own.id}/validation`)
      .json({ level: 2 })
    stranger.assertStatus(404)
    const self = await apiAs(client, await bearer(person))
      .post(`/api/v1/assessments/${own.id}/validation`)
      .json({ level: 2 })
    self.assertStatus(404)
    const bad = await apiAs(client, await bearer(manager))
      .post(`/api/v1/assessments/${own.id}/validation`)
      .json({ level: 9 })
    bad.assertStatus(422)
    bad.assertBodyContains({ errors: [{ field: 'level' }] })
  })
})
