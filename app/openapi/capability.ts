import {
  apiSelfAssessmentValidator,
  apiValidationValidator,
} from '#validators/capability_assessment'
import { apiPlanItemValidator } from '#validators/capability_plan'
import {
  AssessmentTransformer,
  OrganisationCapabilityTransformer,
  PlanItemTransformer,
  SkillGapTransformer,
  ValidationTransformer,
} from '#transformers/capability_transformer'
import {
  answer,
  arrayOf,
  body,
  bodyProblems,
  dataOf,
  idInPath,
  named,
  object,
  oneOfValues,
  orNull,
  problemAnswer,
  problems,
  query,
  requestSchema,
  schemaRef,
  skillLevel,
} from './components.js'
import type { ApiArea } from './types.js'

const TAG = 'Capability'

/* Self-assessment, validation by line managers, gaps, plans, and an organisation's capability. */
export const capability: ApiArea = {
  tag: {
    name: TAG,
    description:
      'The caller’s self-assessment, gaps and development plan; line managers’ validation of their reports’ assessments; and an organisation’s capability for its HR and capability admins.',
  },
  schemas: {
    SelfAssessmentRequest: requestSchema(apiSelfAssessmentValidator, {
      assessments: {
        items: {
          properties: {
            skillId: {
              description: 'A skill the caller’s current or target role level needs.',
              exclusiveMinimum: 0,
            },
            level: { description: skillLevel().description },
          },
        },
      },
    }),
    ...AssessmentTransformer.schemas,
    ValidationRequest: requestSchema(apiValidationValidator, {
      level: { description: 'The level the line manager judges the report to be at.' },
    }),
    ...ValidationTransformer.schemas,
    ...SkillGapTransformer.schemas,
    PlanItemRequest: {
      ...requestSchema(apiPlanItemValidator, {
        kind: { description: 'A skill to develop or a course to take.' },
        skillId: {
          description: 'The skill to develop. Required when `kind` is `skill`.',
          exclusiveMinimum: 0,
        },
        targetLevel: { description: 'The level to reach. Required when `kind` is `skill`.' },
        courseId: {
          description: 'The course to take. Required when `kind` is `course`.',
          exclusiveMinimum: 0,
        },
        dueOn: { description: 'When it should be done, as `yyyy-mm-dd`: today or later.' },
      }),
      // What the validator requires of each kind, which its JSON Schema cannot say.
      allOf: [
        {
          if: { properties: { kind: { const: 'skill' } }, required: ['kind'] },
          then: {
            properties: { skillId: {}, targetLevel: {} },
            required: ['skillId', 'targetLevel'],
          },
        },
        {
          if: { properties: { kind: { const: 'course' } }, required: ['kind'] },
          then: { properties: { courseId: {} }, required: ['courseId'] },
        },
      ],
    },
    ...PlanItemTransformer.schemas,
    ...OrganisationCapabilityTransformer.schemas,
  },
  paths: {
    '/me/assessments': {
      put: {
        operationId: 'submitSelfAssessment',
        summary: 'Assess your own skills',
        description:
          'The caller gives their level in skills their current or target role level needs. Each becomes a self-assessment waiting for their line manager.',
        tags: [TAG],
        requestBody: body(schemaRef('SelfAssessmentRequest')),
        responses: {
          ...bodyProblems(),
          200: answer('The self-assessments recorded.', dataOf(arrayOf(schemaRef('Assessment')))),
          ...problems(401),
          422: problemAnswer(
            'A field breaks a rule, a skill is not needed by the caller’s role levels, or the caller has no current role level.',
            { anyOf: [schemaRef('ValidationProblem'), schemaRef('Problem')] }
          ),
        },
      },
    },
    '/assessments/{id}/validation': {
      post: {
        operationId: 'validateAssessment',
        summary: 'Validate a report’s self-assessment',
        description:
          'A line manager confirms, or sets another level for, a self-assessment of one of their direct reports. Anyone else’s assessment answers 404.',
        tags: [TAG],
        parameters: [idInPath('self-assessment')],
        requestBody: body(schemaRef('ValidationRequest')),
        responses: {
          ...bodyProblems(),
          201: answer('The line manager’s assessment.', dataOf(schemaRef('Validation'))),
          ...problems(401, 404),
          409: problemAnswer('The self-assessment is already validated.'),
          ...problems(422),
        },
      },
    },
    '/me/gaps': {
      get: {
        operationId: 'listMyGaps',
        summary: 'The caller’s skill gaps',
        description:
          'Each skill the caller’s current (or target) role level needs, the level counted for them, how far short they are, and courses that close the gap with their next session. No role level gives an empty list.',
        tags: [TAG],
        parameters: [
          query(
            'toward',
            '`target` measures against the target role level, `current` (the default) against the current one; any other value answers 422.',
            { ...oneOfValues(['current', 'target']), default: 'current' }
          ),
        ],
        responses: {
          200: answer(
            'The gaps, biggest first.',
            dataOf(arrayOf(schemaRef('Gap')), {
              meta: object({
                roleLevel: orNull(named('The role level measured against.')),
                toward: oneOfValues(['current', 'target']),
              }),
            })
          ),
          ...problems(401, 422),
        },
      },
    },
    '/me/plan': {
      get: {
        operationId: 'getMyPlan',
        summary: 'The caller’s development plan',
        description: 'Every item of the caller’s development plan.',
        tags: [TAG],
        responses: {
          200: answer('The plan’s items.', dataOf(arrayOf(schemaRef('PlanItem')))),
          ...problems(401),
        },
      },
    },
    '/me/plan/items': {
      post: {
        operationId: 'addPlanItem',
        summary: 'Add to the caller’s development plan',
        description: 'Adds a skill to develop, or a course to take, to the caller’s plan.',
        tags: [TAG],
        requestBody: body(schemaRef('PlanItemRequest')),
        responses: {
          ...bodyProblems(),
          201: answer('The item, added.', dataOf(schemaRef('PlanItem'))),
          ...problems(401),
          422: problemAnswer(
            'A field breaks a rule, or the skill or course named does not exist (rule `exists`).',
            schemaRef('ValidationProblem')
          ),
        },
      },
    },
    '/organisations/{id}/capability': {
      get: {
        operationId: 'getOrganisationCapability',
        summary: 'An organisation’s capability',
        description:
          'How the people of an organisation and everything under it measure up to their current role levels, by skill and by role level. For department HR of the organisation’s tree and capability admins; organisations outside the caller’s scope answer 404.',
        tags: [TAG],
        parameters: [idInPath('organisation')],
        responses: {
          200: answer(
            'The organisation’s capability.',
            dataOf(schemaRef('OrganisationCapability'))
          ),
          ...problems(401, 403, 404),
        },
      },
    },
  },
}
