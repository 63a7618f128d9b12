import env from '#start/env'
import type { ServiceManagerPolicy } from '#domain/workforce/service_manager_warnings'

/*
 * Workforce rules an operator may tune. Services over 1 million
 * transactions a year are warned about when their Service Manager is below
 * SERVICE_MANAGER_MINIMUM_GRADE (Grade 6 by default: the grade that leads a
 * large operational service; SCS1 is stricter). One person named Service
 * Manager of more than SERVICE_MANAGER_MAX_SERVICES services (3 by default),
 * or of services in more than one department, is warned about too.
 *
 * Strategy action 13: a figure a service reports for a period (its
 * transactions, or one of the four indicators) that moves more than
 * SERVICE_PERFORMANCE_OUTLIER_FACTOR times (3 by default) up or down from
 * the previous period's is an outlier, saved only with a note saying why.
 */
const workforceConfig = {
  serviceManagers: {
    largeServiceTransactions: 1_000_000,
    minimumGrade: env.get('SERVICE_MANAGER_MINIMUM_GRADE') ?? 'G6',
    maxServices: env.get('SERVICE_MANAGER_MAX_SERVICES') ?? 3,
  } satisfies ServiceManagerPolicy,
  servicePerformance: {
    outlierFactor: env.get('SERVICE_PERFORMANCE_OUTLIER_FACTOR') ?? 3,
  },
}

export default workforceConfig
