import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { createUser } from '#database/factories/user_factory'
import { createRole, createSkill } from '#database/factories/framework_factory'
import {
  createAudience,
  createCourse,
  createEnrolment,
  createProvider,
  createSession,
} from '#database/factories/learning_factory'
import { fillPlaces } from '#tests/support/enrolments'
import { dayAhead, daysAhead } from '#tests/support/uk_days'
import type Course from '#models/course'

async function audience(course: Course, roleProfileId: number, kind: 'mandatory' | 'recommended') {
  await createAudience(course, roleProfileId, kind)
}

/*
 * Two providers and four published courses with different skills, roles,
 * modes and sessions, plus a draft and an archived course.
 */
async function catalogue() {
  const agile = await createSkill('Agile working')
  const research = await createSkill('User research')
  const { role: productManager } = await createRole({
    role: 'Product manager',
    levels: [{ name: 'Product manager', needs: {} }],
  })
  const { role: researcher } = await createRole({
    role: 'User researcher',
    levels: [{ name: 'User researcher', needs: {} }],
  })
  const academy = await createProvider('Civil Service Academy')
  const partner = await createProvider('Digital Partner Ltd')

  const agileBasics = await createCourse({
    provider: academy,
    title: 'Agile basics',
    mode: 'classroom',
    outcomes: { [agile.id]: 2 },
  })
  await audience(agileBasics, productManager.id, 'mandatory')
  const researchMethods = await createCourse({
    provider: partner,
    title: 'Research methods',
    mode: 'online',
    outcomes: { [research.id]: 3 },
  })
  await audience(researchMethods, researcher.id, 'recommended')
  const leadingAgile = await createCourse({
    provider: partner,
    title: 'Leading agile teams',
    mode: 'blended',
    outcomes: { [agile.id]: 3, [research.id]: 2 },
  })
  await audience(leadingAgile, productManager.id, 'recommended')
  const writing = await createCourse({ provider: academy, title: 'Writing for the web' })
  writing.summary = 'Plain English for service content and user research reports.'
  await writing.save()

  await createCourse({ provider: academy, title: 'Agile draft', status: 'draft' })
  await createCourse({ provider: academy, title: 'Agile archived', status: 'archived' })

  const agileLondon = await createSession({
    course: agileBasics,
    location: 'London',
    startsAt: daysAhead(10),
  })
  const researchLeeds = await createSession({
    course: researchMethods,
    location: 'Leeds',
    startsAt: daysAhead(20),
  })
  const leadingLeeds = await createSession({
    course: leadingAgile,
    location: 'Leeds',
    startsAt: daysAhead(30),
  })
  return {
    agile,
    research,
    productManager,
    researcher,
    academy,
    partner,
    agileBasics,
    researchMethods,
    leadingAgile,
    writing,
    agileLondon,
    researchLeeds,
    leadingLeeds,
  }
}

/* The titles of the results, in page order. */
function titles(html: string) {
  return [
    ...html.matchAll(/<h2 class="text-xl mb-2"><a href="\/learning\/courses\/\d+">([^<]+)<\/a>/g),
  ].map((match) => match[1])
}

