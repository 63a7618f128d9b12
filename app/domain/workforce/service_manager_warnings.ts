/*
 * Warnings beside strategy action 02: a service can pass the action (a
 * named, trained Service Manager) and still be at risk. A very large
 * service needs a senior enough Service Manager; one person cannot answer
 * end to end for many services, or for services of different departments.
 * Warnings do not change whether a service passes. Pure: no framework
 * imports; the services query gathers the facts in SQL.
 */
import { gradeValues, type Grade } from '../../enums/grades.js'

/* Where the lines are drawn (config/workforce.ts). */
export type ServiceManagerPolicy = {
  /* Services over this many transactions a year need a Service Manager of minimumGrade or above. */
  largeServiceTransactions: number
  minimumGrade: Grade
  /* The most services one person may be Service Manager of. */
  maxServices: number
}

export type ServiceManagerFacts = {
  annualTransactions: number
  /* The Service Manager, with how many services (anywhere) and departments they are named for. */
  manager: {
    active: boolean
    grade: string | null
    services: number
    departments: number
  } | null
}

export const serviceWarningKinds = [
  'grade_below',
  'too_many_services',
  'several_departments',
] as const
export type ServiceWarningKind = (typeof serviceWarningKinds)[number]
export type ServiceWarning = { kind: ServiceWarningKind; message: string }

/* The grades at or above the minimum, for the same rule in SQL. */
export function gradesAtOrAbove(minimum: Grade): Grade[] {
  return gradeValues.slice(gradeValues.indexOf(minimum))
}

/* "1 million" rather than "1,000,000" when it reads better. */
function transactionsText(count: number) {
  if (count >= 1_000_000 && count % 1_000_000 === 0) return `${count / 1_000_000} million`
  return count.toLocaleString('en-GB')
}

/* What to look at about a service's Service Manager; empty when nothing. */
export function serviceManagerWarnings(
  facts: ServiceManagerFacts,
  policy: ServiceManagerPolicy
): ServiceWarning[] {
  const manager = facts.manager
  // Nobody active is named: action 02 already reports it.
  if (!manager || !manager.active) return []
  const warnings: ServiceWarning[] = []
  const large = transactionsText(policy.largeServiceTransactions)
  if (facts.annualTransactions > policy.largeServiceTransactions) {
    if (manager.grade === null || !gradeValues.includes(manager.grade as Grade)) {
      warnings.push({
        kind: 'grade_below',
        message: `Service Manager’s grade is not recorded: a service of over ${large} transactions a year needs ${policy.minimumGrade} or above`,
      })
    } else if (!gradesAtOrAbove(policy.minimumGrade).includes(manager.grade as Grade)) {
      warnings.push({
        kind: 'grade_below',
        message: `Service Manager is ${manager.grade}: a service of over ${large} transactions a year needs ${policy.minimumGrade} or above`,
      })
    }
  }
  if (manager.services > policy.maxServices) {
    warnings.push({
      kind: 'too_many_services',
      message: `Service Manager of ${manager.services} services: no one should be named for more than ${policy.maxServices}`,
    })
  }
  if (manager.departments > 1) {
    warnings.push({
      kind: 'several_departments',
      message: `Service Manager of services in ${manager.departments} departments`,
    })
  }
  return warnings
}
