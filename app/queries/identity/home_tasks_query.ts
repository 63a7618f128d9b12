import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import type { OrganisationScope } from '#services/organisation_scope'
import { EnrolmentStatuses, SessionStatuses, SkillClaimStatuses } from '#enums/learning'
import { StaffImportStatuses } from '#enums/staff_imports'
import { pendingApprovals } from '#queries/learning/approvals_query'
import {
  countFeedbackDue,
  feedbackDue,
  feedbackPath,
} from '#queries/learning/course_feedback_query'
import {
  proposedRoles,
  pendingClaims,
  unvalidatedAssessments,
} from '#queries/capability/validations_query'
import { currentFinancialYear } from '#queries/workforce/plans_query'
import {
  digitalLeaderCompliance,
  serviceManagerCompliance,
} from '#queries/workforce/compliance_query'
import { digitalRuleCounts } from '#queries/fast_stream/digital_rule_query'
import { financialYearLabel } from '#enums/workforce'
import { requirementStateLabels } from '#enums/required_learning'
import { requiredOf } from '#queries/learning/required_learning_query'
import { standingWords } from '#domain/learning/required_learning'
import { Roles } from '#enums/roles'
import { countRows } from '#services/csv_export'
import { UK_ZONE, UkFormats, instantFromSql, isoDateFromSql } from '#domain/shared/uk_time'
import {
  periodLabel,
  periodsDue,
  type ReportingPeriod,
} from '#domain/workforce/service_performance'

/*
 * What needs each person, for their home page: one section per part they
 * play (learner, line manager, HR, course admin, Fast Stream team), each a
 * list of tasks with a count and where to act. Counted in SQL, a handful
 * of queries per section, whatever the numbers.
 */

export type HomeTask = {
  label: string
  href: string
  /* How many things wait; 0 shows the task as done. */
  count: number
  /* What the count is of, singular and plural: "request", "requests". */
  noun: [string, string]
  /* A line under the task: the next date, the deadline. */
  hint?: string | null
}

export type HomeSection = { heading: string; tasks: HomeTask[] }

/* Days ahead a development plan item counts as due soon. */
export const PLAN_ITEMS_DUE_WITHIN_DAYS = 30
/* Days back a decision on a skill claim is news. */
export const CLAIMS_DECIDED_WITHIN_DAYS = 30

/* A stored UTC time as the SQL text it is compared with. */
function sqlNow(at: DateTime) {
  return at.toUTC().toFormat('yyyy-MM-dd HH:mm:ss')
}

/* A timestamp column as a UK day ("3 June 2027"). */
function ukDay(value: unknown) {
  const parsed = instantFromSql(value)
  return parsed?.isValid ? parsed.setZone(UK_ZONE).toFormat(UkFormats.longDate) : null
}