test.group('Learning: catalogue page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the catalogue lists published courses by title and hides drafts and archived courses', async ({
    client,
    assert,
  }) => {
    await catalogue()
    const response = await client.get('/learning/courses').loginAs(await createUser())
    response.assertStatus(200)
    assert.deepEqual(titles(response.text()), [
      'Agile basics',
      'Leading agile teams',
      'Research methods',
      'Writing for the web',
    ])
    response.assertTextIncludes('<strong>4</strong> courses found')
    assert.notInclude(response.text(), 'Agile draft')
    assert.notInclude(response.text(), 'Agile archived')
  })

  test('a course admin does not see their provider’s drafts in the catalogue', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['learner', 'course_admin'] })
    const provider = await createProvider('Admin’s provider', [admin])
    await createCourse({ provider, title: 'Unfinished course', status: 'draft' })
    await createCourse({ provider, title: 'Finished course' })
    const response = await client.get('/learning/courses').loginAs(admin)
    assert.deepEqual(titles(response.text()), ['Finished course'])
  })

  test('the search matches words in the title, the code or the summary', async ({
    client,
    assert,
  }) => {
    const data = await catalogue()
    const user = await createUser()
    const byTitle = await client.get('/learning/courses').qs({ q: 'AGILE' }).loginAs(user)
    assert.deepEqual(titles(byTitle.text()), ['Agile basics', 'Leading agile teams'])
    const byCode = await client
      .get('/learning/courses')
      .qs({ q: data.researchMethods.code })
      .loginAs(user)
    assert.deepEqual(titles(byCode.text()), ['Research methods'])
    const bySummary = await client.get('/learning/courses').qs({ q: 'plain english' }).loginAs(user)
    assert.deepEqual(titles(bySummary.text()), ['Writing for the web'])
    const wildcard = await client.get('/learning/courses').qs({ q: '%' }).loginAs(user)
    assert.deepEqual(titles(wildcard.text()), [])
  })

  test('the skill filter keeps courses that build the skill', async ({ client, assert }) => {
    const data = await catalogue()
    const response = await client
      .get('/learning/courses')
      .qs({ skill: data.research.id })
      .loginAs(await createUser())
    assert.deepEqual(titles(response.text()), ['Leading agile teams', 'Research methods'])
    response.assertTextIncludes('<strong>2</strong> courses found')
  })

  test('the role filter keeps courses mandatory or recommended for the role', async ({
    client,
    assert,
  }) => {
    const data = await catalogue()
    const response = await client
      .get('/learning/courses')
      .qs({ roleProfile: data.productManager.id })
      .loginAs(await createUser())
    assert.deepEqual(titles(response.text()), ['Agile basics', 'Leading agile teams'])
  })

  test('the mode filter keeps courses of that mode', async ({ client, assert }) => {
    await catalogue()
    const response = await client
      .get('/learning/courses')
      .qs({ mode: 'online' })
      .loginAs(await createUser())
    assert.deepEqual(titles(response.text()), ['Research methods'])
  })

  test('the provider filter keeps the provider’s courses', async ({ client, assert }) => {
    const data = await catalogue()
    const response = await client
      .get('/learning/courses')
      .qs({ provider: data.academy.id })
      .loginAs(await createUser())
    assert.deepEqual(titles(response.text()), ['Agile basics', 'Writing for the web'])
  })

  test('the location filter keeps courses with an upcoming session there', async ({
    client,
    assert,
  }) => {
    const data = await catalogue()
    const past = await createCourse({ title: 'Met in Leeds last month' })
    await createSession({ course: past, location: 'Leeds', startsAt: daysAhead(-30) })
    const cancelled = await createSession({
      course: data.agileBasics,
      location: 'Leeds',
      startsAt: daysAhead(12),
    })
    cancelled.status = 'cancelled'
    await cancelled.save()
    const response = await client
      .get('/learning/courses')
      .qs({ location: 'Leeds' })
      .loginAs(await createUser())
    assert.deepEqual(titles(response.text()), ['Leading agile teams', 'Research methods'])
  })

  test('filters combine: skill, mode and location together', async ({ client, assert }) => {
    const data = await catalogue()
    const user = await createUser()
    const both = await client
      .get('/learning/courses')
      .qs({ skill: data.agile.id, location: 'Leeds' })
      .loginAs(user)
    assert.deepEqual(titles(both.text()), ['Leading agile teams'])
    const none = await client
      .get('/learning/courses')
      .qs({ skill: data.agile.id, mode: 'online' })
      .loginAs(user)
    assert.deepEqual(titles(none.text()), [])
    none.assertTextIncludes('<strong>0</strong> courses found')
    none.assertTextIncludes('No courses match these filters')
  })

  test('dates with free seats exclude full sessions and sessions outside the window', async ({
    client,
    assert,
  }) => {
    await catalogue()
    const full = await createCourse({ title: 'Always full' })
    const fullSession = await createSession({ course: full, capacity: 2, startsAt: daysAhead(11) })
    await fillPlaces(fullSession, 2, 'booked')
    const nearlyFull = await createCourse({ title: 'One seat left' })
    const nearlyFullSession = await createSession({
      course: nearlyFull,
      capacity: 3,
      startsAt: daysAhead(12),
    })
    await fillPlaces(nearlyFullSession, 2, 'booked')
    await fillPlaces(nearlyFullSession, 1, 'cancelled')
    await fillPlaces(nearlyFullSession, 2, 'waitlisted')

    const response = await client
      .get('/learning/courses')
      .qs({ from: dayAhead(10), to: dayAhead(20) })
      .loginAs(await createUser())
    assert.deepEqual(titles(response.text()), ['Agile basics', 'One seat left', 'Research methods'])
    assert.notInclude(response.text(), 'Always full')
    assert.notInclude(response.text(), 'Leading agile teams')
    response.assertTextIncludes('1 seat left')

    const fromOnly = await client
      .get('/learning/courses')
      .qs({ from: dayAhead(21) })
      .loginAs(await createUser())
    assert.deepEqual(titles(fromOnly.text()), ['Leading agile teams'])
  })

  test('the date window counts whole days in UK time at both ends', async ({ client, assert }) => {
    const course = await createCourse({ title: 'Late start' })
    await createSession({ course, startsAt: daysAhead(15, 23, 30) })
    const early = await createCourse({ title: 'Early start' })
    await createSession({ course: early, startsAt: daysAhead(15, 0, 30) })
    const user = await createUser()
    const sameDay = await client
      .get('/learning/courses')
      .qs({ from: dayAhead(15), to: dayAhead(15) })
      .loginAs(user)
    assert.deepEqual(titles(sameDay.text()), ['Early start', 'Late start'])
    const dayAfter = await client
      .get('/learning/courses')
      .qs({ from: dayAhead(16), to: dayAhead(17) })
      .loginAs(user)
    assert.deepEqual(titles(dayAfter.text()), [])
  })

  test('a date that is not real gets a field error, and the other filters still apply', async ({
    client,
    assert,
  }) => {
    await catalogue()
    const response = await client
      .get('/learning/courses')
      .qs({ mode: 'online', from: '2027-02-30' })
      .loginAs(await createUser())
    response.assertStatus(200)
    const html = response.text()
    response.assertTextIncludes('<title>Error: Find a course')
    response.assertTextIncludes('There is a problem')
    response.assertTextIncludes('href="#field-from"')
    assert.isBelow(html.indexOf('There is a problem'), html.indexOf('<h1>'))
    response.assertTextIncludes('id="field-from-error"')
    response.assertTextIncludes('Date from must be a real date, like 2027-06-15')
    response.assertTextIncludes('value="2027-02-30"')
    response.assertTextIncludes('aria-invalid="true"')
    assert.deepEqual(titles(html), ['Research methods'])
  })

  test('a to date before the from date gets a field error', async ({ client, assert }) => {
    await catalogue()
    const response = await client
      .get('/learning/courses')
      .qs({ from: dayAhead(20), to: dayAhead(10) })
      .loginAs(await createUser())
    response.assertStatus(200)
    response.assertTextIncludes('Date to must be the same as or after date from')
    response.assertTextIncludes('href="#field-to"')
    assert.notInclude(response.text(), 'href="#field-from"')
    assert.isAbove(titles(response.text()).length, 0)
  })

  test('the count and paging: 20 a page, and the page links keep the filters', async ({
    client,
    assert,
  }) => {
    const provider = await createProvider('Big provider')
    for (let i = 1; i <= 22; i++) {
      await createCourse({
        provider,
        title: `Online course ${String(i).padStart(2, '0')}`,
        mode: 'online',
      })
    }
    await createCourse({ provider, title: 'Classroom course', mode: 'classroom' })
    const user = await createUser()
    const first = await client.get('/learning/courses').qs({ mode: 'online' }).loginAs(user)
    first.assertTextIncludes('<strong>22</strong> courses found')
    first.assertTextIncludes('showing 1 to 20')
    assert.lengthOf(titles(first.text()), 20)
    first.assertTextIncludes('Page 1 of 2')
    first.assertTextIncludes('href="/learning/courses?mode=online&amp;page=2"')

    const second = await client
      .get('/learning/courses')
      .qs({ mode: 'online', page: 2 })
      .loginAs(user)
    assert.deepEqual(titles(second.text()), ['Online course 21', 'Online course 22'])
    second.assertTextIncludes('showing 21 to 22')
    second.assertTextIncludes('href="/learning/courses?mode=online&amp;page=1"')
    assert.include(second.text(), '<option value="online" selected>')
  })

  test('sorting by next session puts the soonest first and courses without sessions last', async ({
    client,
    assert,
  }) => {
    await catalogue()
    const response = await client
      .get('/learning/courses')
      .qs({ sort: 'next_session' })
      .loginAs(await createUser())
    assert.deepEqual(titles(response.text()), [
      'Agile basics',
      'Research methods',
      'Leading agile teams',
      'Writing for the web',
    ])
  })

  test('each result shows its code, provider, mode, duration, cost, roles, next session and seats', async ({
    client,
  }) => {
    const data = await catalogue()
    data.writing.costPence = 0
    await data.writing.save()
    await fillPlaces(data.agileLondon, 3, 'booked')
    const response = await client.get('/learning/courses').loginAs(await createUser())
    response.assertTextIncludes(data.agileBasics.code)
    response.assertTextIncludes('Civil Service Academy')
    response.assertTextIncludes('Classroom')
    response.assertTextIncludes('7 hours')
    response.assertTextIncludes('£450')
    response.assertTextIncludes('<dd class="inline">Free</dd>')
    response.assertTextIncludes('<span class="tag">Mandatory for Product manager</span>')
    response.assertTextIncludes('<span class="tag">Recommended for User researcher</span>')
    const when = data.agileLondon.startsAt.setZone('Europe/London').setLocale('en-GB')
    response.assertTextIncludes(
      `${when.toFormat('ccc d LLL yyyy')}, 9:30am, Aviation House, London`
    )
    response.assertTextIncludes('7 seats left')
    response.assertTextIncludes('None scheduled')
  })

  test('the catalogue needs a signed-in person and the navigation links to it', async ({
    client,
  }) => {
    const anonymous = await client.get('/learning/courses').redirects(0)
    anonymous.assertHeader('location', '/sign-in')
    const home = await client.get('/').loginAs(await createUser())
    home.assertTextIncludes('href="/learning/courses"')
  })
})

