import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import {
  createCourse,
  createEnrolment,
  createProvider,
  createSession,
} from '#database/factories/learning_factory'
import type Course from '#models/course'
import type CourseSession from '#models/course_session'
import type User from '#models/user'
import CourseFeedback from '#models/course_feedback'
import SelfPacedEnrolment from '#models/self_paced_enrolment'
import { submitAs } from '#tests/support/forms'
import { auditOf } from '#tests/support/audit'
import { apiAs, bearer } from '#tests/support/api'
import { csvRows } from '#tests/support/exports'
import { queriesRunBy } from '#tests/support/query_count'
import { textWithoutMarkup } from '#tests/support/html'
import db from '@adonisjs/lucid/services/db'
import { anonymisePerson } from '#actions/identity/anonymise_person'
import { subjectAccessRecords } from '#queries/identity/subject_access_query'

/* A session that has finished: started two days ago. */
async function pastSession(course: Course) {
  const startsAt = DateTime.now().minus({ days: 2 }).set({ hour: 9, minute: 30, second: 0 })
  return createSession({ course, startsAt, bookingClosesAt: startsAt.minus({ days: 1 }) })
}

/* A learner with an enrolment in the given state on a session of the course that has finished. */
async function attendee(
  session: CourseSession,
  status: 'attended' | 'completed' | 'no_show' | 'booked' = 'attended',
  learner?: User
) {
  const person = learner ?? (await createUser())
  const enrolment = await createEnrolment(session, person, { status })
  return { learner: person, enrolment }
}

const ANSWERS = {
  overallRating: '4',
  relevanceRating: '5',
  wouldRecommend: 'true',
  comments: 'Clear examples, and time to practise.',
}

/* Feedback written straight into the table, for tests about what is read from it. */
async function answer(
  session: CourseSession,
  values: { overall: number; relevance?: number; recommend?: boolean; comments?: string | null },
  learner?: User
) {
  const { learner: person, enrolment } = await attendee(session, 'completed', learner)
  return CourseFeedback.create({
    userId: person.id,
    courseId: session.courseId,
    sessionId: session.id,
    enrolmentId: enrolment.id,
    overallRating: values.overall,
    relevanceRating: values.relevance ?? values.overall,
    wouldRecommend: values.recommend ?? true,
    comments: values.comments ?? null,
    submittedAt: DateTime.now(),
  })
}

/* How many feedback rows there are, of those matching the columns when given. */
async function feedbackCount(where: Record<string, number> = {}) {
  const rows = await CourseFeedback.query().where(where)
  return rows.length
}

async function selfPacedRun(learner: User, course: Course, status: 'completed' | 'in_progress') {
  return SelfPacedEnrolment.create({
    userId: learner.id,
    courseId: course.id,
    status,
    activeCourseId: status === 'in_progress' ? course.id : null,
    startedAt: DateTime.now().minus({ days: 3 }),
    completedAt: status === 'completed' ? DateTime.now().minus({ days: 1 }) : null,
  })
}

