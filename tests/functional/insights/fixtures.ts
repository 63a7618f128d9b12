import { DateTime } from 'luxon'
import { createUser } from '#database/factories/user_factory'
import { createRole, createSkill } from '#database/factories/framework_factory'
import {
  createAudience,
  createCompletion,
  createCourse,
  createEnrolment,
  createSession,
} from '#database/factories/learning_factory'
import {
  createEntrant,
  createMatch,
  createPlacement,
  createRound,
  createTeam,
} from '#database/factories/fast_stream_factory'
import {
  OrganisationFactory,
  createChildOrganisation,
} from '#database/factories/organisation_factory'
import type CourseSession from '#models/course_session'
import RoleAssignment from '#models/role_assignment'
import type Course from '#models/course'
import type Organisation from '#models/organisation'
import type RoleLevel from '#models/role_level'
import type Skill from '#models/skill'
import type User from '#models/user'
import type { EnrolmentStatus } from '#enums/learning'
import type { CampaignStage } from '#enums/workforce'
import { compliantDigitalLeader } from '#tests/support/digital_leaders'
import { createAssessment, createRoleAssignment } from '#database/factories/capability_factory'
import {
  createCampaign,
  createCapabilityPlan,
  createPlanLine,
} from '#database/factories/workforce_factory'
import { managedService } from '#tests/support/services'

/*
 * Fixtures for the dashboards. Department A (transactional) has agency A1;
 * department B stands alone. HR of A and of B, a capability admin and a
 * learner. The expected figures of each panel are worked out by hand in
 * the tests from what these functions create.
 */
export async function organisations() {
  const a = await OrganisationFactory.merge({
    name: 'Department A',
    isTransactional: true,
  }).create()
  const a1 = await createChildOrganisation(a, { name: 'Agency A1' })
  const b = await OrganisationFactory.merge({ name: 'Department B' }).create()
  const hrA = await createUser({ roles: ['department_hr', 'learner'], organisation: a })
  const hrB = await createUser({ roles: ['department_hr', 'learner'], organisation: b })
  const admin = await createUser({ roles: ['capability_admin', 'learner'], organisation: b })
  const learner = await createUser({ roles: ['learner'], organisation: a })
  return { a, a1, b, hrA, hrB, admin, learner }
}

async function person(organisation: Organisation, fullName: string, level?: RoleLevel) {
  const user = await createUser({ organisation, overrides: { fullName } })
  if (level) {
    await createRoleAssignment(user, level)
  }
  return user
}

async function assess(
  user: User,
  skill: Skill,
  level: number,
  source: 'self' | 'manager',
  daysAgo = 10
) {
  await createAssessment(user, skill, level, {
    source,
    assessedAt: DateTime.now().minus({ days: daysAgo }),
  })
}

/*
 * Three role families and eight active people with a current role level:
 *   Delivery manager (Product and delivery family) needs Agile working 3
 *     (category Product and delivery) and User focus 2 (User-centred design);
 *   Developer (Technical family) needs Coding 3 (Technical) and Agile working 2;
 *   Leader (Leadership family) needs nothing.
 * A:  Alice DM meets (Agile validated 3, User focus self 2);
 *     Adam DM below in both (Agile self 2, no User focus).
 * A1: Bob Dev below in Agile (self 1; Coding validated 2 then 3);
 *     Beth Leader meets (nothing needed); Carl Dev meets (Coding 3, Agile 2 validated);
 *     Dora DM is deactivated and never counts.
 * B:  Quentin DM below in User focus (validated 1 counts over a later self 3);
 *     Sam DM below in both (nothing assessed); Rita Dev meets (self 4 and 3).
 */
export async function capabilityFixture() {
  const orgs = await organisations()
  const { a, a1, b } = orgs
  const agile = await createSkill('Agile working', 'Product and delivery')
  const userFocus = await createSkill('User focus', 'User-centred design')
  const coding = await createSkill('Coding', 'Technical')
  const {
    role: deliveryManager,
    levels: [dm],
  } = await createRole({
    family: 'Product and delivery',
    role: 'Delivery manager',
    levels: [{ name: 'Delivery manager', needs: { 'Agile working': 3, 'User focus': 2 } }],
  })
  const {
    role: developer,
    levels: [dev],
  } = await createRole({
    family: 'Technical',
    role: 'Developer',
    levels: [{ name: 'Developer', needs: { 'Coding': 3, 'Agile working': 2 } }],
  })
  const {
    role: leaderRole,
    levels: [leader],
  } = await createRole({
    family: 'Leadership',
    role: 'Leader',
    levels: [{ name: 'Leader', needs: {} }],
  })

  const alice = await person(a, 'Alice Able', dm)
  await assess(alice, agile, 3, 'manager')
  await assess(alice, userFocus, 2, 'self')
  const adam = await person(a, 'Adam Ash', dm)
  await assess(adam, agile, 2, 'self')
  const bob = await person(a1, 'Bob Baker', dev)
  await assess(bob, agile, 1, 'self')
  await assess(bob, coding, 2, 'manager', 30)
  await assess(bob, coding, 3, 'manager', 5)
  const beth = await person(a1, 'Beth Bell', leader)
  const carl = await person(a1, 'Carl Cole', dev)
  await assess(carl, coding, 3, 'manager')
  await assess(carl, agile, 2, 'manager')
  const dora = await person(a1, 'Dora Dean', dm)
  dora.deactivatedAt = DateTime.now()
  await dora.save()
  const quentin = await person(b, 'Quentin Quill', dm)
  await assess(quentin, agile, 4, 'manager')
  await assess(quentin, userFocus, 1, 'manager', 20)
  await assess(quentin, userFocus, 3, 'self', 2)
  const sam = await person(b, 'Sam Stone', dm)
  const rita = await person(b, 'Rita Reed', dev)
  await assess(rita, coding, 4, 'self')
  await assess(rita, agile, 3, 'self')

  return {
    ...orgs,
    deliveryManager,
    developer,
    leaderRole,
    people: { alice, adam, bob, beth, carl, dora, quentin, sam, rita },
  }
}

