import { Roles } from '#enums/roles'
import {
  ACTIVE_ENROLMENT_STATUSES,
  EnrolmentStatuses,
  LearningRecordSources,
  SessionStatuses,
  SkillClaimStatuses,
  type CourseMode,
  type EnrolmentStatus,
} from '#enums/learning'
import { WeightedIndex, apportion, zipfWeights, type Random } from '#database/bench/random'
import { DAY, HOUR, sqlDate, sqlTime, type Loader } from '#database/bench/loader'
import type { BenchFramework } from '#database/bench/framework'
import { addRoles, BENCH_DOMAIN, type BenchPeople } from '#database/bench/people'
import {
  CANCEL_REASONS,
  COURSE_FORMS,
  COURSE_SUMMARY,
  DECLARED_LEARNING,
  DECLINE_REASONS,
  DIGITAL_LEADER_PROFILE,
  PLACES,
  PROVIDER_FORMS,
  PROVIDER_WORDS,
  REQUEST_NOTES,
  SERVICE_MANAGER_PROFILE,
  SESSION_CANCELLED_REASON,
  VENUES,
} from '#database/bench/vocabulary'

/*
 * The learning catalogue and its history: providers and their admins,
 * courses with outcomes and audiences, sessions over the last two years
 * and the next four months, and enrolments in every state. Seats are
 * never over capacity, a waiting list exists only on a full session and
 * is numbered 1..n, and completing a course leaves a learning record and
 * a skill claim, as the service itself would have written them.
 */

export type BenchCourse = {
  id: number
  title: string
  provider: { id: number; name: string; admins: number[] }
  mode: CourseMode
  hours: number
  status: 'published' | 'draft' | 'archived'
  requiresApproval: boolean
  outcomes: { skillId: number; level: number }[]
}

export type BenchCatalogue = {
  courses: BenchCourse[]
  serviceManagerCourse: BenchCourse
  digitalLeaderCourse: BenchCourse
}

type Provider = {
  id: number
  code: string
  name: string
  organisationId: number | null
  admins: number[]
}

