import type { DateTime } from 'luxon'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import TrainingBudget from '#models/training_budget'
import { spendByOrganisation } from '#queries/learning/training_budgets_query'
import { financialYearName, financialYearOf } from '#domain/learning/training_budgets'

/*
 * The demo's training budgets (ADR 20): every demo department with
 * bookings this financial year gets a budget for it and for the year
 * before, each about half as much again as its bookings commit and spend,
 * except the department spending most, whose budget this year is a fifth
 * below what it has committed and spent: over budget. One budget was
 * changed after it was set, so its history has two amounts. The demo's
 * bookings went in as rows, so first each takes its course's cost as the
 * price it was booked at, as the service's own bookings do. Adds nothing
 * when budgets are there already.
 */

/* Rounds pence up to whole thousands of pounds. */
const thousands = (pence: number) => Math.max(1, Math.ceil(pence / 100_000)) * 100_000

export async function seedDemoBudgets(client: QueryClientContract, options: { now: DateTime }) {
  const existing = await client.from('training_budgets').first()
  if (existing) return null

  await client.rawQuery(
    `update enrolments set cost_pence = (select c.cost_pence from course_sessions cs
       join courses c on c.id = cs.course_id where cs.id = enrolments.session_id)
     where cost_pence = 0`
  )
  await client.rawQuery(
    `update self_paced_enrolments set cost_pence = (select c.cost_pence from courses c
       where c.id = self_paced_enrolments.course_id)
     where cost_pence = 0`
  )

  const year = financialYearOf(options.now.toJSDate())
  const rows = await spendByOrganisation([year])
  const byDepartment = new Map<number, number>()
  for (const row of rows) {
    const department = row.ancestorIds[0] ?? row.id
    byDepartment.set(
      department,
      (byDepartment.get(department) ?? 0) + row.committedPence + row.spentPence
    )
  }
  const departments = [...byDepartment.entries()].filter(([, pence]) => pence > 0)
  if (!departments.length) return null
  const [overspent] = [...departments].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]

  return client.transaction(async (trx) => {
    let budgets = 0
    for (const [organisationId, pence] of departments) {
      const amountPence =
        organisationId === overspent
          ? Math.floor((pence * 0.8) / 100) * 100
          : thousands(pence * 1.5)
      await TrainingBudget.create(
        { organisationId, financialYear: year - 1, amountPence: thousands(pence * 1.2) },
        { client: trx }
      )
      const budget = await TrainingBudget.create(
        {
          organisationId,
          financialYear: year,
          amountPence: organisationId === overspent ? thousands(pence) : amountPence,
        },
        { client: trx }
      )
      // The department spending most set more at first, then cut it below what it had booked.
      if (organisationId === overspent) {
        budget.useTransaction(trx)
        budget.amountPence = amountPence
        await budget.save()
      }
      budgets += 2
    }
    return { budgets, departments: departments.length, year, overspent }
  })
}

export function describeDemoBudgets(result: {
  budgets: number
  departments: number
  year: number
}) {
  return `Demo training budgets: ${result.budgets} budgets for ${result.departments} departments, this year (${financialYearName(result.year)}) and last; one department over budget.`
}
