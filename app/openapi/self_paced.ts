import { SelfPacedEnrolmentTransformer } from '#transformers/self_paced_transformer'
import {
  answer,
  bodyProblems,
  dataOf,
  date,
  id,
  idInPath,
  listOf,
  object,
  oneOfValues,
  orNull,
  pagingParameters,
  problemAnswer,
  problems,
  problemWith,
  readById,
  schemaRef,
} from './components.js'
import type { ApiArea } from './types.js'

const TAG = 'Self-paced learning'

const enrolment = (description: string) =>
  answer(description, dataOf(schemaRef('SelfPacedEnrolment')))

/* Self-paced courses for the learner: starting one, their progress, finishing modules, withdrawing. */
export const selfPaced: ApiArea = {
  tag: {
    name: TAG,
    description:
      'Self-paced online courses, which the caller starts at any time with no limit on places, and works through module by module: the course is completed, and goes on their learning record, when every required module is finished.',
  },
  schemas: { ...SelfPacedEnrolmentTransformer.schemas },
  paths: {
    '/courses/{id}/start': {
      post: {
        operationId: 'startSelfPacedCourse',
        summary: 'Start a self-paced course',
        description:
          'The caller starts a published self-paced course. Refused while they have it in progress, while a completion of it still counts, for a course in scheduled sessions, and for a course that needs their line manager’s approval (their line manager or HR enrols them instead).',
        tags: [TAG],
        parameters: [idInPath('course')],
        responses: {
          ...bodyProblems(),
          201: enrolment('The caller’s new self-paced enrolment, in progress.'),
          ...problems(401, 404, 422),
          403: problemAnswer(
            'The course needs the caller’s line manager’s approval: only a nomination starts it.',
            problemWith({ code: oneOfValues(['approval_required']) })
          ),
          409: problemAnswer(
            'The caller already has the course in progress (`selfPacedEnrolment` names it), has a completion of it that still counts, or the course runs in scheduled sessions.',
            {
              anyOf: [
                problemWith({
                  code: oneOfValues(['already_in_progress']),
                  selfPacedEnrolment: object({ id: id() }),
                }),
                problemWith({
                  code: oneOfValues(['already_completed']),
                  completedOn: date('The day the caller last completed the course.'),
                  validUntil: orNull(
                    date('The last day that completion counts; null when it does not expire.')
                  ),
                }),
                problemWith({ code: oneOfValues(['not_self_paced']) }),
              ],
            }
          ),
        },
      },
    },
    '/me/self-paced-enrolments': {
      get: {
        operationId: 'listMySelfPacedEnrolments',
        summary: 'List the caller’s self-paced courses',
        description:
          'The caller’s self-paced enrolments in progress and completed (withdrawn ones are left out), those in progress first, then the latest started; each with its modules and the caller’s state in each.',
        tags: [TAG],
        parameters: [...pagingParameters],
        responses: {
          200: answer('A page of self-paced enrolments.', listOf(schemaRef('SelfPacedEnrolment'))),
          ...problems(401, 422),
        },
      },
    },
    '/me/self-paced-enrolments/{id}': {
      get: readById(
        {
          operationId: 'getMySelfPacedEnrolment',
          summary: 'Get one of the caller’s self-paced enrolments',
          description:
            'One self-paced enrolment of the caller, whatever its status; anyone else’s answers 404.',
          tags: [TAG],
        },
        {
          what: 'self-paced enrolment',
          answer: 'The self-paced enrolment.',
          schema: 'SelfPacedEnrolment',
        }
      ),
      delete: {
        operationId: 'withdrawSelfPacedEnrolment',
        summary: 'Withdraw from a self-paced course',
        description:
          'The caller stops a self-paced course they have in progress; it is kept as withdrawn, and starting the course again begins a new enrolment.',
        tags: [TAG],
        parameters: [idInPath('self-paced enrolment')],
        responses: {
          ...bodyProblems(),
          200: enrolment('The self-paced enrolment, withdrawn.'),
          ...problems(401, 404, 422),
          409: problemAnswer(
            'The enrolment is not in progress: it was completed or withdrawn already.',
            problemWith({ code: oneOfValues(['not_in_progress']) })
          ),
        },
      },
    },
    '/modules/{id}/completion': {
      post: {
        operationId: 'completeModule',
        summary: 'Finish a module',
        description:
          'The caller says they have finished a link, document or video module of a course they have in progress. When that finishes every required module, the course is completed: the enrolment is completed, and the course goes on their learning record with its skill claims. Finishing a module again changes nothing.',
        tags: [TAG],
        parameters: [idInPath('module')],
        responses: {
          ...bodyProblems(),
          200: enrolment('The caller’s self-paced enrolment, with the module finished.'),
          ...problems(401, 404, 422),
          409: problemAnswer(
            'The module is an e-learning package, which records its own progress.',
            problemWith({ code: oneOfValues(['package_module']) })
          ),
        },
      },
    },
  },
}