async function plan(organisation: Organisation, year: number, lines: Array<[number, number]>) {
  const created = await createCapabilityPlan(organisation, year)
  for (const [roleProfileId, postsNeeded] of lines) {
    await createPlanLine(created, roleProfileId, {
      postsNeeded,
      inPostOverride: null,
      plannedToRecruit: 0,
      plannedToTrain: 0,
    })
  }
}

async function campaign(
  organisation: Organisation,
  roleProfileId: number,
  posts: number,
  stage: CampaignStage
) {
  await createCampaign(organisation, roleProfileId, {
    title: `Campaign for ${posts}`,
    posts,
    stage,
    hires: stage === 'filled' ? posts : 0,
  })
}

/*
 * The capability fixture plus plans and campaigns. Plans for 2025–26:
 * A needs 5 Delivery managers and 2 Developers, A1 3 Developers, B 4
 * Delivery managers; A's 2024–25 plan (9 Delivery managers) is another
 * year. Open campaigns: A 2 Delivery managers (advertised), A1 2
 * Developers (planned), B 3 Delivery managers (sifting); A1's filled and
 * A's closed Developer campaigns are not recruiting any more.
 */
export async function workforceFixture() {
  const fixture = await capabilityFixture()
  const { a, a1, b, deliveryManager: dm, developer: dev } = fixture
  await plan(a, 2025, [
    [dm.id, 5],
    [dev.id, 2],
  ])
  await plan(a1, 2025, [[dev.id, 3]])
  await plan(b, 2025, [[dm.id, 4]])
  await plan(a, 2024, [[dm.id, 9]])
  await campaign(a, dm.id, 2, 'advertised')
  await campaign(a1, dev.id, 1, 'filled')
  await campaign(b, dm.id, 3, 'sifting')
  await campaign(a, dev.id, 4, 'closed')
  await campaign(a1, dev.id, 2, 'planned')
  return fixture
}

async function enrol(session: CourseSession, user: User, status: EnrolmentStatus) {
  const holds = ['requested', 'booked', 'waitlisted', 'attended'].includes(status)
  await createEnrolment(session, user, { status, activeSessionId: holds ? session.id : null })
}

async function sessionOn(course: Course, day: string, capacity: number) {
  return createSession({ course, capacity, startsAt: DateTime.fromISO(`${day}T09:30:00Z`) })
}

/*
 * The capability fixture plus training in 2025–26. Course X costs £450,
 * course Y £100. Sessions: S1 (X, 10 June 2025, 4 places), S2 (Y, 10
 * October 2025, 3 places), S3 (X, June 2024: another year) and S4 (Y,
 * November 2025, cancelled).
 *   S1: Alice completed, Adam no-show, Bob attended, Quentin booked,
 *       Sam and Carl waitlisted, Beth cancelled.
 *   S2: Alice booked, Bob completed, Rita and Adam waitlisted.
 *   S3: Alice completed.   S4: Adam cancelled.
 */
export async function learningFixture() {
  const fixture = await capabilityFixture()
  const { alice, adam, bob, beth, carl, quentin, sam, rita } = fixture.people
  const x = await createCourse({ title: 'Course X' })
  const y = await createCourse({ title: 'Course Y' })
  y.costPence = 10000
  await y.save()
  const s1 = await sessionOn(x, '2025-06-10', 4)
  const s2 = await sessionOn(y, '2025-10-10', 3)
  const s3 = await sessionOn(x, '2024-06-01', 10)
  const s4 = await sessionOn(y, '2025-11-01', 5)
  s4.status = 'cancelled'
  await s4.save()
  await enrol(s1, alice, 'completed')
  await enrol(s1, adam, 'no_show')
  await enrol(s1, bob, 'attended')
  await enrol(s1, quentin, 'booked')
  await enrol(s1, sam, 'waitlisted')
  await enrol(s1, carl, 'waitlisted')
  await enrol(s1, beth, 'cancelled')
  await enrol(s2, alice, 'booked')
  await enrol(s2, bob, 'completed')
  await enrol(s2, rita, 'waitlisted')
  await enrol(s2, adam, 'waitlisted')
  await enrol(s3, alice, 'completed')
  await enrol(s4, adam, 'cancelled')
  return { ...fixture, courses: { x, y } }
}