/* Providers, their admins (who become course admins), courses, outcomes and audiences. */
export async function insertCatalogue(
  loader: Loader,
  random: Random,
  framework: BenchFramework,
  people: BenchPeople,
  options: { courses: number; now: number }
): Promise<BenchCatalogue> {
  const { now } = options
  const created = sqlTime(now - 900 * DAY)
  const providerWriter = await loader.table('providers', [
    'code',
    'name',
    'organisation_id',
    'created_at',
    'updated_at',
  ])
  const adminWriter = await loader.table(
    'provider_admins',
    ['provider_id', 'user_id', 'created_at'],
    { after: [providerWriter] }
  )
  const byCode = new Map(
    people.organisations.map((organisation) => [organisation.code, organisation])
  )
  const organisationId = (code: string) => byCode.get(code)?.id ?? null

  // A few academies run by government, then independent suppliers.
  const providerCount = Math.max(3, Math.min(200, Math.round(options.courses / 30)))
  const planned: Omit<Provider, 'id' | 'admins'>[] = [
    { code: 'GDS-ACADEMY', name: 'GDS Academy', organisationId: organisationId('gds') },
    { code: 'CSL', name: 'Civil Service Learning', organisationId: organisationId('co') },
  ]
  for (const code of ['hmrc', 'dwp', 'moj', 'ho']) {
    if (planned.length >= providerCount) break
    const department = byCode.get(code)
    if (department) {
      planned.push({
        code: `${code.toUpperCase()}-ACADEMY`,
        name: `${department.name} Digital Academy`,
        organisationId: department.id,
      })
    }
  }
  const names = new Set(planned.map((provider) => provider.name))
  while (planned.length < providerCount) {
    let name = random.pick(PROVIDER_FORMS)(random.pick(PROVIDER_WORDS))
    if (names.has(name)) name = `${name} ${planned.length}`
    names.add(name)
    planned.push({ code: `SUPPLIER-${planned.length}`, name, organisationId: null })
  }

  const courseAdmin = [...people.accounts].find(
    ([, account]) => account.email === `courses@${BENCH_DOMAIN}`
  )?.[0]
  const providers: Provider[] = []
  for (const [index, plan] of planned.entries()) {
    const id = await providerWriter.insert([
      plan.code,
      plan.name,
      plan.organisationId,
      created,
      created,
    ])
    const admins: number[] = []
    if (index === 0 && courseAdmin !== undefined) admins.push(courseAdmin)
    // One or two more, from the provider's own organisation when it has someone suitable.
    const home = people.organisations.find(
      (organisation) => organisation.id === plan.organisationId
    )
    const wanted = admins.length + random.int(1, 2)
    for (let attempt = 0; admins.length < wanted && attempt < 100; attempt++) {
      const local =
        home && attempt < 10
          ? people.find(home, (candidate) => people.manager[candidate] >= 0, random.int(0, 10_000))
          : -1
      const person = local >= 0 ? local : random.int(0, people.count - 1)
      if (people.active(person) && !admins.includes(person)) admins.push(person)
    }
    for (const person of admins) await adminWriter.insert([id, people.id(person), created])
    providers.push({ id, ...plan, admins })
  }
  await addRoles(
    loader,
    people,
    Roles.CourseAdmin,
    providers.flatMap((provider) => provider.admins),
    now - 900 * DAY
  )

  const courseWriter = await loader.table(
    'courses',
    [
      'provider_id',
      'code',
      'title',
      'summary',
      'mode',
      'duration_hours',
      'cost_pence',
      'status',
      'requires_approval',
      'created_at',
      'updated_at',
    ],
    { after: [providerWriter] }
  )
  const outcomeWriter = await loader.table(
    'course_outcomes',
    ['course_id', 'skill_id', 'level', 'created_at', 'updated_at'],
    { after: [courseWriter] }
  )
  const audienceWriter = await loader.table(
    'course_audiences',
    ['course_id', 'role_profile_id', 'kind', 'created_at', 'updated_at'],
    { after: [courseWriter] }
  )

  // Which profiles need each skill: a course's audience is drawn from them.
  const profilesBySkill = new Map<number, number[]>()
  for (const profile of framework.profiles) {
    for (const level of profile.levels) {
      for (const requirement of level.requirements) {
        const list = profilesBySkill.get(requirement.skillId) ?? []
        if (!list.includes(profile.id)) list.push(profile.id)
        profilesBySkill.set(requirement.skillId, list)
      }
    }
  }
  const providerWeights = zipfWeights(providers.length, 0.8)
  const courses: BenchCourse[] = []
  const special = [
    {
      title: 'Service Manager programme',
      profile: SERVICE_MANAGER_PROFILE,
      mode: 'blended',
      approval: true,
    },
    {
      title: 'Digital Leaders masterclass',
      profile: DIGITAL_LEADER_PROFILE,
      mode: 'classroom',
      approval: false,
    },
  ] as const
  for (let number = 0; number < options.courses; number++) {
    const chosen = number < special.length ? special[number] : null
    const provider = chosen ? providers[0] : random.weighted(providers, providerWeights)
    const primary = chosen
      ? (framework.profile(chosen.profile).levels[0].requirements[0]?.skillId ??
        framework.skills[0].id)
      : random.pick(framework.skills).id
    const skillName = framework.skills.find((skill) => skill.id === primary)!.name
    const mode: CourseMode =
      chosen?.mode ?? random.weighted<CourseMode>(['classroom', 'online', 'blended'], [45, 35, 20])
    const hours =
      mode === 'online'
        ? random.int(1, 3)
        : mode === 'blended'
          ? random.int(10, 35)
          : 7 * random.int(1, 3)
    const cost = random.chance(0.3) ? 0 : random.int(1, 30) * 5000
    const status = chosen
      ? 'published'
      : random.weighted(['published', 'draft', 'archived'] as const, [85, 7, 8])
    const requiresApproval = chosen ? chosen.approval : random.chance(cost > 50_000 ? 0.5 : 0.15)
    const title = chosen?.title ?? random.pick(COURSE_FORMS)(skillName)
    const since = sqlTime(now - random.int(120, 900) * DAY)
    const id = await courseWriter.insert([
      provider.id,
      `C${String(number + 1).padStart(5, '0')}`,
      title,
      COURSE_SUMMARY.replace('{skill}', skillName.toLowerCase()),
      mode,
      hours,
      cost,
      status,
      requiresApproval,
      since,
      since,
    ])

    const skills = [primary]
    const extra = random.int(0, 2)
    for (let attempt = 0; skills.length < 1 + extra && attempt < 10; attempt++) {
      const skill = random.pick(framework.skills).id
      if (!skills.includes(skill)) skills.push(skill)
    }
    const outcomes = skills.map((skillId) => ({
      skillId,
      level: random.weighted([1, 2, 3, 4], [3, 4, 3, 1]),
    }))
    for (const outcome of outcomes) {
      await outcomeWriter.insert([id, outcome.skillId, outcome.level, since, since])
    }

    const audience = chosen
      ? [framework.profile(chosen.profile).id]
      : random.shuffle([...(profilesBySkill.get(primary) ?? [])]).slice(0, random.int(1, 3))
    for (const [index, profileId] of audience.entries()) {
      const kind = chosen || (index === 0 && random.chance(0.2)) ? 'mandatory' : 'recommended'
      await audienceWriter.insert([id, profileId, kind, since, since])
    }
    courses.push({
      id,
      title,
      provider: { id: provider.id, name: provider.name, admins: provider.admins },
      mode,
      hours,
      status,
      requiresApproval,
      outcomes,
    })
  }
  return { courses, serviceManagerCourse: courses[0], digitalLeaderCourse: courses[1] }
}

