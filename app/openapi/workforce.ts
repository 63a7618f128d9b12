import {
  campaignStageValues,
  gapMitigationValues,
  gapSeverityValues,
  gapStatusValues,
  planStatusLabels,
  servicePhaseValues,
  type GapKind,
} from '#enums/workforce'
import { organisationTypeValues } from '#enums/organisation_types'
import type { ComplianceReason } from '#queries/workforce/compliance_query'
import type { GapRow } from '#queries/workforce/gaps_query'
import {
  answer,
  arrayOf,
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
  problems,
  query,
  schemaRef,
  selfLink,
  text,
} from './components.js'
import { yesNoValues } from '#validators/api'
import { digitalLeaderStates } from '#domain/workforce/digital_leader_standing'
import { serviceWarningKinds } from '#domain/workforce/service_manager_warnings'
import type { ApiArea, Schema } from './types.js'

const TAG = 'Workforce'

/* Every member of a union of strings, checked complete by the compiler. */
const keysOf = <T extends string>(map: Record<T, true>) => Object.keys(map) as T[]

const gapKinds = keysOf<GapKind>({ headcount: true, skill: true })
const gapSources = keysOf<GapRow['source']>({ manual: true, plan: true, gap_engine: true })
const complianceReasons = keysOf<ComplianceReason>({
  none_named: true,
  not_trained: true,
  training_booked: true,
})
const planStatuses = Object.keys(planStatusLabels)

const financialYear: Schema = {
  type: 'string',
  pattern: '^\\d{4}–\\d{2}$',
  description: 'The financial year, April to March, such as `2026–27`.',
}

/* A yes-or-no filter; any other value answers 422. */
const yesOrNo = (name: string, description: string) =>
  query(name, description, oneOfValues(yesNoValues))

const planFigures = {
  postsNeeded: integer(undefined, { min: 0 }),
  inPost: integer('People in post: counted, or the override.', { min: 0 }),
}

/* A sent plan's figures as they stood on sending or on approval. */
const frozenFigures = (when: string) =>
  orNull(
    object(
      {
        ...planFigures,
        inPostComputed: integer(undefined, { min: 0 }),
        vacancies: integer(undefined, { min: 0 }),
        plannedToRecruit: integer(undefined, { min: 0 }),
        plannedToTrain: integer(undefined, { min: 0 }),
        openCampaignPosts: integer(undefined, { min: 0 }),
      },
      {
        description: `The figures as they stood ${when}; null for drafts and returned plans, which are counted today.`,
      }
    )
  )

