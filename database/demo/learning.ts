import { readFileSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import { DateTime } from 'luxon'
import { Faker, base, en, en_GB } from '@faker-js/faker'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { recordAudit } from '#services/audit'
import { AuditActions } from '#enums/audit_actions'
import {
  audienceKindValues,
  courseModeValues,
  courseStatusValues,
  ACTIVE_ENROLMENT_STATUSES,
  EnrolmentStatuses,
  LearningRecordSources,
  SessionStatuses,
  SkillClaimStatuses,
  type AudienceKind,
  type CourseMode,
  type CourseStatus,
  type EnrolmentStatus,
} from '#enums/learning'
import { UK_ZONE, instantFromSql } from '#domain/shared/uk_time'

/*
 * The demo's learning catalogue and the history around it: providers,
 * courses with their outcomes and audiences, sessions past and to come,
 * and enrolments in every state, written straight to the tables in a few
 * batched inserts. Every row is one the learning actions could have
 * written: the same statuses, timestamps and seat rules (booked places
 * never above capacity, waiting lists numbered 1..n, active_session_id set
 * only while an enrolment holds or waits for a place).
 */

const DEMO_DOMAIN = 'demo.example'
const COURSE_ADMIN_EMAIL = `courses@${DEMO_DOMAIN}`
const LEARNER_COUNT = 50
const CHUNK = 400

export const DEMO_PROVIDERS = [
  { code: 'GDS-ACADEMY', name: 'GDS Academy', organisation: 'gds', admins: [COURSE_ADMIN_EMAIL] },
  { code: 'CSL', name: 'Civil Service Learning', organisation: 'co', admins: [] },
  { code: 'DLN', name: 'Digital Leaders Network', organisation: null, admins: [] },
] as const

type ProviderName = (typeof DEMO_PROVIDERS)[number]['name']

export type CourseSeed = {
  code: string
  title: string
  summary: string
  provider: ProviderName
  mode: CourseMode
  durationHours: number
  cost: number
  requiresApproval: boolean
  status: CourseStatus
  outcomes: { skill: string; level: number }[]
  audiences: { role: string; kind: AudienceKind }[]
}

/* Reads and checks the demo course list, naming the course at fault when something is wrong. */
export function readCourseSeed(): CourseSeed[] {
  const file = app.makePath('database/data/learning/courses.json')
  const raw: unknown = JSON.parse(readFileSync(file, 'utf8'))
  if (!Array.isArray(raw)) throw new Error('courses.json must hold a JSON array of courses.')
  const providers: readonly string[] = DEMO_PROVIDERS.map((provider) => provider.name)
  const codes = new Set<string>()
  return raw.map((item, index) => {
    const course = item as CourseSeed
    const fail = (problem: string) => {
      throw new Error(`courses.json, course ${index + 1} (${course?.code ?? '?'}): ${problem}.`)
    }
    if (typeof course.code !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9-]{1,31}$/.test(course.code))
      fail('the code must be 2 to 32 letters, numbers or hyphens')
    if (codes.has(course.code.toLowerCase())) fail('the code appears twice')
    codes.add(course.code.toLowerCase())
    if (typeof course.title !== 'string' || course.title.length < 2) fail('the title is missing')
    if (typeof course.summary !== 'string' || !course.summary) fail('the summary is missing')
    if (!providers.includes(course.provider)) fail(`unknown provider "${course.provider}"`)
    if (!courseModeValues.includes(course.mode)) fail(`unknown mode "${course.mode}"`)
    if (!courseStatusValues.includes(course.status)) fail(`unknown status "${course.status}"`)
    if (!(course.durationHours > 0)) fail('the duration must be a positive number of hours')
    if (!(course.cost >= 0)) fail('the cost must be zero or more pounds')
    if (typeof course.requiresApproval !== 'boolean') fail('requiresApproval must be true or false')
    if (!Array.isArray(course.outcomes) || !Array.isArray(course.audiences))
      fail('outcomes and audiences must be arrays')
    for (const outcome of course.outcomes) {
      if (!Number.isInteger(outcome.level) || outcome.level < 1 || outcome.level > 4)
        fail(`the level for "${outcome.skill}" must be 1 to 4`)
    }
    for (const audience of course.audiences) {
      if (!audienceKindValues.includes(audience.kind))
        fail(`unknown audience kind "${audience.kind}" for "${audience.role}"`)
    }
    return course
  })
}

export type DemoLearningSummary = {
  providers: number
  courses: number
  sessions: number
  enrolments: Record<EnrolmentStatus, number>
  learningRecords: number
  skillClaims: number
}

/* One line for the seeder's log. */
export function describeDemoLearning(summary: DemoLearningSummary) {
  const total = Object.values(summary.enrolments).reduce((sum, count) => sum + count, 0)
  const byStatus = Object.entries(summary.enrolments)
    .map(([status, count]) => `${count} ${status.replace('_', ' ')}`)
    .join(', ')
  return (
    `Demo learning: ${summary.courses} courses from ${summary.providers} providers, ` +
    `${summary.sessions} sessions, ${total} enrolments (${byStatus}), ` +
    `${summary.learningRecords} learning records, ${summary.skillClaims} skill claims.`
  )
}

type Person = { id: number; email: string; managerId: number | null; grade: string | null }

type CourseRow = { id: number; seed: CourseSeed; providerName: string }

type PlannedSession = {
  course: CourseRow
  startsAt: DateTime
  endsAt: DateTime
  closesAt: DateTime
  venue: string | null
  location: string | null
  onlineUrl: string | null
  capacity: number
  createdAt: DateTime
  cancelledAt: DateTime | null
  cancellationReason: string | null
  reminderSentAt: DateTime | null
  past: boolean
  seats: number
  waitlisted: number
  id: number
}

type PlannedEnrolment = {
  session: PlannedSession
  person: Person
  status: EnrolmentStatus
  createdAt: DateTime
  updatedAt: DateTime
  requestNote: string | null
  decidedBy: number | null
  decidedAt: DateTime | null
  decisionReason: string | null
  bookedAt: DateTime | null
  waitlistPosition: number | null
  cancelledBy: number | null
  cancelledAt: DateTime | null
  cancellationReason: string | null
  attendanceMarkedAt: DateTime | null
  completedAt: DateTime | null
  id: number
}

const PLACES = [
  { location: 'London', venue: 'Aviation House, 125 Kingsway', weight: 6 },
  { location: 'Leeds', venue: 'Quarry House', weight: 2 },
  { location: 'Manchester', venue: 'Albert Bridge House', weight: 2 },
  { location: 'Newcastle', venue: 'Benton Park View', weight: 1 },
  { location: 'Bristol', venue: 'Temple Quay House', weight: 1 },
  { location: 'Glasgow', venue: 'Atlantic Quay', weight: 1 },
  { location: 'Cardiff', venue: 'Crown Buildings, Cathays Park', weight: 1 },
  { location: 'Sheffield', venue: 'Moorfoot', weight: 1 },
]