type PlannedSession = {
  course: BenchCourse
  startsAt: number
  endsAt: number
  capacity: number
  cancelled: boolean
  weight: number
}

const WEEKDAY_SHIFT = [1, 0, 0, 0, 0, 0, 2] // Sunday → Monday, Saturday → Monday

function planSession(
  course: BenchCourse,
  random: Random,
  now: number,
  future: boolean
): PlannedSession {
  const today = Math.floor(now / DAY) * DAY
  let day = future ? today + random.int(3, 120) * DAY : today - random.int(2, 730) * DAY
  day += WEEKDAY_SHIFT[new Date(day).getUTCDay()] * DAY
  const days = course.mode === 'classroom' ? Math.min(3, Math.ceil(course.hours / 7)) : 1
  const startsAt = day + 9.5 * HOUR
  const endsAt =
    course.mode === 'online' ? startsAt + course.hours * HOUR : day + (days - 1) * DAY + 16.5 * HOUR
  const capacity =
    course.mode === 'online'
      ? random.int(20, 80)
      : course.mode === 'blended'
        ? random.int(10, 24)
        : random.int(8, 30)
  const cancelled = random.chance(0.02)
  // Past sessions mostly full; future ones filling, a fifth of them over-subscribed.
  const fill = cancelled
    ? random.float(0.2, 0.7)
    : future
      ? random.chance(0.2)
        ? random.float(1.05, 1.4)
        : random.float(0.1, 0.95)
      : random.float(0.6, 1.08)
  return {
    course,
    startsAt,
    endsAt: Math.max(endsAt, startsAt + HOUR),
    capacity,
    cancelled,
    weight: capacity * fill,
  }
}

export type LearningSummary = { sessions: number; statuses: Record<EnrolmentStatus, number> }

/*
 * Sessions and enrolments: enough sessions, spread over the courses by
 * popularity, to hold the enrolments asked for; each session's share of
 * the enrolments split into states that respect its capacity.
 */