test.group('Course feedback: giving it', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a learner who attended sees a form with a fieldset for each question and the anonymity notice', async ({
    client,
    assert,
  }) => {
    const session = await pastSession(await createCourse({ title: 'Agile for teams' }))
    const { learner, enrolment } = await attendee(session)
    const response = await client
      .get(`/learning/enrolments/${enrolment.id}/feedback`)
      .loginAs(learner)
    response.assertStatus(200)
    const html = response.text()
    assert.include(html, '<h1>Give feedback on Agile for teams</h1>')
    assert.include(html, 'Overall, how would you rate the course?</legend>')
    assert.include(html, 'How relevant was the course to your role?</legend>')
    assert.include(html, 'Would you recommend the course to a colleague?</legend>')
    assert.equal(html.match(/<fieldset/g)?.length, 3)
    assert.include(html, 'without your name')
    assert.include(html, 'novalidate')
  })

  test('an attended learner gives feedback once: saved with the course and session, audited, and thanked', async ({
    client,
    assert,
  }) => {
    const session = await pastSession(await createCourse({ title: 'Agile for teams' }))
    const { learner, enrolment } = await attendee(session)
    const response = await submitAs(client, learner).post(
      `/learning/enrolments/${enrolment.id}/feedback`,
      ANSWERS
    )
    response.assertStatus(302)
    response.assertHeader('location', '/learning/my')
    response.assertFlashMessage('success', 'Thank you for your feedback on Agile for teams')
    const saved = await CourseFeedback.query().where('enrolment_id', enrolment.id).firstOrFail()
    assert.equal(saved.userId, learner.id)
    assert.equal(saved.courseId, session.courseId)
    assert.equal(saved.sessionId, session.id)
    assert.equal(saved.overallRating, 4)
    assert.equal(saved.relevanceRating, 5)
    assert.isTrue(saved.wouldRecommend)
    assert.equal(saved.comments, 'Clear examples, and time to practise.')
    const event = await auditOf(learner, 'create', 'course_feedback', saved.id)
    assert.include(String(event.after), '"overallRating":4')
    // The course counts it, for the rating the catalogue shows.
    const counted = await db.from('courses').where('id', session.courseId).firstOrFail()
    assert.equal(Number(counted.feedback_answers), 1)
    assert.equal(Number(counted.feedback_overall_sum), 4)
  })

  test('a completed enrolment may be evaluated too, and comments may be left out', async ({
    client,
    assert,
  }) => {
    const session = await pastSession(await createCourse())
    const { learner, enrolment } = await attendee(session, 'completed')
    const response = await submitAs(client, learner).post(
      `/learning/enrolments/${enrolment.id}/feedback`,
      { ...ANSWERS, wouldRecommend: 'false', comments: '' }
    )
    response.assertStatus(302)
    const saved = await CourseFeedback.query().where('enrolment_id', enrolment.id).firstOrFail()
    assert.isFalse(saved.wouldRecommend)
    assert.isNull(saved.comments)
  })

  test('a no-show cannot give feedback: the page says why and a sent form is refused', async ({
    client,
    assert,
  }) => {
    const session = await pastSession(await createCourse())
    const { learner, enrolment } = await attendee(session, 'no_show')
    const page = await client.get(`/learning/enrolments/${enrolment.id}/feedback`).loginAs(learner)
    page.assertStatus(200)
    page.assertTextIncludes('You did not attend this session, so you cannot give feedback on it')
    assert.notInclude(page.text(), 'name="overallRating"')

    const response = await submitAs(client, learner).post(
      `/learning/enrolments/${enrolment.id}/feedback`,
      ANSWERS
    )
    response.assertStatus(422)
    response.assertTextIncludes('<title>Error: ')
    response.assertTextIncludes(
      'You did not attend this session, so you cannot give feedback on it'
    )
    assert.equal(await feedbackCount({ enrolment_id: enrolment.id }), 0)
  })

  test('a booking not yet attended cannot be evaluated', async ({ client, assert }) => {
    const session = await pastSession(await createCourse())
    const { learner, enrolment } = await attendee(session, 'booked')
    const response = await submitAs(client, learner).post(
      `/learning/enrolments/${enrolment.id}/feedback`,
      ANSWERS
    )
    response.assertStatus(422)
    response.assertTextIncludes('You can give feedback once you have attended the session')
    assert.equal(await feedbackCount({ enrolment_id: enrolment.id }), 0)
  })

  test('someone else’s enrolment answers 404 to the form and to sending it', async ({
    client,
    assert,
  }) => {
    const session = await pastSession(await createCourse())
    const { enrolment } = await attendee(session)
    const other = await createUser()
    const page = await client.get(`/learning/enrolments/${enrolment.id}/feedback`).loginAs(other)
    page.assertStatus(404)
    const response = await submitAs(client, other).post(
      `/learning/enrolments/${enrolment.id}/feedback`,
      ANSWERS
    )
    response.assertStatus(404)
    assert.equal(await feedbackCount(), 0)
  })

  test('a second feedback on the same enrolment is refused and the first kept', async ({
    client,
    assert,
  }) => {
    const session = await pastSession(await createCourse({ title: 'Agile for teams' }))
    const { learner, enrolment } = await attendee(session)
    const url = `/learning/enrolments/${enrolment.id}/feedback`
    const first = await submitAs(client, learner).post(url, ANSWERS)
    first.assertStatus(302)
    const second = await submitAs(client, learner).post(url, { ...ANSWERS, overallRating: '1' })
    second.assertStatus(409)
    second.assertTextIncludes('You gave feedback on Agile for teams on ')
    const rows = await CourseFeedback.query().where('enrolment_id', enrolment.id)
    assert.lengthOf(rows, 1)
    assert.equal(rows[0].overallRating, 4)
    const page = await client.get(url).loginAs(learner)
    page.assertTextIncludes('Feedback is given once for each time you take a course')
    assert.notInclude(page.text(), 'name="overallRating"')
  })

  test('the form shown again after missing answers has one error summary', async ({
    client,
    assert,
  }) => {
    const session = await pastSession(await createCourse())
    const { learner, enrolment } = await attendee(session)
    const url = `/learning/enrolments/${enrolment.id}/feedback`
    const response = await client
      .post(url)
      .withCsrfToken()
      .loginAs(learner)
      .header('referer', url)
      .form({})
    response.assertStatus(200)
    assert.equal(response.text().match(/id="error-summary-title"/g)?.length, 1)
    response.assertTextIncludes('<title>Error: ')
  })

  test('missing answers are named one by one, in the form’s words', async ({ client }) => {
    const session = await pastSession(await createCourse())
    const { learner, enrolment } = await attendee(session)
    const response = await submitAs(client, learner).post(
      `/learning/enrolments/${enrolment.id}/feedback`,
      {}
    )
    response.assertStatus(302)
    response.assertFlashMessage('inputErrorsBag', {
      overallRating: ['Select how you rate the course overall, from 1 to 5'],
      relevanceRating: ['Select how relevant the course was to your role, from 1 to 5'],
      wouldRecommend: ['Select yes if you would recommend the course to a colleague'],
    })
  })

  test('a rating outside 1 to 5 and comments over 1,200 characters are refused with their messages', async ({
    client,
    assert,
  }) => {
    const session = await pastSession(await createCourse())
    const { learner, enrolment } = await attendee(session)
    const response = await submitAs(client, learner).post(
      `/learning/enrolments/${enrolment.id}/feedback`,
      { ...ANSWERS, overallRating: '6', relevanceRating: '2.5', comments: 'x'.repeat(1201) }
    )
    response.assertStatus(302)
    response.assertFlashMessage('inputErrorsBag', {
      overallRating: ['Select how you rate the course overall, from 1 to 5'],
      relevanceRating: ['Select how relevant the course was to your role, from 1 to 5'],
      comments: ['Your comments must be 1,200 characters or fewer'],
    })
    assert.equal(await feedbackCount(), 0)
  })

  test('a completed self-paced course may be evaluated; one still in progress may not', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const course = await createCourse({ title: 'Writing for the web' })
    const done = await selfPacedRun(learner, course, 'completed')
    const started = await selfPacedRun(learner, await createCourse(), 'in_progress')

    const form = await client
      .get(`/learning/self-paced-enrolments/${done.id}/feedback`)
      .loginAs(learner)
    form.assertStatus(200)
    form.assertTextIncludes('Give feedback on Writing for the web')
    const response = await submitAs(client, learner).post(
      `/learning/self-paced-enrolments/${done.id}/feedback`,
      ANSWERS
    )
    response.assertStatus(302)
    const saved = await CourseFeedback.query()
      .where('self_paced_enrolment_id', done.id)
      .firstOrFail()
    assert.equal(saved.courseId, course.id)
    assert.isNull(saved.sessionId)

    const refused = await submitAs(client, learner).post(
      `/learning/self-paced-enrolments/${started.id}/feedback`,
      ANSWERS
    )
    refused.assertStatus(422)
    refused.assertTextIncludes('You can give feedback once you have completed the course')
    const other = await createUser()
    const notTheirs = await client
      .get(`/learning/self-paced-enrolments/${done.id}/feedback`)
      .loginAs(other)
    notTheirs.assertStatus(404)
  })

  test('the home page asks for feedback on attended courses until it is given, and My learning links to the form', async ({
    client,
    assert,
  }) => {
    const session = await pastSession(await createCourse({ title: 'Agile for teams' }))
    const { learner, enrolment } = await attendee(session)
    const noShow = await pastSession(await createCourse({ title: 'Missed course' }))
    await attendee(noShow, 'no_show', learner)

    const home = await client.get('/').loginAs(learner)
    home.assertTextIncludes('Give feedback on courses you attended')
    home.assertTextIncludes(`href="/learning/enrolments/${enrolment.id}/feedback"`)
    const my = await client.get('/learning/my').loginAs(learner)
    assert.match(
      my.text(),
      new RegExp(
        `href="/learning/enrolments/${enrolment.id}/feedback">\\s*Give feedback on Agile for teams\\s*</a>`
      )
    )
    assert.notInclude(my.text(), 'Give feedback on Missed course')

    await submitAs(client, learner).post(`/learning/enrolments/${enrolment.id}/feedback`, ANSWERS)
    const after = await client.get('/').loginAs(learner)
    assert.notInclude(after.text(), 'Give feedback on courses you attended')
  })
})