/*
 * Strategy actions 01 and 02. Digital Leaders: A has Alice (in place); A1,
 * an agency of transactional A, has none; B's is deactivated. Services
 * over 100,000 a year: A "Big A" managed by Alice, who completed the
 * mandatory course (compliant); A1 "Agency service" with no manager; B
 * "Big B" with Quentin, untrained; B "Booked B" with Sam, booked on the
 * course. A1's "Small" (50,000) is under the threshold.
 */
export async function strategyFixture() {
  const fixture = await capabilityFixture()
  const { a, a1, b } = fixture
  const { alice, quentin, sam, rita } = fixture.people
  const { role } = await createRole({ role: 'Service Manager', levels: [] })
  const course = await createCourse({ title: 'Service Manager programme' })
  await createAudience(course, role, 'mandatory')
  await createCompletion(alice, course, { completedOn: DateTime.now().minus({ months: 2 }) })
  const session = await createSession({ course })
  await enrol(session, sam, 'booked')

  // Alice leads digital on A's board: Senior Civil Service, the Digital Leader role, trained.
  await RoleAssignment.query()
    .where('user_id', alice.id)
    .where('active_kind', 'current')
    .update({ status: 'ended', activeKind: null })
  await compliantDigitalLeader(a, alice)
  rita.deactivatedAt = DateTime.now()
  await rita.save()
  b.digitalLeaderId = rita.id
  await b.save()

  await managedService(a, 'Big A', 500_000, alice, 'live')
  await managedService(a1, 'Agency service', 200_000, undefined, 'live')
  await managedService(a1, 'Small', 50_000, undefined, 'live')
  await managedService(b, 'Big B', 300_000, quentin, 'live')
  await managedService(b, 'Booked B', 150_000, sam, 'live')
  return fixture
}

/*
 * Fast Stream: an older published round, then the latest. Latest round's
 * approved placements: PA1 (A, 2 places, digital), PA2 (A1, 1 place),
 * PB1 (B, 3 places); PA3 (A, 5 places) was withdrawn. Matches:
 *   e1 → PA1, first choice, has a digital posting;
 *   e2 → PA1, second choice, joined 2013 with no digital posting;
 *   e3 → PA2, first choice, joined six months ago, account in A;
 *   e4 → PB1, first choice, has a digital posting;
 *   e5 unmatched, joined 2013 with no digital posting.
 * Older round: PB0 (B, 1 place) filled by e4 as their second choice.
 * Only e3 is in their first two years, and on track for the digital rule:
 * rounds every six months after the rounds' 2014 postings leave two or
 * more whose postings end before their two-year mark.
 */
export async function fastStreamFixture() {
  const orgs = await organisations()
  const { a, a1, b } = orgs
  const older = await createRound({ status: 'published', name: 'Older round' })
  const round = await createRound({ status: 'published', name: 'Latest round' })
  const teamA = await createTeam(a, 'Team A')
  const teamA1 = await createTeam(a1, 'Team A1')
  const teamB = await createTeam(b, 'Team B')
  const pa1 = await createPlacement(round, { team: teamA, capacity: 2, digital: true })
  const pa2 = await createPlacement(round, { team: teamA1, capacity: 1, digital: false })
  const pb1 = await createPlacement(round, { team: teamB, capacity: 3, digital: true })
  await createPlacement(round, { team: teamA, capacity: 5, status: 'withdrawn' })
  const pb0 = await createPlacement(older, { team: teamB, capacity: 1 })

  const recent = DateTime.now().minus({ months: 6 }).toISODate()!
  const { entrant: e1 } = await createEntrant({ postings: [{ organisation: b, digital: true }] })
  const { entrant: e2 } = await createEntrant({
    startedOn: '2013-09-01',
    postings: [{ organisation: b }],
  })
  const { entrant: e3 } = await createEntrant({ startedOn: recent, organisation: a })
  const { entrant: e4 } = await createEntrant({ postings: [{ organisation: a, digital: true }] })
  const { entrant: e5 } = await createEntrant({ startedOn: '2013-09-01' })
  await createMatch(round, e1, pa1, 1)
  await createMatch(round, e2, pa1, 2)
  await createMatch(round, e3, pa2, 1)
  await createMatch(round, e4, pb1, 1)
  await createMatch(round, e5, null, null)
  await createMatch(older, e4, pb0, 2)
  return { ...orgs, round, older }
}
