import type { HttpContext } from '@adonisjs/core/http'
import { requiredOf } from '#queries/learning/required_learning_query'
import { requirementStateLabels } from '#enums/required_learning'
import { standingWords } from '#domain/learning/required_learning'
import User from '#models/user'
import { myLearning } from '#queries/learning/my_learning_query'
import { mySelfPacedRuns } from '#queries/learning/self_paced_query'
import { formatDay } from '#transformers/learning_transformer'
import { enrolmentStatusLabels, selfPacedStatusLabels } from '#enums/learning'
import { exportList } from '#services/exports'
import { feedbackDue, feedbackPath } from '#queries/learning/course_feedback_query'

/* "My learning": the learner's bookings, requests, waiting-list places and history. */
export default class MyLearningController {
  async show({ auth, request, view }: HttpContext) {
    const user = auth.getUserOrFail()
    const page = Math.max(1, Number.parseInt(String(request.input('page', '1')), 10) || 1)
    const lineManager = user.lineManagerId
      ? await User.query().where('id', user.lineManagerId).select('id', 'full_name').first()
      : null
    const due = await feedbackDue(user.id)
    const required = await requiredOf(user)
    const selfPacedRuns = await mySelfPacedRuns(user.id)
    return view.render('pages/learning/my_learning', {
      learning: await myLearning(user.id, page),
      lineManagerName: lineManager?.fullName ?? null,
      selfPaced: selfPacedRuns.map((run) => ({
        ...run,
        statusLabel: selfPacedStatusLabels[run.status],
        when: run.completedAt
          ? `Completed on ${formatDay(run.completedAt)}`
          : `Started on ${formatDay(run.startedAt)}`,
      })),
      required: required.map(({ requirement, standing }) => ({
        courseId: requirement.courseId,
        courseTitle: requirement.course.title,
        state: standing.state,
        stateLabel: requirementStateLabels[standing.state],
        words: standingWords(standing),
      })),
      statusLabels: enrolmentStatusLabels,
      feedbackDue: due.map((item) => ({
        courseTitle: item.courseTitle,
        href: feedbackPath(item.target),
        selfPaced: item.target.kind === 'self_paced',
      })),
    })
  }

  /* All the learner's enrolments, current and past, as CSV. */
  async csv(ctx: HttpContext) {
    return exportList(ctx, 'myLearning')
  }
}