test.group('Course feedback: the rating learners see', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('with 4 answers the catalogue, the course page and the API show no rating; the 5th makes it appear', async ({
    client,
    assert,
  }) => {
    const course = await createCourse({ title: 'Rated course' })
    const session = await pastSession(course)
    for (const overall of [5, 4, 4, 4]) await answer(session, { overall })
    const learner = await createUser()
    const auth = await bearer(learner)

    const catalogue = await client.get('/learning/courses?q=Rated').loginAs(learner)
    assert.notInclude(catalogue.text(), 'out of 5')
    const page = await client.get(`/learning/courses/${course.id}`).loginAs(learner)
    assert.notInclude(page.text(), 'out of 5')
    const api = await apiAs(client, auth).get(`/api/v1/courses/${course.id}`)
    api.assertStatus(200)
    assert.isNull(api.body().data.rating)

    await answer(session, { overall: 4 })
    const shown = await client.get('/learning/courses?q=Rated').loginAs(learner)
    shown.assertTextIncludes('4.2 out of 5 from 5 reviews')
    const shownPage = await client.get(`/learning/courses/${course.id}`).loginAs(learner)
    shownPage.assertTextIncludes('4.2 out of 5 from 5 reviews')
    const shownApi = await apiAs(client, auth).get(`/api/v1/courses/${course.id}`)
    assert.deepEqual(shownApi.body().data.rating, { average: 4.2, answers: 5 })
    const list = await apiAs(client, auth).get('/api/v1/courses?q=Rated')
    assert.deepEqual(list.body().data[0].rating, { average: 4.2, answers: 5 })
  })

  test('the average is rounded to one decimal place with halves rounded up (81 from 20 answers is 4.1)', async ({
    client,
  }) => {
    const course = await createCourse({ title: 'Half course' })
    const session = await pastSession(course)
    await answer(session, { overall: 5 })
    for (let i = 0; i < 19; i++) await answer(session, { overall: 4 })
    const learner = await createUser()
    const page = await client.get(`/learning/courses/${course.id}`).loginAs(learner)
    page.assertTextIncludes('4.1 out of 5 from 20 reviews')
  })

  test('an answer removed is no longer counted: the rating goes again under 5 answers', async ({
    client,
    assert,
  }) => {
    const course = await createCourse({ title: 'Shrinking course' })
    const session = await pastSession(course)
    const answers = []
    for (const overall of [5, 5, 4, 4, 3]) answers.push(await answer(session, { overall }))
    const learner = await createUser()
    const shown = await client.get(`/learning/courses/${course.id}`).loginAs(learner)
    shown.assertTextIncludes('4.2 out of 5 from 5 reviews')
    await answers[0].delete()
    const gone = await client.get(`/learning/courses/${course.id}`).loginAs(learner)
    assert.notInclude(gone.text(), 'out of 5')
    const counted = await db.from('courses').where('id', course.id).firstOrFail()
    assert.equal(Number(counted.feedback_answers), 4)
    assert.equal(Number(counted.feedback_overall_sum), 16)
  })

  test('the catalogue reads ratings with its courses, in no query of their own, however many courses have them', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const provider = await createProvider()
    const measure = async () => {
      const { statements } = await queriesRunBy(async () => {
        const response = await client.get('/learning/courses?q=Counted').loginAs(learner)
        response.assertStatus(200)
      })
      return statements.filter((sql) => sql.includes('course_feedback')).length
    }
    const first = await createCourse({ provider, title: 'Counted 1' })
    for (let i = 0; i < 5; i++) await answer(await pastSession(first), { overall: 3 })
    const few = await measure()
    for (let n = 2; n <= 6; n++) {
      const course = await createCourse({ provider, title: `Counted ${n}` })
      const session = await pastSession(course)
      for (let i = 0; i < 5; i++) await answer(session, { overall: 4 })
    }
    const many = await measure()
    // The ratings come with the courses, from each course's running count: no query of their own.
    assert.equal(few, 0)
    assert.equal(many, 0)
  })
})

