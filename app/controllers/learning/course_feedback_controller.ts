import type { HttpContext } from '@adonisjs/core/http'
import { giveCourseFeedback, type FeedbackTarget } from '#actions/learning/give_course_feedback'
import { courseFeedbackValidator } from '#validators/course_feedback'
import { feedbackFormFacts, type FeedbackFormFacts } from '#queries/learning/course_feedback_query'
import {
  enrolmentMayGiveFeedback,
  FEEDBACK_COMMENTS_MAX_LENGTH,
} from '#domain/learning/course_feedback'
import { SelfPacedStatuses } from '#enums/learning'
import { found, idParam } from '#services/params'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import { formatSessionTimes, formatDay } from '#transformers/learning_transformer'
import {
  alreadyGivenMessage,
  feedbackGivenMessage,
  notAttendedMessage,
} from '#services/feedback_messages'

/* What stops the learner giving feedback on this enrolment or run, in the page's words; null when they may. */
function refusal(facts: FeedbackFormFacts) {
  if (facts.givenAt) return alreadyGivenMessage(facts.course.title, facts.givenAt)
  const mayGive =
    facts.target.kind === 'enrolment'
      ? enrolmentMayGiveFeedback(facts.status)
      : facts.status === SelfPacedStatuses.Completed
  return mayGive ? null : notAttendedMessage(facts.target.kind, facts.status)
}

function feedbackPage(facts: FeedbackFormFacts, errors?: Record<string, string[]>) {
  return {
    facts,
    when:
      facts.startsAt && facts.endsAt
        ? formatSessionTimes(facts.startsAt, facts.endsAt) + ' (UK time)'
        : facts.completedAt
          ? `Completed on ${formatDay(facts.completedAt)}`
          : null,
    refusal: errors ? null : refusal(facts),
    errors: errors ?? null,
    action:
      facts.target.kind === 'enrolment'
        ? { to: 'learning.feedback.store', params: { id: facts.target.id } }
        : { to: 'learning.selfPacedFeedback.store', params: { id: facts.target.id } },
    commentsMaxLength: FEEDBACK_COMMENTS_MAX_LENGTH.toLocaleString('en-GB'),
  }
}

/*
 * A learner's evaluation of a course they attended or completed
 * self-paced: the form, and sending it once. Anyone else's enrolment
 * answers 404.
 */
export default class CourseFeedbackController {
  async create({ auth, params, view }: HttpContext) {
    return this.form(auth.getUserOrFail().id, { kind: 'enrolment', id: idParam(params.id) }, view)
  }

  async store(ctx: HttpContext) {
    return this.give(ctx, { kind: 'enrolment', id: idParam(ctx.params.id) })
  }

  async createForSelfPaced({ auth, params, view }: HttpContext) {
    return this.form(auth.getUserOrFail().id, { kind: 'self_paced', id: idParam(params.id) }, view)
  }

  async storeForSelfPaced(ctx: HttpContext) {
    return this.give(ctx, { kind: 'self_paced', id: idParam(ctx.params.id) })
  }

  private async form(userId: number, target: FeedbackTarget, view: HttpContext['view']) {
    const facts = found(await feedbackFormFacts(userId, target))
    return view.render('pages/learning/feedback', feedbackPage(facts))
  }

  private async give(
    { auth, request, response, session, view }: HttpContext,
    target: FeedbackTarget
  ) {
    const user = auth.getUserOrFail()
    const facts = found(await feedbackFormFacts(user.id, target))
    const answers = await request.validateUsing(courseFeedbackValidator)
    const result = await giveCourseFeedback(user.id, target, answers)
    switch (result.type) {
      case 'given':
        session.flash('success', feedbackGivenMessage(facts.course.title))
        return response.redirect().toRoute('learning.my')
      case 'not_found':
        throw new RecordNotFoundException()
      case 'already_given':
      case 'not_attended': {
        const now = found(await feedbackFormFacts(user.id, target))
        response.status(result.type === 'already_given' ? 409 : 422)
        return view.render('pages/learning/feedback', {
          ...feedbackPage(now, { feedback: [refusal(now) ?? ''] }),
          refusal: refusal(now),
        })
      }
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}