/* Every signed-in person: their sessions, plan, claims decided and Fast Stream list. */
async function learnerTasks(user: User, now: DateTime): Promise<HomeSection> {
  const nowSql = sqlNow(now)
  const today = now.setZone(UK_ZONE).toISODate()!
  const soon = now.setZone(UK_ZONE).plus({ days: PLAN_ITEMS_DUE_WITHIN_DAYS }).toISODate()!
  const since = sqlNow(now.minus({ days: CLAIMS_DECIDED_WITHIN_DAYS }))

  const upcoming = db
    .from('enrolments')
    .join('course_sessions', 'course_sessions.id', 'enrolments.session_id')
    .where('enrolments.user_id', user.id)
    .where('enrolments.status', EnrolmentStatuses.Booked)
    .where('course_sessions.status', SessionStatuses.Scheduled)
    .where('course_sessions.starts_at', '>', nowSql)
  const [sessions, next, itemsDue, overdue, claimsDecided, shortlist] = await Promise.all([
    countRows(upcoming.clone()),
    upcoming
      .clone()
      .orderBy('course_sessions.starts_at')
      .select('course_sessions.starts_at')
      .first(),
    countRows(
      db
        .from('development_plan_items')
        .where('user_id', user.id)
        .whereNot('status', 'done')
        .whereNotNull('due_on')
        .where('due_on', '<=', soon)
    ),
    countRows(
      db
        .from('development_plan_items')
        .where('user_id', user.id)
        .whereNot('status', 'done')
        .where('due_on', '<', today)
    ),
    countRows(
      db
        .from('skill_claims')
        .where('user_id', user.id)
        .whereNot('status', SkillClaimStatuses.Pending)
        .where('decided_at', '>=', since)
    ),
    user.isFastStreamEntrant ? unsubmittedShortlist(user.id, nowSql) : null,
  ])
  const feedback = await countFeedbackDue(user.id)

  const tasks: HomeTask[] = [
    {
      label: 'Your upcoming sessions',
      href: '/learning/my',
      count: sessions,
      noun: ['session booked', 'sessions booked'],
      hint: next ? `The next starts on ${ukDay(next.starts_at)}` : null,
    },
    {
      label: 'Development plan items due',
      href: '/capability/plan',
      count: itemsDue,
      noun: ['item due', 'items due'],
      hint: overdue > 0 ? `${overdue} past ${overdue === 1 ? 'its' : 'their'} due date` : null,
    },
    {
      label: 'Skill claims your line manager decided',
      href: '/learning/record',
      count: claimsDecided,
      noun: ['decision', 'decisions'],
      hint: `In the last ${CLAIMS_DECIDED_WITHIN_DAYS} days`,
    },
  ]
  if (feedback > 0) {
    // One course waiting goes straight to its form; several to My learning, which lists them.
    const due = feedback === 1 ? await feedbackDue(user.id) : []
    tasks.push({
      label: 'Give feedback on courses you attended',
      href: due.length === 1 ? feedbackPath(due[0].target) : '/learning/my#feedback-heading',
      count: feedback,
      noun: ['course waiting for your feedback', 'courses waiting for your feedback'],
    })
  }
  if (shortlist) {
    tasks.push({
      label: 'Submit your placement shortlist',
      href: '/fast-stream/shortlist',
      count: 1,
      noun: ['shortlist not submitted', 'shortlists not submitted'],
      hint: `Choices close on ${ukDay(shortlist.preferences_close_at)}`,
    })
  }
  return { heading: 'Your learning and development', tasks }
}

/* The round open for choices in which the entrant has started a list and not sent it. */
function unsubmittedShortlist(userId: number, nowSql: string) {
  return db
    .from('placement_shortlists as s')
    .join('fast_stream_entrants as e', 'e.id', 's.entrant_id')
    .join('placement_rounds as r', 'r.id', 's.round_id')
    .where('e.user_id', userId)
    .whereNull('s.submitted_at')
    .where('r.preferences_open_at', '<=', nowSql)
    .where('r.preferences_close_at', '>', nowSql)
    .orderBy('r.preferences_close_at')
    .select('r.preferences_close_at')
    .first()
}

/* Line managers: training requests and skills waiting for them. */
async function lineManagerTasks(user: User): Promise<HomeSection> {
  const [requests, assessments, roles, claims] = await Promise.all([
    pendingApprovals(user.id, 1, 1).then((page) => page.meta.total),
    countRows(unvalidatedAssessments(user.id)),
    countRows(proposedRoles(user.id)),
    countRows(pendingClaims(user.id)),
  ])
  return {
    heading: 'For the people who report to you',
    tasks: [
      {
        label: 'Approve training requests',
        href: '/learning/approvals',
        count: requests,
        noun: ['request waiting', 'requests waiting'],
      },
      {
        label: 'Validate skills and role levels',
        href: '/capability/validations',
        count: assessments + roles + claims,
        noun: ['validation waiting', 'validations waiting'],
      },
    ],
  }
}