/* A course of a provider the admin runs, with a past session and answers from named learners. */
async function courseWithAnswers(admin: User, title = 'Results course') {
  const provider = await createProvider('Results provider', [admin])
  const course = await createCourse({ provider, title })
  const early = await pastSession(course)
  const later = await createSession({
    course,
    startsAt: DateTime.now().minus({ days: 1 }).set({ hour: 10, minute: 0 }),
    bookingClosesAt: DateTime.now().minus({ days: 2 }),
  })
  const named = await createUser({
    overrides: { fullName: 'Zebedee Quill', email: 'zebedee@example.gov.uk' },
  })
  await answer(
    early,
    { overall: 5, relevance: 4, recommend: true, comments: 'Loved the exercises.' },
    named
  )
  await answer(early, {
    overall: 4,
    relevance: 4,
    recommend: true,
    comments: '=HYPERLINK("http://evil.example")',
  })
  await answer(later, { overall: 2, relevance: 3, recommend: false })
  return { provider, course, early, later, named }
}

test.group('Course feedback: results for course admins', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a course admin sees counts, averages, the share recommending, distributions, sessions and comments, without names', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['course_admin'] })
    const { course, early } = await courseWithAnswers(admin)
    const response = await client
      .get(`/learning/admin/courses/${course.id}/feedback`)
      .loginAs(admin)
    response.assertStatus(200)
    const html = response.text()
    assert.include(html, '<h1>Feedback on Results course</h1>')
    // 3 answers: overall (5 + 4 + 2) / 3 = 3.7, relevance 11 / 3 = 3.7, 2 of 3 recommend = 67%.
    const text = textWithoutMarkup(html)
    assert.include(text, 'Answers 3 Overall rating (average) 3.7 out of 5')
    assert.include(text, 'Relevance to their role (average) 3.7 out of 5 Would recommend it 67%')
    // Overall ratings 5 to 1, then relevance 5 to 1.
    assert.include(text, '5 out of 5 1 4 out of 5 1 3 out of 5 0 2 out of 5 1 1 out of 5 0')
    assert.include(text, '5 out of 5 0 4 out of 5 2 3 out of 5 1 2 out of 5 0 1 out of 5 0')
    assert.include(html, `?session=${early.id}`)
    assert.include(html, 'Loved the exercises.')
    assert.notInclude(html, 'Zebedee')
    assert.notInclude(html, 'zebedee@example.gov.uk')
  })

  test('results narrow to one session of the course', async ({ client, assert }) => {
    const admin = await createUser({ roles: ['course_admin'] })
    const { course, later } = await courseWithAnswers(admin)
    const response = await client
      .get(`/learning/admin/courses/${course.id}/feedback?session=${later.id}`)
      .loginAs(admin)
    response.assertStatus(200)
    const text = textWithoutMarkup(response.text())
    assert.include(text, 'Answers 1 Overall rating (average) 2.0 out of 5')
    assert.include(text, 'Would recommend it 0%')
    assert.notInclude(response.text(), 'Loved the exercises.')
  })

  test('another provider’s course admin gets 404, a learner is refused, a capability admin sees it', async ({
    client,
  }) => {
    const admin = await createUser({ roles: ['course_admin'] })
    const { course } = await courseWithAnswers(admin)
    const otherAdmin = await createUser({ roles: ['course_admin'] })
    await createProvider('Other provider', [otherAdmin])
    const url = `/learning/admin/courses/${course.id}/feedback`
    const page = await client.get(url).loginAs(otherAdmin)
    page.assertStatus(404)
    const csv = await client.get(`${url}.csv`).loginAs(otherAdmin)
    csv.assertStatus(404)
    const learner = await createUser()
    const refused = await client.get(url).loginAs(learner)
    refused.assertStatus(403)
    const central = await createUser({ roles: ['capability_admin'] })
    const seen = await client.get(url).loginAs(central)
    seen.assertStatus(200)
  })

  test('the overview lists figures per provider and per course, only for the admin’s providers', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['course_admin'] })
    await courseWithAnswers(admin)
    const otherAdmin = await createUser({ roles: ['course_admin'] })
    const otherProvider = await createProvider('Hidden provider', [otherAdmin])
    const hidden = await createCourse({ provider: otherProvider, title: 'Hidden course' })
    await answer(await pastSession(hidden), { overall: 1 })

    const response = await client.get('/learning/admin/feedback').loginAs(admin)
    response.assertStatus(200)
    const html = response.text()
    const text = textWithoutMarkup(html)
    assert.include(text, 'Results provider 3 3.7 out of 5 3.7 out of 5 67%')
    assert.include(text, 'Results course')
    assert.notInclude(html, 'Hidden provider')
    assert.notInclude(html, 'Hidden course')
    const central = await createUser({ roles: ['capability_admin'] })
    const all = await client.get('/learning/admin/feedback').loginAs(central)
    const everyone = textWithoutMarkup(all.text())
    assert.include(everyone, 'Hidden course')
    assert.include(everyone, 'Results course')
  })

  test('the CSV has every answer without names, and a comment starting with "=" cannot run as a formula', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['course_admin'] })
    const { course } = await courseWithAnswers(admin)
    const response = await client
      .get(`/learning/admin/courses/${course.id}/feedback.csv`)
      .loginAs(admin)
    response.assertStatus(200)
    const rows = csvRows(response.text())
    assert.deepEqual(rows[0], [
      'Course code',
      'Session start',
      'Submitted at',
      'Overall rating',
      'Relevance to role',
      'Would recommend',
      'Comments',
    ])
    assert.lengthOf(rows, 4)
    assert.deepEqual(
      rows.slice(1).map((row) => [row[3], row[4], row[5]]),
      [
        ['5', '4', 'Yes'],
        ['4', '4', 'Yes'],
        ['2', '3', 'No'],
      ]
    )
    assert.equal(rows[2][6], `'=HYPERLINK("http://evil.example")`)
    assert.notInclude(response.text(), 'Zebedee')
    assert.notInclude(response.text(), 'zebedee@example.gov.uk')
  })
})

