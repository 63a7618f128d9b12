import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import router from '@adonisjs/core/services/router'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { createCourse, createProvider } from '#database/factories/learning_factory'
import CourseSession from '#models/course_session'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/user'
import { submitWithDatesAs } from '#tests/support/date_input'
import { bearer } from '#tests/support/api'

/* Forms send their dates as GOV.UK date inputs do: day, month and year boxes. */
const submitAs = (client: ApiClient, user: User) => submitWithDatesAs(client, user)

const nextYear = DateTime.now().year + 1
const NOTES = 'Step-free entrance on Kingsway; hearing loop in room 4 <b>bold</b>'

/* The session form as a course admin fills it in, with the notes given. */
function sessionForm(accessibilityNotes: string) {
  return {
    startDate: `${nextYear}-07-14`,
    startTime: '09:30',
    endTime: '16:30',
    venue: 'Aviation House, room 4',
    accessibilityNotes,
    capacity: '12',
  }
}

/* The API's session body, on a day of July next year, with the notes given. */
function sessionBody(day: number, accessibilityNotes: string) {
  return {
    startsAt: `${nextYear}-07-${day}T09:30:00+01:00`,
    endsAt: `${nextYear}-07-${day}T16:30:00+01:00`,
    venue: 'Aviation House',
    accessibilityNotes,
    capacity: 20,
  }
}

async function courseWithAdmin() {
  const admin = await createUser({ roles: ['course_admin'] })
  const provider = await createProvider('Digital Academy', [admin])
  const course = await createCourse({ provider, title: 'Agile for teams' })
  return { admin, course }
}

test.group('Venue accessibility notes on a session', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a course admin writes them on the session form and learners read them on the course page', async ({
    client,
    assert,
  }) => {
    const { admin, course } = await courseWithAdmin()
    const saved = await submitAs(client, admin).post(
      router.makeUrl('learning.admin.sessions.store', { id: course.id }),
      sessionForm(`  ${NOTES}  `)
    )
    saved.assertStatus(302)
    const session = await CourseSession.findByOrFail('course_id', course.id)
    assert.equal(session.accessibilityNotes, NOTES)

    const learner = await createUser()
    const page = await client
      .get(router.makeUrl('learning.courses.show', { id: course.id }))
      .loginAs(learner)
    page.assertStatus(200)
    page.assertTextIncludes(
      'Accessibility: Step-free entrance on Kingsway; hearing loop in room 4 &lt;b&gt;bold&lt;/b&gt;'
    )
  })

  test('notes over 1,000 characters get a field message and change nothing', async ({
    client,
    assert,
  }) => {
    const { admin, course } = await courseWithAdmin()
    const refused = await submitAs(client, admin).post(
      router.makeUrl('learning.admin.sessions.store', { id: course.id }),
      sessionForm('x'.repeat(1001))
    )
    refused.assertStatus(302)
    refused.assertFlashMessage('inputErrorsBag', {
      accessibilityNotes: ['The accessibility notes must be 1,000 characters or fewer'],
    })
    assert.isNull(await CourseSession.findBy('course_id', course.id))
  })

  test('the API takes them when a session is added and gives them back with the session', async ({
    client,
    assert,
  }) => {
    const { admin, course } = await courseWithAdmin()
    const created = await client
      .post(router.makeUrl('api.courses.sessions.store', { id: course.id }))
      .header('Authorization', await bearer(admin))
      .json(sessionBody(14, NOTES))
    created.assertStatus(201)
    assert.equal(created.body().data.accessibilityNotes, NOTES)

    const read = await client
      .get(router.makeUrl('api.sessions.show', { id: created.body().data.id }))
      .header('Authorization', await bearer(admin))
    read.assertStatus(200)
    assert.equal(read.body().data.accessibilityNotes, NOTES)

    const tooLong = await client
      .post(router.makeUrl('api.courses.sessions.store', { id: course.id }))
      .header('Authorization', await bearer(admin))
      .json(sessionBody(15, 'x'.repeat(1001)))
    tooLong.assertStatus(422)
    assert.containSubset(tooLong.body().errors, [
      {
        field: 'accessibilityNotes',
        message: 'The accessibility notes must be 1,000 characters or fewer',
      },
    ])
  })
})
