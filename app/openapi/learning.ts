import { EnrolmentStatuses, courseDeliveryValues, courseModeValues } from '#enums/learning'
import { catalogueSorts } from '#validators/catalogue'
import { courseValidator, sessionApiValidator } from '#validators/learning_admin'
import { apiCancelValidator, apiEnrolValidator } from '#validators/learning_learner'
import { apiNominationValidator } from '#validators/learning_nominations'
import { NOMINATION_OUTCOMES } from '#domain/learning/nomination'
import {
  CourseSessionTransformer,
  CourseTransformer,
  EnrolmentTransformer,
  enrolmentPlaceFields,
} from '#transformers/learning_transformer'
import {
  answer,
  arrayOf,
  orNull,
  body,
  bodyProblems,
  dataOf,
  date,
  id,
  idInPath,
  integer,
  listOf,
  object,
  oneOfValues,
  pagingParameters,
  problemAnswer,
  problems,
  readById,
  problemWith,
  query,
  requestSchema,
  schemaRef,
  text,
} from './components.js'
import type { ApiArea } from './types.js'
import {
  CourseFeedbackResultsTransformer,
  CourseFeedbackTransformer,
} from '#transformers/course_feedback_transformer'
import { courseFeedbackValidator } from '#validators/course_feedback'
import { FEEDBACK_COMMENTS_PER_PAGE } from '#queries/learning/course_feedback_query'

const TAG = 'Learning'

/* The catalogue's page size when perPage is left out (the catalogue page's own size). */
export const CATALOGUE_PER_PAGE = 20

const isoInstant = (description: string) => ({
  description: `${description} ISO 8601, like \`2026-03-27T09:30:00Z\`; without an offset it is read as UK time.`,
})

/* A learner's feedback on one of their enrolments (`what`): the same answers either way. */
function feedbackOperation(
  operationId: string,
  summary: string,
  what: string,
  description: string
) {
  return {
    operationId,
    summary,
    description,
    tags: [TAG],
    parameters: [idInPath(what)],
    requestBody: body(schemaRef('CourseFeedbackRequest')),
    responses: {
      ...bodyProblems(),
      201: answer('The caller’s feedback, given.', dataOf(schemaRef('CourseFeedback'))),
      ...problems(401, 404),
      409: problemAnswer(
        'The caller has already given feedback on this enrolment.',
        problemWith({ code: oneOfValues(['already_given']), feedback: object({ id: id() }) })
      ),
      422: problemAnswer(
        'An answer breaks a rule, or the caller did not attend (or has not completed) the course.',
        {
          anyOf: [
            schemaRef('ValidationProblem'),
            problemWith({ code: oneOfValues(['not_attended']) }),
          ],
        }
      ),
    },
  }
}

