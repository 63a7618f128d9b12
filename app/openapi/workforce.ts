import {
  campaignStageValues,
  gapSeverityValues,
  gapStatusValues,
  servicePhaseValues,
} from '#enums/workforce'
import { yesNoValues } from '#validators/api'
import { apiPerformanceValidator } from '#validators/service_performance'
import { REPORTING_PERIODS } from '#domain/workforce/service_performance'
import {
  CampaignTransformer,
  CapabilityGapTransformer,
  CapabilityPlanTransformer,
  DigitalLeaderStandingTransformer,
  ServicePerformanceTransformer,
  ServiceTransformer,
  gapKinds,
} from '#transformers/workforce_transformer'
import {
  answer,
  arrayOf,
  body,
  bodyProblems,
  named,
  object,
  requestSchema,
  text,
  dataOf,
  id,
  idInPath,
  listOf,
  oneOfValues,
  pagingParameters,
  problemAnswer,
  problems,
  readById,
  query,
  schemaRef,
} from './components.js'
import type { ApiArea } from './types.js'

const TAG = 'Workforce'

/* A yes-or-no filter; any other value answers 422. */
const yesOrNo = (name: string, description: string) =>
  query(name, description, oneOfValues(yesNoValues))

/* An organisation's capability plans, recruitment campaigns and gaps; services and actions 01 and 02. */
export const workforce: ApiArea = {
  tag: {
    name: TAG,
    description:
      'Capability plans, recruitment campaigns and capability gaps of an organisation and its tree; services and the strategy’s actions 01 (a Digital Leader in every department) and 02 (a trained Service Manager for every service over 100,000 transactions a year). For department HR, within their organisation’s tree, and capability admins.',
  },
  schemas: {
    ...CapabilityPlanTransformer.schemas,
    ...CampaignTransformer.schemas,
    ...CapabilityGapTransformer.schemas,
    ...ServiceTransformer.schemas,
    ...ServicePerformanceTransformer.schemas,
    ServicePerformanceRequest: requestSchema(apiPerformanceValidator),
    ...DigitalLeaderStandingTransformer.schemas,
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
      get: readById(
        {
          operationId: 'getCapabilityPlan',
          summary: 'Get a capability plan',
          description:
            'A plan with one line per role profile: posts needed, in post (counted from people’s current role levels unless overridden), vacancies, what is planned, and open campaign posts, all as they stand today; a sent or approved plan also has its figures as frozen when it was sent, and when it was approved if they had moved in between.',
          tags: [TAG],
        },
        { what: 'capability plan', answer: 'The plan.', schema: 'CapabilityPlan' },
        [401, 403, 404]
      ),
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
          404: problemAnswer('The organisation filter names one outside the caller’s scope.'),
          ...problems(422),
        },
      },
    },
    '/services/{id}/performance': {
      get: {
        operationId: 'getServicePerformance',
        summary: 'A service’s performance',
        description:
          'Every period the service reported (strategy action 13), latest first: the figures and the four indicators worked out from them. `meta` names the service, how often it reports, and the periods missing between its first and latest report. For its Service Manager, department HR of its organisation’s tree and capability admins; any other service answers 404.',
        tags: [TAG],
        parameters: [idInPath('service')],
        responses: {
          200: answer(
            'The periods reported.',
            dataOf(arrayOf(schemaRef('ServicePerformance')), {
              meta: object({
                service: named('The service.'),
                reportingPeriod: oneOfValues(REPORTING_PERIODS),
                missingPeriods: arrayOf(text(), 'Periods with no figures, oldest first.'),
              }),
            })
          ),
          ...problems(401, 404),
        },
      },
    },
    '/services/{id}/performance/{period}': {
      put: {
        operationId: 'putServicePerformance',
        summary: 'Report a period of a service’s performance',
        description:
          'Puts the whole of one period’s figures: the first time adds the period, a later time corrects it (the audit trail keeps the version before); the same figures again change nothing. Money is in pence. The channels must add up to the total; completed transactions cannot exceed those started; costs by channel cannot exceed the total cost, and must make it up when every channel’s is given; a figure moving more than the configured factor (3 unless set) from the previous period needs `notes`; a period that has not started answers 422 naming `period`.',
        tags: [TAG],
        parameters: [
          idInPath('service'),
          {
            name: 'period',
            in: 'path',
            required: true,
            description:
              'A month, `2026-10`, for a service reporting monthly; a calendar quarter, `2026-Q4`, for one reporting quarterly. Any other answers 404.',
            schema: text(),
          },
        ],
        requestBody: body(schemaRef('ServicePerformanceRequest')),
        responses: {
          ...bodyProblems(),
          200: answer(
            'The period, corrected or unchanged.',
            dataOf(schemaRef('ServicePerformance'))
          ),
          201: answer('The period, added.', dataOf(schemaRef('ServicePerformance'))),
          ...problems(401, 404),
          422: problemAnswer(
            'A field breaks a rule, the figures contradict each other, an outlier has no note, or the period has not started.',
            schemaRef('ValidationProblem')
          ),
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
