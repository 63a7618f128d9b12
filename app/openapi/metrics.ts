import { EnrolmentStatuses } from '#enums/learning'
import { organisationTypeValues } from '#enums/organisation_types'
import { digitalLeaderStates } from '#domain/workforce/digital_leader_standing'
import { PANEL_KEYS, type PanelKey } from '#queries/insights/panel_keys'
import type { Measure } from '#queries/insights/measures_query'
import type { ServiceStatus } from '#queries/insights/strategy_actions_query'
import {
  answer,
  arrayOf,
  boolean,
  date,
  id,
  integer,
  keysOf,
  named,
  object,
  oneOfValues,
  orNull,
  problemAnswer,
  problems,
  query,
  schemaRef,
  text,
} from './components.js'
import type { ApiArea, Operation, Parameter, PathItem, Schema } from './types.js'

const TAG = 'Management information'

const measures = keysOf<Measure>({
  capability_coverage: true,
  people_with_role: true,
  people_meeting_all: true,
  posts_needed: true,
  in_post: true,
  being_recruited: true,
  enrolments_completed: true,
  digital_leaders_in_place: true,
  service_managers_compliant: true,
})
const serviceStatuses = keysOf<ServiceStatus>({
  compliant: true,
  training_booked: true,
  not_trained: true,
  none_named: true,
})

const count = (description?: string) => integer(description, { min: 0 })

/* A share as a percentage with one decimal; null when there is nothing to share. */
const share = (description: string): Schema =>
  orNull({
    type: 'number',
    minimum: 0,
    maximum: 100,
    description: `${description} A percentage with one decimal; null when there is nothing to count.`,
  })

/* A line of a breakdown by organisation: a department, or an organisation under the one chosen. */
const groupFields = {
  id: id('The organisation’s id.'),
  name: text(
    'Its name; the chosen organisation’s own line, for what sits directly in it, ends “(directly)”.'
  ),
  direct: boolean('Whether this is the chosen organisation’s own line.'),
}

const byOrganisation =
  'By organisation: for all of government, each department with its tree; for a chosen organisation, its own line first, then each organisation directly under it with its tree, by name.'

const coverageLine = {
  people: count('People with a current role level.'),
  meeting: count('Of those, people meeting every requirement of it.'),
  coverage: share('The share of people meeting every requirement.'),
}

const headcountFigures = {
  postsNeeded: count('Posts needed in the capability plans of the financial year.'),
  inPost: count('People with a current role level in the profile, today.'),
  beingRecruited: count('Posts in recruitment campaigns still open.'),
}

const sessionFillLine = {
  sessions: count('Scheduled sessions starting in the period.'),
  places: count('Their seats.'),
  taken: count('Seats taken: booked, attended, absent or completed.'),
  fillRate: share('Seats taken out of seats.'),
}

const serviceCounts = Object.fromEntries(
  serviceStatuses.map((status) => [status, count()])
) as Record<ServiceStatus, Schema>

/* Which filters a panel uses; the others are still checked, and answer 422 or 404 when wrong. */
type Filter = 'organisation' | 'period' | 'quarter' | 'rows' | 'round'

interface PanelDescription {
  schema: string
  summary: string
  description: string
  uses: Filter[]
  data: Schema
}

