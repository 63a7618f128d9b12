import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { createRole } from '#database/factories/framework_factory'
import { createAudience, createCourse } from '#database/factories/learning_factory'
import Skill from '#models/skill'
import type User from '#models/user'
import { createAssessment, createRoleAssignment } from '#database/factories/capability_factory'

/*
 * A Service Manager who needs Service ownership at 3 and has it validated
 * at 1, and the courses around them: some for their role, some building the
 * skill above or at the level they have, some for something else.
 */
async function serviceManagerAndCourses() {
  const { levels, role } = await createRole({
    levels: [
      { name: 'Service manager (catalogue)', needs: { 'Service ownership (catalogue)': 3 } },
    ],
  })
  const { role: otherRole } = await createRole({
    levels: [{ name: 'Data analyst (catalogue)', needs: { 'Data wrangling (catalogue)': 2 } }],
  })
  const skill = await Skill.findByOrFail('name', 'Service ownership (catalogue)')
  const other = await Skill.findByOrFail('name', 'Data wrangling (catalogue)')
  const manager = await createUser()
  const learner = await createUser({ overrides: { lineManagerId: manager.id } })
  await createRoleAssignment(learner, levels[0], { confirmedAt: DateTime.now() })
  await createAssessment(learner, skill, 1, { source: 'manager', assessedBy: manager.id })
  const courses = {
    forRole: await createCourse({ title: 'Owning a service (for the role)' }),
    otherRole: await createCourse({ title: 'Analysing data (another role)' }),
    partWay: await createCourse({ title: 'Service ownership basics', outcomes: { [skill.id]: 2 } }),
    allTheWay: await createCourse({
      title: 'Service ownership in depth',
      outcomes: { [skill.id]: 4 },
    }),
    alreadyThere: await createCourse({
      title: 'Service ownership awareness',
      outcomes: { [skill.id]: 1 },
    }),
    otherSkill: await createCourse({ title: 'Data wrangling', outcomes: { [other.id]: 3 } }),
  }
  await createAudience(courses.forRole, role, 'recommended')
  await createAudience(courses.otherRole, otherRole, 'mandatory')
  return { learner, courses }
}

/* The course titles a page of the catalogue lists. */
function titlesOn(html: string) {
  return [
    ...html.matchAll(
      /<h2 class="text-xl mb-2"><a href="\/learning\/courses\/\d+">([^<]+)<\/a><\/h2>/g
    ),
  ]
    .map((match) => match[1])
    .sort()
}

async function catalogue(client: any, user: User, query: string) {
  const response = await client.get(`/learning/courses?${query}`).loginAs(user)
  response.assertStatus(200)
  return response
}

test.group('Catalogue: courses for me', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('“for my role” lists only the courses meant for the role the person holds now', async ({
    client,
    assert,
  }) => {
    const { learner } = await serviceManagerAndCourses()
    const response = await catalogue(client, learner, 'forMyRole=true')
    assert.deepEqual(titlesOn(response.text()), ['Owning a service (for the role)'])
    assert.include(response.text(), 'checked')
  })

  test('“close my skill gaps” lists courses that bring a skill the person is short of above where they are now', async ({
    client,
    assert,
  }) => {
    const { learner } = await serviceManagerAndCourses()
    const response = await catalogue(client, learner, 'forMyGaps=true')
    assert.deepEqual(titlesOn(response.text()), [
      'Service ownership basics',
      'Service ownership in depth',
    ])
  })

  test('both together, and with the other filters, narrow the list further', async ({
    client,
    assert,
  }) => {
    const { learner } = await serviceManagerAndCourses()
    const both = await catalogue(client, learner, 'forMyRole=true&forMyGaps=true')
    assert.deepEqual(titlesOn(both.text()), [])
    const searched = await catalogue(client, learner, 'forMyGaps=true&q=depth')
    assert.deepEqual(titlesOn(searched.text()), ['Service ownership in depth'])
  })

  test('someone with no current role is told why nothing is for them', async ({
    client,
    assert,
  }) => {
    await serviceManagerAndCourses()
    const newcomer = await createUser()
    const response = await catalogue(client, newcomer, 'forMyRole=true&forMyGaps=true')
    assert.deepEqual(titlesOn(response.text()), [])
    response.assertTextIncludes('You have no current role recorded')
  })

  test('the CSV of the list keeps the filter and finds the same courses', async ({
    client,
    assert,
  }) => {
    const { learner } = await serviceManagerAndCourses()
    const page = await catalogue(client, learner, 'forMyGaps=true')
    assert.include(page.text(), '/learning/courses.csv?forMyGaps=true')
    const csv = await client.get('/learning/courses.csv?forMyGaps=true').loginAs(learner)
    csv.assertStatus(200)
    const text = csv.text()
    assert.include(text, 'Service ownership basics')
    assert.include(text, 'Service ownership in depth')
    assert.notInclude(text, 'Service ownership awareness')
    assert.notInclude(text, 'Data wrangling')
  })

  test('a value other than a tick is refused with a message', async ({ client, assert }) => {
    const { learner } = await serviceManagerAndCourses()
    const response = await catalogue(client, learner, 'forMyRole=maybe')
    assert.include(response.text(), 'Tick “for my role” or leave it clear')
  })
})