/* The course whose popular session is full with a waiting list, and the one with a cancelled session. */
const POPULAR_COURSE = 'GDS-AG01'
const POPULAR_CAPACITY = 12
const CANCELLED_COURSE = 'GDS-SD01'
const SESSION_CANCELLATION =
  'The trainer is unwell and we could not find a replacement in time. ' +
  'Please book one of the other dates; we are sorry for the short notice.'

const REQUEST_NOTES = [
  'I am due to take over a service in beta later this year and need this before our assessment.',
  'This is in my personal development plan for the year, agreed at my mid-year review.',
  'Our team is moving to agile delivery and I would like to lead on it.',
  'I have been asked to cover the role while my colleague is on maternity leave.',
  'The course would help with the supplier contract we are about to re-let.',
  'I would like to move into this profession and this is the recognised starting point.',
]
const DECLINE_REASONS = [
  'The masterclass is meant for the department’s named digital leaders. Let’s find you a place on Agile for leaders instead.',
  'We have no training budget left this quarter. Please ask again once the new financial year starts.',
  'The team cannot spare you during the release in that week. Please choose a later date.',
  'I would like you to complete the foundation course first; we can talk about this one afterwards.',
]
const LEARNER_CANCELLATIONS = [
  'Our release date has moved and I cannot be away from the team that week.',
  'I have been moved to a new team and this is no longer relevant to my role.',
  'It clashes with a ministerial visit I have to support.',
  'I am now on leave that week; I will book a later date.',
  'A colleague needs the place more urgently, so I am giving mine up.',
]
const DECLARED = [
  {
    learner: 36,
    title: 'Certified ScrumMaster',
    provider: 'Scrum Alliance',
    daysAgo: 150,
    evidence: true,
  },
  { learner: 37, title: 'PRINCE2 Foundation', provider: 'APM Group', daysAgo: 240, evidence: true },
  {
    learner: 38,
    title: 'Google Analytics Individual Qualification',
    provider: 'Google',
    daysAgo: 95,
    evidence: true,
  },
  {
    learner: 39,
    title: 'Python for beginners (evening class)',
    provider: 'City of Westminster College',
    daysAgo: 60,
    evidence: false,
  },
  {
    learner: 40,
    title: 'Open data in practice',
    provider: 'Open Data Institute',
    daysAgo: 30,
    evidence: true,
  },
  {
    learner: 2,
    title: 'Accessibility unconference',
    provider: null,
    daysAgo: 45,
    evidence: false,
  },
  {
    learner: 12,
    title: 'Lunchtime talk: what we learnt from the first exemplar service',
    provider: 'GDS',
    daysAgo: 12,
    evidence: false,
  },
]

const SENIOR_GRADES = ['G7', 'G6', 'SCS1', 'SCS2', 'SCS3', 'SCS4']

/* Online courses with a session tomorrow, its hour (UK time), and learnerNN accounts booked on it. */
const SOON_SESSIONS: [code: string, hour: number, learners: number[]][] = [
  ['CSL-OL01', 10, [2, 4]],
  ['CSL-UR01', 14, [6]],
]

/* Enrolments by which a learner already holds a course. */
const HOLDING_STATUSES: EnrolmentStatus[] = [
  EnrolmentStatuses.Requested,
  EnrolmentStatuses.Booked,
  EnrolmentStatuses.Waitlisted,
  EnrolmentStatuses.Attended,
  EnrolmentStatuses.Completed,
]

/*
 * Adds the demo learning data unless any of its courses already exists.
 * Needs the framework and the demo people; dates are relative to `now`,
 * and the same people and `now` always give the same data.
 */
export async function seedDemoLearning(
  client: QueryClientContract,
  options: { now: DateTime }
): Promise<DemoLearningSummary | null> {
  const seeds = readCourseSeed()
  return client.transaction(async (trx) => {
    const existing = await trx
      .from('courses')
      .whereIn(
        'code',
        seeds.map((seed) => seed.code)
      )
      .select('id')
      .first()
    if (existing) return null
    return new DemoLearning(trx, seeds, options.now).run()
  })
}

class DemoLearning {
  private faker = new Faker({ locale: [en_GB, en, base] })
  private now: DateTime
  private today: DateTime
  private sessions: PlannedSession[] = []
  private enrolments: PlannedEnrolment[] = []
  private taken = new Map<PlannedSession, Set<number>>()
  private spans = new Map<number, { from: number; to: number }[]>()
  private load = new Map<number, { upcoming: number; past: number }>()
  private marks = new Map<PlannedEnrolment, 'attended' | 'no_show' | 'completed'>()
  private people: Person[] = []
  private byEmail = new Map<string, Person>()

  constructor(
    private trx: TransactionClientContract,
    private seeds: CourseSeed[],
    now: DateTime
  ) {
    this.faker.seed(2013)
    this.now = now.toUTC().set({ millisecond: 0 })
    this.today = this.now.setZone(UK_ZONE).startOf('day')
  }

  private sql(value: DateTime): string
  private sql(value: DateTime | null): string | null
  private sql(value: DateTime | null) {
    return value ? value.toUTC().toFormat(this.trx.dialect.dateTimeFormat) : null
  }

  async run(): Promise<DemoLearningSummary> {
    await this.loadPeople()
    const courses = await this.insertCatalogue()
    this.planSessions(courses)
    this.planEnrolments()
    await this.insertSessions()
    await this.insertEnrolments()
    const { records, claims } = await this.insertLearningRecords()

    const enrolments = Object.fromEntries(
      Object.values(EnrolmentStatuses).map((status) => [status, 0])
    ) as Record<EnrolmentStatus, number>
    for (const enrolment of this.enrolments) enrolments[enrolment.status] += 1
    const summary: DemoLearningSummary = {
      providers: DEMO_PROVIDERS.length,
      courses: courses.length,
      sessions: this.sessions.length,
      enrolments,
      learningRecords: records,
      skillClaims: claims,
    }
    await recordAudit(
      {
        action: AuditActions.Create,
        subjectType: 'demo_learning',
        subjectLabel: 'Demo learning data',
        actorId: null,
        after: summary,
      },
      this.trx
    )
    return summary
  }

  /* ---------------------------------------------------------------- people */

