import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import mail from '@adonisjs/mail/services/main'
import { FakeMailer } from '@adonisjs/mail'
import CourseSession from '#models/course_session'
import Enrolment from '#models/enrolment'
import User from '#models/user'
import { EnrolmentStatuses, SessionStatuses } from '#enums/learning'
import { whereRunsProvider } from '#services/provider_scope'
import type { CourseSessionChanged, EnrolmentChange, EnrolmentChanged } from '#events/learning'
import type { LearningMail, LearningMailContext } from '#mails/learning_mail'
import LearningRequestSent from '#mails/learning_request_sent'
import LearningApproved from '#mails/learning_approved'
import LearningDeclined from '#mails/learning_declined'
import LearningBooked from '#mails/learning_booked'
import LearningWaitlisted from '#mails/learning_waitlisted'
import LearningPromoted from '#mails/learning_promoted'
import LearningCancelled from '#mails/learning_cancelled'
import LearningSessionCancelled from '#mails/learning_session_cancelled'
import LearningSessionChanged from '#mails/learning_session_changed'
import LearningPlaceGivenUp from '#mails/learning_place_given_up'
import LearningNominated from '#mails/learning_nominated'

/*
 * E-mails the people an enrolment change concerns: the line manager for a
 * request, the learner for everything else, and the course's admins when a
 * learner gives up their own place. Completion is not mailed: the learner
 * sees it in their learning record. A change to a session's time or place
 * is mailed to everyone on it.
 */
export default class LearningNotifications {
  async handle({ enrolmentId, changes, seatGivenTo }: EnrolmentChanged) {
    if (!wanted()) return
    const about = { enrolmentId, changes }
    await deliver(() => mailsFor(enrolmentId, changes, seatGivenTo), about)
  }

  async sessionChanged(change: CourseSessionChanged) {
    if (!wanted()) return
    await deliver(() => sessionChangeMails(change), { sessionId: change.sessionId })
  }
}

/*
 * In tests, only specs that fake the mailer want these: in the others, the
 * test (and its rolled-back transaction) is often over before this runs.
 */
function wanted() {
  return !app.inTest || mail.use() instanceof FakeMailer
}

/* Prepares the e-mails from the committed rows and sends each, logging what fails. */
async function deliver(prepare: () => Promise<LearningMail[]>, about: Record<string, unknown>) {
  let mails: LearningMail[]
  try {
    mails = await prepare()
  } catch (error) {
    logger.error({ err: error, ...about }, 'Could not prepare learning e-mails')
    return
  }
  for (const message of mails) {
    try {
      // send, not sendLater: this already runs off the request (emit is not awaited), and awaiting logs each failure with what it was about.
      await mail.send(message)
    } catch (error) {
      logger.error(
        { err: error, ...about, mail: message.constructor.name },
        'Could not send a learning e-mail'
      )
    }
  }
}

/* The e-mails one enrolment change calls for, from the committed rows. */
export async function mailsFor(
  enrolmentId: number,
  changes: EnrolmentChange[],
  seatGivenTo: number[] = []
) {
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
  const nominated = changes.includes('nominated')
  const nominator =
    nominated && enrolment.nominatedBy ? await User.find(enrolment.nominatedBy) : null

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
      case 'withdrawn':
        mails.push(...(await placeGivenUpMails(context, seatGivenTo)))
        break
      case 'completed':
      case 'approved':
        break
      // A nomination's place is told in one e-mail naming who made it.
      case 'nominated':
        mails.push(new LearningNominated(context, placedBy(changes), nominator))
        break
      case 'booked':
      case 'waitlisted':
        if (!nominated) mails.push(new learnerMails[change](context))
        break
      default:
        mails.push(new learnerMails[change](context))
    }
  }
  return mails
}

/* What a nomination made of the learner's enrolment: a seat or a waiting-list place. */
function placedBy(changes: EnrolmentChange[]) {
  return changes.includes('booked') ? ('booked' as const) : ('waitlisted' as const)
}

/* The changes told to the learner by an e-mail made from the enrolment's context alone. */
const learnerMails: Record<
  Exclude<
    EnrolmentChange,
    'requested' | 'declined' | 'withdrawn' | 'completed' | 'approved' | 'nominated'
  >,
  new (context: LearningMailContext) => LearningMail
> = {
  booked: LearningBooked,
  waitlisted: LearningWaitlisted,
  promoted: LearningPromoted,
  cancelled: LearningCancelled,
  session_cancelled: LearningSessionCancelled,
}

/* To each active course admin who runs the course: the learner gave up their place, and who has the seat now. */
async function placeGivenUpMails(context: LearningMailContext, seatGivenTo: number[]) {
  const admins = await whereRunsProvider(User.query(), context.course.providerId)
    .whereNull('deactivated_at')
    .orderBy('full_name')
    .orderBy('id')
  if (!admins.length) {
    logger.warn(
      { enrolmentId: context.enrolment.id, providerId: context.course.providerId },
      'No e-mail for a cancellation: the course has no active admin'
    )
    return []
  }
  const takers = seatGivenTo.length
    ? await User.query()
        .whereIn('id', (taken) => {
          taken.from('enrolments').whereIn('id', seatGivenTo).select('user_id')
        })
        .orderBy('full_name')
    : []
  return admins.map((admin) => new LearningPlaceGivenUp(context, admin, takers))
}

/*
 * One e-mail to each active learner with a seat, a waiting-list place or a
 * request on a session whose time or place changed. Those promoted by the
 * same change are left out: their promotion e-mail already gives the new
 * arrangements and the invitation.
 */
export async function sessionChangeMails({ sessionId, before, promoted }: CourseSessionChanged) {
  const session = await CourseSession.query().where('id', sessionId).preload('course').first()
  if (!session || session.status === SessionStatuses.Cancelled) return []
  const enrolments = await Enrolment.query()
    .where('session_id', sessionId)
    .whereIn('status', [
      EnrolmentStatuses.Booked,
      EnrolmentStatuses.Waitlisted,
      EnrolmentStatuses.Requested,
    ])
    .if(promoted.length > 0, (query) => query.whereNotIn('id', promoted))
    .preload('user')
    .orderBy('id')
  return (
    enrolments
      .filter((enrolment) => enrolment.user.isActive)
      .map(
        (enrolment) =>
          new LearningSessionChanged(
            { enrolment, learner: enrolment.user, session, course: session.course },
            before
          )
      )
      // Changed and changed back before this ran: nothing to tell.
      .filter((message) => message.changes().length > 0)
  )
}
