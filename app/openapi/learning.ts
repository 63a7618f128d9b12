import {
  EnrolmentStatuses,
  SessionStatuses,
  audienceKindValues,
  courseModeValues,
  courseStatusValues,
} from '#enums/learning'
import { catalogueSorts } from '#validators/catalogue'
import { skillLevel, skillLevelName } from './framework.js'
import {
  answer,
  arrayOf,
  body,
  bodyProblems,
  boolean,
  dataOf,
  date,
  dateTime,
  id,
  idInPath,
  integer,
  listOf,
  named,
  object,
  oneOfValues,
  orNull,
  pagingParameters,
  problemAnswer,
  problems,
  problemWith,
  query,
  schemaRef,
  selfLink,
  text,
} from './components.js'
import type { ApiArea, Schema } from './types.js'

const TAG = 'Learning'

/* The catalogue's page size when perPage is left out (the catalogue page's own size). */
export const CATALOGUE_PER_PAGE = 20

const enrolmentStatus = (description?: string) =>
  oneOfValues(Object.values(EnrolmentStatuses), description)

/* An enrolment's place on a session, as the enrol operation gives it. */
const placeFields = {
  id: id('The enrolment’s id.'),
  status: enrolmentStatus(
    '`booked` with a seat, `waitlisted` when the session is full, `requested` while the line manager decides.'
  ),
  position: orNull(
    integer('Place on the waiting list, from 1; null when not waiting.', { min: 1 })
  ),
}

const courseFields = {
  id: id(),
  code: text('A short code, such as `AGILE-101`.'),
  title: text(),
  summary: orNull(text()),
  provider: named('The training provider that runs the course.'),
  mode: oneOfValues(courseModeValues, 'How the course is delivered.'),
  status: oneOfValues(courseStatusValues),
  requiresApproval: boolean('Whether a learner’s line manager must approve a place.'),
  durationHours: { type: 'number', description: 'Length in hours.' } satisfies Schema,
  cost: {
    type: 'number',
    minimum: 0,
    description: 'Cost per learner in pounds; 0 when free.',
  } satisfies Schema,
}

const catalogueCourseFields = {
  ...courseFields,
  outcomes: arrayOf(
    object({ skill: named(), level: skillLevel(), levelName: skillLevelName() }),
    'The skills the course builds, and the level it brings learners to.'
  ),
  audiences: arrayOf(
    object({ roleProfile: named(), kind: oneOfValues(audienceKindValues) }),
    'The role profiles the course is mandatory or recommended for.'
  ),
}

const sessionFields = {
  id: id(),
  courseId: id('The course’s id.'),
  status: oneOfValues(Object.values(SessionStatuses)),
  startsAt: dateTime(),
  endsAt: dateTime(),
  bookingClosesAt: dateTime('After this, learners can no longer enrol or cancel.'),
  venue: orNull(text()),
  location: orNull(text('Town or city.')),
  online: boolean('Whether the session has an online link.'),
  capacity: integer('Seats.', { min: 1 }),
  booked: integer('Seats taken.', { min: 0 }),
  waitlisted: integer('People on the waiting list.', { min: 0 }),
  seatsLeft: integer(undefined, { min: 0 }),
  links: selfLink,
}

const isoInstant = (description: string): Schema => ({
  type: 'string',
  description: `${description} ISO 8601, like \`2026-03-27T09:30:00Z\`; without an offset it is read as UK time.`,
})