/* HR and capability admins: plans, gaps, compliance and imports in their scope. */
async function hrTasks(scope: OrganisationScope, now: DateTime): Promise<HomeSection> {
  const year = currentFinancialYear(now.toJSDate())
  const plans = scope.apply(db.from('capability_plans'), 'organisation_id')
  const [returned, drafts, ownerless, services, boards, imports] = await Promise.all([
    countRows(plans.clone().where('status', 'returned')),
    countRows(plans.clone().where('status', 'draft').where('financial_year', year)),
    countRows(
      scope
        .apply(db.from('capability_gaps'), 'organisation_id')
        .whereIn('status', ['open', 'in_progress'])
        .whereNull('owner_id')
    ),
    serviceManagerCompliance(scope),
    digitalLeaderCompliance(scope),
    countRows(
      scope
        .apply(db.from('staff_imports'), 'scope_organisation_id')
        .whereIn('status', [StaffImportStatuses.Checked, StaffImportStatuses.Failed])
    ),
  ])
  return {
    heading: scope.everything ? 'Across government' : 'For your organisation',
    tasks: [
      {
        label: 'Capability plans returned for changes',
        href: '/workforce/plans',
        count: returned,
        noun: ['plan returned', 'plans returned'],
      },
      {
        label: `Capability plans for ${financialYearLabel(year)} not yet sent`,
        href: '/workforce/plans',
        count: drafts,
        noun: ['draft plan', 'draft plans'],
      },
      {
        label: 'Capability gaps without an owner',
        href: '/workforce/gaps',
        count: ownerless,
        noun: ['gap without an owner', 'gaps without an owner'],
      },
      {
        label: 'Services without a named, trained Service Manager (action 02)',
        href: '/workforce/compliance',
        count: services.failing.length,
        noun: ['service', 'services'],
      },
      {
        label: 'Boards without a compliant Digital Leader (action 01)',
        href: '/workforce/compliance',
        count: boards.failing.length,
        noun: ['organisation', 'organisations'],
      },
      {
        label: 'Staff imports to finish',
        href: '/admin/staff-imports',
        count: imports,
        noun: ['import checked or failed', 'imports checked or failed'],
      },
    ],
  }
}

/* Course admins: past sessions with people still to mark, and waiting lists, for their providers. */
async function courseAdminTasks(user: User, now: DateTime): Promise<HomeSection> {
  const nowSql = sqlNow(now)
  const ownSessions = () => {
    const query = db
      .from('course_sessions')
      .join('courses', 'courses.id', 'course_sessions.course_id')
      .where('course_sessions.status', SessionStatuses.Scheduled)
    if (!user.hasRole(Roles.CapabilityAdmin)) {
      query.whereIn(
        'courses.provider_id',
        db.from('provider_admins').where('user_id', user.id).select('provider_id')
      )
    }
    return query
  }
  const [toMark, firstToMark, waiting] = await Promise.all([
    countRows(
      ownSessions()
        .where('course_sessions.ends_at', '<', nowSql)
        .whereExists((booked) =>
          booked
            .from('enrolments')
            .whereColumn('enrolments.session_id', 'course_sessions.id')
            .where('enrolments.status', EnrolmentStatuses.Booked)
        )
    ),
    ownSessions()
      .where('course_sessions.ends_at', '<', nowSql)
      .whereExists((booked) =>
        booked
          .from('enrolments')
          .whereColumn('enrolments.session_id', 'course_sessions.id')
          .where('enrolments.status', EnrolmentStatuses.Booked)
      )
      .orderBy('course_sessions.ends_at')
      .select('course_sessions.id')
      .first(),
    countRows(
      ownSessions()
        .join('enrolments', 'enrolments.session_id', 'course_sessions.id')
        .where('enrolments.status', EnrolmentStatuses.Waitlisted)
        .where('course_sessions.starts_at', '>', nowSql)
    ),
  ])
  return {
    heading: 'For your courses',
    tasks: [
      {
        label: 'Mark attendance and completion',
        href:
          toMark === 1 && firstToMark
            ? `/learning/admin/sessions/${firstToMark.id}`
            : '/learning/admin/courses',
        count: toMark,
        noun: ['past session with people to mark', 'past sessions with people to mark'],
      },
      {
        label: 'People on waiting lists',
        href: '/learning/admin/courses',
        count: waiting,
        noun: ['person waiting', 'people waiting'],
      },
    ],
  }
}

