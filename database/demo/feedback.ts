import type { DateTime } from 'luxon'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import CourseFeedback from '#models/course_feedback'
import ModuleProgress from '#models/module_progress'
import { EnrolmentStatuses } from '#enums/learning'
import { startSelfPaced } from '#actions/learning/start_self_paced'
import { completeSelfPaced, selfPacedTransaction } from '#actions/learning/complete_self_paced'
import { RATING_SHOWN_FROM } from '#domain/learning/course_feedback'

/*
 * The demo's course feedback: learners' evaluations of the classroom
 * course most people attended (more than RATING_SHOWN_FROM, so the
 * catalogue shows its rating), of a second course (fewer, so it shows
 * none), and of the self-paced awareness course completed by a handful of
 * learners. The demo's administrator has attended a session and completed
 * the self-paced course without giving feedback yet, so their home page
 * and My learning ask for it. Adds nothing when the demo has feedback.
 */

const COMMENTS = [
  'Practical, with plenty of time to try things on our own service.',
  'Good pace. The case studies from other departments were the most useful part.',
  'Too much theory for one day; more exercises would help.',
  'I now know who to ask in my department, which was worth the day on its own.',
  'The trainer answered every question clearly.',
  null,
  'Some slides were hard to read at the back of the room.',
  null,
]

/* Deterministic answers, mostly favourable, some not, so the averages and distribution read true. */
function answers(index: number, lean: number) {
  const overall = Math.max(1, Math.min(5, [5, 4, 4, 5, 3, 4, 2, 5][index % 8] + lean))
  return {
    overallRating: overall,
    relevanceRating: Math.max(1, Math.min(5, [4, 5, 3, 4, 4, 3, 2, 5][index % 8] + lean)),
    wouldRecommend: overall >= 4,
    comments: COMMENTS[index % COMMENTS.length],
  }
}

type Attended = {
  id: number
  user_id: number
  session_id: number
  course_id: number
  ends_at: unknown
}

/* Attended or completed enrolments on past sessions, course by course, most attended course first. */
async function attendedByCourse(client: QueryClientContract, adminId: number) {
  const rows: Attended[] = await client
    .from('enrolments')
    .join('course_sessions', 'course_sessions.id', 'enrolments.session_id')
    .whereIn('enrolments.status', [EnrolmentStatuses.Attended, EnrolmentStatuses.Completed])
    .whereNot('enrolments.user_id', adminId)
    .select(
      'enrolments.id',
      'enrolments.user_id',
      'enrolments.session_id',
      'course_sessions.course_id',
      'course_sessions.ends_at'
    )
    .orderBy('enrolments.id')
  const byCourse = new Map<number, Attended[]>()
  for (const row of rows) {
    const list = byCourse.get(Number(row.course_id)) ?? []
    list.push(row)
    byCourse.set(Number(row.course_id), list)
  }
  return [...byCourse.values()].sort((a, b) => b.length - a.length)
}

/* A completed run through the self-paced course: every module finished, completed as the service completes one. */
async function completedRun(courseId: number, userId: number, at: DateTime) {
  const started = await startSelfPaced({ id: userId }, courseId, {
    now: at.minus({ hours: 2 }).toJSDate(),
  })
  if (started.type !== 'started') return null
  const enrolment = started.enrolment
  return selfPacedTransaction(enrolment.id, async (trx, locked) => {
    const modules = await trx.from('course_modules').where('course_id', courseId).select('id')
    for (const module of modules) {
      await ModuleProgress.create(
        {
          selfPacedEnrolmentId: enrolment.id,
          moduleId: Number(module.id),
          status: 'completed',
          success: 'passed',
          score: null,
          lessonLocation: null,
          suspendData: null,
          totalSeconds: 1500,
          lastActivityAt: at,
          completedAt: at,
        },
        { client: trx }
      )
    }
    const done = await completeSelfPaced(trx, locked!, at.toJSDate())
    return done.type === 'completed' ? enrolment.id : null
  })
}

