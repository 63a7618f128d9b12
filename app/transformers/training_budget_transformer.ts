import { BaseTransformer } from '@adonisjs/core/transformers'
import type { BudgetStanding } from '#queries/learning/training_budgets_query'
import {
  FIRST_FINANCIAL_YEAR,
  LAST_FINANCIAL_YEAR,
  financialYearBounds,
  financialYearName,
} from '#domain/learning/training_budgets'
import { dateTime, integer, named, object, orNull, text } from '#openapi/components'

const pence = (description: string) => integer(description, { min: 0 })

/* An organisation's training budget for a financial year, as every caller of the API sees it. */
export class TrainingBudgetTransformer extends BaseTransformer<BudgetStanding> {
  static schemas = {
    TrainingBudget: object({
      organisation: named('The organisation the budget is for.'),
      financialYear: object(
        {
          year: integer('The year it starts: 2026 is April 2026 to March 2027.', {
            min: FIRST_FINANCIAL_YEAR,
            max: LAST_FINANCIAL_YEAR,
          }),
          name: text('Such as `2026 to 2027`.'),
          startsAt: dateTime('1 April, 00:00 UK time, in UTC.'),
          endsAt: dateTime('The next 1 April, 00:00 UK time, in UTC: the first moment after it.'),
        },
        { description: 'The financial year, April to March.' }
      ),
      amountPence: orNull(pence('The budget in pence; null when none is set for the year.')),
      committedPence: pence(
        'Requests awaiting approval, booked places and self-paced courses under way, at the price each was booked at.'
      ),
      spentPence: pence('Places attended, not attended (providers charge) or completed.'),
      remainingPence: orNull(
        integer('The budget less committed and spent; below 0 when over; null with no budget.')
      ),
    }),
  }

  toObject() {
    const standing = this.resource
    const bounds = financialYearBounds(standing.financialYear)
    return {
      organisation: { id: standing.organisationId, name: standing.organisationName },
      financialYear: {
        year: standing.financialYear,
        name: financialYearName(standing.financialYear),
        startsAt: bounds.start.toISOString(),
        endsAt: bounds.end.toISOString(),
      },
      amountPence: standing.amountPence,
      committedPence: standing.committedPence,
      spentPence: standing.spentPence,
      remainingPence: standing.remainingPence,
    }
  }
}
