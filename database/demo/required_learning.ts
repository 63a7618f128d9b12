import type { DateTime } from 'luxon'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { RoleAssignmentKinds } from '#enums/capability'

/*
 * The demo's required learning (ADR 19), with people in every state:
 * - the senior officials' training: the Digital Leaders' masterclass,
 *   required by the capability admin of every Senior Civil Service grade
 *   (SCS1 to SCS4), due in 20 days and again every 3 years; some senior
 *   officials took it lately (completed), some more than 3 years ago
 *   (expired), the rest have it due;
 * - the Service Manager programme, required of every Service Manager, due
 *   a month ago and again every 2 years: overdue for most, completed or
 *   expired for some;
 * - one department's HR requiring "Cyber security awareness" of their own
 *   organisation within 90 days of joining: not due yet;
 * - five demo learners picked by name, who have not done "Introduction to
 *   digital by default", due two weeks ago: overdue.
 * The completions the demo adds for them come before the demo's
 * certificates, which are issued for them too. Adds nothing when
 * requirements are there already.
 */

const stamp = (value: DateTime) => value.toUTC().toFormat('yyyy-MM-dd HH:mm:ss')
const SCS_GRADES = ['SCS1', 'SCS2', 'SCS3', 'SCS4']

export type DemoRequiredLearningSummary = { requirements: number; completions: number }

export function describeDemoRequiredLearning(summary: DemoRequiredLearningSummary) {
  return `Demo required learning: ${summary.requirements} requirements, ${summary.completions} completions of their courses.`
}

export async function seedDemoRequiredLearning(
  client: QueryClientContract,
  options: { now: DateTime }
): Promise<DemoRequiredLearningSummary | null> {
  if (await client.from('course_requirements').first()) return null
  const { now } = options
  return client.transaction(async (trx) => {
    const courses = await trx
      .from('courses')
      .whereIn('code', ['DLN-DL01', 'GDS-SM01', 'CSL-CY01', 'CSL-OL01'])
      .select('id', 'code', 'title')
    const course = (code: string) => courses.find((row) => row.code === code)
    const admin = await trx.from('users').where('email', 'admin@demo.example').select('id').first()
    const serviceManagers = await trx
      .from('role_profiles')
      .where('name', 'Service Manager')
      .select('id')
      .first()
    const hr = await trx
      .from('user_roles as r')
      .join('users as u', 'u.id', 'r.user_id')
      .where('r.role', 'department_hr')
      .whereNull('u.deactivated_at')
      .orderBy('u.id')
      .select('u.id', 'u.organisation_id')
      .first()
    const senior = course('DLN-DL01')
    const programme = course('GDS-SM01')
    const cyber = course('CSL-CY01')
    const introduction = course('CSL-OL01')
    if (!admin || !senior || !programme) return null

    const requirement = async (values: Record<string, unknown>, setAt: DateTime) => {
      const [id] = await trx.table('course_requirements').insert({
        organisation_id: null,
        grades: null,
        profession: null,
        role_profile_id: null,
        due_on: null,
        due_days: null,
        recurrence_months: null,
        scope_organisation_id: null,
        created_by: admin.id,
        withdrawn_at: null,
        withdrawn_by: null,
        created_at: stamp(setAt),
        updated_at: stamp(setAt),
        ...values,
      })
      return id
    }
    let completions = 0
    const complete = async (
      people: { id: number }[],
      of: { id: number; title: string },
      monthsAgo: number
    ) => {
      for (const person of people) {
        await trx.table('learning_records').insert({
          user_id: person.id,
          course_id: of.id,
          title: of.title,
          provider_name: null,
          completed_on: now.minus({ months: monthsAgo }).toISODate(),
          source: 'enrolment',
          evidence_url: null,
          created_at: stamp(now),
          updated_at: stamp(now),
        })
        completions += 1
      }
    }
    const withoutCompletion = (courseId: number) =>
      trx
        .from('learning_records')
        .where('course_id', courseId)
        .whereNotNull('user_id')
        .select('user_id')

    // The Digital Leaders and Service Managers named for actions 01 and 02
    // keep the training the demo gives them there (trained, booked or not).
    const namedLeaders = () =>
      trx.from('organisations').whereNotNull('digital_leader_id').select('digital_leader_id')
    const namedManagers = () =>
      trx.from('services').whereNotNull('service_manager_id').select('service_manager_id')

    let requirements = 0
    await requirement(
      {
        course_id: senior.id,
        audience_kind: 'grade',
        grades: SCS_GRADES.join(','),
        due_kind: 'fixed',
        due_on: now.plus({ days: 20 }).toISODate(),
        recurrence_months: 36,
      },
      now.minus({ days: 40 })
    )
    requirements += 1
    const seniors = await trx
      .from('users')
      .whereIn('grade', SCS_GRADES)
      .whereNull('deactivated_at')
      .whereNotIn('id', withoutCompletion(senior.id))
      .whereNotIn('id', namedLeaders())
      .orderBy('id')
      .select('id')
    await complete(seniors.slice(0, Math.ceil(seniors.length / 3)), senior, 5)
    await complete(
      seniors.slice(Math.ceil(seniors.length / 3), Math.ceil(seniors.length / 2)),
      senior,
      40
    )

    if (serviceManagers) {
      await requirement(
        {
          course_id: programme.id,
          audience_kind: 'role_profile',
          role_profile_id: serviceManagers.id,
          due_kind: 'fixed',
          due_on: now.minus({ days: 30 }).toISODate(),
          recurrence_months: 24,
        },
        now.minus({ days: 120 })
      )
      requirements += 1
      const managers = await trx
        .from('role_assignments as ra')
        .join('role_levels as rl', 'rl.id', 'ra.role_level_id')
        .join('users as u', 'u.id', 'ra.user_id')
        .where('ra.active_kind', RoleAssignmentKinds.Current)
        .where('rl.role_profile_id', serviceManagers.id)
        .whereNull('u.deactivated_at')
        .whereNotIn('u.id', withoutCompletion(programme.id))
        .whereNotIn('u.id', namedManagers())
        .orderBy('u.id')
        .select('u.id')
      await complete(managers.slice(0, 2), programme, 30)
      await complete(managers.slice(2, 4), programme, 3)
    }

    if (hr && cyber) {
      await requirement(
        {
          course_id: cyber.id,
          audience_kind: 'organisation',
          organisation_id: hr.organisation_id,
          scope_organisation_id: hr.organisation_id,
          created_by: hr.id,
          due_kind: 'after_joining',
          due_days: 90,
        },
        now.minus({ days: 2 })
      )
      requirements += 1
    }
    if (introduction) {
      const picked = await trx
        .from('users')
        .where('email', 'like', 'learner%@demo.example')
        .whereNotIn('id', withoutCompletion(introduction.id))
        .orderBy('email')
        .limit(5)
        .select('id')
      if (picked.length) {
        const setAt = now.minus({ days: 45 })
        const id = await requirement(
          {
            course_id: introduction.id,
            audience_kind: 'people',
            due_kind: 'fixed',
            due_on: now.minus({ days: 14 }).toISODate(),
          },
          setAt
        )
        await trx.table('course_requirement_people').multiInsert(
          picked.map((person) => ({
            requirement_id: id,
            user_id: person.id,
            created_at: stamp(setAt),
          }))
        )
        requirements += 1
      }
    }
    return { requirements, completions }
  })
}
