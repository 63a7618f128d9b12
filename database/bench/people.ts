import { gradeValues } from '#enums/grades'
import { professionValues, type Profession } from '#enums/professions'
import { Roles, type Role } from '#enums/roles'
import type { Random } from '#database/bench/random'
import type { Loader } from '#database/bench/loader'
import { DAY, sqlTime } from '#database/bench/loader'
import type { BenchOrganisation } from '#database/bench/organisations'
import { FIRST_NAMES, LAST_NAMES, TEAM_WORK } from '#database/bench/vocabulary'

export const BENCH_DOMAIN = 'bench.example'
export const BENCH_PASSWORD = 'bench-password'
export const BENCH_ADMIN_EMAIL = `admin@${BENCH_DOMAIN}`

const gradeIndex = (name: (typeof gradeValues)[number]) => gradeValues.indexOf(name)
const G = {
  AA: gradeIndex('AA'),
  HEO: gradeIndex('HEO'),
  SEO: gradeIndex('SEO'),
  G7: gradeIndex('G7'),
  G6: gradeIndex('G6'),
  SCS1: gradeIndex('SCS1'),
  SCS2: gradeIndex('SCS2'),
  SCS3: gradeIndex('SCS3'),
  SCS4: gradeIndex('SCS4'),
}

/*
 * The share of each grade from AA to G6 among people outside the senior
 * civil service, roughly as in 2013: most people at AO and EO.
 */
const PYRAMID = [5.5, 24, 26, 18, 11, 9.5, 4.5]

/* The grade of the person at the top of an organisation. */
function headGrade(organisation: BenchOrganisation) {
  const size = organisation.headcount
  if (!organisation.parent) return size >= 200 ? G.SCS4 : size >= 20 ? G.SCS3 : G.SCS2
  if (organisation.type === 'directorate') {
    return size >= 20_000 ? G.SCS3 : size >= 2000 ? G.SCS2 : size >= 100 ? G.SCS1 : G.G6
  }
  return size >= 10_000 ? G.SCS3 : size >= 1000 ? G.SCS2 : size >= 100 ? G.SCS1 : G.G6
}

/*
 * How many direct reports the next manager takes: 3 to 10, never leaving
 * one or two people over for a last manager. Only organisations of two
 * or three people have a head with fewer than three reports.
 */
function span(remaining: number, random: Random) {
  const reports = random.int(3, 10)
  if (reports >= remaining) return remaining
  const left = remaining - reports
  if (left >= 3) return reports
  return reports + left <= 10 ? remaining : remaining - 3
}

export type Team = {
  id: number
  name: string
  organisation: BenchOrganisation
  manager: number
  location: string
}

type Account = { email: string; role: Role | null }

/*
 * Everyone in the civil service, held in typed arrays (indexes, not
 * objects): person i has id firstId + i; an organisation's people are
 * contiguous, its head first, every manager before their reports.
 */
export class BenchPeople {
  readonly organisation: Uint16Array
  readonly grade: Uint8Array
  readonly profession: Uint8Array
  readonly manager: Int32Array
  readonly height: Uint8Array
  readonly team: Int32Array
  readonly deactivated: Uint8Array
  readonly firstName: Uint16Array
  readonly lastName: Uint16Array
  readonly start: Int32Array
  readonly teams: Team[] = []
  readonly accounts = new Map<number, Account>()
  /* Role profiles given by the workforce plan (Digital Leaders, Service Managers). */
  readonly profileOverride = new Map<number, string>()
  firstId = 0

  constructor(
    readonly count: number,
    readonly organisations: BenchOrganisation[]
  ) {
    this.organisation = new Uint16Array(count)
    this.grade = new Uint8Array(count)
    this.profession = new Uint8Array(count)
    this.manager = new Int32Array(count).fill(-1)
    this.height = new Uint8Array(count)
    this.team = new Int32Array(count)
    this.deactivated = new Uint8Array(count)
    this.firstName = new Uint16Array(count)
    this.lastName = new Uint16Array(count)
    this.start = new Int32Array(organisations.length + 1)
  }

  id(person: number) {
    return this.firstId + person
  }

  managerId(person: number) {
    const manager = this.manager[person]
    return manager < 0 ? null : this.firstId + manager
  }

  fullName(person: number) {
    return `${FIRST_NAMES[this.firstName[person]]} ${LAST_NAMES[this.lastName[person]]}`
  }

  professionOf(person: number): Profession {
    return professionValues[this.profession[person]]
  }

  /* People of an organisation: indexes from start to end (exclusive). */
  range(organisation: BenchOrganisation) {
    return { from: this.start[organisation.index], to: this.start[organisation.index + 1] }
  }

  active(person: number) {
    return this.deactivated[person] === 0
  }