export async function insertSessionsAndEnrolments(
  loader: Loader,
  random: Random,
  people: BenchPeople,
  catalogue: BenchCatalogue,
  options: {
    enrolments: number
    now: number
    serviceManagers: number[]
    digitalLeaders: number[]
  }
): Promise<LearningSummary> {
  const { now } = options
  const runnable = catalogue.courses.filter((course) => course.status !== 'draft')
  const popularity = random.shuffle(zipfWeights(runnable.length, 0.9))
  // Everyone who can run gets a past session, every published course a future one.
  const sessions: PlannedSession[] = []
  let total = 0
  const add = (course: BenchCourse, future: boolean) => {
    const session = planSession(course, random, now, future)
    sessions.push(session)
    total += session.weight
  }
  for (const course of runnable) {
    add(course, false)
    if (course.status === 'published') add(course, true)
  }
  const picker = new WeightedIndex(popularity)
  while (total < options.enrolments) {
    const course = runnable[picker.draw(random)]
    add(course, course.status === 'published' && random.chance(0.15))
  }
  sessions.sort((a, b) => a.course.id - b.course.id || a.startsAt - b.startsAt)
  const counts = apportion(
    options.enrolments,
    sessions.map((session) => session.weight)
  )

  const sessionWriter = await loader.table(
    'course_sessions',
    [
      'course_id',
      'starts_at',
      'ends_at',
      'booking_closes_at',
      'venue',
      'location',
      'online_url',
      'capacity',
      'status',
      'cancelled_at',
      'cancellation_reason',
      'reminder_sent_at',
      'created_at',
      'updated_at',
    ],
    { after: [loader.writer('courses')] }
  )
  const enrolmentWriter = await loader.table(
    'enrolments',
    [
      'session_id',
      'user_id',
      'status',
      'active_session_id',
      'waitlist_position',
      'request_note',
      'decided_by',
      'decided_at',
      'decision_reason',
      'booked_at',
      'cancelled_by',
      'cancelled_at',
      'cancellation_reason',
      'attendance_marked_at',
      'completed_at',
      'created_at',
      'updated_at',
    ],
    { after: [sessionWriter] }
  )
  const recordWriter = await loader.table(
    'learning_records',
    [
      'user_id',
      'course_id',
      'enrolment_id',
      'title',
      'provider_name',
      'completed_on',
      'source',
      'evidence_url',
      'created_at',
      'updated_at',
    ],
    { after: [enrolmentWriter] }
  )
  const claimWriter = await loader.table(
    'skill_claims',
    [
      'user_id',
      'skill_id',
      'level',
      'learning_record_id',
      'status',
      'decided_by',
      'decided_at',
      'comment',
      'created_at',
      'updated_at',
    ],
    { after: [recordWriter] }
  )

  // Some people learn a lot, most a little; people who have left only have history.
  const appetite = new Float64Array(people.count)
  for (let person = 0; person < people.count; person++) {
    appetite[person] = (people.active(person) ? 1 : 0.05) * (0.2 + 3 * Math.pow(random.next(), 3))
  }
  const learners = new WeightedIndex(appetite)
  const priority = new Map<BenchCourse, number[]>([
    [catalogue.serviceManagerCourse, random.shuffle([...options.serviceManagers])],
    [catalogue.digitalLeaderCourse, random.shuffle([...options.digitalLeaders])],
  ])

  const statuses = Object.fromEntries(
    Object.values(EnrolmentStatuses).map((status) => [status, 0])
  ) as Record<EnrolmentStatus, number>
  const between = (from: number, to: number) =>
    to <= from ? from : from + Math.floor((random.next() * (to - from)) / 1000) * 1000

  for (const [index, session] of sessions.entries()) {
    const { course } = session
    const past = session.endsAt < now
    const closesAt = session.startsAt - 3 * DAY
    const createdAt = Math.min(session.startsAt - random.int(30, 90) * DAY, now - DAY)
    const cancelledAt = session.cancelled
      ? between(
          Math.max(createdAt + DAY, Math.min(now, session.startsAt) - 14 * DAY),
          Math.min(now, session.startsAt) - HOUR
        )
      : null
    const place = course.mode === 'online' ? null : random.pick(PLACES.slice(0, 12))
    const sessionId = sessionWriter.peekId()
    await sessionWriter.insert([
      course.id,
      sqlTime(session.startsAt),
      sqlTime(session.endsAt),
      sqlTime(closesAt),
      place ? random.pick(VENUES) : null,
      place,
      place ? null : `https://learning.${BENCH_DOMAIN}/sessions/${sessionId}`,
      session.capacity,
      session.cancelled ? SessionStatuses.Cancelled : SessionStatuses.Scheduled,
      cancelledAt === null ? null : sqlTime(cancelledAt),
      session.cancelled ? 'The trainer is unavailable.' : null,
      past && !session.cancelled ? sqlTime(session.startsAt - 47 * HOUR) : null,
      sqlTime(createdAt),
      sqlTime(cancelledAt ?? (past ? session.startsAt - 47 * HOUR : createdAt)),
    ])

    // How the session's enrolments split into states.
    const n = counts[index]
    const plan: EnrolmentStatus[] = []
    const take = (status: EnrolmentStatus, wanted: number) => {
      const room = n - plan.length
      for (let i = 0; i < Math.min(wanted, room); i++) plan.push(status)
    }
    const share = (max: number) => Math.round(n * random.float(0, max))
    const recent = past && session.endsAt > now - 7 * DAY
    if (session.cancelled) {
      take(EnrolmentStatuses.Cancelled, n)
    } else if (past) {
      if (course.requiresApproval) take(EnrolmentStatuses.Declined, share(0.08))
      take(EnrolmentStatuses.Cancelled, share(0.1))
      const seats = Math.min(n - plan.length, session.capacity)
      for (let i = 0; i < seats; i++) {
        const roll = random.next()
        plan.push(
          recent
            ? roll < 0.35
              ? EnrolmentStatuses.Booked
              : roll < 0.92
                ? EnrolmentStatuses.Attended
                : EnrolmentStatuses.NoShow
            : roll < 0.8
              ? EnrolmentStatuses.Completed
              : roll < 0.92
                ? EnrolmentStatuses.Attended
                : EnrolmentStatuses.NoShow
        )
      }
      take(EnrolmentStatuses.Cancelled, n)
    } else {
      if (course.requiresApproval && closesAt > now) take(EnrolmentStatuses.Requested, share(0.2))
      if (course.requiresApproval) take(EnrolmentStatuses.Declined, share(0.06))
      take(EnrolmentStatuses.Cancelled, share(0.08))
      take(EnrolmentStatuses.Booked, session.capacity)
      // Whoever is left waits: the session is full.
      const waiting = n - plan.length
      if (waiting > 0 && closesAt <= now) take(EnrolmentStatuses.Cancelled, waiting)
      else take(EnrolmentStatuses.Waitlisted, waiting)
    }
    random.shuffle(plan)
    // Waiting-list places are numbered in the order people joined, after everyone booked.
    let position = 0

    const chosen = new Set<number>()
    const queue = priority.get(course)
    const needsManager = course.requiresApproval
    const eligible = (person: number) =>
      !chosen.has(person) &&
      (!needsManager || people.manager[person] >= 0) &&
      (past || people.active(person))
    const admin = course.provider.admins[0] ?? 0
    for (const status of plan) {
      let person = -1
      while (queue && queue.length > 0 && person < 0) {
        const candidate = queue.pop()!
        if (eligible(candidate)) person = candidate
      }
      for (let attempt = 0; person < 0 && attempt < 50; attempt++) {
        const candidate = learners.draw(random)
        if (eligible(candidate)) person = candidate
      }
      // A small civil service may run out of likely learners: anyone eligible will do.
      const from = random.int(0, people.count - 1)
      for (let step = 0; person < 0 && step < people.count; step++) {
        if (eligible((from + step) % people.count)) person = (from + step) % people.count
      }
      if (person < 0) continue
      chosen.add(person)
      statuses[status] += 1

      const open = Math.min(closesAt, now, cancelledAt ?? Number.POSITIVE_INFINITY) - HOUR
      const enrolledAt =
        status === EnrolmentStatuses.Waitlisted
          ? between(Math.max(createdAt + 2 * HOUR, open - 5 * DAY), open)
          : between(createdAt + 2 * HOUR, Math.max(createdAt + 3 * HOUR, open - 2 * DAY))
      const managerId = people.managerId(person)
      let decidedBy: number | null = null
      let decidedAt: number | null = null
      let bookedAt: number | null = null
      let cancelledBy: number | null = null
      let cancelledOn: number | null = null
      let reason: string | null = null
      let markedAt: number | null = null
      let completedAt: number | null = null
      let waitlistPosition: number | null = null
      const decided = Math.min(enrolledAt + random.int(1, 96) * HOUR, Math.max(enrolledAt, open))
      if (needsManager && status !== EnrolmentStatuses.Requested) {
        decidedBy = managerId
        decidedAt = decided
      }
      const seated =
        status === EnrolmentStatuses.Booked ||
        status === EnrolmentStatuses.Attended ||
        status === EnrolmentStatuses.NoShow ||
        status === EnrolmentStatuses.Completed
      if (seated) bookedAt = decidedAt ?? enrolledAt
      if (status === EnrolmentStatuses.Waitlisted) {
        position += 1
        waitlistPosition = position
      }
      if (status === EnrolmentStatuses.Cancelled) {
        if (session.cancelled) {
          cancelledBy = people.id(admin)
          cancelledOn = cancelledAt!
          reason = SESSION_CANCELLED_REASON
          bookedAt = decidedAt ?? enrolledAt
        } else {
          cancelledBy = people.id(person)
          cancelledOn = between(decidedAt ?? enrolledAt, Math.max(decidedAt ?? enrolledAt, open))
          reason = random.pick(CANCEL_REASONS)
        }
      }
      if (status === EnrolmentStatuses.Declined) reason = random.pick(DECLINE_REASONS)
      if (status === EnrolmentStatuses.Attended || status === EnrolmentStatuses.NoShow) {
        markedAt = Math.min(session.endsAt + random.int(10, 600) * 60_000, now - HOUR)
      }
      if (status === EnrolmentStatuses.Completed) {
        completedAt = Math.min(session.endsAt + random.int(1, 6) * DAY, now - HOUR)
        markedAt = completedAt
      }
      const updatedAt = Math.max(
        enrolledAt,
        decidedAt ?? 0,
        cancelledOn ?? 0,
        markedAt ?? 0,
        completedAt ?? 0
      )

      const enrolmentId = await enrolmentWriter.insert([
        sessionId,
        people.id(person),
        status,
        ACTIVE_ENROLMENT_STATUSES.includes(status) ? sessionId : null,
        waitlistPosition,
        needsManager && random.chance(0.6) ? random.pick(REQUEST_NOTES) : null,
        decidedBy,
        decidedAt === null ? null : sqlTime(decidedAt),
        status === EnrolmentStatuses.Declined ? reason : null,
        bookedAt === null ? null : sqlTime(bookedAt),
        cancelledBy,
        cancelledOn === null ? null : sqlTime(cancelledOn),
        status === EnrolmentStatuses.Cancelled ? reason : null,
        markedAt === null ? null : sqlTime(markedAt),
        completedAt === null ? null : sqlTime(completedAt),
        sqlTime(enrolledAt),
        sqlTime(updatedAt),
      ])

      if (completedAt !== null) {
        const stamp = sqlTime(completedAt)
        const recordId = await recordWriter.insert([
          people.id(person),
          course.id,
          enrolmentId,
          course.title,
          course.provider.name,
          sqlDate(completedAt),
          LearningRecordSources.Enrolment,
          null,
          stamp,
          stamp,
        ])
        // One claim, for the course's main skill; older ones decided by the line manager.
        const old = completedAt < now - 60 * DAY
        const outcome = course.outcomes[0]
        const claimStatus =
          managerId === null
            ? SkillClaimStatuses.Pending
            : random.weighted(
                [
                  SkillClaimStatuses.Validated,
                  SkillClaimStatuses.Rejected,
                  SkillClaimStatuses.Pending,
                ],
                old ? [80, 8, 12] : [25, 5, 70]
              )
        const claimDecided =
          claimStatus === SkillClaimStatuses.Pending
            ? null
            : Math.min(completedAt + random.int(1, 30) * DAY, now - HOUR)
        await claimWriter.insert([
          people.id(person),
          outcome.skillId,
          outcome.level,
          recordId,
          claimStatus,
          claimDecided === null ? null : managerId,
          claimDecided === null ? null : sqlTime(claimDecided),
          claimStatus === SkillClaimStatuses.Rejected
            ? 'Let us talk about this at our next one-to-one: I have not yet seen it applied.'
            : null,
          stamp,
          sqlTime(claimDecided ?? completedAt),
        ])
      }
    }
  }

  // Learning people declared themselves: a few per cent of everyone.
  for (let person = 0; person < people.count; person++) {
    if (!random.chance(0.03)) continue
    const [title, provider] = random.pick(DECLARED_LEARNING)
    const completedOn = now - random.int(10, 700) * DAY
    const declaredAt = Math.min(completedOn + random.int(1, 20) * DAY, now - HOUR)
    await recordWriter.insert([
      people.id(person),
      null,
      null,
      title,
      provider,
      sqlDate(completedOn),
      LearningRecordSources.Declared,
      random.chance(0.5) ? `https://certificates.${BENCH_DOMAIN}/${person + 1}` : null,
      sqlTime(declaredAt),
      sqlTime(declaredAt),
    ])
  }
  return { sessions: sessions.length, statuses }
}