  private async loadPeople() {
    const rows = await this.trx
      .from('users')
      .where('email', 'like', `%@${DEMO_DOMAIN}`)
      .whereNull('deactivated_at')
      .orderBy('email')
      .select('id', 'email', 'line_manager_id', 'grade')
    this.people = rows.map((row) => ({
      id: Number(row.id),
      email: row.email,
      managerId: row.line_manager_id === null ? null : Number(row.line_manager_id),
      grade: row.grade,
    }))
    this.byEmail = new Map(this.people.map((person) => [person.email, person]))
    const needed = [COURSE_ADMIN_EMAIL, ...this.learnerEmails()]
    const missing = needed.filter((email) => !this.byEmail.has(email))
    if (missing.length > 0) {
      throw new Error(
        `The demo learning data needs the demo people; missing: ${missing.join(', ')}.`
      )
    }
  }

  private learnerEmails() {
    return Array.from(
      { length: LEARNER_COUNT },
      (_, index) => `learner${String(index + 1).padStart(2, '0')}@${DEMO_DOMAIN}`
    )
  }

  private learner(number: number) {
    return this.byEmail.get(`learner${String(number).padStart(2, '0')}@${DEMO_DOMAIN}`)!
  }

  /* ------------------------------------------------------------- catalogue */

  private async insertCatalogue(): Promise<CourseRow[]> {
    const trx = this.trx
    const skillNames = [...new Set(this.seeds.flatMap((seed) => seed.outcomes.map((o) => o.skill)))]
    const roleNames = [...new Set(this.seeds.flatMap((seed) => seed.audiences.map((a) => a.role)))]
    const skillRows = await trx.from('skills').whereIn('name', skillNames).select('id', 'name')
    const skillIds = new Map<string, number>(skillRows.map((row) => [row.name, Number(row.id)]))
    const roleRows = await trx
      .from('role_profiles')
      .whereIn('name', roleNames)
      .orderByRaw('case when retired_at is null then 0 else 1 end')
      .orderBy('id')
      .select('id', 'name')
    const roleIds = new Map<string, number>()
    for (const row of roleRows) if (!roleIds.has(row.name)) roleIds.set(row.name, Number(row.id))
    const missingSkills = skillNames.filter((name) => !skillIds.has(name))
    const missingRoles = roleNames.filter((name) => !roleIds.has(name))
    if (missingSkills.length || missingRoles.length) {
      const parts = []
      if (missingSkills.length) parts.push(`skills: ${missingSkills.join('; ')}`)
      if (missingRoles.length) parts.push(`role profiles: ${missingRoles.join('; ')}`)
      throw new Error(
        `The demo courses name framework entries that do not exist (${parts.join('. ')}). ` +
          'Seed the framework first, or correct database/data/learning/courses.json.'
      )
    }

    const catalogueSince = this.now.minus({ days: 200 })
    const providerIds = await this.ensureProviders(catalogueSince)

    const created = this.sql(catalogueSince)
    const rows = this.seeds.map((seed) => ({
      provider_id: providerIds.get(seed.provider)!,
      code: seed.code,
      title: seed.title,
      summary: seed.summary,
      mode: seed.mode,
      duration_hours: seed.durationHours,
      cost_pence: Math.round(seed.cost * 100),
      status: seed.status,
      requires_approval: seed.requiresApproval,
      created_at: created,
      updated_at: created,
    }))
    await this.insertAll('courses', rows)
    const inserted = await trx
      .from('courses')
      .whereIn(
        'code',
        this.seeds.map((seed) => seed.code)
      )
      .select('id', 'code')
    const courseIds = new Map<string, number>(inserted.map((row) => [row.code, Number(row.id)]))
    const courses = this.seeds.map((seed) => ({
      id: courseIds.get(seed.code)!,
      seed,
      providerName: seed.provider,
    }))

    await this.insertAll(
      'course_outcomes',
      courses.flatMap((course) =>
        course.seed.outcomes.map((outcome) => ({
          course_id: course.id,
          skill_id: skillIds.get(outcome.skill)!,
          level: outcome.level,
          created_at: created,
          updated_at: created,
        }))
      )
    )
    await this.insertAll(
      'course_audiences',
      courses.flatMap((course) =>
        course.seed.audiences.map((audience) => ({
          course_id: course.id,
          role_profile_id: roleIds.get(audience.role)!,
          kind: audience.kind,
          created_at: created,
          updated_at: created,
        }))
      )
    )
    this.skillIds = skillIds
    return courses
  }

  private skillIds = new Map<string, number>()

  /* Uses providers already there (same code or name, any case) and adds the rest, with their admins. */
  private async ensureProviders(since: DateTime) {
    const trx = this.trx
    const ids = new Map<string, number>()
    const organisations = await trx
      .from('organisations')
      .whereIn('code', ['gds', 'co'])
      .select('id', 'code')
    const organisationId = new Map<string, number>(
      organisations.map((row) => [row.code, Number(row.id)])
    )
    for (const provider of DEMO_PROVIDERS) {
      let row = await trx
        .from('providers')
        .whereRaw('lower(code) = ? or lower(name) = ?', [
          provider.code.toLowerCase(),
          provider.name.toLowerCase(),
        ])
        .select('id')
        .first()
      if (!row) {
        await trx.table('providers').insert({
          code: provider.code,
          name: provider.name,
          organisation_id: provider.organisation
            ? (organisationId.get(provider.organisation) ?? null)
            : null,
          created_at: this.sql(since),
          updated_at: this.sql(since),
        })
        row = await trx.from('providers').where('code', provider.code).select('id').first()
      }
      const providerId = Number(row.id)
      ids.set(provider.name, providerId)
      for (const email of provider.admins) {
        const admin = this.byEmail.get(email)!
        const link = await trx
          .from('provider_admins')
          .where({ provider_id: providerId, user_id: admin.id })
          .first()
        if (!link) {
          await trx
            .table('provider_admins')
            .insert({ provider_id: providerId, user_id: admin.id, created_at: this.sql(since) })
        }
      }
    }
    return ids
  }

  /* -------------------------------------------------------------- sessions */

  private at(day: DateTime, hour: number, minute = 0) {
    return day.setZone(UK_ZONE).set({ hour, minute, second: 0, millisecond: 0 })
  }

  private int(min: number, max: number) {
    return this.faker.number.int({ min, max })
  }

  private chance(probability: number) {
    return this.faker.number.float({ min: 0, max: 1 }) < probability
  }

  /* A moment between two instants, during the working day when the range allows. */
  private moment(from: DateTime, to: DateTime): DateTime {
    if (to <= from) return from
    const pick = DateTime.fromMillis(this.int(from.toMillis(), to.toMillis()), { zone: UK_ZONE })
    const working = pick.set({
      hour: this.int(8, 17),
      minute: this.int(0, 59),
      second: this.int(0, 59),
      millisecond: 0,
    })
    if (working >= from && working <= to) return working
    const whole = pick.set({ millisecond: 0 })
    return whole >= from ? whole : from
  }