/* What each panel answers, and the filters it reads. */
const PANELS: Record<PanelKey, PanelDescription & { title: string }> = {
  'capability-coverage': {
    title: 'Capability coverage',
    schema: 'CapabilityCoverageMetrics',
    summary: 'Capability coverage',
    description:
      'The share of people with a current role level who meet every live requirement of it, in total, by organisation and by role family. As things stand today: the period is not used.',
    uses: ['organisation'],
    data: object({
      total: object(coverageLine),
      byOrganisation: arrayOf(object({ ...groupFields, ...coverageLine }), byOrganisation),
      byRoleFamily: arrayOf(
        object({ id: id(), name: text(), ...coverageLine }),
        'By role family, in the framework’s order.'
      ),
    }),
  },
  'skill-gaps': {
    title: 'Skill gaps',
    schema: 'SkillGapMetrics',
    summary: 'Skill gaps',
    description:
      'The skill-gap heat map: for each role family (or organisation) and skill category, how many people fall below the level their role level needs in at least one skill of the category. As things stand today.',
    uses: ['organisation', 'rows'],
    data: object({
      rows: oneOfValues(['family', 'organisation'], 'What the lines are.'),
      categories: arrayOf(text(), 'The skill categories, by name: the keys of every `cells`.'),
      lines: arrayOf(
        object({
          id: id('The role family’s or organisation’s id.'),
          name: text(),
          cells: {
            type: 'object',
            description: 'One entry per category, keyed by its name.',
            additionalProperties: object({
              below: count('People below the level needed in at least one skill of it.'),
              people: count('People whose role level needs a skill of it.'),
            }),
          },
        }),
        'By role family in the framework’s order, or by organisation as `byOrganisation` elsewhere.'
      ),
      max: count('The largest `below` of any cell.'),
    }),
  },
  'headcount': {
    title: 'Headcount',
    schema: 'HeadcountMetrics',
    summary: 'Headcount',
    description:
      'Per role profile: posts needed in the capability plans of the financial year, people in post today, and posts in recruitment campaigns still open. By financial year: the quarter is not used.',
    uses: ['organisation', 'period'],
    data: object({
      year: integer('The financial year, by the year it starts.', { min: 2010, max: 2100 }),
      total: object(headcountFigures),
      byRoleProfile: arrayOf(
        object({
          id: id(),
          name: text(),
          family: text('The role family’s name.'),
          ...headcountFigures,
        }),
        'By role family, then role profile name.'
      ),
    }),
  },
  'training': {
    title: 'Training',
    schema: 'TrainingMetrics',
    summary: 'Training',
    description:
      'Enrolments of the organisation’s people on sessions starting in the period, by status; completion and no-show rates among those whose attendance is known; and the spend on the seats they took.',
    uses: ['organisation', 'period', 'quarter'],
    data: object({
      byStatus: arrayOf(
        object({
          status: oneOfValues(Object.values(EnrolmentStatuses)),
          enrolments: count(),
        }),
        'Every status, in the order of a learner’s journey.'
      ),
      enrolments: count('All enrolments.'),
      attendanceKnown: count('Enrolments attended, absent or completed.'),
      completed: count(),
      noShow: count(),
      completionRate: share('Completed out of attendance known.'),
      noShowRate: share('Absent out of attendance known.'),
      spendPence: count(
        'The cost of the seats taken (booked, attended, absent or completed), in pence.'
      ),
    }),
  },
  'session-fill': {
    title: 'Session fill',
    schema: 'SessionFillMetrics',
    summary: 'Session fill',
    description:
      'How full the catalogue’s scheduled sessions starting in the period are, per course and in total, counting seats taken by anyone: the organisation is named in `meta` but does not narrow the figures.',
    uses: ['period', 'quarter'],
    data: object({
      total: object(sessionFillLine),
      courses: arrayOf(
        object({ id: id(), code: text(), title: text(), ...sessionFillLine }),
        'Most places first, then by title.'
      ),
    }),
  },
  'waiting-lists': {
    title: 'Waiting lists',
    schema: 'WaitingListMetrics',
    summary: 'Waiting lists',
    description:
      'Demand for more sessions: per course, how many of the organisation’s people wait on the waiting lists of its sessions starting in the period, and on how many sessions.',
    uses: ['organisation', 'period', 'quarter'],
    data: object({
      waitlisted: count('People waiting, over every course.'),
      courses: arrayOf(
        object({
          id: id(),
          code: text(),
          title: text(),
          waitlisted: count(),
          sessions: count('Sessions with someone waiting.'),
        }),
        'Most people waiting first, then by title.'
      ),
    }),
  },
  'training-budgets': {
    title: 'Training budgets',
    schema: 'TrainingBudgetMetrics',
    summary: 'Training budgets',
    description:
      'Each training budget set for the financial year in the organisation’s tree, with what bookings commit (requests, booked places, self-paced courses under way) and spend (attended, not attended, completed) against it and what is left, and the bookings of the tree that no budget there covers. A booking counts against its learner’s organisation’s budget, or its nearest ancestor’s, for the year its session starts in (UK time). The quarter is not used: budgets are for whole years.',
    uses: ['organisation', 'period'],
    data: object({
      financialYear: integer('The financial year by the year it starts.', {
        min: 2010,
        max: 2100,
      }),
      budgets: arrayOf(
        object({
          organisationId: id('The organisation holding the budget.'),
          organisationName: text(),
          financialYear: integer(undefined, { min: 2010, max: 2100 }),
          amountPence: orNull(count('The budget, in pence.')),
          committedPence: count(),
          spentPence: count(),
          remainingPence: orNull(
            integer('The budget less committed and spent; below 0 when over.')
          ),
        }),
        'By organisation name.'
      ),
      unbudgeted: object(
        { committedPence: count(), spentPence: count() },
        { description: 'Bookings of the tree that no budget in it covers.' }
      ),
      total: object({
        amountPence: count('Every budget listed, added up.'),
        committedPence: count(),
        spentPence: count(),
        remainingPence: integer('Below 0 when the budgets together are over.'),
      }),
    }),
  },
  'digital-leaders': {
    title: 'Action 01: Digital Leaders',
    schema: 'DigitalLeaderMetrics',
    summary: 'Digital Leaders (action 01)',
    description:
      'The departments and transactional agencies of the tree, and whether each meets action 01: an active Digital Leader in the Senior Civil Service who sits on the board, holds the Digital Leader role and has completed the Digital Leaders’ course. As things stand today.',
    uses: ['organisation'],
    data: object({
      total: count('Organisations that need a Digital Leader.'),
      inPlace: count('Of those, organisations that meet action 01.'),
      share: share('Organisations that meet action 01 out of those it covers.'),
      organisations: arrayOf(
        object({
          id: id(),
          name: text(),
          type: oneOfValues(organisationTypeValues),
          inPlace: boolean('Whether it meets action 01.'),
          digitalLeader: orNull(text('The Digital Leader’s name, when they are active.')),
          state: oneOfValues(
            digitalLeaderStates,
            'Where it stands against action 01, the first failing that applies.'
          ),
          reason: orNull(text('Why it falls short, in words; null when it meets action 01.')),
        }),
        'By name.'
      ),
    }),
  },
  'service-managers': {
    title: 'Action 02: Service Managers',
    schema: 'ServiceManagerMetrics',
    summary: 'Service Managers (action 02)',
    description:
      'Services over 100,000 transactions a year in the tree, counted by the standing of their Service Manager: `compliant` (trained), `training_booked`, `not_trained` and `none_named`. As things stand today.',
    uses: ['organisation'],
    data: object({
      total: count('Services over the threshold.'),
      compliant: count('Of those, services with a trained Service Manager.'),
      share: share('Compliant services out of those over the threshold.'),
      byStatus: object(serviceCounts),
      byOrganisation: arrayOf(
        object({ ...groupFields, total: count(), ...serviceCounts }),
        byOrganisation
      ),
    }),
  },
  'fast-stream': {
    title: 'Fast Stream',
    schema: 'FastStreamMetrics',
    summary: 'Fast Stream',
    description:
      'A published placement round (the latest, unless `roundId` names one): approved placements and their places, places filled and the share of matched entrants given their first choice. And, whatever the round, where every entrant in their first two years (their two-year mark after today) stands against the digital-placement rule today. With an organisation, only placements offered in its tree count, the entrants matched to them, and the entrants whose account is in its tree. The period is not used.',
    uses: ['organisation', 'round'],
    data: object({
      round: orNull(named('The round reported on; null when no round is published.')),
      placements: count('Approved placements.'),
      placesOffered: count(),
      placesFilled: count(),
      fillRate: share('Places filled out of places offered.'),
      matched: count('Entrants given a placement.'),
      firstChoice: count('Of those, given their first choice.'),
      firstChoiceRate: share('First choices out of entrants matched.'),
      digitalRule: object(
        {
          met: count('Entrants with a digital posting that starts before their two-year mark.'),
          onTrack: count(
            'Entrants without one yet, for whom two or more rounds’ postings can still start and end before the mark clear of their other postings, or only one that they are on course for (matched to a digital placement in it, or with one on their submitted list).'
          ),
          atRisk: count(
            'Entrants without one, for whom only one round’s postings can still fit before the mark, and they are not on course for a digital placement in it (or it is a round still to be set up).'
          ),
          missed: count(
            'Entrants without one, for whom no round’s postings can still fit before the mark clear of their other postings.'
          ),
        },
        {
          description:
            'Every entrant in their first two years against the digital-placement rule, each counted once. Rounds not yet set up are taken to follow the last known one every six months.',
        }
      ),
      digitalRuleRate: share('Entrants who met the rule out of every entrant counted.'),
      byOrganisation: arrayOf(
        object({
          ...groupFields,
          offered: count('Places offered.'),
          filled: count('Places filled.'),
        }),
        byOrganisation
      ),
    }),
  },
  'future-leaders': {
    title: 'Future Leaders Scheme',
    schema: 'FutureLeadersMetrics',
    summary: 'Future Leaders Scheme',
    description:
      'Where every Future Leader within the scheme (its end, 18 months after they joined, after today) stands today against the digital-placement rule: one placement in a digitally delivered service area before the scheme ends, counted as the Fast Stream’s rule is, from Future Leaders rounds only. And, for every service of the register with an approved placement in a Future Leaders round, its placements, places offered and places filled by a published match. With an organisation, only Future Leaders whose account is in its tree count, and only services run in it. The period and the round are not used.',
    uses: ['organisation'],
    data: object({
      participants: count('Future Leaders within the scheme: the sum of the four states.'),
      digitalRule: object(
        {
          met: count(
            'Future Leaders with a placement in a digitally delivered service that starts before the scheme ends.'
          ),
          onTrack: count(
            'Future Leaders without one yet, for whom two or more Future Leaders rounds’ postings can still start and end before the scheme ends clear of their other postings, or only one that they are on course for (matched to a placement in it, or with one on their submitted list).'
          ),
          atRisk: count(
            'Future Leaders without one, for whom only one round’s postings can still fit before the scheme ends, and they are not on course for a placement in it (or it is a round still to be set up).'
          ),
          missed: count(
            'Future Leaders without one, for whom no round’s postings can still fit before the scheme ends clear of their other postings.'
          ),
        },
        {
          description:
            'Every Future Leader within the scheme against the digital-placement rule, each counted once. Future Leaders rounds not yet set up are taken to follow the last known one every six months.',
        }
      ),
      digitalRuleRate: share('Future Leaders who met the rule out of every one counted.'),
      placementsByService: arrayOf(
        object({
          id: id('The service’s id in the services register.'),
          name: text('The service’s name.'),
          organisation: text('The organisation that runs it.'),
          placements: count('Approved placements of Future Leaders rounds in the service.'),
          placesOffered: count('Their places.'),
          placesFilled: count('Places given to Future Leaders by published matches.'),
        }),
        'By service, by name.'
      ),
    }),
  },
  'trends': {
    title: 'Trends',
    schema: 'TrendMetrics',
    summary: 'Trends',
    description:
      'The key measures from the daily snapshots taken in the period, one value per day. Snapshots are kept for all of government and for each department; other organisations have none.',
    uses: ['organisation', 'period', 'quarter'],
    data: object({
      tracked: boolean(
        'Whether snapshots are taken for the organisation: all of government and departments.'
      ),
      dates: arrayOf(date(), 'The days with a snapshot, earliest first.'),
      measures: arrayOf(
        object({
          key: oneOfValues(measures),
          label: text(),
          unit: oneOfValues(['percent', 'count']),
          values: arrayOf(
            orNull({ type: 'number' }),
            'One value per day in `dates`; null where that day’s snapshot has none.'
          ),
        }),
        'Every measure, in the same order each time.'
      ),
    }),
  },
}

