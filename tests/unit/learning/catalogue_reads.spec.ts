import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import {
  createAudience,
  createCourse,
  createEnrolment,
  createOutcome,
  createSession,
} from '#database/factories/learning_factory'
import { createRole, createSkill } from '#database/factories/framework_factory'
import { courseWithSessions, searchCatalogue } from '#queries/learning/catalogue_query'
import { enrolmentPage } from '#queries/learning/my_learning_query'
import { colleagues } from '#tests/support/people'
import { queriesRunBy } from '#tests/support/query_count'

/* Published courses, each building a skill, for a role, with a session next week. */
async function catalogueOf(count: number) {
  const { role } = await createRole({ levels: [{ name: 'Practitioner', needs: {} }] })
  const courses = []
  for (let index = 0; index < count; index++) {
    const course = await createCourse({ title: `Reads course ${index}` })
    await createOutcome(course, await createSkill(`Reads skill ${index}`), 2)
    await createAudience(course, role, 'recommended')
    await createSession({ course, startsAt: DateTime.now().plus({ days: 7 + index }) })
    courses.push(course)
  }
  return { role, courses }
}

test.group('Reading the catalogue', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a page of the catalogue reads its courses, outcomes, audiences and next sessions in four queries', async ({
    assert,
  }) => {
    const { role } = await catalogueOf(6)
    const { result, statements } = await queriesRunBy(() => searchCatalogue({ q: 'reads course' }))
    assert.lengthOf(statements, 4)
    assert.equal(result.page.getMeta().total, 6)
    assert.deepEqual(
      result.entries.map((entry) => entry.course.title),
      [0, 1, 2, 3, 4, 5].map((index) => `Reads course ${index}`)
    )
    for (const [index, entry] of result.entries.entries()) {
      assert.deepEqual(
        entry.course.outcomes.map((outcome) => [outcome.skill.name, outcome.level]),
        [[`Reads skill ${index}`, 2]]
      )
      assert.deepEqual(
        entry.course.audiences.map((audience) => audience.roleProfile.name),
        [role.name]
      )
      assert.equal(entry.nextSession?.seatsLeft, 10)
    }
  })

  test('a course is read with its details and upcoming sessions in four queries', async ({
    assert,
  }) => {
    const { courses } = await catalogueOf(2)
    const { result, statements } = await queriesRunBy(() => courseWithSessions(courses[1].id))
    assert.lengthOf(statements, 4)
    assert.equal(result?.course.title, 'Reads course 1')
    assert.deepEqual(
      result?.course.outcomes.map((outcome) => outcome.skill.name),
      ['Reads skill 1']
    )
    assert.lengthOf(result?.sessions ?? [], 1)
  })
})

test.group('Reading a learner’s enrolments', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a page of a learner’s enrolments is counted and read in one query', async ({ assert }) => {
    const [learner] = await colleagues(1)
    for (let index = 0; index < 3; index++) {
      const session = await createSession({ startsAt: DateTime.now().plus({ days: 7 + index }) })
      await createEnrolment(session, learner)
    }
    const { result, statements } = await queriesRunBy(() =>
      enrolmentPage(learner.id, { page: 1, perPage: 2 })
    )
    assert.lengthOf(statements, 1)
    assert.equal(result.meta.total, 3)
    assert.lengthOf(result.rows, 2)
    assert.isTrue(result.rows[0].session.startsAt > result.rows[1].session.startsAt)
  })
})
