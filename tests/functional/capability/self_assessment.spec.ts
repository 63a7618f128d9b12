import { test } from '@japa/runner'
import { assertPageIncludes } from '#tests/support/page_access'
import testUtils from '@adonisjs/core/services/test_utils'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { createRole } from '#database/factories/framework_factory'
import SkillAssessment from '#models/skill_assessment'
import Skill from '#models/skill'
import type User from '#models/user'
import { createRoleAssignment } from '#database/factories/capability_factory'
import { submitAs } from '#tests/support/forms'

/* A person whose current role level needs two skills and whose target needs a third. */
async function personWithRoles() {
  const { levels } = await createRole({
    levels: [
      { name: 'Analyst', needs: { 'Data analysis': 2, 'User focus': 1 } },
      { name: 'Senior analyst', needs: { 'Data analysis': 3, 'Stakeholder management': 2 } },
    ],
  })
  const person = await createUser()
  await createRoleAssignment(person, levels[0])
  await createRoleAssignment(person, levels[1], { kind: 'target', status: 'proposed' })
  const found = await Skill.query().whereIn('name', [
    'Data analysis',
    'User focus',
    'Stakeholder management',
  ])
  const skills = Object.fromEntries(found.map((skill) => [skill.name, skill]))
  return { person, skills }
}

function answers(skills: Record<string, Skill>, levels: Record<string, number>) {
  return Object.fromEntries(
    Object.entries(levels).map(([name, level]) => [`skill-${skills[name].id}`, String(level)])
  )
}

async function continueWith(client: any, person: User, form: Record<string, string>) {
  return submitAs(client, person).post('/capability/assessment', form)
}

test.group('Self-assessment', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the form lists the skills of the current and target role levels with level descriptors as hints', async ({
    client,
  }) => {
    const { person } = await personWithRoles()
    const response = await client.get('/capability/assessment').loginAs(person)
    response.assertStatus(200)
    for (const name of ['Data analysis', 'User focus', 'Stakeholder management'])
      response.assertTextIncludes(`<legend class="font-bold mb-1">${name}</legend>`)
    response.assertTextIncludes('1 Awareness')
    response.assertTextIncludes('4 Expert')
    response.assertTextIncludes('Data analysis at level 3.')
  })

  test('a person without a current role level is told to choose one first', async ({ client }) => {
    const person = await createUser()
    await assertPageIncludes(client, person, '/capability/assessment', [
      'Choose your current role level first',
      'href="/capability/role"',
    ])
  })

  test('every skill needs a level: a missing one is named in its message', async ({
    client,
    assert,
  }) => {
    const { person, skills } = await personWithRoles()
    const response = await continueWith(
      client,
      person,
      answers(skills, { 'Data analysis': 2, 'User focus': 1 })
    )
    response.assertHeader('location', '/capability/assessment')
    response.assertFlashMessage('inputErrorsBag', {
      [`skill-${skills['Stakeholder management'].id}`]: [
        'Select your level for Stakeholder management',
      ],
    })
    assert.lengthOf(await SkillAssessment.query().where('user_id', person.id), 0)
  })

  test('the check page shows the pending answers and submitting saves them as submitted self-assessments', async ({
    client,
    assert,
  }) => {
    const { person, skills } = await personWithRoles()
    const form = answers(skills, {
      'Data analysis': 3,
      'User focus': 2,
      'Stakeholder management': 1,
    })
    const pending = Object.entries(form).map(([field, level]) => ({
      skillId: Number(field.replace('skill-', '')),
      level: Number(level),
    }))
    const check = await client
      .get('/capability/assessment/check')
      .loginAs(person)
      .withSession({ 'capability.pendingSelfAssessment': pending })
    check.assertStatus(200)
    check.assertTextIncludes('Data analysis')
    check.assertTextIncludes('3 Practitioner')

    const submitted = await client
      .post('/capability/assessment/submit')
      .withCsrfToken()
      .loginAs(person)
      .withSession({ 'capability.pendingSelfAssessment': pending })
      .redirects(0)
    submitted.assertHeader('location', '/capability/assessment')
    const rows = await SkillAssessment.query().where('user_id', person.id).orderBy('skill_id')
    assert.lengthOf(rows, 3)
    for (const row of rows) {
      assert.equal(row.source, 'self')
      assert.equal(row.status, 'submitted')
      assert.equal(row.assessedBy, person.id)
    }
    assert.equal(rows.find((row) => row.skillId === skills['Data analysis'].id)!.level, 3)

    const page = await client.get('/capability/assessment').loginAs(person)
    page.assertTextIncludes(
      `id="field-skill-${skills['Data analysis'].id}-2" name="skill-${skills['Data analysis'].id}" value="3" checked`
    )
  })

  test('valid answers lead to the check page', async ({ client }) => {
    const { person, skills } = await personWithRoles()
    const continued = await continueWith(
      client,
      person,
      answers(skills, { 'Data analysis': 3, 'User focus': 2, 'Stakeholder management': 1 })
    )
    continued.assertStatus(302)
    continued.assertHeader('location', '/capability/assessment/check')
  })
})