export async function seedDemoFeedback(client: QueryClientContract, options: { now: DateTime }) {
  const existing = await client.from('course_feedback').select('id').first()
  if (existing) return null
  const admin = await client.from('users').where('email', 'admin@demo.example').select('id').first()
  if (!admin) return null
  const adminId = Number(admin.id)

  const courses = await attendedByCourse(client, adminId)
  const [popular, second] = courses
  const given: Array<{ courseId: number; answers: number }> = []
  const give = async (rows: Attended[], lean: number) => {
    for (const [index, row] of rows.entries()) {
      await CourseFeedback.create(
        {
          userId: Number(row.user_id),
          courseId: Number(row.course_id),
          sessionId: Number(row.session_id),
          enrolmentId: Number(row.id),
          selfPacedEnrolmentId: null,
          ...answers(index, lean),
          submittedAt: options.now.minus({ days: 1 + (index % 20) }),
        },
        { client }
      )
    }
    if (rows.length) given.push({ courseId: Number(rows[0].course_id), answers: rows.length })
  }
  // Most of the popular course's attendees answer (at least enough for its rating); a few on the next.
  if (popular) {
    const answering = Math.max(RATING_SHOWN_FROM + 2, Math.ceil(popular.length * 0.7))
    await give(popular.slice(0, answering), 0)
  }
  if (second) await give(second.slice(0, Math.min(3, RATING_SHOWN_FROM - 2)), -1)

  // The self-paced awareness course: completed by learners who answer, and by the administrator, who has not yet.
  const selfPaced = await client
    .from('courses')
    .where('delivery', 'self_paced')
    .where('status', 'published')
    .orderBy('id')
    .select('id')
    .first()
  let selfPacedAnswers = 0
  if (selfPaced) {
    const learners = await client
      .from('users')
      .where('email', 'like', 'learner%@demo.example')
      .whereNotExists((runs) =>
        runs
          .from('self_paced_enrolments')
          .whereColumn('self_paced_enrolments.user_id', 'users.id')
          .where('self_paced_enrolments.course_id', selfPaced.id)
      )
      .orderBy('email', 'desc')
      .limit(RATING_SHOWN_FROM + 1)
      .select('id')
    for (const [index, learner] of learners.entries()) {
      const at = options.now.minus({ days: 2 + index })
      const runId = await completedRun(Number(selfPaced.id), Number(learner.id), at)
      if (!runId) continue
      await CourseFeedback.create(
        {
          userId: Number(learner.id),
          courseId: Number(selfPaced.id),
          sessionId: null,
          enrolmentId: null,
          selfPacedEnrolmentId: runId,
          ...answers(index + 3, 0),
          submittedAt: at.plus({ hours: 1 }),
        },
        { client }
      )
      selfPacedAnswers += 1
    }
    await completedRun(Number(selfPaced.id), adminId, options.now.minus({ days: 1 }))
  }

  // The administrator attended the popular course's latest past session and has not yet said how it went.
  if (popular) {
    const session = await client
      .from('course_sessions')
      .where('course_id', popular[0].course_id)
      .where('status', 'scheduled')
      .where('ends_at', '<', options.now.toUTC().toFormat('yyyy-MM-dd HH:mm:ss'))
      .whereNotExists((taken) =>
        taken
          .from('enrolments')
          .whereColumn('enrolments.session_id', 'course_sessions.id')
          .where('enrolments.user_id', adminId)
      )
      .orderBy('starts_at', 'desc')
      .select('id', 'starts_at')
      .first()
    if (session) {
      const stamp = options.now.toUTC().toFormat('yyyy-MM-dd HH:mm:ss')
      await client.table('enrolments').insert({
        session_id: session.id,
        user_id: adminId,
        status: EnrolmentStatuses.Attended,
        active_session_id: session.id,
        booked_at: stamp,
        attendance_marked_at: stamp,
        created_at: stamp,
        updated_at: stamp,
      })
    }
  }
  return {
    courses: given,
    selfPacedAnswers,
    total: given.reduce((sum, course) => sum + course.answers, 0) + selfPacedAnswers,
  }
}

/* One line for the demo's summary. */
export function describeDemoFeedback(summary: {
  courses: Array<{ courseId: number; answers: number }>
  selfPacedAnswers: number
  total: number
}) {
  const counts = summary.courses.map((course) => course.answers).join(' and ')
  return `Course feedback: ${summary.total} answers (${counts} on two classroom courses, ${summary.selfPacedAnswers} on the self-paced course)`
}