  private sessionDays(seed: CourseSeed) {
    if (seed.mode === 'online') return 1
    const perDay = seed.mode === 'blended' ? 14 : 7
    return Math.min(5, Math.max(1, Math.ceil(seed.durationHours / perDay)))
  }

  /*
   * Moves a start day so that all the session's days fall within one
   * working week, clear of the Christmas and New Year break.
   */
  private fitWeek(day: DateTime, days: number, direction: 1 | -1) {
    const festive = (date: DateTime) =>
      (date.month === 12 && date.day >= 22) || (date.month === 1 && date.day <= 2)
    const fits = (start: DateTime) =>
      start.weekday + days - 1 <= 5 &&
      Array.from({ length: days }, (_, index) => start.plus({ days: index })).every(
        (date) => !festive(date)
      )
    let start = day
    while (!fits(start)) start = start.plus({ days: direction })
    return start
  }

  private addSession(
    course: CourseRow,
    startDay: DateTime,
    options: { past: boolean; capacity?: number; hour?: number }
  ) {
    const seed = course.seed
    const days = this.sessionDays(seed)
    const startsAt = this.at(startDay, options.hour ?? 9, options.hour === undefined ? 30 : 0)
    const endsAt =
      seed.mode === 'online'
        ? startsAt.plus({ minutes: Math.round(Math.min(seed.durationHours, 7) * 60) })
        : this.at(startDay.plus({ days: days - 1 }), 16, 30)
    const place =
      seed.mode === 'online'
        ? null
        : this.faker.helpers.weightedArrayElement(
            PLACES.map((value) => ({ value, weight: value.weight }))
          )
    const number = this.sessions.filter((session) => session.course === course).length + 1
    const createdAt = options.past
      ? this.moment(startsAt.minus({ days: 56 }), startsAt.minus({ days: 28 }))
      : this.moment(this.now.minus({ days: 75 }), this.now.minus({ days: 21 }))
    const session: PlannedSession = {
      course,
      startsAt,
      endsAt,
      closesAt: startsAt.minus({ days: 3 }),
      venue: place?.venue ?? null,
      location: place?.location ?? null,
      onlineUrl:
        seed.mode === 'online'
          ? `https://meet.${DEMO_DOMAIN}/${seed.code.toLowerCase()}-${number}`
          : null,
      capacity: options.capacity ?? this.int(8, 30),
      createdAt,
      cancelledAt: null,
      cancellationReason: null,
      reminderSentAt: options.past ? startsAt.minus({ hours: 47 }) : null,
      past: options.past,
      seats: 0,
      waitlisted: 0,
      id: 0,
    }
    this.sessions.push(session)
    return session
  }

  private planSessions(courses: CourseRow[]) {
    const published = courses.filter((course) => course.seed.status === 'published')
    for (const [index, course] of published.entries()) {
      const seed = course.seed
      const inPerson = seed.mode !== 'online'
      if (!inPerson && seed.durationHours > 3) continue // self-paced e-learning: no sessions
      const days = this.sessionDays(seed)

      // Upcoming: spread over the next three months, one in each slice of the window.
      const count = !inPerson
        ? this.int(1, 2)
        : seed.code === POPULAR_COURSE
          ? 4
          : seed.code === CANCELLED_COURSE
            ? 3
            : this.int(2, 4)
      const first = 2
      const width = Math.floor((89 - first) / count)
      let earliest = this.today.plus({ days: first })
      for (let slot = 0; slot < count; slot++) {
        const offset = first + slot * width + this.int(0, width - 1)
        const day = this.fitWeek(DateTime.max(this.today.plus({ days: offset }), earliest), days, 1)
        this.addSession(course, day, { past: false })
        earliest = day.plus({ days: days + 1 })
      }

      // Past: some in-person courses ran in the last two months; the popular one twice.
      if (!inPerson) continue
      const pastRuns =
        seed.code === POPULAR_COURSE
          ? 2
          : index % 2 === 0 || seed.requiresApproval || seed.code === 'GDS-UR01'
            ? 1
            : 0
      for (let run = 0; run < pastRuns; run++) {
        const recent = seed.code === POPULAR_COURSE && run === 1
        const back = recent ? 4 : this.int(8, 60)
        let day = this.today.minus({ days: back })
        while (day.weekday > 5) day = day.minus({ days: 1 })
        // Stay within the last two months: if the Christmas break pushes it further back, go forward.
        const earlier = this.fitWeek(day, days, -1)
        const later = this.fitWeek(day, days, 1)
        const laterEnds = later.plus({ days: days - 1 })
        day = earlier < this.today.minus({ days: 62 }) && laterEnds < this.today ? later : earlier
        this.addSession(course, day, { past: true })
      }
    }
  }

  /* Sessions are numbered in date order, the last to start the newest. */
  private async insertSessions() {
    const inDateOrder = [...this.sessions].sort(
      (a, b) => a.startsAt.toMillis() - b.startsAt.toMillis()
    )
    const rows = inDateOrder.map((session) => ({
      course_id: session.course.id,
      starts_at: this.sql(session.startsAt),
      ends_at: this.sql(session.endsAt),
      booking_closes_at: this.sql(session.closesAt),
      venue: session.venue,
      location: session.location,
      online_url: session.onlineUrl,
      capacity: session.capacity,
      status: session.cancelledAt ? SessionStatuses.Cancelled : SessionStatuses.Scheduled,
      cancelled_at: this.sql(session.cancelledAt),
      cancellation_reason: session.cancellationReason,
      reminder_sent_at: this.sql(session.reminderSentAt),
      created_at: this.sql(session.createdAt),
      updated_at: this.sql(session.cancelledAt ?? session.reminderSentAt ?? session.createdAt),
    }))
    await this.insertAll('course_sessions', rows)
    const inserted = await this.trx
      .from('course_sessions')
      .whereIn('course_id', [...new Set(this.sessions.map((session) => session.course.id))])
      .select('id', 'course_id', 'starts_at')
    const key = (courseId: number, startsAt: DateTime) => `${courseId}:${startsAt.toMillis()}`
    const ids = new Map<string, number>(
      inserted.map((row) => [
        key(Number(row.course_id), instantFromSql(row.starts_at)!),
        Number(row.id),
      ])
    )
    for (const session of this.sessions) {
      session.id = ids.get(key(session.course.id, session.startsAt))!
    }
    if (
      ids.size !== this.sessions.length ||
      new Set(this.sessions.map((s) => s.id)).size !== ids.size
    )
      throw new Error('Demo learning: two sessions of one course start at the same time.')
  }

  /* ----------------------------------------------------------- enrolments */

  private span(session: PlannedSession) {
    return { from: session.startsAt.toMillis(), to: session.endsAt.toMillis() }
  }

