import { test } from '@japa/runner'
import { textWithoutMarkup } from '#tests/support/html'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { createCompletion, createCourse } from '#database/factories/learning_factory'
import {
  createSelfPacedCourse,
  createSelfPacedEnrolment,
} from '#database/factories/self_paced_factory'
import { createSkill } from '#database/factories/framework_factory'
import SelfPacedEnrolment from '#models/self_paced_enrolment'
import ModuleProgress from '#models/module_progress'
import LearningRecord from '#models/learning_record'
import SkillClaim from '#models/skill_claim'
import type User from '#models/user'
import type CourseModule from '#models/course_module'
import type { ApiClient } from '@japa/api-client'
import { startSelfPaced } from '#actions/learning/start_self_paced'
import { submitAs } from '#tests/support/forms'
import { auditOf } from '#tests/support/audit'

const runsOf = (learner: User) =>
  SelfPacedEnrolment.query().where('user_id', learner.id).orderBy('id')

const progressOf = (run: SelfPacedEnrolment, module: CourseModule) =>
  ModuleProgress.query()
    .where('self_paced_enrolment_id', run.id)
    .where('module_id', module.id)
    .first()

const finish = (client: ApiClient, learner: User, module: CourseModule) =>
  submitAs(client, learner).post(`/learning/modules/${module.id}/finish`)

test.group('Self-paced courses: starting', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the course page offers to start a self-paced course any time, and lists its modules instead of sessions', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const { course } = await createSelfPacedCourse({
      title: 'Introduction to digital by default',
      modules: [{ title: 'Why digital by default' }, { title: 'Further reading', required: false }],
    })
    const response = await client.get(`/learning/courses/${course.id}`).loginAs(learner)
    response.assertStatus(200)
    response.assertTextIncludes('Self-paced online — start any time')
    response.assertTextIncludes('Why digital by default')
    response.assertTextIncludes('Further reading (optional)')
    response.assertTextIncludes(`action="/learning/courses/${course.id}/start"`)
    response.assertTextIncludes('Start this course')
    assert.notInclude(response.text(), 'Upcoming sessions')
  })

  test('starting a course makes one run in progress and goes to the progress page, where every module is not started', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const { course } = await createSelfPacedCourse({ title: 'Digital awareness', modules: 2 })
    const response = await submitAs(client, learner).post(`/learning/courses/${course.id}/start`)
    response.assertStatus(302)
    response.assertHeader('location', `/learning/courses/${course.id}/your-progress`)
    response.assertFlashMessage(
      'success',
      'You have started Digital awareness. Work through its modules below'
    )
    const [run] = await runsOf(learner)
    assert.equal(run.status, 'in_progress')
    assert.equal(run.activeCourseId, course.id)
    assert.isNull(run.nominatedBy)
    await auditOf(learner, 'create', 'self_paced_enrolment', run.id)

    const page = await client.get(`/learning/courses/${course.id}/your-progress`).loginAs(learner)
    page.assertStatus(200)
    page.assertTextIncludes('0 of 2')
    assert.equal(page.text().split('Not started').length - 1, 2)
  })

  test('starting again while in progress makes no second run and says so', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const { course } = await createSelfPacedCourse({ title: 'Digital awareness' })
    await submitAs(client, learner).post(`/learning/courses/${course.id}/start`)
    const again = await submitAs(client, learner).post(`/learning/courses/${course.id}/start`)
    again.assertHeader('location', `/learning/courses/${course.id}/your-progress`)
    again.assertFlashMessage(
      'success',
      'You have already started Digital awareness: carry on where you left off'
    )
    assert.lengthOf(await runsOf(learner), 1)
    const direct = await startSelfPaced(learner, course.id)
    assert.equal(direct.type, 'already_in_progress')
  })

  test('a scheduled course, a draft and a course that needs approval cannot be started by the learner', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const scheduled = await createCourse({ title: 'Agile in a room' })
    const { course: draft } = await createSelfPacedCourse({ status: 'draft' })
    const { course: approval } = await createSelfPacedCourse({
      title: 'Leading digital change',
      requiresApproval: true,
    })

    const classroom = await submitAs(client, learner).post(
      `/learning/courses/${scheduled.id}/start`
    )
    classroom.assertHeader('location', `/learning/courses/${scheduled.id}`)
    classroom.assertFlashMessage(
      'error',
      'Agile in a room runs in scheduled sessions: book a place on one of its sessions instead'
    )
    const drafted = await submitAs(client, learner).post(`/learning/courses/${draft.id}/start`)
    drafted.assertStatus(404)
    const needsApproval = await submitAs(client, learner).post(
      `/learning/courses/${approval.id}/start`
    )
    needsApproval.assertFlashMessage(
      'error',
      'Leading digital change needs your line manager’s approval, so you cannot start it yourself. Ask your line manager to enrol you on it'
    )
    assert.lengthOf(await runsOf(learner), 0)

    const page = await client.get(`/learning/courses/${approval.id}`).loginAs(learner)
    page.assertTextIncludes('Ask your line manager to enrol you on this course.')
    assert.notInclude(page.text(), 'Start this course')
  })

  test('a nomination starts a course that needs approval, and names who nominated', async ({
    assert,
  }) => {
    const manager = await createUser()
    const learner = await createUser({ overrides: { lineManagerId: manager.id } })
    const { course } = await createSelfPacedCourse({ requiresApproval: true })
    const result = await startSelfPaced(learner, course.id, { nominatedBy: manager.id })
    assert.equal(result.type, 'started')
    const [run] = await runsOf(learner)
    assert.equal(run.nominatedBy, manager.id)
    assert.equal(run.status, 'in_progress')
  })

  test('a completion that still counts refuses a new start; one that has expired allows it', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const { course } = await createSelfPacedCourse({ title: 'Security basics', validityMonths: 12 })
    const lastMonth = DateTime.now().minus({ months: 1 }).startOf('day')
    await createCompletion(learner, course, { completedOn: lastMonth })
    const refused = await submitAs(client, learner).post(`/learning/courses/${course.id}/start`)
    const until = lastMonth.plus({ months: 12 }).setLocale('en-GB').toFormat('d MMMM yyyy')
    refused.assertFlashMessage(
      'error',
      `You completed Security basics on ${lastMonth.setLocale('en-GB').toFormat('d MMMM yyyy')}, and it counts until ${until}, so you do not need to take it again`
    )
    assert.lengthOf(await runsOf(learner), 0)

    const other = await createUser()
    await createCompletion(other, course, { completedOn: DateTime.now().minus({ years: 2 }) })
    const expired = await startSelfPaced(other, course.id)
    assert.equal(expired.type, 'started')
  })
})

