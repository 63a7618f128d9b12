import { apiBudgetValidator } from '#validators/training_budget'
import { TrainingBudgetTransformer } from '#transformers/training_budget_transformer'
import { FIRST_FINANCIAL_YEAR, LAST_FINANCIAL_YEAR } from '#domain/learning/training_budgets'
import {
  answer,
  body,
  bodyProblems,
  dataOf,
  idInPath,
  integer,
  problemAnswer,
  problems,
  query,
  requestSchema,
  schemaRef,
} from './components.js'
import type { ApiArea } from './types.js'

const TAG = 'Training budgets'

const DESCRIPTION =
  'Bookings count against the budget of the learner’s organisation, or of its nearest ancestor with one, for the financial year their session starts in (UK time) or their self-paced course was started in. Requests awaiting approval, booked places and self-paced courses under way commit their cost (the price when booked); attended, not attended and completed places spend it; declined, cancelled, withdrawn and waiting-list places count nothing.'

/* Training budgets per organisation and financial year. */
export const trainingBudgets: ApiArea = {
  tag: {
    name: TAG,
    description: `An organisation’s training budget for a financial year (April to March), with what is committed, spent and left. For department HR (their organisation’s tree) and capability admins (any). ${DESCRIPTION}`,
  },
  schemas: {
    ...TrainingBudgetTransformer.schemas,
    TrainingBudgetRequest: requestSchema(apiBudgetValidator, {
      year: { description: 'The financial year by the year it starts: 2026 for 2026 to 2027.' },
      amountPence: { description: 'The budget in whole pence.' },
    }),
  },
  paths: {
    '/organisations/{id}/training-budget': {
      get: {
        operationId: 'getTrainingBudget',
        summary: 'An organisation’s training budget',
        description:
          'The organisation’s budget for the year with the bookings counted against it: those of its people and of the organisations below it without a budget of their own. Without a budget, the same bookings are counted and `amountPence` and `remainingPence` are null.',
        tags: [TAG],
        parameters: [
          idInPath('organisation'),
          query(
            'year',
            'The financial year by the year it starts: `2026` for 2026 to 2027. This one when left out.',
            integer(undefined, { min: FIRST_FINANCIAL_YEAR, max: LAST_FINANCIAL_YEAR })
          ),
        ],
        responses: {
          200: answer('The budget and its figures.', dataOf(schemaRef('TrainingBudget'))),
          ...problems(401, 403, 404, 422),
        },
      },
      put: {
        operationId: 'putTrainingBudget',
        summary: 'Set an organisation’s training budget',
        description:
          'Sets the budget for a financial year: the first time adds it, a later time changes it (the audit trail keeps the amount before); the same amount again changes nothing.',
        tags: [TAG],
        parameters: [idInPath('organisation')],
        requestBody: body(schemaRef('TrainingBudgetRequest')),
        responses: {
          ...bodyProblems(),
          200: answer('The budget, changed or unchanged.', dataOf(schemaRef('TrainingBudget'))),
          201: answer('The budget, added.', dataOf(schemaRef('TrainingBudget'))),
          ...problems(401, 403, 404, 409),
          422: problemAnswer('A field breaks a rule.', schemaRef('ValidationProblem')),
        },
      },
    },
  },
}