  /* Whether the person has no enrolment on the session and nothing else at the same time. */
  private canTake(person: Person, session: PlannedSession) {
    if (this.taken.get(session)?.has(person.id)) return false
    const wanted = this.span(session)
    return (this.spans.get(person.id) ?? []).every(
      (other) => other.to <= wanted.from || other.from >= wanted.to
    )
  }

  private occupy(enrolment: PlannedEnrolment) {
    const { person, session } = enrolment
    const list = this.spans.get(person.id) ?? []
    list.push(this.span(session))
    this.spans.set(person.id, list)
    const load = this.load.get(person.id) ?? { upcoming: 0, past: 0 }
    if (session.past) load.past += 1
    else load.upcoming += 1
    this.load.set(person.id, load)
  }

  private release(enrolment: PlannedEnrolment) {
    const list = this.spans.get(enrolment.person.id) ?? []
    const span = this.span(enrolment.session)
    const index = list.findIndex((item) => item.from === span.from && item.to === span.to)
    if (index >= 0) list.splice(index, 1)
  }

  /* The time in which a learner could have enrolled: after the session was added, before booking closed. */
  private window(session: PlannedSession) {
    let to = DateTime.min(this.now.minus({ hours: 1 }), session.closesAt.minus({ hours: 1 }))
    if (session.cancelledAt) to = DateTime.min(to, session.cancelledAt.minus({ hours: 1 }))
    return { from: session.createdAt.plus({ hours: 2 }), to }
  }

  private start(
    session: PlannedSession,
    person: Person,
    createdAt: DateTime,
    note: string | null = null
  ): PlannedEnrolment {
    if (!this.canTake(person, session)) {
      throw new Error(
        `Demo learning: ${person.email} cannot take session ${session.course.seed.code}.`
      )
    }
    const taken = this.taken.get(session) ?? new Set<number>()
    taken.add(person.id)
    this.taken.set(session, taken)
    const enrolment: PlannedEnrolment = {
      session,
      person,
      status: EnrolmentStatuses.Requested,
      createdAt,
      updatedAt: createdAt,
      requestNote: note,
      decidedBy: null,
      decidedAt: null,
      decisionReason: null,
      bookedAt: null,
      waitlistPosition: null,
      cancelledBy: null,
      cancelledAt: null,
      cancellationReason: null,
      attendanceMarkedAt: null,
      completedAt: null,
      id: 0,
    }
    this.enrolments.push(enrolment)
    return enrolment
  }

  /* A seat: straight away, or once the line manager approved the request. */
  private book(
    session: PlannedSession,
    person: Person,
    range: { from?: DateTime; to?: DateTime; note?: string | null } = {}
  ) {
    if (session.seats >= session.capacity) {
      throw new Error(`Demo learning: session ${session.course.seed.code} is already full.`)
    }
    const window = this.window(session)
    const from = range.from ?? window.from
    const to = range.to ?? window.to
    const approval = session.course.seed.requiresApproval
    if (approval && !person.managerId) {
      throw new Error(`Demo learning: ${person.email} has no line manager to approve a request.`)
    }
    const createdAt = this.moment(from, approval ? DateTime.max(from, to.minus({ days: 2 })) : to)
    const enrolment = this.start(session, person, createdAt, range.note ?? null)
    if (approval) {
      enrolment.decidedBy = person.managerId
      enrolment.decidedAt = this.moment(
        createdAt.plus({ hours: 1 }),
        DateTime.max(createdAt.plus({ hours: 1 }), DateTime.min(createdAt.plus({ days: 4 }), to))
      )
      enrolment.decisionReason = this.chance(0.2)
        ? 'Approved. Please share what you learn at the next team meeting.'
        : null
    }
    enrolment.status = EnrolmentStatuses.Booked
    enrolment.bookedAt = enrolment.decidedAt ?? createdAt
    enrolment.updatedAt = enrolment.bookedAt
    session.seats += 1
    this.occupy(enrolment)
    return enrolment
  }

  private waitlist(session: PlannedSession, person: Person, after: DateTime) {
    const window = this.window(session)
    const enrolment = this.start(session, person, this.moment(after, window.to))
    session.waitlisted += 1
    enrolment.status = EnrolmentStatuses.Waitlisted
    enrolment.waitlistPosition = session.waitlisted
    this.occupy(enrolment)
    return enrolment
  }

  private request(session: PlannedSession, person: Person, note: string) {
    if (!person.managerId) throw new Error(`Demo learning: ${person.email} has no line manager.`)
    const window = this.window(session)
    const from = DateTime.max(window.from, this.now.minus({ days: 12 }))
    const enrolment = this.start(session, person, this.moment(from, window.to), note)
    this.occupy(enrolment)
    return enrolment
  }

  private decline(session: PlannedSession, person: Person, reason: string, note: string) {
    if (!person.managerId) throw new Error(`Demo learning: ${person.email} has no line manager.`)
    const window = this.window(session)
    const createdAt = this.moment(
      window.from,
      DateTime.max(window.from, window.to.minus({ days: 2 }))
    )
    const enrolment = this.start(session, person, createdAt, note)
    enrolment.status = EnrolmentStatuses.Declined
    enrolment.decidedBy = person.managerId
    enrolment.decidedAt = this.moment(
      createdAt.plus({ hours: 1 }),
      DateTime.max(
        createdAt.plus({ hours: 1 }),
        DateTime.min(createdAt.plus({ days: 5 }), window.to)
      )
    )
    enrolment.decisionReason = reason
    enrolment.updatedAt = enrolment.decidedAt
    return enrolment
  }

  /* The learner cancels, before booking closes; a booked seat goes back (no waiting list here). */
  private cancelByLearner(enrolment: PlannedEnrolment, reason: string) {
    const session = enrolment.session
    if (enrolment.status === EnrolmentStatuses.Waitlisted || session.waitlisted > 0) {
      throw new Error('Demo learning: cancellations are only planned where nobody waits.')
    }
    if (enrolment.status === EnrolmentStatuses.Booked) session.seats -= 1
    const since = enrolment.updatedAt.plus({ hours: 1 })
    const cancelledAt = this.moment(since, DateTime.max(since, this.window(session).to))
    enrolment.status = EnrolmentStatuses.Cancelled
    enrolment.cancelledBy = enrolment.person.id
    enrolment.cancelledAt = cancelledAt
    enrolment.cancellationReason = reason
    enrolment.updatedAt = cancelledAt
    this.release(enrolment)
  }