  /* The first person of an organisation matching a test, searching from an offset. */
  find(organisation: BenchOrganisation, test: (person: number) => boolean, offset = 0) {
    const { from, to } = this.range(organisation)
    const size = to - from
    for (let step = 0; step < size; step++) {
      const person = from + ((offset + step) % size)
      if (test(person)) return person
    }
    return -1
  }

  /* Makes a person a named account, with one role beyond learner. */
  name(person: number, email: string, role: Role | null) {
    this.accounts.set(person, { email, role })
  }

  email(person: number) {
    const account = this.accounts.get(person)
    if (account) return account.email
    const slug = (text: string) => text.toLowerCase().replace(/[^a-z]/g, '')
    return `${slug(FIRST_NAMES[this.firstName[person]])}.${slug(LAST_NAMES[this.lastName[person]])}.${person + 1}@${BENCH_DOMAIN}`
  }
}

/*
 * Decides who everyone is, organisation by organisation: the management
 * tree (spans of 3 to 10), grades that fall from the head down, a
 * profession shared by most of a team, and names.
 */
export function planPeople(
  organisations: BenchOrganisation[],
  count: number,
  random: Random
): BenchPeople {
  const people = new BenchPeople(count, organisations)
  const professionIndex = new Map(professionValues.map((value, index) => [value, index]))
  let next = 0
  for (const organisation of organisations) {
    people.start[organisation.index] = next
    const size = organisation.headcount
    // The management tree, breadth first: every manager before their reports.
    let placed = 1
    for (let i = 0; i < placed && placed < size; i++) {
      const reports = span(size - placed, random)
      for (let k = 0; k < reports; k++) {
        people.manager[next + placed] = next + i
        placed += 1
      }
    }
    const depth = new Uint8Array(size)
    for (let i = 1; i < size; i++) depth[i] = depth[people.manager[next + i] - next] + 1
    for (let i = size - 1; i > 0; i--) {
      const manager = people.manager[next + i]
      people.height[manager] = Math.max(people.height[manager], people.height[next + i] + 1)
    }

    // Grades: one per level in the senior civil service from the head down,
    // then the pyramid by seniority (height in the tree, ties at random),
    // always below the line manager's.
    const head = headGrade(organisation)
    people.grade[next] = head
    const others: number[] = []
    const seniority = new Float64Array(size)
    for (let i = 1; i < size; i++) {
      const person = next + i
      if (people.height[person] > 0 && head - depth[i] >= G.SCS1) {
        people.grade[person] = head - depth[i]
      } else {
        seniority[i] = people.height[person] + random.next() * 0.99
        others.push(i)
      }
    }
    others.sort((a, b) => seniority[b] - seniority[a])
    const total = PYRAMID.reduce((sum, share) => sum + share, 0)
    let grade = PYRAMID.length - 1
    let upTo = PYRAMID[grade] / total
    for (const [rank, i] of others.entries()) {
      while ((rank + 0.5) / others.length > upTo && grade > 0) {
        grade -= 1
        upTo += PYRAMID[grade] / total
      }
      people.grade[next + i] = grade
    }
    for (let i = 1; i < size; i++) {
      const person = next + i
      const ceiling = people.grade[people.manager[person]]
      if (people.grade[person] >= ceiling) people.grade[person] = Math.max(ceiling - 1, G.AA)
    }

    const professionNames = Object.keys(organisation.professions) as Profession[]
    const professionWeights = professionNames.map((name) => organisation.professions[name])
    for (let i = 0; i < size; i++) {
      const person = next + i
      people.organisation[person] = organisation.index
      people.firstName[person] = random.int(0, FIRST_NAMES.length - 1)
      people.lastName[person] = random.int(0, LAST_NAMES.length - 1)
      const manager = people.manager[person]
      // Most of a team share its manager's profession.
      const inherit = manager >= 0 && people.height[person] === 0 && random.chance(0.7)
      people.profession[person] = inherit
        ? people.profession[manager]
        : professionIndex.get(random.weighted(professionNames, professionWeights))!
      if (people.height[person] === 0 && manager >= 0 && random.chance(0.01)) {
        people.deactivated[person] = 1
      }
    }
    next += size
  }
  people.start[organisations.length] = next
  if (next !== count) throw new Error(`Planned ${next} people instead of ${count}.`)
  return people
}