test.group('Course feedback: the API', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a learner gives feedback on their attended enrolment once; a second answers 409', async ({
    client,
    assert,
  }) => {
    const session = await pastSession(await createCourse())
    const { learner, enrolment } = await attendee(session)
    const auth = await bearer(learner)
    const body = {
      overallRating: 3,
      relevanceRating: 2,
      wouldRecommend: false,
      comments: 'Too fast.',
    }
    const response = await apiAs(client, auth)
      .post(`/api/v1/enrolments/${enrolment.id}/feedback`)
      .json(body)
    response.assertStatus(201)
    assert.containsSubset(response.body().data, {
      courseId: session.courseId,
      sessionId: session.id,
      enrolmentId: enrolment.id,
      overallRating: 3,
      relevanceRating: 2,
      wouldRecommend: false,
      comments: 'Too fast.',
    })
    const again = await apiAs(client, auth)
      .post(`/api/v1/enrolments/${enrolment.id}/feedback`)
      .json(body)
    again.assertStatus(409)
    assert.equal(again.body().code, 'already_given')
  })

  test('a no-show is refused with 422, someone else’s enrolment is 404, and bad answers are named', async ({
    client,
    assert,
  }) => {
    const session = await pastSession(await createCourse())
    const { learner, enrolment: noShow } = await attendee(session, 'no_show')
    const auth = await bearer(learner)
    const body = { overallRating: 3, relevanceRating: 2, wouldRecommend: true }
    const refused = await apiAs(client, auth)
      .post(`/api/v1/enrolments/${noShow.id}/feedback`)
      .json(body)
    refused.assertStatus(422)
    assert.equal(refused.body().code, 'not_attended')

    const { enrolment: theirs } = await attendee(session)
    const notFound = await apiAs(client, auth)
      .post(`/api/v1/enrolments/${theirs.id}/feedback`)
      .json(body)
    notFound.assertStatus(404)

    const { enrolment: mine } = await attendee(session, 'attended', learner)
    const bad = await apiAs(client, auth)
      .post(`/api/v1/enrolments/${mine.id}/feedback`)
      .json({ overallRating: 0, relevanceRating: 5, wouldRecommend: true })
    bad.assertStatus(422)
    assert.deepInclude(bad.body().errors, {
      field: 'overallRating',
      message: 'Select how you rate the course overall, from 1 to 5',
      rule: 'range',
    })
    const unknown = await apiAs(client, auth)
      .post(`/api/v1/enrolments/${mine.id}/feedback`)
      .json({ ...body, learnerName: 'Someone' })
    unknown.assertStatus(422)
    const text = await apiAs(client, auth)
      .post(`/api/v1/enrolments/${mine.id}/feedback`)
      .json({ ...body, overallRating: '3' })
    text.assertStatus(422)
    assert.lengthOf(await CourseFeedback.query().where('user_id', learner.id), 0)
  })

  test('a completed self-paced run may be evaluated through the API', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const course = await createCourse()
    const run = await selfPacedRun(learner, course, 'completed')
    const response = await apiAs(client, await bearer(learner))
      .post(`/api/v1/self-paced-enrolments/${run.id}/feedback`)
      .json({ overallRating: 5, relevanceRating: 5, wouldRecommend: true })
    response.assertStatus(201)
    assert.equal(response.body().data.selfPacedEnrolmentId, run.id)
    assert.isNull(response.body().data.sessionId)
  })

  test('a course admin reads a course’s results without names; another provider’s admin gets 404', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['course_admin'] })
    const { course, later } = await courseWithAnswers(admin)
    const response = await apiAs(client, await bearer(admin)).get(
      `/api/v1/courses/${course.id}/feedback`
    )
    response.assertStatus(200)
    const data = response.body().data
    assert.containsSubset(data, {
      answers: 3,
      overallAverage: 3.7,
      relevanceAverage: 3.7,
      recommendPercent: 67,
    })
    assert.deepEqual(data.overallDistribution, [
      { rating: 5, answers: 1 },
      { rating: 4, answers: 1 },
      { rating: 3, answers: 0 },
      { rating: 2, answers: 1 },
      { rating: 1, answers: 0 },
    ])
    assert.lengthOf(data.sessions, 2)
    assert.equal(data.sessions[0].sessionId, later.id)
    assert.lengthOf(data.comments, 2)
    assert.notInclude(JSON.stringify(data), 'Zebedee')
    assert.notInclude(JSON.stringify(data), 'zebedee@example.gov.uk')

    const narrowed = await apiAs(client, await bearer(admin)).get(
      `/api/v1/courses/${course.id}/feedback?session=${later.id}`
    )
    assert.equal(narrowed.body().data.answers, 1)

    const otherAdmin = await createUser({ roles: ['course_admin'] })
    await createProvider('Other provider', [otherAdmin])
    const other = await apiAs(client, await bearer(otherAdmin)).get(
      `/api/v1/courses/${course.id}/feedback`
    )
    other.assertStatus(404)
    const learner = await createUser()
    const forbidden = await apiAs(client, await bearer(learner)).get(
      `/api/v1/courses/${course.id}/feedback`
    )
    forbidden.assertStatus(403)
  })
})