/* The course catalogue, learners' enrolments, and course admins' writes. */
export const learning: ApiArea = {
  tag: {
    name: TAG,
    description:
      'The course catalogue and its sessions, the caller’s enrolments, and for course admins, adding courses and sessions. Times are UTC.',
  },
  schemas: {
    ...CourseSessionTransformer.schemas,
    ...CourseTransformer.schemas,
    NominationRequest: requestSchema(apiNominationValidator, {
      userIds: { description: 'People to book, by id.' },
      emails: { description: 'People to book, by e-mail address (in any case).' },
    }),
    Nomination: object(
      {
        id: id('The nomination’s id.'),
        courseId: id('The course people were booked on.'),
        sessionId: orNull(id('The session people were booked on; null for a self-paced course.')),
        counts: object(
          {
            booked: integer('People booked (on a self-paced course: enrolled).', { min: 0 }),
            waitlisted: integer('People put on the waiting list.', { min: 0 }),
            already: integer(
              'People who already held the course or had completed it: not booked again.',
              { min: 0 }
            ),
            refused: integer('People not booked, each with the reason.', { min: 0 }),
          },
          { description: 'How many people each outcome had.' }
        ),
        people: arrayOf(
          object({
            position: integer('1, 2, 3… in the order given: userIds first, then emails.', {
              min: 1,
            }),
            userId: orNull(id('The person’s id; null for an address that matched nobody.')),
            name: orNull(text('The person’s name; null when they cannot be named to the caller.')),
            email: text('The person’s e-mail address, or the address as given.'),
            outcome: oneOfValues(NOMINATION_OUTCOMES, 'What happened to the person.'),
            message: text('The outcome in words, as the result page gives it.'),
            enrolmentId: orNull(id('The enrolment made or found on the session.')),
            waitlistPosition: orNull(integer('Their place on the waiting list.', { min: 1 })),
          }),
          'What happened to each person, in the order given.'
        ),
      },
      {
        description:
          'A nomination: people booked by their line manager or HR, and what happened to each.',
      }
    ),
    EnrolRequest: requestSchema(apiEnrolValidator, {
      note: { description: 'A note for the line manager, when the course needs approval.' },
    }),
    EnrolmentConflict: problemWith(
      {
        enrolment: object(enrolmentPlaceFields, {
          description: 'The caller’s enrolment in the way.',
        }),
      },
      'A 409 about an enrolment: `enrolment` names it, and `status` is the HTTP status.'
    ),
    CancelRequest: requestSchema(apiCancelValidator, {
      reason: { description: 'Why the place is given up.' },
    }),
    ...EnrolmentTransformer.schemas,
    ...CourseFeedbackTransformer.schemas,
    ...CourseFeedbackResultsTransformer.schemas,
    CourseFeedbackRequest: requestSchema(courseFeedbackValidator, {
      overallRating: { description: 'Overall, from 1 (very poor) to 5 (excellent).' },
      relevanceRating: {
        description: 'Relevance to the caller’s role, from 1 (none) to 5 (very).',
      },
      wouldRecommend: {
        description: 'Whether the caller would recommend the course to a colleague.',
      },
      comments: {
        description:
          'Optional. Shown to the course team without the caller’s name, so leave out anything that identifies you.',
      },
    }),
    CourseRequest: requestSchema(courseValidator, {
      code: { description: 'Letters, numbers and hyphens, starting with a letter or number.' },
      provider: {
        description:
          'The id of a provider the caller manages. Left out, the one provider they manage.',
      },
      durationHours: { description: 'Hours, with at most 2 decimal places.', exclusiveMinimum: 0 },
      cost: { description: 'Pounds per learner, with at most 2 decimal places; 0 when free.' },
    }),
    SessionRequest: requestSchema(sessionApiValidator, {
      startsAt: isoInstant('When the session starts; in the future.'),
      endsAt: isoInstant('When it ends; after it starts.'),
      bookingClosesAt: isoInstant(
        'When booking closes; before it starts. A day before if left out.'
      ),
      venue: { description: 'A venue, or an online link, or both.' },
      location: { description: 'Town or city.' },
      onlineUrl: { description: 'The joining link, starting `https://`.' },
      capacity: { description: 'Seats.' },
    }),
  },
  paths: {
    '/courses': {
      get: {
        operationId: 'listCourses',
        summary: 'Search the course catalogue',
        description:
          'Published courses with the filters of the catalogue page, each with its next bookable session. Empty filters are ignored.',
        tags: [TAG],
        parameters: [
          pagingParameters[0],
          query('perPage', 'How many courses a page holds, from 1 to 100.', {
            ...integer(undefined, { min: 1, max: 100 }),
            default: CATALOGUE_PER_PAGE,
          }),
          query(
            'q',
            'Words in the course’s code, title or summary.',
            text(undefined, { max: 100 })
          ),
          query('skill', 'Only courses that build this skill.', id()),
          query('roleProfile', 'Only courses for this role profile.', id()),
          query('mode', 'Only courses delivered this way.', oneOfValues(courseModeValues)),
          query(
            'delivery',
            'Only courses in scheduled sessions, or only self-paced ones.',
            oneOfValues(courseDeliveryValues)
          ),
          query('provider', 'Only courses of this provider.', id()),
          query(
            'location',
            'Only courses with a session in this town or city.',
            text(undefined, { max: 120 })
          ),
          query('from', 'Only courses with a session on or after this day (UK time).', date()),
          query(
            'to',
            'Only courses with a session on or before this day; not before `from`.',
            date()
          ),
          query(
            'sort',
            'By title (the default) or by the next session’s date.',
            oneOfValues(catalogueSorts)
          ),
        ],
        responses: {
          200: answer('A page of courses.', listOf(schemaRef('CourseSummary'))),
          ...problems(401, 422),
        },
      },
      post: {
        operationId: 'createCourse',
        summary: 'Add a course',
        description:
          'For course admins: adds a course to a provider they manage. The rules and messages are those of the course form.',
        tags: [TAG],
        requestBody: body(schemaRef('CourseRequest')),
        responses: {
          ...bodyProblems(),
          201: answer('The course, added.', dataOf(schemaRef('Course'))),
          ...problems(401),
          403: problemAnswer('The caller manages no provider, or not the one named.'),
          ...problems(422),
        },
      },
    },
    '/courses/{id}': {
      get: readById(
        {
          operationId: 'getCourse',
          summary: 'Get a course',
          description:
            'One course with its outcomes, audiences and upcoming sessions. Courses not yet published answer 404 except to their course admins.',
          tags: [TAG],
        },
        { what: 'course', answer: 'The course.', schema: 'Course' }
      ),
    },
    '/courses/{id}/sessions': {
      post: {
        operationId: 'createSession',
        summary: 'Add a session to a course',
        description:
          'For course admins of the course’s provider: schedules a session. It must start in the future, end after it starts, have a venue or an online link, and close for booking before it starts.',
        tags: [TAG],
        parameters: [idInPath('course')],
        requestBody: body(schemaRef('SessionRequest')),
        responses: {
          ...bodyProblems(),
          201: answer('The session, scheduled.', dataOf(schemaRef('CourseSession'))),
          ...problems(401, 403, 404, 409, 422),
        },
      },
    },
    '/sessions/{id}': {
      get: readById(
        {
          operationId: 'getSession',
          summary: 'Get a session',
          description:
            'One session with its seats: capacity, booked, on the waiting list and left.',
          tags: [TAG],
        },
        { what: 'session', answer: 'The session.', schema: 'SessionDetail' }
      ),
    },
    '/sessions/{id}/enrolments': {
      post: {
        operationId: 'enrol',
        summary: 'Enrol on a session',
        description:
          'The caller takes a seat, joins the waiting list when the session is full, or asks their line manager when the course needs approval. A course the caller has completed, or holds a place, request or waiting-list place on, is refused.',
        tags: [TAG],
        parameters: [idInPath('session')],
        requestBody: { ...body(schemaRef('EnrolRequest')), required: false },
        responses: {
          ...bodyProblems(),
          201: answer(
            'The caller’s enrolment: booked, waitlisted or requested.',
            dataOf(schemaRef('Enrolment'))
          ),
          ...problems(401, 404),
          409: problemAnswer(
            'The caller already has a place or a request on this session (`enrolment` describes it), holds a place, request or waiting-list place on another session of the course (`code` is `already_on_course`), or has completed the course (`code` is `course_completed`).',
            {
              anyOf: [
                schemaRef('EnrolmentConflict'),
                problemWith({
                  code: oneOfValues(['already_on_course']),
                  enrolment: object(enrolmentPlaceFields, {
                    description: 'The caller’s enrolment on another session of the course.',
                  }),
                }),
                problemWith({
                  code: oneOfValues(['course_completed']),
                  completedOn: date('The day the caller completed the course.'),
                }),
              ],
            }
          ),
          422: problemAnswer('The note breaks a rule, or the session cannot be booked now.', {
            anyOf: [
              schemaRef('ValidationProblem'),
              problemWith({
                code: oneOfValues(
                  ['booking_closed', 'session_started', 'session_cancelled', 'no_line_manager'],
                  'Why the session cannot be booked.'
                ),
              }),
            ],
          }),
        },
      },
    },
    '/sessions/{id}/nominations': {
      post: {
        operationId: 'nominateOnSession',
        summary: 'Book people on a session',
        description:
          'A line manager (their direct reports) or department HR and capability admins (the people of their organisations) book people on a session on their behalf. Each person goes through the same rules, seats and waiting list as booking themselves; the booking counts as line manager approval. Someone who already holds the course is reported, not booked twice. Each person booked is told by e-mail.',
        tags: [TAG],
        parameters: [idInPath('session')],
        requestBody: body(schemaRef('NominationRequest')),
        responses: {
          ...bodyProblems(),
          201: answer('What happened to each person.', dataOf(schemaRef('Nomination'))),
          ...problems(401, 403),
          404: problemAnswer(
            'No such session of a published course, or a person in userIds the caller cannot book (another department’s).'
          ),
          422: problemAnswer('No person given, or too many.', schemaRef('ValidationProblem')),
        },
      },
    },
    '/courses/{id}/nominations': {
      post: {
        operationId: 'nominateOnCourse',
        summary: 'Enrol people on a self-paced course',
        description:
          'As booking people on a session, for a published self-paced course: each person is enrolled and can start at once, unless they already have it under way or hold a completion that still counts.',
        tags: [TAG],
        parameters: [idInPath('course')],
        requestBody: body(schemaRef('NominationRequest')),
        responses: {
          ...bodyProblems(),
          201: answer('What happened to each person.', dataOf(schemaRef('Nomination'))),
          ...problems(401, 403),
          404: problemAnswer(
            'No such published self-paced course, or a person in userIds the caller cannot book (another department’s).'
          ),
          422: problemAnswer('No person given, or too many.', schemaRef('ValidationProblem')),
        },
      },
    },
    '/enrolments/{id}': {
      delete: {
        operationId: 'cancelEnrolment',
        summary: 'Cancel an enrolment',
        description:
          'The caller gives up their own request, seat or waiting-list place, with a reason. A freed seat goes to the first person waiting.',
        tags: [TAG],
        parameters: [idInPath('enrolment')],
        requestBody: body(schemaRef('CancelRequest')),
        responses: {
          ...bodyProblems(),
          200: answer('The enrolment, cancelled.', dataOf(schemaRef('Enrolment'))),
          ...problems(401, 404),
          409: problemAnswer(
            'The enrolment can no longer be cancelled, for instance once attended; `enrolment` describes it.',
            schemaRef('EnrolmentConflict')
          ),
          422: problemAnswer(
            'No reason was given, or booking has closed so only the course team can cancel.',
            {
              anyOf: [
                schemaRef('ValidationProblem'),
                problemWith({ code: oneOfValues(['booking_closed']) }),
              ],
            }
          ),
        },
      },
    },
    '/enrolments/{id}/feedback': {
      post: feedbackOperation(
        'giveFeedback',
        'Give feedback on a session attended',
        'enrolment',
        'The caller evaluates a course through their own enrolment, once it is attended or completed (a no-show cannot). Feedback is given once per enrolment and is shown to the course team without the caller’s name.'
      ),
    },
    '/self-paced-enrolments/{id}/feedback': {
      post: feedbackOperation(
        'giveSelfPacedFeedback',
        'Give feedback on a self-paced course completed',
        'self-paced enrolment',
        'The caller evaluates a self-paced course they completed, once per run through it. Shown to the course team without the caller’s name.'
      ),
    },
    '/courses/{id}/feedback': {
      get: {
        operationId: 'getCourseFeedback',
        summary: 'Get a course’s feedback results',
        description:
          'For course admins of the course’s provider and capability admins: how many learners answered, the average ratings, the share who would recommend the course, each rating’s distribution, the figures per session and a page of the comments, never with names. Another provider’s course answers 404.',
        tags: [TAG],
        parameters: [
          idInPath('course'),
          query('session', 'Only the answers on this session of the course.', id()),
          query(
            'page',
            `The page of comments, ${FEEDBACK_COMMENTS_PER_PAGE} to a page.`,
            integer(undefined, { min: 1 })
          ),
        ],
        responses: {
          200: answer('The course’s results.', dataOf(schemaRef('CourseFeedbackResults'))),
          ...problems(401, 403, 404, 422),
        },
      },
    },
    '/me/enrolments': {
      get: {
        operationId: 'listMyEnrolments',
        summary: 'List the caller’s enrolments',
        description: 'Every enrolment of the caller, latest session first.',
        tags: [TAG],
        parameters: [
          ...pagingParameters,
          query(
            'status',
            'Only enrolments in this state.',
            oneOfValues(Object.values(EnrolmentStatuses))
          ),
        ],
        responses: {
          200: answer('A page of enrolments.', listOf(schemaRef('Enrolment'))),
          ...problems(401, 422),
        },
      },
    },
  },
}
