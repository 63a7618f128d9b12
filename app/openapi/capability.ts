import {
  AssessmentSources,
  AssessmentStatuses,
  PlanItemKinds,
  planItemStatusValues,
} from '#enums/capability'
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
  named,
  object,
  oneOfValues,
  orNull,
  problemAnswer,
  problems,
  query,
  schemaRef,
  skillLevel,
  text,
} from './components.js'
import type { ApiArea } from './types.js'

const TAG = 'Capability'

const kinds = Object.values(PlanItemKinds)

/* Self-assessment, validation by line managers, gaps, plans, and an organisation's capability. */
export const capability: ApiArea = {
  tag: {
    name: TAG,
    description:
      'The caller’s self-assessment, gaps and development plan; line managers’ validation of their reports’ assessments; and an organisation’s capability for its HR and capability admins.',
  },
  schemas: {
    SelfAssessmentRequest: object({
      assessments: {
        ...arrayOf(
          object({
            skillId: id('A skill the caller’s current or target role level needs.'),
            level: skillLevel(),
          })
        ),
        minItems: 1,
      },
    }),
    Assessment: object({
      id: id(),
      skillId: id('The skill’s id.'),
      level: skillLevel(),
      source: oneOfValues(Object.values(AssessmentSources), 'Who made the assessment.'),
      status: oneOfValues(
        Object.values(AssessmentStatuses),
        '`submitted` until the line manager validates it.'
      ),
      assessedAt: dateTime(),
    }),
    ValidationRequest: object(
      {
        level: skillLevel('The level the line manager judges the report to be at.'),
        comment: text(undefined, { max: 1000 }),
      },
      { optional: ['comment'] }
    ),
    Validation: object({
      id: id('The id of the line manager’s assessment.'),
      level: skillLevel(),
      validatesId: id('The id of the self-assessment it validates.'),
    }),
    Gap: object({
      skill: object({ id: id(), name: orNull(text()) }),
      required: skillLevel('The level the role level needs.'),
      validated: orNull(skillLevel('The level a line manager validated.')),
      selfAssessed: orNull(skillLevel('The level the caller gave.')),
      gap: integer('Levels short of the requirement; 0 when met.', { min: 0 }),
      courses: arrayOf(
        object({
          id: id(),
          code: text(),
          title: text(),
          nextSession: orNull(
            object({
              id: id(),
              startsAt: dateTime(),
              location: orNull(text()),
              seatsLeft: integer(undefined, { min: 0 }),
            })
          ),
        }),
        'Published courses that build the skill to the level needed.'
      ),
    }),
    PlanItemRequest: {
      ...object(
        {
          kind: oneOfValues(kinds, 'A skill to develop or a course to take.'),
          skillId: id('The skill to develop. Required when `kind` is `skill`.'),
          targetLevel: skillLevel('The level to reach. Required when `kind` is `skill`.'),
          courseId: id('The course to take. Required when `kind` is `course`.'),
          dueOn: date('When it should be done: today or later.'),
        },
        { optional: ['skillId', 'targetLevel', 'courseId', 'dueOn'] }
      ),
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
    PlanItem: object({
      id: id(),
      kind: oneOfValues(kinds),
      skill: orNull(named()),
      targetLevel: orNull(skillLevel()),
      course: orNull(object({ id: id(), code: text(), title: text() })),
      dueOn: orNull(date()),
      status: oneOfValues(planItemStatusValues),
      agreedAt: orNull(dateTime('When the line manager agreed the item.')),
      overdue: boolean('Due before today and not done.'),
    }),
    OrganisationCapability: object({
      organisation: named(),
      people: integer('People in the organisation’s tree with a current role level.', {
        min: 0,
      }),
      peopleMeetingAll: integer('Of those, people meeting every requirement.', { min: 0 }),
      bySkill: arrayOf(
        object({
          skill: named(),
          assessedAgainst: integer('People whose role level needs the skill.', { min: 0 }),
          below: integer('Of those, people below the level needed.', { min: 0 }),
          totalGap: integer('Levels missing, summed over those people.', { min: 0 }),
        }),
        'By skill name.'
      ),
      byRoleLevel: arrayOf(
        object({
          roleLevel: named(),
          people: integer(undefined, { min: 0 }),
          peopleMeetingAll: integer(undefined, { min: 0 }),
        }),
        'By role level name.'
      ),
    }),
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
          409: {
            description: 'The self-assessment is already validated.',
            content: { 'application/problem+json': { schema: schemaRef('Problem') } },
          },
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
