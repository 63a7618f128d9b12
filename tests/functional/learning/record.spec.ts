import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { createCourse, createDeclaredLearning } from '#database/factories/learning_factory'
import { createSkill } from '#database/factories/framework_factory'
import LearningRecord from '#models/learning_record'
import { createSkillClaim } from '#database/factories/capability_factory'
import { submitAs } from '#tests/support/forms'

const today = () => DateTime.now().setZone('Europe/London')

function dateFields(date: { day: number | string; month: number | string; year: number | string }) {
  return {
    'completedOn[day]': String(date.day),
    'completedOn[month]': String(date.month),
    'completedOn[year]': String(date.year),
  }
}

test.group('Learning record', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('lists completed courses and declared learning, newest first, and nobody else’s', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const course = await createCourse({ title: 'Agile for teams' })
    await LearningRecord.create({
      userId: learner.id,
      courseId: course.id,
      title: 'Agile for teams',
      providerName: 'Provider One',
      completedOn: DateTime.fromISO('2024-03-01'),
      source: 'enrolment',
    })
    await createDeclaredLearning(
      learner,
      'Conference talk on accessibility',
      DateTime.fromISO('2024-05-20'),
      { providerName: null, evidenceUrl: 'https://example.org/certificate' }
    )
    const someoneElse = await createUser()
    await createDeclaredLearning(
      someoneElse,
      'Someone else’s learning',
      DateTime.fromISO('2024-06-01')
    )

    const response = await client.get('/learning/record').loginAs(learner)
    response.assertStatus(200)
    response.assertTextIncludes('<h1>Your learning record</h1>')
    const text = response.text()
    assert.isBelow(
      text.indexOf('Conference talk on accessibility'),
      text.indexOf('Agile for teams</a>')
    )
    response.assertTextIncludes(`href="/learning/courses/${course.id}"`)
    response.assertTextIncludes('20 May 2024')
    response.assertTextIncludes('1 March 2024')
    response.assertTextIncludes('href="https://example.org/certificate"')
    assert.notInclude(text, 'Someone else’s learning')
  })

  test('lists the learner’s skill claims that wait for their line manager to confirm', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const skill = await createSkill('User research')
    const confirmed = await createSkill('Data analysis')
    await createSkillClaim(learner, skill, 2)
    await createSkillClaim(learner, confirmed, 3, { status: 'validated' })
    const response = await client.get('/learning/record').loginAs(learner)
    response.assertTextIncludes('Waiting for your line manager to confirm')
    const waiting = /<section aria-labelledby="claims-heading"[\s\S]*?<\/section>/.exec(
      response.text()
    )![0]
    assert.include(waiting, 'User research')
    assert.include(waiting, 'Working (2)')
    assert.notInclude(waiting, 'Data analysis')
    // A decided claim is listed with the decisions instead.
    const decided = /<section aria-labelledby="decided-heading"[\s\S]*?<\/section>/.exec(
      response.text()
    )![0]
    assert.include(decided, 'Data analysis')
    assert.notInclude(decided, 'User research')
  })

  test('declaring learning with a past date adds it to the record as declared', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const response = await submitAs(client, learner).post('/learning/record', {
      title: 'Cloud practitioner',
      providerName: 'A cloud company',
      ...dateFields({ day: 3, month: 2, year: 2025 }),
      evidenceUrl: 'https://example.org/badge/123',
    })
    response.assertStatus(302)
    response.assertHeader('location', '/learning/record')
    response.assertFlashMessage(
      'success',
      'Cloud practitioner has been added to your learning record'
    )
    const record = await LearningRecord.query().where('user_id', learner.id).firstOrFail()
    assert.equal(record.source, 'declared')
    assert.equal(record.title, 'Cloud practitioner')
    assert.equal(record.providerName, 'A cloud company')
    assert.equal(record.completedOn.toISODate(), '2025-02-03')
    assert.equal(record.evidenceUrl, 'https://example.org/badge/123')
    assert.isNull(record.enrolmentId)
  })

  test('today’s date is accepted and the provider and evidence may be left out', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const now = today()
    const response = await submitAs(client, learner).post('/learning/record', {
      title: 'Reading group',
      providerName: '',
      evidenceUrl: '',
      ...dateFields({ day: now.day, month: now.month, year: now.year }),
    })
    response.assertHeader('location', '/learning/record')
    const record = await LearningRecord.query().where('user_id', learner.id).firstOrFail()
    assert.equal(record.completedOn.toISODate(), now.toISODate())
    assert.isNull(record.providerName)
    assert.isNull(record.evidenceUrl)
  })

  test('each kind of bad date gets its own specific message and adds nothing', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const tomorrow = today().plus({ days: 1 })
    const cases: [Record<string, string>, string][] = [
      [
        dateFields({ day: tomorrow.day, month: tomorrow.month, year: tomorrow.year }),
        'The date you completed it must be today or in the past',
      ],
      [
        dateFields({ day: 31, month: 2, year: 2024 }),
        'The date you completed it must be a real date',
      ],
      [
        dateFields({ day: 12, month: '', year: 2024 }),
        'The date you completed it must include a month',
      ],
      [
        dateFields({ day: '', month: 4, year: '' }),
        'The date you completed it must include a day and a year',
      ],
      [dateFields({ day: '', month: '', year: '' }), 'Enter the date you completed it'],
      [dateFields({ day: 1, month: 4, year: 24 }), 'The year must include 4 numbers'],
      [
        dateFields({ day: 'first', month: 'April', year: 2024 }),
        'The date you completed it must be a real date, in numbers, like 27 3 2024',
      ],
    ]
    for (const [fields, message] of cases) {
      const response = await submitAs(client, learner).post('/learning/record', {
        title: 'Something',
        ...fields,
      })
      response.assertStatus(302)
      response.assertFlashMessage('inputErrorsBag', { completedOn: [message] })
    }
    assert.lengthOf(await LearningRecord.query().where('user_id', learner.id), 0)
  })

  test('a missing title and an evidence link that is not https get field messages', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    for (const evidenceUrl of ['http://example.org/certificate', 'my certificate']) {
      const response = await submitAs(client, learner).post('/learning/record', {
        title: '',
        evidenceUrl,
        ...dateFields({ day: 1, month: 4, year: 2024 }),
      })
      response.assertFlashMessage('inputErrorsBag', {
        title: ['Enter the title of the learning'],
        evidenceUrl: ['Enter the evidence link as a full web address, starting https://'],
      })
    }
    assert.lengthOf(await LearningRecord.query().where('user_id', learner.id), 0)
  })

  test('after an error the page shows the summary, the messages and what was typed', async ({
    client,
  }) => {
    const learner = await createUser()
    const response = await client
      .get('/learning/record')
      .loginAs(learner)
      .withFlashMessages({
        title: 'My course',
        completedOn: { day: '31', month: '2', year: '2024' },
        inputErrorsBag: { completedOn: ['The date you completed it must be a real date'] },
      })
    response.assertTextIncludes('<title>Error: Your learning record')
    response.assertTextIncludes('href="#field-completedOn"')
    response.assertTextIncludes('id="field-completedOn-error"')
    response.assertTextIncludes('value="My course"')
    response.assertTextIncludes(
      'name="completedOn[day]" type="text" inputmode="numeric" value="31"'
    )
  })

  test('a declaration posted without its CSRF token adds nothing', async ({ client, assert }) => {
    const learner = await createUser()
    await client
      .post('/learning/record')
      .loginAs(learner)
      .form({ title: 'No token', ...dateFields({ day: 1, month: 4, year: 2024 }) })
      .redirects(0)
    assert.lengthOf(await LearningRecord.query().where('user_id', learner.id), 0)
  })
})