  /* Attendance once a past session has run; completion writes the learning record later. */
  private mark(enrolment: PlannedEnrolment, mark: 'attended' | 'no_show' | 'completed') {
    const session = enrolment.session
    const lastDay = session.endsAt.setZone(UK_ZONE).startOf('day')
    const markedAt = this.moment(session.endsAt.plus({ minutes: 10 }), this.at(lastDay, 17, 30))
    enrolment.attendanceMarkedAt = markedAt
    enrolment.updatedAt = markedAt
    if (mark === 'no_show') {
      enrolment.status = EnrolmentStatuses.NoShow
      return
    }
    enrolment.status = EnrolmentStatuses.Attended
    if (mark === 'attended') return
    const from = this.at(lastDay.plus({ days: 1 }), 9)
    const to = DateTime.min(this.at(lastDay.plus({ days: 6 }), 17), this.now.minus({ hours: 1 }))
    if (to <= from) return // too recent to have been completed yet
    const completedAt = this.moment(from, to)
    enrolment.status = EnrolmentStatuses.Completed
    enrolment.attendanceMarkedAt = completedAt
    enrolment.completedAt = completedAt
    enrolment.updatedAt = completedAt
  }

  private upcoming(code: string) {
    return this.sessions.filter(
      (session) => session.course.seed.code === code && !session.past && !session.cancelledAt
    )
  }

  private openForBooking(session: PlannedSession) {
    return !session.past && !session.cancelledAt && session.closesAt > this.now.plus({ days: 1 })
  }

  /* The first upcoming session of a course, open for booking, that the person can take. */
  private pick(code: string, person: Person, test = (s: PlannedSession) => this.openForBooking(s)) {
    const found = this.upcoming(code).find(
      (session) =>
        test(session) && this.canTake(person, session) && session.seats < session.capacity
    )
    if (!found) throw new Error(`Demo learning: no session of ${code} suits ${person.email}.`)
    return found
  }

  private pickPast(code: string, person: Person, when: 'old' | 'recent' | 'any'): PlannedSession {
    const boundary = this.today.minus({ days: 7 })
    const found = this.sessions.find(
      (session) =>
        session.course.seed.code === code &&
        session.past &&
        (when === 'any' || (when === 'recent') === session.endsAt >= boundary) &&
        this.canTake(person, session) &&
        session.seats < session.capacity
    )
    if (found) return found
    // Just after the Christmas break there may be no recent session; any past one will do.
    if (when === 'recent') return this.pickPast(code, person, 'any')
    throw new Error(`Demo learning: no past session of ${code} suits ${person.email}.`)
  }

  private eligible(person: Person, session: PlannedSession, limit: number) {
    const seed = session.course.seed
    if (seed.requiresApproval && !person.managerId) return false
    if (seed.provider === 'Digital Leaders Network' && !SENIOR_GRADES.includes(person.grade ?? ''))
      return false
    const load = this.load.get(person.id) ?? { upcoming: 0, past: 0 }
    if ((session.past ? load.past : load.upcoming) >= limit) return false
    return this.canTake(person, session)
  }

  private candidates(session: PlannedSession, limit: number) {
    return this.faker.helpers
      .shuffle(this.people)
      .filter((person) => this.eligible(person, session, limit))
  }

  /* ------------------------------------------------------------- stories */

  private planEnrolments() {
    const popular = this.upcoming(POPULAR_COURSE).find((session) => this.openForBooking(session))
    const cancelled = this.upcoming(CANCELLED_COURSE).filter((s) => this.openForBooking(s))[1]
    if (!popular || !cancelled)
      throw new Error('Demo learning: the session plan lacks open sessions.')
    popular.capacity = POPULAR_CAPACITY
    cancelled.cancelledAt = this.moment(this.now.minus({ days: 4 }), this.now.minus({ days: 1 }))
    cancelled.cancellationReason = SESSION_CANCELLATION

    this.planLearnerStories()
    this.planPopularSession(popular)
    this.planCancelledSession(cancelled)
    this.planPastStories()
    this.fillUpcoming(popular)
    this.fillPast()
    this.giveEveryLearnerSomething(popular)
    this.planSessionsStartingSoon()
  }

  /*
   * Named learner accounts in particular states, so each can be shown in a
   * demo: requests waiting for a line manager who is also a learnerNN
   * account, declined requests, approved bookings and cancellations.
   */
  private planLearnerStories() {
    const learnerIds = new Set(this.learnerEmails().map((email) => this.byEmail.get(email)!.id))
    const reports = this.people.filter(
      (person) => learnerIds.has(person.id) && person.managerId && learnerIds.has(person.managerId)
    )
    if (reports.length === 0) {
      throw new Error(
        'Demo learning: no learner account is line-managed by another learner account.'
      )
    }
    const report = (index: number) => reports[index % reports.length]
    const note = (index: number) => REQUEST_NOTES[index % REQUEST_NOTES.length]

    const awaiting = ['GDS-SM01', 'GDS-PM01', 'CSL-IT01', 'CSL-CY03', 'CSL-AR01', 'GDS-SM01']
    awaiting.forEach((code, index) => {
      const person = report(index)
      this.request(this.pick(code, person), person, note(index))
    })

    const turnedDown = report(6)
    this.decline(this.pick('DLN-DL01', turnedDown), turnedDown, DECLINE_REASONS[0], note(2))
    const noBudget = report(7)
    this.decline(this.pick('CSL-IT01', noBudget), noBudget, DECLINE_REASONS[1], note(4))

    const approved = report(8)
    this.book(this.pick('GDS-SM01', approved), approved, { note: note(0) })
    const approvedToo = report(9)
    this.book(this.pick('GDS-PM01', approvedToo), approvedToo, { note: note(5) })

    const booked: [number, string][] = [
      [3, 'GDS-AG02'],
      [5, 'GDS-UR01'],
      [7, 'GDS-DM01'],
    ]
    for (const [number, code] of booked) {
      const person = this.learner(number)
      this.book(this.pick(code, person), person)
    }

    const changedMind = this.learner(27)
    const session27 = this.pick('GDS-UR01', changedMind)
    this.cancelByLearner(
      this.book(session27, changedMind, { to: this.window(session27).to.minus({ days: 2 }) }),
      LEARNER_CANCELLATIONS[0]
    )
    const withdrew = this.learner(28)
    this.cancelByLearner(
      this.request(this.pick('CSL-CY03', withdrew), withdrew, note(1)),
      LEARNER_CANCELLATIONS[1]
    )
    const clash = this.learner(29)
    const session29 = this.pick('CSL-ET01', clash)
    this.cancelByLearner(
      this.book(session29, clash, { to: this.window(session29).to.minus({ days: 2 }) }),
      LEARNER_CANCELLATIONS[2]
    )
  }

  /* A session booked to capacity, with four people waiting in the order they joined. */
  private planPopularSession(popular: PlannedSession) {
    const window = this.window(popular)
    const bookBy = window.to.minus({ days: 6 })
    for (const number of [1, 11, 13, 25, 26]) {
      this.book(popular, this.learner(number), { to: bookBy })
    }
    for (const person of this.candidates(popular, 3)) {
      if (popular.seats >= popular.capacity) break
      this.book(popular, person, { to: bookBy })
    }
    const others = this.candidates(popular, 3)
    const waiting = [this.learner(21), others[0], this.learner(24), others[1]]
    let after: DateTime = bookBy.plus({ hours: 1 })
    for (const person of waiting) {
      after = this.waitlist(popular, person, after).createdAt.plus({ minutes: 5 })
    }
  }