/* The course catalogue, learners' enrolments, and course admins' writes. */
export const learning: ApiArea = {
  tag: {
    name: TAG,
    description:
      'The course catalogue and its sessions, the caller’s enrolments, and for course admins, adding courses and sessions. Times are UTC.',
  },
  schemas: {
    CourseSummary: object({
      ...catalogueCourseFields,
      nextSession: orNull(
        object({
          id: id(),
          startsAt: dateTime(),
          venue: orNull(text()),
          location: orNull(text()),
          online: boolean(),
          seatsLeft: integer(undefined, { min: 0 }),
          links: selfLink,
        })
      ),
      links: selfLink,
    }),
    Course: object({
      ...catalogueCourseFields,
      sessions: arrayOf(schemaRef('CourseSession'), 'Upcoming sessions, soonest first.'),
      links: selfLink,
    }),
    CourseSession: object(sessionFields),
    SessionDetail: object({
      ...sessionFields,
      course: object({ id: id(), code: text(), title: text() }),
    }),
    EnrolRequest: object(
      { note: text('A note for the line manager, when the course needs approval.', { max: 1000 }) },
      { optional: ['note'] }
    ),
    EnrolmentPlace: object(placeFields),
    EnrolmentConflict: problemWith(
      { enrolment: object(placeFields, { description: 'The caller’s enrolment in the way.' }) },
      'A 409 about an enrolment: `enrolment` names it, and `status` is the HTTP status.'
    ),
    CancelRequest: object({ reason: text('Why the place is given up.', { min: 1, max: 500 }) }),
    Enrolment: object({
      ...placeFields,
      session: object({
        id: id(),
        startsAt: dateTime(),
        endsAt: dateTime(),
        location: orNull(text()),
        venue: orNull(text()),
        onlineUrl: orNull({ type: 'string', format: 'uri' }),
      }),
      course: object({ id: id(), code: text(), title: text() }),
    }),
    CourseRequest: object(
      {
        code: {
          ...text('Letters, numbers and hyphens, starting with a letter or number.', {
            min: 2,
            max: 32,
          }),
          pattern: '^[A-Za-z0-9][A-Za-z0-9-]*$',
        },
        title: text(undefined, { min: 2, max: 200 }),
        summary: text(undefined, { min: 1, max: 5000 }),
        provider: id(
          'The id of a provider the caller manages. Left out, the one provider they manage.'
        ),
        mode: oneOfValues(courseModeValues),
        status: oneOfValues(courseStatusValues),
        requiresApproval: boolean(),
        durationHours: {
          type: 'number',
          exclusiveMinimum: 0,
          maximum: 1000,
          description: 'Hours, with at most 2 decimal places.',
        },
        cost: {
          type: 'number',
          minimum: 0,
          maximum: 100_000,
          description: 'Pounds per learner, with at most 2 decimal places; 0 when free.',
        },
      },
      { optional: ['provider'] }
    ),
    CreatedCourse: object({
      ...courseFields,
      createdAt: dateTime(),
      updatedAt: dateTime(),
    }),
    SessionRequest: object(
      {
        startsAt: isoInstant('When the session starts; in the future.'),
        endsAt: isoInstant('When it ends; after it starts.'),
        bookingClosesAt: isoInstant(
          'When booking closes; before it starts. A day before if left out.'
        ),
        venue: text('A venue, or an online link, or both.', { max: 200 }),
        location: text('Town or city.', { max: 120 }),
        onlineUrl: {
          type: 'string',
          format: 'uri',
          pattern: '^https://',
          maxLength: 500,
          description: 'The joining link, starting `https://`.',
        },
        capacity: integer('Seats.', { min: 1, max: 10_000 }),
      },
      { optional: ['bookingClosesAt', 'venue', 'location', 'onlineUrl'] }
    ),
    CreatedSession: object({
      id: id(),
      courseId: id('The course’s id.'),
      startsAt: dateTime(),
      endsAt: dateTime(),
      bookingClosesAt: dateTime(),
      capacity: integer(undefined, { min: 1 }),
      venue: orNull(text()),
      location: orNull(text()),
      onlineUrl: orNull({ type: 'string', format: 'uri' }),
      status: oneOfValues(Object.values(SessionStatuses)),
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
          201: answer('The course, added.', dataOf(schemaRef('CreatedCourse'))),
          ...problems(401),
          403: {
            description: 'The caller manages no provider, or not the one named.',
            content: { 'application/problem+json': { schema: schemaRef('Problem') } },
          },
          ...problems(422),
        },
      },
    },
    '/courses/{id}': {
      get: {
        operationId: 'getCourse',
        summary: 'Get a course',
        description:
          'One course with its outcomes, audiences and upcoming sessions. Courses not yet published answer 404 except to their course admins.',
        tags: [TAG],
        parameters: [idInPath('course')],
        responses: {
          200: answer('The course.', dataOf(schemaRef('Course'))),
          ...problems(401, 404),
        },
      },
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
          201: answer('The session, scheduled.', dataOf(schemaRef('CreatedSession'))),
          ...problems(401, 403, 404, 409, 422),
        },
      },
    },
    '/sessions/{id}': {
      get: {
        operationId: 'getSession',
        summary: 'Get a session',
        description: 'One session with its seats: capacity, booked, on the waiting list and left.',
        tags: [TAG],
        parameters: [idInPath('session')],
        responses: {
          200: answer('The session.', dataOf(schemaRef('SessionDetail'))),
          ...problems(401, 404),
        },
      },
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
          201: answer('The caller’s place.', schemaRef('EnrolmentPlace')),
          ...problems(401, 404),
          409: problemAnswer(
            'The caller already has a place or a request on this session (`enrolment` describes it), holds a place, request or waiting-list place on another session of the course (`code` is `already_on_course`), or has completed the course (`code` is `course_completed`).',
            {
              anyOf: [
                schemaRef('EnrolmentConflict'),
                problemWith({
                  code: oneOfValues(['already_on_course']),
                  enrolment: object(placeFields, {
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
          200: answer(
            'The enrolment, cancelled.',
            dataOf(object({ id: id(), status: enrolmentStatus() }))
          ),
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
    '/me/enrolments': {
      get: {
        operationId: 'listMyEnrolments',
        summary: 'List the caller’s enrolments',
        description: 'Every enrolment of the caller, latest session first.',
        tags: [TAG],
        parameters: [
          ...pagingParameters,
          query('status', 'Only enrolments in this state.', enrolmentStatus()),
        ],
        responses: {
          200: answer('A page of enrolments.', listOf(schemaRef('Enrolment'))),
          ...problems(401, 422),
        },
      },
    },
  },
}
