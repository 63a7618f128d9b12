import type { ModelAttributes } from '@adonisjs/lucid/types/model'
import Service from '#models/service'
import CapabilityPlan from '#models/capability_plan'
import PlanLine from '#models/plan_line'
import RecruitmentCampaign from '#models/recruitment_campaign'
import CapabilityGap from '#models/capability_gap'

let sequence = 0

/* A record, or its id. */
type Ref = number | { id: number }

const idOf = (ref: Ref) => (typeof ref === 'number' ? ref : ref.id)

/*
 * A service on an organisation's register: live, with no transactions, not
 * an exemplar and no Service Manager named, unless told otherwise.
 */
export async function createService(
  organisation: Ref,
  name: string,
  values: Partial<ModelAttributes<Service>> = {}
) {
  return Service.create({
    organisationId: idOf(organisation),
    name,
    phase: 'live',
    isExemplar: false,
    serviceManagerId: null,
    ...values,
  })
}

/* An organisation's capability plan for the financial year starting in the given year, a draft unless told otherwise. */
export async function createCapabilityPlan(
  organisation: Ref,
  financialYear: number,
  values: Partial<ModelAttributes<CapabilityPlan>> = {}
) {
  return CapabilityPlan.create({
    organisationId: idOf(organisation),
    financialYear,
    status: 'draft',
    ...values,
  })
}

/* A line of a plan for a role profile: no posts and nothing planned unless told otherwise. */
export async function createPlanLine(
  plan: Ref,
  roleProfile: Ref,
  values: Partial<ModelAttributes<PlanLine>> = {}
) {
  return PlanLine.create({ planId: idOf(plan), roleProfileId: idOf(roleProfile), ...values })
}

/* A recruitment campaign for one post in a role profile, planned, unless told otherwise. */
export async function createCampaign(
  organisation: Ref,
  roleProfile: Ref,
  values: Partial<ModelAttributes<RecruitmentCampaign>> = {}
) {
  sequence += 1
  return RecruitmentCampaign.create({
    organisationId: idOf(organisation),
    roleProfileId: idOf(roleProfile),
    title: `Campaign ${sequence}`,
    posts: 1,
    stage: 'planned',
    ...values,
  })
}

/* An open gap on an organisation's register that HR entered by hand, of medium severity unless told otherwise. */
export async function createCapabilityGap(
  organisation: Ref,
  kind: CapabilityGap['kind'],
  title: string,
  values: Partial<ModelAttributes<CapabilityGap>> = {}
) {
  return CapabilityGap.create({
    organisationId: idOf(organisation),
    kind,
    title,
    severity: 'medium',
    status: 'open',
    source: 'manual',
    ...values,
  })
}
