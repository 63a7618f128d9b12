import { requirementApiValidator } from '#validators/required_learning'
import { requirementStateValues, MAX_REQUIRED_PEOPLE } from '#enums/required_learning'
import {
  RequiredLearningTransformer,
  RequirementComplianceTransformer,
  RequirementTransformer,
} from '#transformers/required_learning_transformer'
import {
  answer,
  body,
  bodyProblems,
  dataOf,
  id,
  idInPath,
  object,
  oneOfValues,
  pagingParameters,
  problemAnswer,
  problems,
  query,
  requestSchema,
  schemaRef,
  integer,
} from './components.js'
import type { ApiArea } from './types.js'

const TAG = 'Required learning'

const STATES =
  'Each person stands in one state: overdue (never completed, past the due date), expired (completed, but the completion lapsed, so it is due again), due (never completed, due within 30 days), not_due (due later) or completed (the latest completion, of any source, still counts). A completion lasts the shorter of the requirement’s recurrence and the course’s validity, or for good when neither is set.'

/* Courses required of audiences, and compliance with them. */
export const requiredLearning: ApiArea = {
  tag: {
    name: TAG,
    description: `Courses required of an audience (an organisation and those below it, grades, a profession, a role profile, or people picked by name), due on a fixed day or some days after joining the audience, perhaps again every so many months. Capability admins require courses of everyone; department HR only of people in their organisation’s tree, and see compliance only for their own people. ${STATES}`,
  },
  schemas: {
    ...RequirementTransformer.schemas,
    ...RequiredLearningTransformer.schemas,
    ...RequirementComplianceTransformer.schemas,
    RequirementRequest: requestSchema(requirementApiValidator, {
      courseId: { description: 'The course required; not archived.' },
      audienceKind: { description: 'Who it is required of.' },
      organisationId: {
        description:
          'For an organisation audience: the organisation, with those below it; within the caller’s scope.',
      },
      grades: { description: 'For a grade audience: one grade or more.' },
      profession: { description: 'For a profession audience.' },
      roleProfileId: { description: 'For a role audience: the role profile.' },
      dueKind: { description: 'fixed (dueOn) or after_joining (dueDays).' },
      dueOn: { description: 'For fixed: the day it is due by, yyyy-mm-dd; today or later.' },
      dueDays: { description: 'For after_joining: days after joining the audience.' },
      recurrenceMonths: { description: 'Months after the last completion it is due again.' },
      emails: {
        description: `For a people audience: the e-mail addresses of active people (within the caller’s scope), at most ${MAX_REQUIRED_PEOPLE}.`,
      },
    }),
  },
  paths: {
    '/me/required-learning': {
      get: {
        operationId: 'listMyRequiredLearning',
        summary: 'List the courses required of the caller',
        description: `The requirements in force that apply to the caller, with where they stand, overdue first, then by due day. ${STATES}`,
        tags: [TAG],
        responses: {
          200: answer(
            'The caller’s required learning.',
            dataOf({ type: 'array', items: schemaRef('RequiredLearning') })
          ),
          ...problems(401),
        },
      },
    },
    '/requirements': {
      get: {
        operationId: 'listRequirements',
        summary: 'List requirements in force',
        description:
          'Every requirement in force for a capability admin; for department HR, those set for everyone and those set within their scope, each counted over their own people. Newest first.',
        tags: [TAG],
        responses: {
          200: answer(
            'The requirements with their compliance today.',
            dataOf({ type: 'array', items: schemaRef('Requirement') })
          ),
          ...problems(401, 403),
        },
      },
      post: {
        operationId: 'createRequirement',
        summary: 'Require a course of an audience',
        description:
          'Sets a requirement: for everyone in the audience when a capability admin sets it, only for people in their organisation’s tree when department HR do. Audited.',
        tags: [TAG],
        requestBody: body(schemaRef('RequirementRequest')),
        responses: {
          ...bodyProblems(),
          201: answer(
            'The requirement, with its compliance today.',
            dataOf(schemaRef('Requirement'))
          ),
          ...problems(401, 403),
          422: problemAnswer(
            'A field breaks a rule, or names a course, organisation, role profile or person the caller cannot use.',
            schemaRef('ValidationProblem')
          ),
        },
      },
    },
    '/requirements/{id}/compliance': {
      get: {
        operationId: 'getRequirementCompliance',
        summary: 'A requirement’s compliance',
        description:
          'How many people stand in each state, in all and by organisation, and a page of the people by name, within the caller’s scope.',
        tags: [TAG],
        parameters: [
          idInPath('requirement'),
          ...pagingParameters,
          query('state', 'Only people in this state.', oneOfValues(requirementStateValues)),
          query('organisation', 'Only people of this organisation (not those below it).', id()),
        ],
        responses: {
          200: answer(
            'The compliance, and a page of people.',
            object({
              data: schemaRef('RequirementCompliance'),
              meta: object({
                total: integer(undefined, { min: 0 }),
                page: integer(undefined, { min: 1 }),
                perPage: integer(undefined, { min: 1 }),
                lastPage: integer(undefined, { min: 1 }),
              }),
            })
          ),
          ...problems(401, 403, 404, 422),
        },
      },
    },
  },
}
