import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import DemoSeeder from '#database/seeders/demo_seeder'
import { SELF_PACED_AWARENESS } from '#database/demo/self_paced'
import { mySelfPacedRuns } from '#queries/learning/self_paced_query'

test.group('Demo self-paced learning', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the awareness course has a self-paced twin with modules, learners who completed it on their record and learners part way through', async ({
    assert,
  }) => {
    await new DemoSeeder(db.connection()).run()
    const course = await db.from('courses').where('code', SELF_PACED_AWARENESS.code).firstOrFail()
    assert.equal(course.delivery, 'self_paced')
    assert.equal(course.status, 'published')
    const scheduled = await db.from('courses').where('code', 'CSL-OL01').firstOrFail()
    assert.equal(scheduled.delivery, 'scheduled')

    const modules = await db.from('course_modules').where('course_id', course.id)
    assert.isAtLeast(modules.filter((module) => module.kind !== 'scorm').length, 4)

    const runs = await db
      .from('self_paced_enrolments')
      .where('course_id', course.id)
      .groupBy('status')
      .select('status')
      .count('* as total')
    const byStatus = Object.fromEntries(runs.map((row) => [row.status, Number(row.total)]))
    assert.isAtLeast(byStatus.completed, 6)
    assert.isAtLeast(byStatus.in_progress, 4)

    // Each completion is on the learner's record once, named as self-paced.
    const records = await db
      .from('learning_records')
      .join(
        'self_paced_enrolments',
        'self_paced_enrolments.id',
        'learning_records.self_paced_enrolment_id'
      )
      .where('self_paced_enrolments.course_id', course.id)
      .select('learning_records.source', 'self_paced_enrolments.status')
    assert.lengthOf(records, byStatus.completed)
    assert.isTrue(
      records.every((record) => record.source === 'self_paced' && record.status === 'completed')
    )

    // The demo's learner has it in progress, so My learning links to its progress page.
    const learner = await db
      .from('users')
      .where('email', 'like', 'learner%@demo.example')
      .whereNotExists((reports) =>
        reports.from('users as reports').whereColumn('reports.line_manager_id', 'users.id')
      )
      .orderBy('email')
      .firstOrFail()
    const own = await mySelfPacedRuns(Number(learner.id))
    assert.isTrue(own.some((run) => run.courseId === course.id && run.status === 'in_progress'))
  }).timeout(300_000)
})
