import {
  AssessmentSources,
  AssessmentStatuses,
  PlanItemKinds,
  RoleAssignmentKinds,
  RoleAssignmentStatuses,
} from '#enums/capability'
import { WeightedIndex, type Random } from '#database/bench/random'
import { DAY, sqlDate, sqlTime, type Loader } from '#database/bench/loader'
import type { BenchFramework, BenchLevel, BenchProfile } from '#database/bench/framework'
import type { BenchPeople } from '#database/bench/people'
import type { BenchCatalogue } from '#database/bench/learning'
import { gradeValues } from '#enums/grades'
import { PROFILES_BY_PROFESSION, SENIOR_PROFILES } from '#database/bench/vocabulary'
import type { Profession } from '#enums/professions'

/*
 * Everyone's role level (current and confirmed for almost all, a target
 * for a quarter, an ended one for some who moved), self-assessments of
 * the skills their level needs for a quarter of people, their line
 * managers' validations for half of those, and development plan items
 * for the gaps that show.
 */

const SELF_ASSESSED = 0.25
const VALIDATED = 0.5
const SCS2 = gradeValues.indexOf('SCS2')

type Choice = { profiles: BenchProfile[]; picker: WeightedIndex }

export async function insertCapability(
  loader: Loader,
  random: Random,
  framework: BenchFramework,
  people: BenchPeople,
  catalogue: BenchCatalogue,
  now: number
) {
  const choice = (list: [string, number][]): Choice => ({
    profiles: list.map(([name]) => framework.profile(name)),
    picker: new WeightedIndex(list.map(([, weight]) => weight)),
  })
  const byProfession = new Map(
    (Object.entries(PROFILES_BY_PROFESSION) as [Profession, [string, number][]][]).map(
      ([profession, list]) => [profession, choice(list)]
    )
  )
  const senior = choice(SENIOR_PROFILES)
  const draw = ({ profiles, picker }: Choice) => profiles[picker.draw(random)]

  // Published courses by the skills they teach, for plan items that name a course.
  const coursesBySkill = new Map<number, number[]>()
  for (const course of catalogue.courses) {
    if (course.status !== 'published') continue
    for (const outcome of course.outcomes) {
      const list = coursesBySkill.get(outcome.skillId) ?? []
      list.push(course.id)
      coursesBySkill.set(outcome.skillId, list)
    }
  }

  const users = loader.writer('users')
  const assignments = await loader.table(
    'role_assignments',
    [
      'user_id',
      'role_level_id',
      'kind',
      'status',
      'active_kind',
      'proposed_by',
      'confirmed_by',
      'confirmed_at',
      'ended_at',
      'created_at',
      'updated_at',
    ],
    { after: [users] }
  )
  const assessments = await loader.table(
    'skill_assessments',
    [
      'user_id',
      'skill_id',
      'level',
      'source',
      'status',
      'assessed_by',
      'validates_id',
      'comment',
      'assessed_at',
      'created_at',
      'updated_at',
    ],
    { after: [users] }
  )
  const planItems = await loader.table(
    'development_plan_items',
    [
      'user_id',
      'kind',
      'skill_id',
      'target_level',
      'course_id',
      'due_on',
      'status',
      'notes',
      'agreed_by',
      'agreed_at',
      'created_at',
      'updated_at',
    ],
    { after: [users, loader.writer('courses')] }
  )

  const assignment = async (
    person: number,
    level: BenchLevel,
    kind: 'current' | 'target',
    status: 'proposed' | 'confirmed' | 'ended',
    at: number,
    endedAt: number | null
  ) => {
    const managerId = people.managerId(person)
    const confirmed = status !== 'proposed'
    await assignments.insert([
      people.id(person),
      level.id,
      kind,
      status,
      status === 'ended' ? null : kind,
      confirmed ? null : people.id(person),
      confirmed ? managerId : null,
      confirmed ? sqlTime(at) : null,
      endedAt === null ? null : sqlTime(endedAt),
      sqlTime(at),
      sqlTime(endedAt ?? at),
    ])
  }

  for (let person = 0; person < people.count; person++) {
    const grade = people.grade[person]
    const override = people.profileOverride.get(person)
    const profile = override
      ? framework.profile(override)
      : grade >= SCS2 && random.chance(0.6)
        ? draw(senior)
        : draw(byProfession.get(people.professionOf(person))!)
    const level = framework.levelFor(profile, grade)
    const since = now - random.int(20, 900) * DAY

    if (random.chance(0.08)) {
      const earlier = profile.levels.filter((candidate) => candidate.position < level.position)
      await assignment(
        person,
        earlier.length ? random.pick(earlier) : level,
        RoleAssignmentKinds.Current,
        RoleAssignmentStatuses.Ended,
        since - random.int(200, 900) * DAY,
        since
      )
    }
    const currentStatus = random.chance(0.05)
      ? RoleAssignmentStatuses.Proposed
      : RoleAssignmentStatuses.Confirmed
    await assignment(person, level, RoleAssignmentKinds.Current, currentStatus, since, null)
    const next = framework.nextLevel(level)
    if (next && random.chance(0.25)) {
      const status = random.chance(0.7)
        ? RoleAssignmentStatuses.Confirmed
        : RoleAssignmentStatuses.Proposed
      await assignment(
        person,
        next,
        RoleAssignmentKinds.Target,
        status,
        since + random.int(1, 15) * DAY,
        null
      )
    }

    if (!people.active(person) || level.requirements.length === 0 || !random.chance(SELF_ASSESSED))
      continue
    const managerId = people.managerId(person)
    const assessedAt = now - random.int(5, 300) * DAY
    const validated = managerId !== null && random.chance(VALIDATED)
    const validatedAt = assessedAt + random.int(1, 20) * DAY
    const gaps: { skillId: number; level: number }[] = []
    for (const requirement of level.requirements) {
      const self = Math.min(4, Math.max(1, requirement.level + random.pick([-2, -1, 0, 0, 0, 1])))
      const selfId = await assessments.insert([
        people.id(person),
        requirement.skillId,
        self,
        AssessmentSources.Self,
        AssessmentStatuses.Submitted,
        people.id(person),
        null,
        null,
        sqlTime(assessedAt),
        sqlTime(assessedAt),
        sqlTime(assessedAt),
      ])
      let counted = self
      if (validated) {
        const agrees = random.chance(0.7)
        counted = agrees ? self : Math.min(4, Math.max(1, self + (self >= 3 ? -1 : 1)))
        await assessments.insert([
          people.id(person),
          requirement.skillId,
          counted,
          AssessmentSources.Manager,
          AssessmentStatuses.Validated,
          managerId,
          selfId,
          agrees
            ? null
            : counted < self
              ? 'Not yet seen applied without support; let us find a piece of work for it.'
              : 'You undersell yourself here: I have seen you do this well.',
          sqlTime(validatedAt),
          sqlTime(validatedAt),
          sqlTime(validatedAt),
        ])
      }
      if (counted < requirement.level) gaps.push(requirement)
    }

    for (const gap of gaps.slice(0, 2)) {
      const courses = coursesBySkill.get(gap.skillId)
      const course = courses && random.chance(0.3) ? random.pick(courses) : null
      const status = random.weighted(['planned', 'in_progress', 'done'] as const, [4, 4, 2])
      const agreedAt = validated ? validatedAt : assessedAt + DAY
      await planItems.insert([
        people.id(person),
        course ? PlanItemKinds.Course : PlanItemKinds.Skill,
        course ? null : gap.skillId,
        course ? null : gap.level,
        course,
        sqlDate(now + random.int(-90, 180) * DAY),
        status,
        course
          ? 'Book a session and share what you learn with the team.'
          : 'Take on a piece of work that needs this, with support.',
        managerId,
        managerId === null ? null : sqlTime(agreedAt),
        sqlTime(assessedAt),
        sqlTime(Math.max(assessedAt, agreedAt)),
      ])
    }
  }
}