test.group('Self-paced courses: modules, completion and withdrawing', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('opening a module marks it in progress and goes to its address; finishing marks it completed', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const { course, modules } = await createSelfPacedCourse({
      modules: [
        { title: 'Watch the film', kind: 'video', url: 'https://video.example.gov.uk/1' },
        {},
      ],
    })
    const started = await startSelfPaced(learner, course.id)
    if (started.type !== 'started') throw new Error(started.type)
    const run = started.enrolment

    const opened = await submitAs(client, learner).post(`/learning/modules/${modules[0].id}/open`)
    opened.assertStatus(303)
    opened.assertHeader('location', 'https://video.example.gov.uk/1')
    assert.equal((await progressOf(run, modules[0]))!.status, 'in_progress')

    const finished = await finish(client, learner, modules[0])
    finished.assertHeader('location', `/learning/courses/${course.id}/your-progress`)
    finished.assertFlashMessage('success', 'You have finished Watch the film')
    const progress = (await progressOf(run, modules[0]))!
    assert.equal(progress.status, 'completed')
    assert.isNotNull(progress.completedAt)
    await run.refresh()
    assert.equal(run.status, 'in_progress')

    // Opening it again keeps it completed.
    await submitAs(client, learner).post(`/learning/modules/${modules[0].id}/open`)
    assert.equal((await progressOf(run, modules[0]))!.status, 'completed')
  })

  test('nobody records progress in a module of a course they do not have in progress', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const stranger = await createUser()
    const { course, modules } = await createSelfPacedCourse()
    await startSelfPaced(learner, course.id)
    for (const action of ['open', 'finish']) {
      const response = await submitAs(client, stranger).post(
        `/learning/modules/${modules[0].id}/${action}`
      )
      response.assertStatus(404)
    }
    assert.lengthOf(await ModuleProgress.all(), 0)
  })

  test('finishing the last required module completes the course once: the run, the learning record and the skill claims', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const skill = await createSkill('User-centred design', 'Design')
    const { course, modules } = await createSelfPacedCourse({
      title: 'Digital by default',
      outcomes: { [skill.id]: 2 },
      modules: [{ title: 'One' }, { title: 'Two' }, { title: 'Extra', required: false }],
    })
    await startSelfPaced(learner, course.id)
    await finish(client, learner, modules[0])
    assert.lengthOf(await LearningRecord.query().where('user_id', learner.id), 0)

    const last = await finish(client, learner, modules[1])
    last.assertFlashMessage(
      'success',
      'You have completed Digital by default. It is on your learning record'
    )
    const [run] = await runsOf(learner)
    assert.equal(run.status, 'completed')
    assert.isNull(run.activeCourseId)
    assert.isNotNull(run.completedAt)
    const records = await LearningRecord.query().where('user_id', learner.id)
    assert.lengthOf(records, 1)
    assert.equal(records[0].source, 'self_paced')
    assert.equal(records[0].courseId, course.id)
    assert.equal(records[0].selfPacedEnrolmentId, run.id)
    assert.equal(records[0].title, 'Digital by default')
    const claims = await SkillClaim.query().where('user_id', learner.id)
    assert.deepEqual(
      claims.map((claim) => [claim.skillId, claim.level, claim.status, claim.learningRecordId]),
      [[skill.id, 2, 'pending', records[0].id]]
    )

    // Finishing again, or the optional module now, writes nothing more.
    const again = await finish(client, learner, modules[1])
    again.assertFlashMessage('success', 'You have already completed this course')
    const optional = await finish(client, learner, modules[2])
    optional.assertFlashMessage('success', 'You have already completed this course')
    assert.lengthOf(await LearningRecord.query().where('user_id', learner.id), 1)

    const recordPage = await client.get('/learning/record').loginAs(learner)
    recordPage.assertTextIncludes('Digital by default')
    // Recorded by the course itself, not by a course team or the learner.
    assert.match(textWithoutMarkup(recordPage.text()), /Digital by default \S.* Online course/)
    const csv = await client.get('/learning/record.csv').loginAs(learner)
    assert.include(csv.text(), 'Self-paced course here')
  })

  test('a course with no module marked required is completed when every module is', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const { course, modules } = await createSelfPacedCourse({
      modules: [{ required: false }, { required: false }],
    })
    await startSelfPaced(learner, course.id)
    await finish(client, learner, modules[0])
    const [midway] = await runsOf(learner)
    assert.equal(midway.status, 'in_progress')
    await finish(client, learner, modules[1])
    const [done] = await runsOf(learner)
    assert.equal(done.status, 'completed')
  })

  test('my learning shows a course in progress with its modules finished, and a completed one', async ({
    client,
  }) => {
    const learner = await createUser()
    const { course, modules } = await createSelfPacedCourse({
      title: 'Working in the open',
      modules: 3,
    })
    const { course: done } = await createSelfPacedCourse({ title: 'Accessibility basics' })
    await createSelfPacedEnrolment(learner, done, { status: 'completed' })
    await startSelfPaced(learner, course.id)
    await finish(client, learner, modules[0])

    const page = await client.get('/learning/my').loginAs(learner)
    page.assertStatus(200)
    page.assertTextIncludes('Self-paced courses')
    page.assertTextIncludes('Working in the open')
    page.assertTextIncludes('1 of 3 modules')
    page.assertTextIncludes('Accessibility basics')
    page.assertTextIncludes('Completed on')
    page.assertTextIncludes(`href="/learning/courses/${course.id}/withdraw"`)
  })

  test('withdrawing ends the run, keeps its progress, and lets the learner start again', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const { course, modules } = await createSelfPacedCourse({ title: 'Cloud first' })
    await startSelfPaced(learner, course.id)
    await finish(client, learner, modules[0])

    const confirm = await client.get(`/learning/courses/${course.id}/withdraw`).loginAs(learner)
    confirm.assertStatus(200)
    confirm.assertTextIncludes('You have finished 1 of 2 modules')
    const response = await submitAs(client, learner).post(`/learning/courses/${course.id}/withdraw`)
    response.assertHeader('location', '/learning/my')
    response.assertFlashMessage('success', 'You have withdrawn from Cloud first')
    const [run] = await runsOf(learner)
    assert.equal(run.status, 'withdrawn')
    assert.isNull(run.activeCourseId)
    assert.lengthOf(await ModuleProgress.query().where('self_paced_enrolment_id', run.id), 1)
    await auditOf(learner, 'update', 'self_paced_enrolment', run.id)

    const twice = await submitAs(client, learner).post(`/learning/courses/${course.id}/withdraw`)
    twice.assertFlashMessage('error', 'You do not have Cloud first in progress')
    const finishAfter = await finish(client, learner, modules[1])
    finishAfter.assertStatus(404)

    const restarted = await startSelfPaced(learner, course.id)
    assert.equal(restarted.type, 'started')
    assert.lengthOf(await runsOf(learner), 2)
  })

  test('someone else’s progress page answers 404', async ({ client }) => {
    const learner = await createUser()
    const { course } = await createSelfPacedCourse()
    await startSelfPaced(learner, course.id)
    const other = await createUser()
    const response = await client.get(`/learning/courses/${course.id}/your-progress`).loginAs(other)
    response.assertStatus(404)
  })
})
