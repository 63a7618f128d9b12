import { readFileSync } from 'node:fs'
import { type DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { servicePhaseValues, type ServicePhase } from '#enums/workforce'
import { UK_ZONE, instantFromSql } from '#domain/shared/uk_time'

type Client = QueryClientContract | TransactionClientContract

export type ExemplarEntry = {
  organisation: string
  name: string
  annualTransactions: number
  phase: ServicePhase
}

/* The seven exemplar transformation programmes named in the strategy, checked. */
export function readExemplars(): ExemplarEntry[] {
  const file = app.makePath('database/data/workforce/exemplars.json')
  const entries = JSON.parse(readFileSync(file, 'utf8')) as ExemplarEntry[]
  for (const entry of entries) {
    if (!entry.organisation || !entry.name || !Number.isSafeInteger(entry.annualTransactions)) {
      throw new Error(`exemplars.json: incomplete entry ${JSON.stringify(entry)}`)
    }
    if (!servicePhaseValues.includes(entry.phase)) {
      throw new Error(`exemplars.json: unknown phase "${entry.phase}" for ${entry.name}`)
    }
  }
  return entries
}

async function organisationIds(client: Client) {
  const rows = await client.from('organisations').select('id', 'code')
  return new Map<string, number>(rows.map((row) => [String(row.code), Number(row.id)]))
}

type ServiceSpec = {
  organisationId: number
  name: string
  annualTransactions: number
  phase: ServicePhase
  isExemplar: boolean
  serviceManagerId: number | null
  /* People can use it online: in beta or live, it is digitally delivered. */
  hasDigitalChannel?: boolean
}

/* Inserts a service unless its organisation already has one by that name; true when added. */
async function addService(client: Client, spec: ServiceSpec, now: string) {
  const existing = await client
    .from('services')
    .where('organisation_id', spec.organisationId)
    .whereRaw('lower(name) = ?', [spec.name.toLowerCase()])
    .select('id', 'is_exemplar')
    .first()
  if (existing) {
    if (spec.isExemplar && !existing.is_exemplar) {
      await client
        .from('services')
        .where('id', existing.id)
        .update({ is_exemplar: true, updated_at: now })
    }
    return false
  }
  await client.table('services').insert({
    organisation_id: spec.organisationId,
    name: spec.name,
    annual_transactions: spec.annualTransactions,
    phase: spec.phase,
    is_exemplar: spec.isExemplar,
    service_manager_id: spec.serviceManagerId,
    has_digital_channel: spec.hasDigitalChannel ?? false,
    created_at: now,
    updated_at: now,
  })
  return true
}

const timestamp = () => new Date().toISOString().slice(0, 19).replace('T', ' ')

/* The UK calendar day of a stored UTC timestamp (a string on SQLite, a Date on MySQL). */
function ukDay(value: unknown) {
  return instantFromSql(value)!.setZone(UK_ZONE).toISODate()!
}

/*
 * Reference data every environment needs, production included: the seven
 * exemplars as services of their organisations. Safe to run again: a
 * service already there (same organisation and name) is left as people
 * have kept it, only marked as an exemplar.
 */
export async function seedExemplars(client: Client) {
  const ids = await organisationIds(client)
  const now = timestamp()
  let added = 0
  for (const entry of readExemplars()) {
    const organisationId = ids.get(entry.organisation)
    if (!organisationId) {
      throw new Error(`exemplars.json: no organisation with code "${entry.organisation}"`)
    }
    const inserted = await addService(
      client,
      { ...entry, organisationId, isExemplar: true, serviceManagerId: null },
      now
    )
    if (inserted) added += 1
  }
  return { added, total: readExemplars().length }
}

type ManagerKind = 'trained' | 'booked' | 'untrained' | 'none'

/* The demo's other services: [organisation, name, transactions, phase, manager]. */
const DEMO_SERVICES: [string, string, number, ServicePhase, ManagerKind][] = [
  ['dvla', 'Tax your vehicle', 40_000_000, 'beta', 'trained'],
  ['dvla', 'Renew your driving licence', 6_000_000, 'alpha', 'booked'],
  ['dvla', 'Personalised registration numbers', 900_000, 'live', 'none'],
  ['hmrc', 'Self Assessment online', 10_000_000, 'live', 'trained'],
  ['hmrc', 'PAYE for employers', 8_000_000, 'beta', 'untrained'],
  ['hmrc', 'VAT returns online', 7_000_000, 'live', 'booked'],
  ['hmrc', 'Inheritance tax forms', 40_000, 'discovery', 'none'],
  ['dwp', 'Jobseeker’s Allowance online claims', 3_000_000, 'beta', 'trained'],
  ['dwp', 'Universal Credit', 7_000_000, 'alpha', 'untrained'],
  ['dwp', 'Funeral payments', 60_000, 'discovery', 'none'],
  ['ch', 'File your company accounts', 2_500_000, 'live', 'trained'],
  ['opg', 'Find out if someone has an attorney or deputy', 25_000, 'beta', 'untrained'],
  ['rpa', 'Rural land register updates', 150_000, 'alpha', 'none'],
  ['ho', 'Visit visa applications', 2_000_000, 'alpha', 'booked'],
  ['ho', 'Renew a passport', 5_000_000, 'beta', 'untrained'],
  ['lr', 'Search the register', 18_000_000, 'live', 'trained'],
  ['moj', 'Civil claims online', 1_200_000, 'alpha', 'none'],
  ['moj', 'Prison visits booking', 500_000, 'beta', 'booked'],
  ['dft', 'Book your driving test', 1_800_000, 'live', 'trained'],
  ['defra', 'Register a waste carrier', 90_000, 'beta', 'none'],
  ['bis', 'Patents online filing', 70_000, 'alpha', 'untrained'],
  ['co', 'Government Gateway registration', 1_000_000, 'live', 'untrained'],
]

/*
 * The demo services people can use online. In beta or live they are
 * digitally delivered, so Future Leaders placements can be in them;
 * Universal Credit is online but still in alpha, and Personalised
 * registration numbers is live but sold by phone and at auction only.
 */
const ONLINE_SERVICES = new Set([
  'Tax your vehicle',
  'Renew your driving licence',
  'Self Assessment online',
  'PAYE for employers',
  'VAT returns online',
  'Jobseeker’s Allowance online claims',
  'Universal Credit',
  'File your company accounts',
  'Find out if someone has an attorney or deputy',
  'Renew a passport',
  'Search the register',
  'Prison visits booking',
  'Book your driving test',
  'Register a waste carrier',
  'Government Gateway registration',
])

/*
 * Strategy action 01 as the demo shows it: who is named Digital Leader
 * where, and how far they meet the action. The department's or agency's
 * most senior person is named, except at DVLA, where a Higher Executive
 * Officer was put forward for the board. The rest are left without one.
 */
type LeaderPicture =
  'compliant' | 'not_scs' | 'not_on_board' | 'not_in_role' | 'not_trained' | 'training_booked'

const DIGITAL_LEADERS: [string, LeaderPicture][] = [
  ['hmrc', 'compliant'],
  ['dwp', 'compliant'],
  ['dft', 'compliant'],
  ['lr', 'compliant'],
  ['dvla', 'not_scs'],
  ['moj', 'not_on_board'],
  ['co', 'not_in_role'],
  ['bis', 'not_trained'],
  ['opg', 'training_booked'],
  ['rpa', 'not_trained'],
]

/* The course every Digital Leader must complete (mandatory for the Digital Leader role profile). */
const DIGITAL_LEADERS_COURSE = 'DLN-DL01'

const DEMO_MARKER = 'Tax your vehicle'

/*
 * The demo's picture for strategy actions 01 and 02: 22 services beside the
 * exemplars, some over the threshold with a Service Manager who completed the
 * Service Manager programme, some with no one named, some with an untrained
 * manager, some with the training booked; Digital Leaders for most of the
 * organisations that have demo people. Returns null when already there.
 */
export async function seedDemoServices(client: QueryClientContract, { now }: { now: DateTime }) {
  return client.transaction(async (trx) => {
    await seedExemplars(trx)
    const ids = await organisationIds(trx)
    const dvla = ids.get('dvla')
    if (!dvla) return null
    const marker = await trx
      .from('services')
      .where('organisation_id', dvla)
      .where('name', DEMO_MARKER)
      .first()
    if (marker) return null
    const sqlNow = now.toUTC().toFormat('yyyy-LL-dd HH:mm:ss')

    const course = await trx.from('courses').where('code', 'GDS-SM01').select('id', 'title').first()
    const people = await trx
      .from('users')
      .whereNull('deactivated_at')
      .where('email', 'like', '%@demo.example')
      .select('id', 'organisation_id', 'email', 'grade', 'line_manager_id')
      .orderBy('id')
    if (people.length === 0) return null

    const trained = new Set<number>()
    const booked = new Set<number>()
    if (course) {
      const records = await trx
        .from('learning_records')
        .where('course_id', course.id)
        .where('source', 'enrolment')
        .select('user_id')
      for (const row of records) trained.add(Number(row.user_id))
      const bookings = await trx
        .from('enrolments as e')
        .join('course_sessions as cs', 'cs.id', 'e.session_id')
        .where('cs.course_id', course.id)
        .whereIn('e.status', ['requested', 'booked', 'waitlisted'])
        .select('e.user_id')
      for (const row of bookings) {
        if (!trained.has(Number(row.user_id))) booked.add(Number(row.user_id))
      }
    }

    const used = new Set<number>()
    const inOrganisation = (code: string) => {
      const organisationId = ids.get(code)
      return people.filter((person) => Number(person.organisation_id) === organisationId)
    }
    const choose = (code: string, pool: (id: number) => boolean) => {
      const local = inOrganisation(code).find((p) => pool(Number(p.id)) && !used.has(Number(p.id)))
      const any = local ?? people.find((p) => pool(Number(p.id)) && !used.has(Number(p.id)))
      if (!any) return null
      used.add(Number(any.id))
      return Number(any.id)
    }

    // Service Managers who completed the programme: the course's own records, else new ones.
    const completeProgramme = async (userId: number) => {
      if (!course) return
      const session = await trx
        .from('course_sessions')
        .where('course_id', course.id)
        .where('starts_at', '<', sqlNow)
        .orderBy('starts_at', 'desc')
        .select('id', 'ends_at')
        .first()
      if (!session) return
      const completedOn = ukDay(session.ends_at)
      const [enrolmentId] = await trx.table('enrolments').insert({
        session_id: session.id,
        user_id: userId,
        status: 'completed',
        booked_at: sqlNow,
        attendance_marked_at: sqlNow,
        completed_at: sqlNow,
        created_at: sqlNow,
        updated_at: sqlNow,
      })
      await trx.table('learning_records').insert({
        user_id: userId,
        course_id: course.id,
        enrolment_id: enrolmentId,
        title: course.title,
        provider_name: 'GDS Academy',
        completed_on: completedOn,
        source: 'enrolment',
        created_at: sqlNow,
        updated_at: sqlNow,
      })
      trained.add(userId)
    }

    const untrained = (id: number) => !trained.has(id) && !booked.has(id)
    let added = 0
    const counts: Record<ManagerKind, number> = { trained: 0, booked: 0, untrained: 0, none: 0 }
    for (const [code, name, transactions, phase, kind] of DEMO_SERVICES) {
      const organisationId = ids.get(code)
      if (!organisationId) continue
      let managerId: number | null = null
      if (kind === 'trained') {
        managerId = choose(code, (id) => trained.has(id))
        if (managerId === null) {
          managerId = choose(code, untrained)
          if (managerId !== null) await completeProgramme(managerId)
        }
      } else if (kind === 'booked') {
        managerId = choose(code, (id) => booked.has(id))
      } else if (kind === 'untrained') {
        managerId = choose(code, untrained)
      }
      const inserted = await addService(
        trx,
        {
          organisationId,
          name,
          annualTransactions: transactions,
          phase,
          isExemplar: false,
          serviceManagerId: managerId,
          hasDigitalChannel: ONLINE_SERVICES.has(name),
        },
        sqlNow
      )
      if (inserted) {
        added += 1
        counts[kind] += 1
      }
    }

    // One person named Service Manager in two departments (BIS's Land Registry and DfT): action 02 warns.
    const lr = ids.get('lr')
    const dft = ids.get('dft')
    const shared = lr
      ? await trx
          .from('services')
          .where({ organisation_id: lr, name: 'Search the register' })
          .select('service_manager_id')
          .first()
      : null
    if (dft && shared?.service_manager_id) {
      await trx
        .from('services')
        .where({ organisation_id: dft, name: 'Book your driving test' })
        .update({ service_manager_id: shared.service_manager_id, updated_at: sqlNow })
    }

    const leaders = await nameDigitalLeaders(trx, { people, inOrganisation, ids, sqlNow, now })
    return { services: added, ...counts, digitalLeaders: leaders }
  })
}

type DemoPerson = {
  id: number
  organisation_id: number
  grade: string | null
  line_manager_id: number | null
}

/* The most recent session of a course that has run, or a new one six weeks ago when none has. */
async function pastSession(trx: TransactionClientContract, courseId: number, now: DateTime) {
  const sqlNow = now.toUTC().toFormat('yyyy-LL-dd HH:mm:ss')
  const existing = await trx
    .from('course_sessions')
    .where('course_id', courseId)
    .where('starts_at', '<', sqlNow)
    .whereNot('status', 'cancelled')
    .orderBy('starts_at', 'desc')
    .select('id', 'ends_at')
    .first()
  if (existing) return { id: Number(existing.id), endsOn: ukDay(existing.ends_at) }
  let day = now.setZone(UK_ZONE).minus({ weeks: 6 }).set({ hour: 9, minute: 30 })
  while (day.weekday > 5) day = day.minus({ days: 1 })
  const sql = (value: DateTime) => value.toUTC().toFormat('yyyy-LL-dd HH:mm:ss')
  const [id] = await trx.table('course_sessions').insert({
    course_id: courseId,
    starts_at: sql(day),
    ends_at: sql(day.set({ hour: 16, minute: 30 })),
    booking_closes_at: sql(day.minus({ days: 5 })),
    venue: '1 Horse Guards Road',
    location: 'London',
    capacity: 16,
    status: 'scheduled',
    reminder_sent_at: sql(day.minus({ days: 2 })),
    created_at: sql(day.minus({ weeks: 8 })),
    updated_at: sql(day.minus({ days: 2 })),
  })
  return { id: Number(id), endsOn: day.toISODate()! }
}

/*
 * Names the demo's Digital Leaders and sets up what action 01 looks at for
 * each: grade, the board, the Digital Leader role and the Digital Leaders'
 * course, so that every state shows on the compliance page.
 */
async function nameDigitalLeaders(
  trx: TransactionClientContract,
  context: {
    people: DemoPerson[]
    inOrganisation: (code: string) => DemoPerson[]
    ids: Map<string, number>
    sqlNow: string
    now: DateTime
  }
) {
  const { inOrganisation, ids, sqlNow, now } = context
  const levels = await trx
    .from('role_levels as rl')
    .join('role_profiles as rp', 'rp.id', 'rl.role_profile_id')
    .whereIn('rp.name', ['Digital Leader', 'Service Manager'])
    .orderBy('rl.position')
    .select('rl.id', 'rp.name')
  const leaderLevel = levels.find((level) => level.name === 'Digital Leader')
  const otherLevel = levels.find((level) => level.name === 'Service Manager')
  const course = await trx
    .from('courses')
    .where('code', DIGITAL_LEADERS_COURSE)
    .select('id', 'title')
    .first()

  /* Gives the person this role level as their current one. */
  const setCurrentRole = async (userId: number, roleLevelId: number) => {
    const current = await trx
      .from('role_assignments')
      .where('user_id', userId)
      .where('active_kind', 'current')
      .select('id')
      .first()
    if (current) {
      await trx
        .from('role_assignments')
        .where('id', current.id)
        .update({ role_level_id: roleLevelId, updated_at: sqlNow })
      return
    }
    await trx.table('role_assignments').insert({
      user_id: userId,
      role_level_id: roleLevelId,
      kind: 'current',
      status: 'confirmed',
      active_kind: 'current',
      confirmed_at: sqlNow,
      created_at: sqlNow,
      updated_at: sqlNow,
    })
  }

  const hasCourse = async (userId: number) =>
    Boolean(
      await trx
        .from('learning_records')
        .where({ user_id: userId, course_id: course.id, source: 'enrolment' })
        .first()
    )

  const completeCourse = async (userId: number) => {
    if (!course || (await hasCourse(userId))) return
    const session = await pastSession(trx, Number(course.id), now)
    const [enrolmentId] = await trx.table('enrolments').insert({
      session_id: session.id,
      user_id: userId,
      status: 'completed',
      booked_at: sqlNow,
      attendance_marked_at: sqlNow,
      completed_at: sqlNow,
      created_at: sqlNow,
      updated_at: sqlNow,
    })
    await trx.table('learning_records').insert({
      user_id: userId,
      course_id: course.id,
      enrolment_id: enrolmentId,
      title: course.title,
      provider_name: 'Digital Leaders Network',
      completed_on: session.endsOn,
      source: 'enrolment',
      created_at: sqlNow,
      updated_at: sqlNow,
    })
  }

  /* A seat on the next session of the course with one free, else a waiting-list place. */
  const bookCourse = async (userId: number) => {
    if (!course) return
    const sessions = await trx
      .from('course_sessions as cs')
      .where('cs.course_id', course.id)
      .where('cs.starts_at', '>', sqlNow)
      .where('cs.status', 'scheduled')
      .orderBy('cs.starts_at')
      .select('cs.id', 'cs.capacity')
      .select(
        trx
          .from('enrolments as e')
          .whereColumn('e.session_id', 'cs.id')
          .where('e.status', 'booked')
          .count('*')
          .as('booked')
      )
      .select(
        trx
          .from('enrolments as w')
          .whereColumn('w.session_id', 'cs.id')
          .where('w.status', 'waitlisted')
          .count('*')
          .as('waiting')
      )
    const open = sessions.find((row) => Number(row.booked) < Number(row.capacity)) ?? sessions[0]
    if (!open) return
    const seat = Number(open.booked) < Number(open.capacity)
    await trx.table('enrolments').insert({
      session_id: open.id,
      user_id: userId,
      status: seat ? 'booked' : 'waitlisted',
      active_session_id: open.id,
      waitlist_position: seat ? null : Number(open.waiting) + 1,
      booked_at: seat ? sqlNow : null,
      created_at: sqlNow,
      updated_at: sqlNow,
    })
  }

  let named = 0
  for (const [code, picture] of DIGITAL_LEADERS) {
    const organisationId = ids.get(code)
    const local = inOrganisation(code)
    const person =
      picture === 'not_scs'
        ? (local.find((p) => p.grade === 'HEO') ??
          local.find((p) => !String(p.grade ?? '').startsWith('SCS')))
        : local.find((p) => p.line_manager_id === null)
    if (!organisationId || !person) continue
    const userId = Number(person.id)
    if (picture !== 'not_scs' && !String(person.grade ?? '').startsWith('SCS')) {
      await trx.from('users').where('id', userId).update({ grade: 'SCS2', updated_at: sqlNow })
    }
    if (picture === 'not_in_role') {
      if (otherLevel) await setCurrentRole(userId, Number(otherLevel.id))
    } else if (leaderLevel) {
      await setCurrentRole(userId, Number(leaderLevel.id))
    }
    if (picture === 'training_booked') await bookCourse(userId)
    else if (picture !== 'not_trained') await completeCourse(userId)
    const updated = await trx
      .from('organisations')
      .where('id', organisationId)
      .whereNull('digital_leader_id')
      .update({
        digital_leader_id: userId,
        digital_leader_on_board: picture !== 'not_on_board',
        updated_at: sqlNow,
      })
    if (Number(updated) > 0) named += 1
  }
  return named
}
