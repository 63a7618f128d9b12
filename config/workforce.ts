import env from '#start/env'
import type { ServiceManagerPolicy } from '#domain/workforce/service_manager_warnings'

/*
 * Workforce rules an operator may tune. Services over 1 million
 * transactions a year are warned about when their Service Manager is below
 * SERVICE_MANAGER_MINIMUM_GRADE (Grade 6 by default: the grade that leads a
 * large operational service; SCS1 is stricter). One person named Service
 * Manager of more than SERVICE_MANAGER_MAX_SERVICES services (3 by default),
 * or of services in more than one department, is warned about too.
 */
const workforceConfig = {
  serviceManagers: {
    largeServiceTransactions: 1_000_000,
    minimumGrade: env.get('SERVICE_MANAGER_MINIMUM_GRADE') ?? 'G6',
    maxServices: env.get('SERVICE_MANAGER_MAX_SERVICES') ?? 3,
  } satisfies ServiceManagerPolicy,
}

export default workforceConfig