test.group('Learning: course page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the course page shows its facts, the skills it builds and who it is for', async ({
    client,
    assert,
  }) => {
    const data = await catalogue()
    const response = await client
      .get(`/learning/courses/${data.leadingAgile.id}`)
      .loginAs(await createUser())
    response.assertStatus(200)
    response.assertTextIncludes('<h1>Leading agile teams</h1>')
    response.assertTextIncludes(data.leadingAgile.code)
    response.assertTextIncludes('Digital Partner Ltd')
    response.assertTextIncludes('Blended')
    response.assertTextIncludes('£450')
    const html = response.text()
    assert.include(html, `<a href="/framework/skills/${data.agile.id}">Agile working</a>`)
    assert.include(html, `<a href="/framework/skills/${data.research.id}">User research</a>`)
    assert.match(html, /Agile working<\/a><\/th>\s*<td>Practitioner<\/td>/)
    assert.match(html, /User research<\/a><\/th>\s*<td>Working<\/td>/)
    assert.match(
      html,
      new RegExp(
        `Recommended</span> for <a href="/framework/roles/${data.productManager.id}">Product manager</a>`
      )
    )
    assert.notInclude(html, 'needs your line manager’s approval')
  })

  test('upcoming sessions show UK times, place, seats left, booking close and a booking link', async ({
    client,
    assert,
  }) => {
    const course = await createCourse({ title: 'Service design', requiresApproval: true })
    const summer = await createSession({
      course,
      capacity: 10,
      location: 'Manchester',
      startsAt: DateTime.fromISO('2030-06-11T09:30', { zone: 'Europe/London' }).toLocal(),
    })
    await fillPlaces(summer, 4, 'booked')
    await fillPlaces(summer, 1, 'requested')
    const online = await createSession({
      course,
      startsAt: DateTime.fromISO('2030-12-10T14:00', { zone: 'Europe/London' }).toLocal(),
    })
    online.venue = null
    online.location = null
    online.onlineUrl = 'https://meet.example.gov.uk/room'
    await online.save()
    const closed = await createSession({
      course,
      startsAt: daysAhead(2),
      bookingClosesAt: daysAhead(-1),
    })
    const cancelled = await createSession({
      course,
      location: 'Cancelled city',
      startsAt: daysAhead(5),
    })
    cancelled.status = 'cancelled'
    await cancelled.save()
    await createSession({ course, location: 'Past city', startsAt: daysAhead(-5) })

    const response = await client.get(`/learning/courses/${course.id}`).loginAs(await createUser())
    response.assertStatus(200)
    const html = response.text()
    response.assertTextIncludes('needs your line manager’s approval')
    response.assertTextIncludes(
      '<caption id="sessions-table-caption">Upcoming sessions of Service design, in UK time</caption>'
    )
    response.assertTextIncludes('<th scope="col">Date and time</th>')
    response.assertTextIncludes('Tue 11 Jun 2030, 9:30am to 4:30pm')
    response.assertTextIncludes('Aviation House, Manchester')
    response.assertTextIncludes('6 seats left')
    response.assertTextIncludes('Mon 10 Jun 2030, 9:30am')
    response.assertTextIncludes('Tue 10 Dec 2030, 2pm to 9pm')
    assert.match(html, /9pm<\/th>\s*<td>Online<\/td>/)
    response.assertTextIncludes(
      `<a href="/learning/sessions/${summer.id}/enrol">Book a place<span class="sr-only"> on Service design, Tue 11 Jun 2030, 9:30am to 4:30pm</span></a>`
    )
    assert.notInclude(html, `/learning/sessions/${closed.id}/enrol`)
    response.assertTextIncludes('Booking closed')
    assert.notInclude(html, 'Cancelled city')
    assert.notInclude(html, 'Past city')
    assert.isBelow(html.indexOf('Tue 11 Jun 2030'), html.indexOf('Tue 10 Dec 2030'))
  })

  test('a full session offers the waiting list and says how many are waiting', async ({
    client,
  }) => {
    const course = await createCourse({ title: 'Popular course' })
    const session = await createSession({ course, capacity: 2 })
    await fillPlaces(session, 2, 'booked')
    await fillPlaces(session, 3, 'waitlisted')
    const response = await client.get(`/learning/courses/${course.id}`).loginAs(await createUser())
    response.assertTextIncludes('Full – join the waiting list (3 waiting)')
    response.assertTextIncludes(`/learning/sessions/${session.id}/enrol`)
  })

  test('a course the person is booked on or completed is not offered again: the page says where they stand', async ({
    client,
    assert,
  }) => {
    const course = await createCourse({ title: 'Held course' })
    const first = await createSession({ course, startsAt: daysAhead(10) })
    const second = await createSession({ course, startsAt: daysAhead(20) })
    const learner = await createUser()
    await createEnrolment(first, learner)
    const booked = await client.get(`/learning/courses/${course.id}`).loginAs(learner)
    booked.assertTextIncludes('You are already booked on Held course for')
    assert.notInclude(booked.text(), `/learning/sessions/${second.id}/enrol`)
    assert.notInclude(booked.text(), `/learning/sessions/${first.id}/enrol`)

    const someoneElse = await client
      .get(`/learning/courses/${course.id}`)
      .loginAs(await createUser())
    someoneElse.assertTextIncludes(`/learning/sessions/${second.id}/enrol`)
    assert.notInclude(someoneElse.text(), 'You are already booked')
  })

  test('drafts, archived courses and unknown ids answer 404; a provider’s admin can preview its draft', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['learner', 'course_admin'] })
    const provider = await createProvider('Preview provider', [admin])
    const draft = await createCourse({ provider, title: 'Draft course', status: 'draft' })
    await createSession({ course: draft })
    const archived = await createCourse({ provider, status: 'archived' })
    const learner = await createUser()
    for (const url of [
      `/learning/courses/${draft.id}`,
      `/learning/courses/${archived.id}`,
      '/learning/courses/999999',
      '/learning/courses/abc',
    ]) {
      const response = await client.get(url).loginAs(learner)
      response.assertStatus(404)
    }
    const preview = await client.get(`/learning/courses/${draft.id}`).loginAs(admin)
    preview.assertStatus(200)
    preview.assertTextIncludes('This course is a draft: learners cannot see it.')
    assert.notInclude(preview.text(), 'Book a place')
  })
})

