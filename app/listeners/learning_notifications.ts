import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import mail from '@adonisjs/mail/services/main'
import { FakeMailer } from '@adonisjs/mail'
import Enrolment from '#models/enrolment'
import User from '#models/user'
import type { EnrolmentChange, EnrolmentChanged } from '#events/learning'
import type { LearningMail, LearningMailContext } from '#mails/learning_mail'
import LearningRequestSent from '#mails/learning_request_sent'
import LearningApproved from '#mails/learning_approved'
import LearningDeclined from '#mails/learning_declined'
import LearningBooked from '#mails/learning_booked'
import LearningWaitlisted from '#mails/learning_waitlisted'
import LearningPromoted from '#mails/learning_promoted'
import LearningCancelled from '#mails/learning_cancelled'
import LearningSessionCancelled from '#mails/learning_session_cancelled'

/*
 * E-mails the people an enrolment change concerns: the line manager for a
 * request, the learner for everything else. Completion is not mailed: the
 * learner sees it in their learning record.
 */
export default class LearningNotifications {
  async handle({ enrolmentId, changes }: EnrolmentChanged) {
    // In tests, only specs that fake the mailer want these: in the others, the
    // test (and its rolled-back transaction) is often over before this runs.
    if (app.inTest && !(mail.use() instanceof FakeMailer)) return

    let mails: LearningMail[]
    try {
      mails = await mailsFor(enrolmentId, changes)
    } catch (error) {
      logger.error({ err: error, enrolmentId, changes }, 'Could not prepare learning e-mails')
      return
    }
    for (const message of mails) {
      try {
        // send, not sendLater: this already runs off the request (emit is not awaited), and awaiting logs each failure with its enrolment.
        await mail.send(message)
      } catch (error) {
        logger.error(
          { err: error, enrolmentId, changes, mail: message.constructor.name },
          'Could not send a learning e-mail'
        )
      }
    }
  }
}

/* The e-mails one enrolment change calls for, from the committed rows. */
export async function mailsFor(enrolmentId: number, changes: EnrolmentChange[]) {
  const decided = changes.includes('approved') || changes.includes('declined')
  const enrolment = await Enrolment.query()
    .where('id', enrolmentId)
    .preload('user', (user) => {
      if (changes.includes('requested')) user.preload('lineManager')
    })
    .preload('session', (session) => session.preload('course'))
    .first()
  if (!enrolment) {
    logger.info({ enrolmentId, changes }, 'No e-mail: the enrolment no longer exists')
    return []
  }
  const learner = enrolment.user
  if (!learner.isActive) return []

  const context: LearningMailContext = {
    enrolment,
    learner,
    session: enrolment.session,
    course: enrolment.session.course,
  }
  const decider = decided && enrolment.decidedBy ? await User.find(enrolment.decidedBy) : null

  // An approval that took a seat or a waiting-list place is one e-mail, not two.
  if (changes.includes('approved')) {
    return [
      new LearningApproved(context, changes.includes('booked') ? 'booked' : 'waitlisted', decider),
    ]
  }

  const mails: LearningMail[] = []
  for (const change of changes) {
    switch (change) {
      case 'requested': {
        const manager = learner.lineManager
        if (manager?.isActive) mails.push(new LearningRequestSent(context, manager))
        else
          logger.warn(
            { enrolmentId },
            'No e-mail for a request: the learner has no active line manager'
          )
        break
      }
      case 'declined':
        mails.push(new LearningDeclined(context, decider))
        break
      case 'booked':
        mails.push(new LearningBooked(context))
        break
      case 'waitlisted':
        mails.push(new LearningWaitlisted(context))
        break
      case 'promoted':
        mails.push(new LearningPromoted(context))
        break
      case 'cancelled':
        mails.push(new LearningCancelled(context))
        break
      case 'session_cancelled':
        mails.push(new LearningSessionCancelled(context))
        break
      case 'completed':
      case 'approved':
        break
    }
  }
  return mails
}