/* Named accounts for signing in during benchmarks; everyone else has a name-based address. */
export function nameAccounts(people: BenchPeople, random: Random) {
  const { organisations } = people
  const byCode = new Map(organisations.map((organisation) => [organisation.code, organisation]))
  const free = (person: number) =>
    people.manager[person] >= 0 && people.active(person) && !people.accounts.has(person)
  const atGrades =
    (...grades: number[]) =>
    (person: number) =>
      free(person) && grades.includes(people.grade[person])
  const claim = (code: string, email: string, role: Role, ...tests: ((p: number) => boolean)[]) => {
    const organisation = byCode.get(code) ?? organisations[0]
    for (const test of [...tests, free]) {
      const person = people.find(organisation, test)
      if (person >= 0) return people.name(person, email, role)
    }
  }
  claim('gds', BENCH_ADMIN_EMAIL, Roles.CapabilityAdmin, atGrades(G.G7, G.SEO))
  claim('gds', `courses@${BENCH_DOMAIN}`, Roles.CourseAdmin, atGrades(G.HEO, G.SEO))
  claim('co', `faststream@${BENCH_DOMAIN}`, Roles.FastStreamAdmin, atGrades(G.HEO, G.SEO))
  for (const department of organisations.filter((organisation) => !organisation.parent)) {
    claim(
      department.code,
      `hr.${department.code}@${BENCH_DOMAIN}`,
      Roles.DepartmentHr,
      atGrades(G.HEO, G.SEO)
    )
  }

  // learner0001 … : people with a line manager, spread over the whole civil service.
  const learners = Math.min(1000, Math.floor(people.count / 20))
  let offset = random.int(0, people.count - 1)
  for (let number = 1; number <= learners; number++) {
    offset = (offset + Math.floor(people.count / learners) + 1) % people.count
    for (let step = 0; step < people.count; step++) {
      const person = (offset + step) % people.count
      if (free(person) && people.height[person] === 0) {
        people.name(person, `learner${String(number).padStart(4, '0')}@${BENCH_DOMAIN}`, null)
        break
      }
    }
  }
}

/* Writes teams, people and their roles. */
export async function insertPeople(
  loader: Loader,
  people: BenchPeople,
  random: Random,
  options: { now: number; passwordHash: string }
) {
  const { now, passwordHash } = options
  const teams = await loader.table('teams', [
    'organisation_id',
    'name',
    'location',
    'created_at',
    'updated_at',
  ])
  const users = await loader.table(
    'users',
    [
      'full_name',
      'email',
      'password',
      'organisation_id',
      'team_id',
      'grade',
      'profession',
      'line_manager_id',
      'deactivated_at',
      'last_signed_in_at',
      'created_at',
      'updated_at',
    ],
    { after: [teams] }
  )
  const roles = await loader.table('user_roles', ['user_id', 'role', 'created_at'], {
    after: [users],
  })
  people.firstId = users.peekId()

  for (const organisation of people.organisations) {
    const { from, to } = people.range(organisation)
    let teamNumber = 0
    for (let person = from; person < to; person++) {
      if (people.height[person] !== 1) continue
      teamNumber += 1
      const work = random.pick(TEAM_WORK[people.professionOf(person)])
      const location = random.pick(organisation.locations)
      const created = sqlTime(now - random.int(200, 2000) * DAY)
      const name = `${work} team ${teamNumber}`
      const id = await teams.insert([organisation.id, name, location, created, created])
      people.teams.push({ id, name, organisation, manager: person, location })
      people.team[person] = id
    }
    for (let person = from; person < to; person++) {
      const manager = people.manager[person]
      if (people.team[person] === 0 && manager >= 0 && people.height[person] === 0) {
        people.team[person] = people.team[manager]
      }
    }
  }

  for (let person = 0; person < people.count; person++) {
    const organisation = people.organisations[people.organisation[person]]
    const joined = now - random.int(30, 3000) * DAY
    const leftAt = people.deactivated[person] ? now - random.int(1, 300) * DAY : null
    const signedIn = random.chance(0.85)
      ? (leftAt ?? now) - random.int(0, 90) * DAY - random.int(0, 86_399) * 1000
      : null
    const id = await users.insert([
      people.fullName(person),
      people.email(person),
      passwordHash,
      organisation.id,
      people.team[person] || null,
      gradeValues[people.grade[person]],
      people.professionOf(person),
      people.managerId(person),
      leftAt === null ? null : sqlTime(leftAt),
      signedIn === null || signedIn < joined ? null : sqlTime(signedIn),
      sqlTime(joined),
      sqlTime(leftAt ?? joined),
    ])
    const created = sqlTime(joined)
    await roles.insert([id, Roles.Learner, created])
    const account = people.accounts.get(person)
    if (account?.role) await roles.insert([id, account.role, created])
  }
}

/* People's ids for a role given later (course admins, team leads), skipping ones already held. */
export async function addRoles(
  loader: Loader,
  people: BenchPeople,
  role: Role,
  persons: Iterable<number>,
  now: number
) {
  const roles = await loader.table('user_roles', ['user_id', 'role', 'created_at'])
  const done = new Set<number>()
  for (const person of persons) {
    if (done.has(person) || people.accounts.get(person)?.role === role) continue
    done.add(person)
    await roles.insert([people.id(person), role, sqlTime(now)])
  }
  return done.size
}