  /* A course admin cancelled a session: every booking on it was cancelled with the reason. */
  private planCancelledSession(session: PlannedSession) {
    const admin = this.byEmail.get(COURSE_ADMIN_EMAIL)!
    for (const number of [30, 31]) this.book(session, this.learner(number))
    for (const person of this.candidates(session, 3).slice(0, this.int(3, 6))) {
      this.book(session, person)
    }
    for (const enrolment of this.enrolments) {
      if (enrolment.session !== session) continue
      enrolment.status = EnrolmentStatuses.Cancelled
      enrolment.waitlistPosition = null
      enrolment.cancelledBy = admin.id
      enrolment.cancelledAt = session.cancelledAt
      enrolment.cancellationReason = `Session cancelled: ${SESSION_CANCELLATION}`.slice(0, 500)
      enrolment.updatedAt = session.cancelledAt!
      this.release(enrolment)
    }
    session.seats = 0
  }

  private planPastStories() {
    const stories: [
      number,
      string,
      'old' | 'recent' | 'any',
      'attended' | 'no_show' | 'completed',
    ][] = [
      [32, POPULAR_COURSE, 'old', 'completed'],
      [33, POPULAR_COURSE, 'old', 'no_show'],
      [34, POPULAR_COURSE, 'recent', 'attended'],
      [35, 'GDS-SM01', 'any', 'completed'],
      [1, 'GDS-UR01', 'any', 'completed'],
      // The gap view shows the programme as completed and never offers it again.
      [1, 'GDS-SM01', 'any', 'completed'],
      [19, POPULAR_COURSE, 'old', 'completed'],
    ]
    for (const [number, code, when, mark] of stories) {
      const person = this.learner(number)
      this.marks.set(this.book(this.pickPast(code, person, when), person), mark)
    }
  }

  /* Everyone else: upcoming sessions filled in part, with the odd request, refusal or cancellation. */
  private fillUpcoming(popular: PlannedSession) {
    for (const session of this.sessions) {
      if (session.past || session.cancelledAt || session === popular) continue
      const seed = session.course.seed
      const share = this.faker.number.float({ min: 0.15, max: 0.8 })
      const target = Math.max(session.seats, Math.round(session.capacity * share))
      for (const person of this.candidates(session, 3)) {
        if (session.seats >= target) break
        this.book(session, person)
      }

      const window = this.window(session)
      const roomy = window.to.diff(window.from, 'days').days > 4
      if (
        !seed.requiresApproval &&
        roomy &&
        session.seats < session.capacity &&
        this.chance(0.25)
      ) {
        const person = this.candidates(session, 3)[0]
        if (person) {
          this.cancelByLearner(
            this.book(session, person, { to: window.to.minus({ days: 2 }) }),
            this.faker.helpers.arrayElement(LEARNER_CANCELLATIONS)
          )
        }
      }
      if (seed.requiresApproval && this.openForBooking(session) && roomy) {
        if (this.chance(0.5)) {
          const person = this.candidates(session, 3)[0]
          if (person) this.request(session, person, this.faker.helpers.arrayElement(REQUEST_NOTES))
        }
        if (this.chance(0.3)) {
          const person = this.candidates(session, 3)[0]
          if (person) {
            this.decline(
              session,
              person,
              this.faker.helpers.arrayElement(DECLINE_REASONS.slice(1)),
              this.faker.helpers.arrayElement(REQUEST_NOTES)
            )
          }
        }
      }
    }
  }

  /* Past sessions: mostly full, attendance recorded, and completions where a week has passed. */
  private fillPast() {
    const recentSince = this.today.minus({ days: 7 })
    for (const session of this.sessions) {
      if (!session.past) continue
      const share = this.faker.number.float({ min: 0.55, max: 0.95 })
      const target = Math.max(session.seats, Math.round(session.capacity * share))
      for (const person of this.candidates(session, 3)) {
        if (session.seats >= target) break
        this.book(session, person)
      }
      const window = this.window(session)
      if (
        session.seats < session.capacity &&
        window.to.diff(window.from, 'days').days > 4 &&
        this.chance(0.3)
      ) {
        const person = this.candidates(session, 3)[0]
        if (person) {
          this.cancelByLearner(
            this.book(session, person, { to: window.to.minus({ days: 2 }) }),
            this.faker.helpers.arrayElement(LEARNER_CANCELLATIONS)
          )
        }
      }

      const recent = session.endsAt >= recentSince
      for (const enrolment of this.enrolments) {
        if (enrolment.session !== session || enrolment.status !== EnrolmentStatuses.Booked) continue
        const roll = this.faker.number.float({ min: 0, max: 1 })
        const chosen =
          this.marks.get(enrolment) ??
          (recent
            ? roll < 0.85
              ? 'attended'
              : 'no_show'
            : roll < 0.8
              ? 'completed'
              : roll < 0.9
                ? 'no_show'
                : 'attended')
        this.mark(enrolment, chosen)
      }
    }
  }

  /* Each learnerNN account has at least one enrolment to look at. */
  private giveEveryLearnerSomething(popular: PlannedSession) {
    const open = this.sessions.filter(
      (session) =>
        session !== popular &&
        this.openForBooking(session) &&
        !session.course.seed.requiresApproval &&
        session.course.seed.provider !== 'Digital Leaders Network'
    )
    for (const email of this.learnerEmails()) {
      const person = this.byEmail.get(email)!
      if (this.enrolments.some((enrolment) => enrolment.person === person)) continue
      const session = this.faker.helpers
        .shuffle(open)
        .find(
          (candidate) => candidate.seats < candidate.capacity && this.canTake(person, candidate)
        )
      if (session) this.book(session, person)
    }
  }

  /*
   * Two online sessions tomorrow (at 10am and 2pm UK time, so between 10
   * and 38 hours away whenever the demo is made), each with people booked
   * and not yet reminded: the reminder job (learning:send-reminders, which
   * looks 48 hours ahead) has someone to e-mail on a fresh demo. Planned
   * last, so every other story keeps its people and dates.
   */
  private planSessionsStartingSoon() {
    const tomorrow = this.today.plus({ days: 1 })
    for (const [code, hour, learners] of SOON_SESSIONS) {
      const course = this.sessions.find((session) => session.course.seed.code === code)?.course
      if (!course) throw new Error(`Demo learning: ${code} has no sessions to add one to.`)
      const session = this.addSession(course, tomorrow, { past: false, hour })
      const named = learners.map((number) => this.learner(number))
      const others = this.candidates(session, 4)
      const target = Math.round(session.capacity * 0.6)
      for (const person of [...named, ...others]) {
        if (session.seats >= target) break
        if (this.holdsCourse(person, course) || !this.canTake(person, session)) continue
        this.book(session, person)
      }
    }
  }

