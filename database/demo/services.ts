import { readFileSync } from 'node:fs'
import type { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { servicePhaseValues, type ServicePhase } from '#enums/workforce'

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
    created_at: now,
    updated_at: now,
  })
  return true
}

const timestamp = () => new Date().toISOString().slice(0, 19).replace('T', ' ')

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

/* Departments and agencies whose senior person is named Digital Leader; the rest are left without one. */
const DIGITAL_LEADER_CODES = ['dvla', 'hmrc', 'dwp', 'opg', 'rpa', 'moj', 'dft', 'bis', 'co', 'lr']

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
      const completedOn = String(session.ends_at).slice(0, 10)
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
        },
        sqlNow
      )
      if (inserted) {
        added += 1
        counts[kind] += 1
      }
    }

    let leaders = 0
    for (const code of DIGITAL_LEADER_CODES) {
      const organisationId = ids.get(code)
      const top = inOrganisation(code).find((person) => person.line_manager_id === null)
      if (!organisationId || !top) continue
      const updated = await trx
        .from('organisations')
        .where('id', organisationId)
        .whereNull('digital_leader_id')
        .update({ digital_leader_id: top.id, updated_at: sqlNow })
      if (Number(updated) > 0) leaders += 1
    }
    return { services: added, ...counts, digitalLeaders: leaders }
  })
}