test.group('Course feedback: personal data', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('anonymising a learner clears their comments, in the audit trail too, and keeps their ratings', async ({
    client,
    assert,
  }) => {
    const session = await pastSession(await createCourse())
    const { learner, enrolment } = await attendee(session)
    await submitAs(client, learner).post(`/learning/enrolments/${enrolment.id}/feedback`, {
      ...ANSWERS,
      comments: 'The trainer, Sam, was great.',
    })
    await db.transaction((trx) => anonymisePerson(learner.id, 'erasure', trx))
    const kept = await CourseFeedback.query().where('enrolment_id', enrolment.id).firstOrFail()
    assert.isNull(kept.comments)
    assert.equal(kept.overallRating, 4)
    const event = await auditOf(learner, 'create', 'course_feedback', kept.id)
    assert.notInclude(String(event.after), 'Sam')
  })

  test('the subject access export lists the learner’s own feedback', async ({ assert }) => {
    const session = await pastSession(await createCourse({ title: 'Exported course' }))
    const { learner } = await attendee(session)
    await answer(session, { overall: 2, comments: 'Mine.' }, learner)
    const data = await subjectAccessRecords(learner.id)
    const kind = data.kinds.find((entry) => entry.kind === 'course_feedback')!
    assert.lengthOf(kind.rows, 1)
    assert.equal(kind.rows[0].comments, 'Mine.')
    assert.equal(kind.rows[0].course_title, 'Exported course')
  })
})
