import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { createSkill } from '#database/factories/framework_factory'
import { createSelfPacedCourse } from '#database/factories/self_paced_factory'
import { startSelfPaced } from '#actions/learning/start_self_paced'
import { finishModule } from '#actions/learning/record_module_progress'
import LearningRecord from '#models/learning_record'
import SelfPacedEnrolment from '#models/self_paced_enrolment'
import SkillClaim from '#models/skill_claim'
import { bearer, apiAs } from '#tests/support/api'

/*
 * Completion under real concurrency: requests at once over HTTP, each in
 * its own transaction, outside the global transaction (which would
 * serialise everything and hide a missing lock), truncating afterwards.
 * SQLite serialises writes anyway; the proof that the run's lock works is
 * the run on MySQL.
 */
test.group('Self-paced completion under concurrent requests', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('the last two modules finished at once complete the course once, with one record and one claim', async ({
    client,
    assert,
  }) => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const learner = await createUser()
      const skill = await createSkill(`Service design ${attempt}`, 'Design')
      const { course, modules } = await createSelfPacedCourse({
        modules: 3,
        outcomes: { [skill.id]: 2 },
      })
      await startSelfPaced(learner, course.id)
      await finishModule(learner, modules[0].id)
      const auth = await bearer(learner)
      const responses = await Promise.all(
        [modules[1], modules[2], modules[1], modules[2]].map((module) =>
          apiAs(client, auth).post(`/api/v1/modules/${module.id}/completion`)
        )
      )
      assert.deepEqual([...new Set(responses.map((response) => response.status()))], [200])
      const runs = await SelfPacedEnrolment.query().where('user_id', learner.id)
      assert.deepEqual(
        runs.map((run) => run.status),
        ['completed']
      )
      assert.lengthOf(await LearningRecord.query().where('user_id', learner.id), 1)
      assert.lengthOf(await SkillClaim.query().where('user_id', learner.id), 1)
    }
  }).timeout(120000)

  test('starting the same course twice at once makes one run', async ({ client, assert }) => {
    const learner = await createUser()
    const { course } = await createSelfPacedCourse()
    const auth = await bearer(learner)
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        apiAs(client, auth).post(`/api/v1/courses/${course.id}/start`)
      )
    )
    const statuses = responses.map((response) => response.status()).sort()
    assert.deepEqual(statuses, [201, 409, 409, 409, 409, 409])
    assert.lengthOf(await SelfPacedEnrolment.query().where('user_id', learner.id), 1)
  }).timeout(60000)
})