test.group('Learning: courses on the framework skill page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the skill page lists the published courses that build the skill, with level and next session', async ({
    client,
    assert,
  }) => {
    const data = await catalogue()
    await createCourse({
      title: 'Agile draft two',
      status: 'draft',
      outcomes: { [data.agile.id]: 1 },
    })
    const response = await client
      .get(`/framework/skills/${data.agile.id}`)
      .loginAs(await createUser())
    response.assertStatus(200)
    const html = response.text()
    response.assertTextIncludes(
      '<h2 id="courses-for-skill-heading">Courses that build this skill</h2>'
    )
    assert.include(html, `<a href="/learning/courses/${data.agileBasics.id}">Agile basics</a>`)
    assert.include(
      html,
      `<a href="/learning/courses/${data.leadingAgile.id}">Leading agile teams</a>`
    )
    assert.notInclude(html, 'Research methods')
    assert.notInclude(html, 'Agile draft two')
    assert.isBelow(html.indexOf('>Agile basics</a>'), html.indexOf('>Leading agile teams</a>'))
    const next = data.agileLondon.startsAt.setZone('Europe/London').setLocale('en-GB')
    response.assertTextIncludes(next.toFormat('ccc d LLL yyyy'))
    response.assertTextIncludes(`href="/learning/courses?skill=${data.agile.id}"`)
  })

  test('a skill no course builds says so', async ({ client }) => {
    const skill = await createSkill('Quantum computing')
    const response = await client.get(`/framework/skills/${skill.id}`).loginAs(await createUser())
    response.assertTextIncludes('No published course builds this skill yet.')
  })
})