  /* Whether the person holds a place, request or completion of the course already. */
  private holdsCourse(person: Person, course: CourseRow) {
    return this.enrolments.some(
      (enrolment) =>
        enrolment.person === person &&
        enrolment.session.course === course &&
        HOLDING_STATUSES.includes(enrolment.status)
    )
  }

  /* -------------------------------------------------------------- writing */

  private async insertAll(table: string, rows: Record<string, unknown>[]) {
    for (let index = 0; index < rows.length; index += CHUNK) {
      await this.trx.table(table).multiInsert(rows.slice(index, index + CHUNK))
    }
  }

  private async insertEnrolments() {
    const ordered = [...this.enrolments].sort(
      (a, b) => a.createdAt.toMillis() - b.createdAt.toMillis()
    )
    await this.insertAll(
      'enrolments',
      ordered.map((enrolment) => ({
        session_id: enrolment.session.id,
        user_id: enrolment.person.id,
        status: enrolment.status,
        active_session_id: ACTIVE_ENROLMENT_STATUSES.includes(enrolment.status)
          ? enrolment.session.id
          : null,
        waitlist_position: enrolment.waitlistPosition,
        request_note: enrolment.requestNote,
        decided_by: enrolment.decidedBy,
        decided_at: this.sql(enrolment.decidedAt),
        decision_reason: enrolment.decisionReason,
        booked_at: this.sql(enrolment.bookedAt),
        cancelled_by: enrolment.cancelledBy,
        cancelled_at: this.sql(enrolment.cancelledAt),
        cancellation_reason: enrolment.cancellationReason,
        attendance_marked_at: this.sql(enrolment.attendanceMarkedAt),
        completed_at: this.sql(enrolment.completedAt),
        created_at: this.sql(enrolment.createdAt),
        updated_at: this.sql(enrolment.updatedAt),
      }))
    )
    const rows = await this.trx
      .from('enrolments')
      .whereIn(
        'session_id',
        this.sessions.map((session) => session.id)
      )
      .select('id', 'session_id', 'user_id')
    const ids = new Map<string, number>(
      rows.map((row) => [`${row.session_id}:${row.user_id}`, Number(row.id)])
    )
    for (const enrolment of this.enrolments) {
      enrolment.id = ids.get(`${enrolment.session.id}:${enrolment.person.id}`)!
    }
  }

  /*
   * What completing an enrolment writes (a learning record, and a pending
   * skill claim for each outcome above the level already validated), plus
   * learning people declared themselves.
   */
  private async insertLearningRecords() {
    const completed = this.enrolments
      .filter((enrolment) => enrolment.status === EnrolmentStatuses.Completed)
      .sort((a, b) => a.completedAt!.toMillis() - b.completedAt!.toMillis())

    type RecordRow = {
      user_id: number
      course_id: number | null
      enrolment_id: number | null
      title: string
      provider_name: string | null
      completed_on: string
      source: string
      evidence_url: string | null
      created_at: string
      updated_at: string
    }
    const rows: RecordRow[] = completed.map((enrolment) => ({
      user_id: enrolment.person.id,
      course_id: enrolment.session.course.id,
      enrolment_id: enrolment.id,
      title: enrolment.session.course.seed.title,
      provider_name: enrolment.session.course.providerName,
      // Dated the session's last day, as the roster records it, not the day it was marked.
      completed_on: enrolment.session.endsAt.setZone(UK_ZONE).toISODate()!,
      source: LearningRecordSources.Enrolment,
      evidence_url: null,
      created_at: this.sql(enrolment.completedAt!),
      updated_at: this.sql(enrolment.completedAt!),
    }))
    for (const item of DECLARED) {
      const completedOn = this.today.minus({ days: item.daysAgo })
      const declaredAt = this.moment(
        this.at(completedOn.plus({ days: 1 }), 9),
        DateTime.min(this.at(completedOn.plus({ days: 20 }), 17), this.now.minus({ hours: 1 }))
      )
      const slug = item.title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
      rows.push({
        user_id: this.learner(item.learner).id,
        course_id: null,
        enrolment_id: null,
        title: item.title,
        provider_name: item.provider,
        completed_on: completedOn.toISODate()!,
        source: LearningRecordSources.Declared,
        evidence_url: item.evidence
          ? `https://certificates.${DEMO_DOMAIN}/learner${String(item.learner).padStart(2, '0')}/${slug}`
          : null,
        created_at: this.sql(declaredAt),
        updated_at: this.sql(declaredAt),
      })
    }
    rows.sort((a, b) => a.created_at.localeCompare(b.created_at))
    await this.insertAll('learning_records', rows)
    if (completed.length === 0) return { records: rows.length, claims: 0 }

    const recordRows = await this.trx
      .from('learning_records')
      .whereIn(
        'enrolment_id',
        completed.map((enrolment) => enrolment.id)
      )
      .select('id', 'enrolment_id')
    const recordIds = new Map<number, number>(
      recordRows.map((row) => [Number(row.enrolment_id), Number(row.id)])
    )
    const validatedRows = await this.trx
      .from('skill_claims')
      .whereIn('user_id', [...new Set(completed.map((enrolment) => enrolment.person.id))])
      .where('status', SkillClaimStatuses.Validated)
      .select('user_id', 'skill_id', 'level')
    const validated = new Map<string, number>()
    for (const row of validatedRows) {
      const key = `${row.user_id}:${row.skill_id}`
      validated.set(key, Math.max(validated.get(key) ?? 0, Number(row.level)))
    }

    const claims = completed.flatMap((enrolment) =>
      enrolment.session.course.seed.outcomes
        .map((outcome) => ({ outcome, skillId: this.skillIds.get(outcome.skill)! }))
        .filter(
          ({ outcome, skillId }) =>
            outcome.level > (validated.get(`${enrolment.person.id}:${skillId}`) ?? 0)
        )
        .map(({ outcome, skillId }) => ({
          user_id: enrolment.person.id,
          skill_id: skillId,
          level: outcome.level,
          learning_record_id: recordIds.get(enrolment.id)!,
          status: SkillClaimStatuses.Pending,
          decided_by: null,
          decided_at: null,
          comment: null,
          created_at: this.sql(enrolment.completedAt!),
          updated_at: this.sql(enrolment.completedAt!),
        }))
    )
    await this.insertAll('skill_claims', claims)
    return { records: rows.length, claims: claims.length }
  }
}