const UNUSED = 'This panel does not use it, but it is checked all the same.'

/* The dashboards' filters, described for one panel. */
function filterParameters(uses: Filter[]): Parameter[] {
  const used = (filter: Filter, description: string) =>
    uses.includes(filter) ? description : `${description} ${UNUSED}`
  return [
    query(
      'organisationId',
      uses.includes('organisation')
        ? 'The organisation to report on, with everything under it. It must lie in the caller’s scope, else 404. Left out: department HR get their own organisation, capability admins all of government.'
        : 'The organisation named in `meta`; it must lie in the caller’s scope, else 404. This panel counts the whole catalogue whatever it is.',
      id()
    ),
    query(
      'year',
      used(
        'period',
        'The financial year, by the year it starts: `2025` for 2025–26. This one when left out.'
      ),
      integer(undefined, { min: 2010, max: 2100 })
    ),
    query(
      'quarter',
      used('quarter', 'A quarter of the financial year, from 1 (April to June) to 4.'),
      integer(undefined, { min: 1, max: 4 })
    ),
    query('rows', used('rows', 'The heat map’s lines: by role family, or by organisation.'), {
      ...oneOfValues(['family', 'organisation']),
      default: 'family',
    }),
    query(
      'roundId',
      used(
        'round',
        'A published Fast Stream placement round; one that is not published, is a Future Leaders round, or does not exist, answers 404.'
      ),
      id()
    ),
  ]
}

