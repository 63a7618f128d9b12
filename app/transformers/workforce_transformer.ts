import { BaseTransformer } from '@adonisjs/core/transformers'
import type CapabilityPlan from '#models/capability_plan'
import {
  campaignStageValues,
  gapMitigationValues,
  gapSeverityValues,
  gapStatusValues,
  planStatusValues,
  servicePhaseValues,
  type GapKind,
  type PlanStatus,
} from '#enums/workforce'
import { organisationTypeValues } from '#enums/organisation_types'
import { digitalLeaderStates } from '#domain/workforce/digital_leader_standing'
import { serviceWarningKinds } from '#domain/workforce/service_manager_warnings'
import type { FigureTotals } from '#domain/workforce/plan_figures'
import type { CampaignRow } from '#queries/workforce/campaigns_query'
import type { GapRow } from '#queries/workforce/gaps_query'
import type { ServiceRow } from '#queries/workforce/services_query'
import type { PerformanceRow } from '#queries/workforce/service_performance_query'
import {
  CHANNELS,
  SATISFACTION,
  channelLabels,
  satisfactionLabels,
} from '#domain/workforce/service_performance'
import {
  passes,
  type ComplianceReason,
  type DigitalLeaderRow,
} from '#queries/workforce/compliance_query'
import type {
  FrozenFigures,
  PlanFreezes,
  PlanLineFigures,
  PlanTotals,
} from '#queries/workforce/plans_query'
import {
  arrayOf,
  boolean,
  date,
  dateTime,
  id,
  integer,
  keysOf,
  named,
  object,
  oneOfValues,
  orNull,
  selfLink,
  text,
} from '#openapi/components'
import type { Schema } from '#openapi/types'

/*
 * An organisation's workforce as the JSON API shows it: capability plans,
 * recruitment campaigns and capability gaps; services and where each
 * organisation stands against the strategy's actions 01 and 02.
 */

/* A day as the API gives it: `yyyy-mm-dd`, or null. */
const day = (value: { toISODate(): string | null } | null) => value?.toISODate() ?? null

export const gapKinds = keysOf<GapKind>({ headcount: true, skill: true })
const gapSources = keysOf<GapRow['source']>({ manual: true, plan: true, gap_engine: true })
const complianceReasons = keysOf<ComplianceReason>({
  none_named: true,
  not_trained: true,
  training_booked: true,
})

const financialYear: Schema = {
  type: 'string',
  pattern: '^\\d{4}–\\d{2}$',
  description: 'The financial year, April to March, such as `2026–27`.',
}

const planFigureFields = {
  postsNeeded: integer(undefined, { min: 0 }),
  inPost: integer('People in post: counted, or the override.', { min: 0 }),
}