/* The Fast Stream team: rounds still running and their next dates, and entrants at risk of the digital rule. */
async function fastStreamTasks(now: DateTime): Promise<HomeSection> {
  const [rounds, rule] = await Promise.all([
    db
      .from('placement_rounds')
      .whereNot('status', 'published')
      .orderBy('preferences_close_at')
      .select('id', 'name', 'status', 'preferences_open_at', 'preferences_close_at', 'results_at'),
    digitalRuleCounts(),
  ])
  const tasks: HomeTask[] = rounds.map((round) => {
    const [what, when] =
      instantFromSql(round.preferences_open_at)! > now
        ? ['Choices open', round.preferences_open_at]
        : instantFromSql(round.preferences_close_at)! > now
          ? ['Choices close', round.preferences_close_at]
          : ['Results due', round.results_at]
    return {
      label: round.name,
      href: `/fast-stream/admin/rounds/${round.id}`,
      count: 1,
      noun: ['round in progress', 'rounds in progress'],
      hint: `${what} on ${ukDay(when)}`,
    }
  })
  tasks.push({
    label: 'Entrants at risk of missing a digital placement',
    href: '/fast-stream/admin/digital-rule',
    count: rule.at_risk + rule.missed,
    noun: ['entrant', 'entrants'],
    hint: rule.missed > 0 ? `${rule.missed} can no longer meet the rule` : null,
  })
  return { heading: 'Fast Stream', tasks }
}

/* The sections of a person's home page, in the order of the parts they play. */
/*
 * Service Managers: the finished periods each of their services has not
 * reported (strategy action 13). Nothing for someone who manages none.
 */
async function serviceManagerTasks(user: User, now: DateTime): Promise<HomeSection | null> {
  const services = await db
    .from('services as s')
    .where('s.service_manager_id', user.id)
    .orderBy('s.name')
    .select(
      's.id',
      's.name',
      's.reporting_period',
      db
        .from('service_performance_reports as r')
        .whereColumn('r.service_id', 's.id')
        .max('r.period_start')
        .as('latest')
    )
  if (services.length === 0) return null
  const today = now.setZone(UK_ZONE).toISODate()!
  return {
    heading: 'For the services you manage',
    tasks: services.map((service) => {
      const kind = service.reporting_period as ReportingPeriod
      const due = periodsDue(kind, isoDateFromSql(service.latest), today)
      return {
        label: `Report the performance of ${service.name}`,
        href: `/workforce/services/${service.id}/performance`,
        count: due.length,
        noun: ['period to report', 'periods to report'] as [string, string],
        hint: due.length ? `From ${periodLabel(kind, due[0])}` : null,
      }
    }),
  }
}

/* Courses required of the person that they have still to complete, overdue first, each with its due date. */
async function requiredTasks(user: User, now: DateTime): Promise<HomeSection | null> {
  const required = await requiredOf(user, now)
  const outstanding = required.filter(({ standing }) => standing.state !== 'completed')
  if (outstanding.length === 0) return null
  return {
    heading: 'Required of you',
    tasks: outstanding.map(({ requirement, standing }) => {
      const state = requirementStateLabels[standing.state].toLowerCase()
      return {
        label: requirement.course.title,
        href: `/learning/courses/${requirement.courseId}`,
        count: 1,
        noun: [state, state] as [string, string],
        hint: standingWords(standing),
      }
    }),
  }
}

export async function homeTasks(user: User, scope: OrganisationScope, now = DateTime.now()) {
  const sections: Array<Promise<HomeSection | null>> = [
    requiredTasks(user, now),
    learnerTasks(user, now),
  ]
  if (user.isLineManager) sections.push(lineManagerTasks(user))
  if (!scope.isEmpty) sections.push(hrTasks(scope, now))
  if (user.administersCourses) sections.push(courseAdminTasks(user, now))
  if (user.hasRole(Roles.FastStreamAdmin) || user.hasRole(Roles.CapabilityAdmin)) {
    sections.push(fastStreamTasks(now))
  }
  sections.push(serviceManagerTasks(user, now))
  const shown = await Promise.all(sections)
  return shown.filter((section) => section !== null)
}