/* `meta` of every panel: which panel, for which organisation and period. */
function meta(key: PanelKey, title: string) {
  return object({
    panel: { type: 'string', const: key },
    title: { type: 'string', const: title },
    organisation: orNull(named('The organisation reported on; null for all of government.')),
    period: schemaRef('MetricsPeriod'),
  })
}

const pascal = (key: string) =>
  key
    .split('-')
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('')

function operation(key: PanelKey, panel: PanelDescription & { title: string }): Operation {
  return {
    operationId: `get${pascal(key)}Metrics`,
    summary: panel.summary,
    description: `${panel.description} For department HR (their organisation’s tree) and capability admins (all of government); the same figures as the dashboard panel and its CSV download.`,
    tags: [TAG],
    parameters: filterParameters(panel.uses),
    responses: {
      200: answer(
        'The panel’s figures.',
        object({ data: schemaRef(panel.schema), meta: meta(key, panel.title) })
      ),
      ...problems(401),
      403: problemAnswer('The caller is neither department HR nor a capability admin.'),
      404: problemAnswer(
        'The organisation is outside the caller’s scope or does not exist, or the round is not a published one.'
      ),
      ...problems(422),
    },
  }
}

/* The dashboards' figures, one operation per panel. */
export const metrics: ApiArea = {
  tag: {
    name: TAG,
    description:
      'The figures of the dashboards, one operation per panel, with the dashboards’ filters. Department HR see their own organisation’s tree; capability admins all of government. Each answers `{"data": {...}, "meta": {"panel", "title", "organisation", "period"}}`.',
  },
  schemas: {
    MetricsPeriod: object(
      {
        year: integer('The financial year, by the year it starts.', { min: 2010, max: 2100 }),
        quarter: orNull(integer('The quarter; null for the whole year.', { min: 1, max: 4 })),
        label: text('Such as `2025–26`, or `Q1 2025–26 (April to June 2025)`.'),
        start: date('The first day.'),
        end: date('The last day.'),
      },
      { description: 'The period the filters chose, whether or not the panel uses it.' }
    ),
    ...Object.fromEntries(PANEL_KEYS.map((key) => [PANELS[key].schema, PANELS[key].data])),
  },
  paths: Object.fromEntries(
    PANEL_KEYS.map((key): [string, PathItem] => [
      `/metrics/${key}`,
      { get: operation(key, PANELS[key]) },
    ])
  ),
}