/* A sent plan's figures as they stood on sending or on approval. */
const frozenFigures = (when: string) =>
  orNull(
    object(
      {
        ...planFigureFields,
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

/* A sent plan's figures as frozen on sending or on approval, for a line or the totals. */
function frozen(figures: FigureTotals) {
  return {
    postsNeeded: figures.postsNeeded,
    inPost: figures.inPost,
    inPostComputed: figures.inPostComputed,
    vacancies: figures.vacancies,
    plannedToRecruit: figures.plannedToRecruit,
    plannedToTrain: figures.plannedToTrain,
    openCampaignPosts: figures.campaignPosts,
  }
}

/* A plan read alone: the plan with its organisation, today's figures and any frozen ones. */
export type PlanDetail = {
  plan: CapabilityPlan
  lines: PlanLineFigures[]
  totals: PlanTotals
  freezes: PlanFreezes
}

/* A capability plan: the facts a list shows, and, read alone, the rest. */
export type CapabilityPlanRecord = {
  id: number
  financialYear: string
  status: PlanStatus
  detail?: PlanDetail
}

/*
 * A capability plan with one line per role profile and its totals; in an
 * organisation's list of plans (`forList`), its year and status.
 */
export class CapabilityPlanTransformer extends BaseTransformer<CapabilityPlanRecord> {
  static schemas = {
    CapabilityPlanSummary: object({
      id: id(),
      financialYear,
      status: oneOfValues(planStatusValues),
      links: selfLink,
    }),
    CapabilityPlan: object({
      id: id(),
      organisation: named(),
      financialYear,
      status: oneOfValues(planStatusValues),
      submittedAt: orNull(dateTime()),
      decidedAt: orNull(dateTime('When it was approved or returned.')),
      decisionComment: orNull(text()),
      lines: arrayOf(
        object({
          roleProfile: named(),
          ...planFigureFields,
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
        ...planFigureFields,
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
  }

  toObject() {
    const { detail } = this.resource
    if (!detail) throw new Error('A capability plan is given whole only with its figures')
    const { plan, lines, totals, freezes } = detail
    const frozenLine = (figures: FrozenFigures | null, roleProfileId: number) => {
      const line = figures?.lines.get(roleProfileId)
      return line ? frozen(line) : null
    }
    return {
      id: plan.id,
      organisation: { id: plan.organisation.id, name: plan.organisation.name },
      financialYear: plan.yearLabel,
      status: plan.status,
      submittedAt: plan.submittedAt?.toISO() ?? null,
      decidedAt: plan.decidedAt?.toISO() ?? null,
      decisionComment: plan.decisionComment,
      lines: lines.map((line) => ({
        roleProfile: line.roleProfile,
        postsNeeded: line.postsNeeded,
        inPost: line.inPost,
        inPostComputed: line.inPostComputed,
        inPostOverridden: line.inPostOverridden,
        overrideReason: line.overrideReason,
        vacancies: line.vacancies,
        plannedToRecruit: line.plannedToRecruit,
        plannedToTrain: line.plannedToTrain,
        openCampaignPosts: line.campaignPosts,
        atSubmission: frozenLine(freezes.submission, line.roleProfile.id),
        atApproval: frozenLine(freezes.approval, line.roleProfile.id),
      })),
      totals: {
        postsNeeded: totals.postsNeeded,
        inPost: totals.inPost,
        vacancies: totals.vacancies,
        plannedToRecruit: totals.plannedToRecruit,
        plannedToTrain: totals.plannedToTrain,
        openCampaignPosts: totals.campaignPosts,
        atSubmission: freezes.submission ? frozen(freezes.submission.totals) : null,
        atApproval: freezes.approval ? frozen(freezes.approval.totals) : null,
      },
      figuresFrozenAt: {
        submission: freezes.submission?.takenAt.toISO() ?? null,
        approval: freezes.approval?.takenAt.toISO() ?? null,
      },
    }
  }

  forList() {
    const { id: planId, financialYear: year, status } = this.resource
    return {
      id: planId,
      financialYear: year,
      status,
      links: { self: `/api/v1/capability-plans/${planId}` },
    }
  }
}

/* A recruitment campaign: what it recruits to, and the day it reached each stage. */
export class CampaignTransformer extends BaseTransformer<CampaignRow> {
  static schemas = {
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
  }

  toObject() {
    const row = this.resource
    return {
      id: row.id,
      organisation: { id: row.organisationId, name: row.organisationName },
      roleProfile: { id: row.roleProfileId, name: row.roleProfileName },
      title: row.title,
      posts: row.posts,
      hires: row.hires,
      grade: row.grade,
      location: row.location,
      stage: row.stage,
      dates: {
        planned: day(row.plannedOn),
        advertised: day(row.advertisedOn),
        sifting: day(row.siftingOn),
        interviewing: day(row.interviewingOn),
        offers: day(row.offersOn),
        closed: day(row.closedOn),
      },
      timeToHireDays: row.timeToHire,
    }
  }
}

/* A capability gap of an organisation's register. */
export class CapabilityGapTransformer extends BaseTransformer<GapRow> {
  static schemas = {
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
  }

  toObject() {
    const row = this.resource
    return {
      id: row.id,
      organisation: { id: row.organisationId, name: row.organisationName },
      kind: row.kind,
      roleProfile: row.roleProfileName,
      skill: row.skillName,
      title: row.title,
      description: row.description,
      severity: row.severity,
      mitigation: row.mitigation,
      owner: row.ownerEmail ? { name: row.ownerName, email: row.ownerEmail } : null,
      dueOn: day(row.dueOn),
      overdue: row.overdue,
      status: row.status,
      source: row.source,
    }
  }
}

/* A service with its Service Manager and its standing against action 02. */
export class ServiceTransformer extends BaseTransformer<ServiceRow> {
  static schemas = {
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
  }

  toObject() {
    const row = this.resource
    const compliant = passes(row.status)
    return {
      id: row.id,
      name: row.name,
      organisation: { id: row.organisationId, name: row.organisationName },
      annualTransactions: row.annualTransactions,
      phase: row.phase,
      isExemplar: row.isExemplar,
      hasDigitalChannel: row.hasDigitalChannel,
      digitallyDelivered: row.digitallyDelivered,
      overThreshold: row.overThreshold,
      serviceManager: row.serviceManager
        ? { id: row.serviceManager.id, name: row.serviceManager.name }
        : null,
      compliance: {
        required: row.status !== 'not_required',
        compliant,
        reason: compliant ? null : row.status,
      },
      warnings: row.warnings,
    }
  }
}

/* An organisation with its Digital Leader and where it stands against action 01. */
export class DigitalLeaderStandingTransformer extends BaseTransformer<DigitalLeaderRow> {
  static schemas = {
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
  }

  toObject() {
    const row = this.resource
    return {
      organisation: row.organisation,
      digitalLeader: row.digitalLeader
        ? { id: row.digitalLeader.id, name: row.digitalLeader.name }
        : null,
      compliant: row.compliant,
      state: row.state,
      reason: row.reason,
    }
  }
}

const ratio = (description: string) =>
  orNull({ type: 'number', minimum: 0, maximum: 1, description })
const countOf = (description?: string) => integer(description, { min: 0 })
const channelCounts = (description: string) =>
  object(
    Object.fromEntries(CHANNELS.map((channel) => [channel, countOf(channelLabels[channel])])),
    { description }
  )

/*
 * One period a service reported (strategy action 13): the raw figures, as
 * reported, and the four indicators the service works out from them.
 */
export class ServicePerformanceTransformer extends BaseTransformer<PerformanceRow> {
  static schemas = {
    ServicePerformance: object({
      period: text('The period: `2026-10` for a month, `2026-Q4` for a calendar quarter.'),
      label: text('The period in words, like “October 2026”.'),
      figures: object(
        {
          transactions: channelCounts('Transactions by channel.'),
          totalTransactions: countOf('Every transaction, all channels together.'),
          totalCostPence: countOf('The total cost, in pence.'),
          channelCostPence: object(
            Object.fromEntries(
              CHANNELS.map((channel) => [channel, orNull(countOf(channelLabels[channel]))])
            ),
            { description: 'The cost of each channel in pence, null where not known.' }
          ),
          satisfaction: object(
            Object.fromEntries(
              SATISFACTION.map((answer) => [answer, countOf(satisfactionLabels[answer])])
            ),
            { description: 'How many people gave each answer on the GOV.UK satisfaction scale.' }
          ),
          startedTransactions: countOf(),
          completedTransactions: countOf(),
        },
        { description: 'The figures as reported.' }
      ),
      indicators: object(
        {
          costPerTransactionPence: orNull(
            countOf('Total cost ÷ transactions, in pence; null with no transactions.')
          ),
          satisfactionScore: orNull({
            type: 'number',
            minimum: 0,
            maximum: 100,
            description:
              'From 0 to 100, one decimal: very satisfied 100, satisfied 75, neither 50, dissatisfied 25, very dissatisfied 0; null with no answers.',
          }),
          satisfactionResponses: countOf('How many answers the score is from.'),
          completionRate: ratio('Completed ÷ started transactions; null with none started.'),
          digitalTakeUp: ratio('Digital ÷ all transactions; null with no transactions.'),
        },
        { description: 'The four indicators, worked out from the figures.' }
      ),
      notes: orNull(text()),
      revision: integer('1 when first reported, one more for each correction.', { min: 1 }),
    }),
  }

  toObject() {
    const row = this.resource
    return {
      period: row.period.key,
      label: row.label,
      figures: row.figures,
      indicators: row.indicators,
      notes: row.notes,
      revision: row.revision,
    }
  }
}