/* An organisation's capability plans, recruitment campaigns and gaps; services and actions 01 and 02. */
export const workforce: ApiArea = {
  tag: {
    name: TAG,
    description:
      'Capability plans, recruitment campaigns and capability gaps of an organisation and its tree; services and the strategy’s actions 01 (a Digital Leader in every department) and 02 (a trained Service Manager for every service over 100,000 transactions a year). For department HR, within their organisation’s tree, and capability admins.',
  },
  schemas: {
    CapabilityPlanSummary: object({
      id: id(),
      financialYear,
      status: oneOfValues(planStatuses),
      links: selfLink,
    }),
    CapabilityPlan: object({
      id: id(),
      organisation: named(),
      financialYear,
      status: oneOfValues(planStatuses),
      submittedAt: orNull(dateTime()),
      decidedAt: orNull(dateTime('When it was approved or returned.')),
      decisionComment: orNull(text()),
      lines: arrayOf(
        object({
          roleProfile: named(),
          ...planFigures,
          inPostComputed: integer('People in post, counted from their current role levels.', {
            min: 0,
          }),
          inPostOverridden: boolean('Whether HR set in post by hand.'),
          overrideReason: orNull(text()),
          vacancies: integer('Posts needed less people in post, never below 0.', { min: 0 }),
          plannedToRecruit: integer(undefined, { min: 0 }),
          plannedToTrain: integer(undefined, { min: 0 }),
          openCampaignPosts: integer('Posts in the tree’s open recruitment campaigns.', {
            min: 0,
          }),
          atSubmission: frozenFigures('when the plan was sent for approval'),
          atApproval: frozenFigures(
            'when the plan was approved, if they had changed since it was sent (else null)'
          ),
        }),
        'One line per role profile, by name. Its figures are today’s; a sent or approved plan also has them as frozen.'
      ),
      totals: object({
        ...planFigures,
        vacancies: integer(undefined, { min: 0 }),
        plannedToRecruit: integer(undefined, { min: 0 }),
        plannedToTrain: integer(undefined, { min: 0 }),
        openCampaignPosts: integer(undefined, { min: 0 }),
        atSubmission: frozenFigures('when the plan was sent for approval'),
        atApproval: frozenFigures(
          'when the plan was approved, if they had changed since it was sent'
        ),
      }),
      figuresFrozenAt: object(
        {
          submission: orNull(dateTime('When the figures were frozen on sending.')),
          approval: orNull(dateTime('When they were frozen again on approval, if they had moved.')),
        },
        { description: 'When the plan’s figures were frozen; null for drafts and returned plans.' }
      ),
    }),
    Campaign: object({
      id: id(),
      organisation: named(),
      roleProfile: named(),
      title: text(),
      posts: integer(undefined, { min: 1 }),
      hires: integer(undefined, { min: 0 }),
      grade: orNull(text()),
      location: orNull(text()),
      stage: oneOfValues(campaignStageValues),
      dates: object(
        {
          planned: orNull(date()),
          advertised: orNull(date()),
          sifting: orNull(date()),
          interviewing: orNull(date()),
          offers: orNull(date()),
          closed: orNull(date()),
        },
        { description: 'The day the campaign reached each stage.' }
      ),
      timeToHireDays: orNull(
        integer('Days from advertised to filled; null unless filled with both days known.')
      ),
    }),
    CapabilityGap: object({
      id: id(),
      organisation: named(),
      kind: oneOfValues(gapKinds),
      roleProfile: orNull(text('The role profile’s name.')),
      skill: orNull(text('The skill’s name.')),
      title: text(),
      description: orNull(text()),
      severity: oneOfValues(gapSeverityValues),
      mitigation: orNull(oneOfValues(gapMitigationValues)),
      owner: orNull(object({ name: orNull(text()), email: { type: 'string' } })),
      dueOn: orNull(date()),
      overdue: boolean('Past its due day and neither closed nor dismissed.'),
      status: oneOfValues(gapStatusValues),
      source: oneOfValues(gapSources, 'Who raised it: a person, a plan, or the gap engine.'),
    }),
    Service: object({
      id: id(),
      name: text(),
      organisation: named(),
      annualTransactions: integer(undefined, { min: 0 }),
      phase: oneOfValues(servicePhaseValues),
      isExemplar: boolean(),
      hasDigitalChannel: boolean('HR say people can use the service through a digital channel.'),
      digitallyDelivered: boolean(
        'A digital channel, and in beta or live: Future Leaders placements can be in the service.'
      ),
      overThreshold: boolean('Over 100,000 transactions a year.'),
      serviceManager: orNull(named()),
      compliance: object(
        {
          required: boolean('Whether action 02 applies to the service.'),
          compliant: boolean(),
          reason: orNull(oneOfValues(complianceReasons, 'Why it falls short.')),
        },
        { description: 'Where the service stands against action 02.' }
      ),
      warnings: arrayOf(
        object({
          kind: oneOfValues(serviceWarningKinds),
          message: text(),
        }),
        'What to look at about the Service Manager even when the service passes: grade_below (a service of over 1 million transactions a year whose Service Manager is below the configured grade, Grade 6 unless set), too_many_services (named for more than the configured number of services, 3 unless set), several_departments (named for services of more than one department).'
      ),
    }),
    DigitalLeaderStanding: object({
      organisation: object({ id: id(), name: text(), type: oneOfValues(organisationTypeValues) }),
      digitalLeader: orNull(named()),
      compliant: boolean(
        'Whether the organisation meets action 01: its Digital Leader is active, in the Senior Civil Service (SCS1 to SCS4), sits on the board, holds a current role level in the Digital Leader role profile and has completed every course mandatory for it.'
      ),
      state: oneOfValues(
        digitalLeaderStates,
        'Where the organisation stands, the first failing that applies: none_named (nobody, or a deactivated person), not_scs, not_on_board, not_in_role, not_trained, training_booked (every course left is booked), compliant.'
      ),
      reason: orNull(text('Why it falls short, in words; null when compliant.')),
    }),
  },
  paths: {
    '/organisations/{id}/capability-plans': {
      get: {
        operationId: 'listCapabilityPlans',
        summary: 'List an organisation’s capability plans',
        description: 'The organisation’s capability plans, latest financial year first.',
        tags: [TAG],
        parameters: [idInPath('organisation'), ...pagingParameters],
        responses: {
          200: answer('A page of plans.', listOf(schemaRef('CapabilityPlanSummary'))),
          ...problems(401, 403, 404, 422),
        },
      },
    },
    '/capability-plans/{id}': {
      get: {
        operationId: 'getCapabilityPlan',
        summary: 'Get a capability plan',
        description:
          'A plan with one line per role profile: posts needed, in post (counted from people’s current role levels unless overridden), vacancies, what is planned, and open campaign posts, all as they stand today; a sent or approved plan also has its figures as frozen when it was sent, and when it was approved if they had moved in between.',
        tags: [TAG],
        parameters: [idInPath('capability plan')],
        responses: {
          200: answer('The plan.', dataOf(schemaRef('CapabilityPlan'))),
          ...problems(401, 403, 404),
        },
      },
    },
    '/organisations/{id}/campaigns': {
      get: {
        operationId: 'listCampaigns',
        summary: 'List recruitment campaigns',
        description: 'Recruitment campaigns of the organisation and everything under it.',
        tags: [TAG],
        parameters: [
          idInPath('organisation'),
          ...pagingParameters,
          query('roleProfileId', 'Only campaigns recruiting to this role profile.', id()),
          query('stage', 'Only campaigns at this stage.', oneOfValues(campaignStageValues)),
        ],
        responses: {
          200: answer('A page of campaigns.', listOf(schemaRef('Campaign'))),
          ...problems(401, 403, 404, 422),
        },
      },
    },
    '/organisations/{id}/gaps': {
      get: {
        operationId: 'listCapabilityGaps',
        summary: 'List capability gaps',
        description:
          'The capability gap register of the organisation and everything under it, most severe first.',
        tags: [TAG],
        parameters: [
          idInPath('organisation'),
          ...pagingParameters,
          query('kind', 'Only gaps of this kind.', oneOfValues(gapKinds)),
          query('status', 'Only gaps in this state.', oneOfValues(gapStatusValues)),
          query('severity', 'Only gaps this severe.', oneOfValues(gapSeverityValues)),
        ],
        responses: {
          200: answer('A page of gaps.', listOf(schemaRef('CapabilityGap'))),
          ...problems(401, 403, 404, 422),
        },
      },
    },
    '/services': {
      get: {
        operationId: 'listServices',
        summary: 'List services',
        description:
          'Services in the caller’s scope, with their Service Manager and their standing against action 02, by organisation and name. Empty filters are ignored; any other value a filter does not know answers 422 naming the field.',
        tags: [TAG],
        parameters: [
          ...pagingParameters,
          query(
            'organisation',
            'Only services of this organisation and everything under it. It must lie in the caller’s scope, else 404.',
            id()
          ),
          query('phase', 'Only services in this phase.', oneOfValues(servicePhaseValues)),
          yesOrNo(
            'overThreshold',
            'Only services over (yes) or not over (no) 100,000 transactions a year.'
          ),
          yesOrNo('compliant', 'Only services that meet (yes) or fall short of (no) action 02.'),
        ],
        responses: {
          200: answer('A page of services.', listOf(schemaRef('Service'))),
          ...problems(401, 403),
          404: {
            description: 'The organisation filter names one outside the caller’s scope.',
            content: { 'application/problem+json': { schema: schemaRef('Problem') } },
          },
          ...problems(422),
        },
      },
    },
    '/compliance/digital-leaders': {
      get: {
        operationId: 'listDigitalLeaders',
        summary: 'Digital Leaders (action 01)',
        description:
          'Every department, and every transactional agency, in the caller’s scope with its Digital Leader and where it stands against action 01, by name. A deactivated Digital Leader does not count.',
        tags: [TAG],
        responses: {
          200: answer(
            'The organisations and their Digital Leaders.',
            dataOf(arrayOf(schemaRef('DigitalLeaderStanding')))
          ),
          ...problems(401, 403),
        },
      },
    },
  },
}
