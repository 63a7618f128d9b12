import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import DemoSeeder from '#database/seeders/demo_seeder'
import { courseWithSessions } from '#queries/learning/catalogue_query'
import { feedbackDue } from '#queries/learning/course_feedback_query'
import { RATING_SHOWN_FROM } from '#domain/learning/course_feedback'

test.group('Demo course feedback', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('one classroom course has enough answers to show its rating and another too few; the administrator is asked for feedback on a session and a self-paced course', async ({
    assert,
  }) => {
    await new DemoSeeder(db.connection()).run()
    const counts = await db
      .from('course_feedback')
      .groupBy('course_id')
      .select('course_id')
      .count('* as answers')
      .select(db.raw('sum(case when session_id is null then 1 else 0 end) as self_paced'))
    const classroom = counts.filter((row) => Number(row.self_paced) === 0)
    const rated = classroom.find((row) => Number(row.answers) >= RATING_SHOWN_FROM)!
    const unrated = classroom.find((row) => Number(row.answers) < RATING_SHOWN_FROM)!
    assert.exists(rated)
    assert.exists(unrated)
    const shown = await courseWithSessions(Number(rated.course_id))
    assert.equal(shown!.course.rating!.answers, Number(rated.answers))
    const hidden = await courseWithSessions(Number(unrated.course_id))
    assert.isNull(hidden!.course.rating)
    assert.isTrue(counts.some((row) => Number(row.self_paced) >= RATING_SHOWN_FROM))

    const admin = await db.from('users').where('email', 'admin@demo.example').firstOrFail()
    const due = await feedbackDue(Number(admin.id))
    // At least one of each kind, and each enrolment asked about once.
    assert.includeMembers(
      due.map((item) => item.target.kind),
      ['enrolment', 'self_paced']
    )
    const targets = due.map((item) => `${item.target.kind} ${item.target.id}`)
    assert.lengthOf(new Set(targets), targets.length)

    // Feedback is anonymous, but only ever from someone who attended or completed.
    const [{ total: strays }] = await db
      .from('course_feedback')
      .leftJoin('enrolments', 'enrolments.id', 'course_feedback.enrolment_id')
      .leftJoin(
        'self_paced_enrolments',
        'self_paced_enrolments.id',
        'course_feedback.self_paced_enrolment_id'
      )
      .where((where) =>
        where
          .where((session) =>
            session
              .whereNotNull('course_feedback.enrolment_id')
              .whereNotIn('enrolments.status', ['attended', 'completed'])
          )
          .orWhere((run) =>
            run
              .whereNotNull('course_feedback.self_paced_enrolment_id')
              .whereNot('self_paced_enrolments.status', 'completed')
          )
      )
      .count('* as total')
    assert.equal(Number(strays), 0)

    // Run again, the demo adds nothing.
    const [{ total }] = await db.from('course_feedback').count('* as total')
    await new DemoSeeder(db.connection()).run()
    const [{ total: again }] = await db.from('course_feedback').count('* as total')
    assert.equal(Number(again), Number(total))
  }).timeout(180_000)
})
