import type { DateTime } from 'luxon'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import Course from '#models/course'
import CourseModule from '#models/course_module'
import CourseOutcome from '#models/course_outcome'
import { startSelfPaced } from '#actions/learning/start_self_paced'
import { finishModule } from '#actions/learning/record_module_progress'

/* The scheduled awareness course whose self-paced twin reaches everyone. */
const SCHEDULED_CODE = 'CSL-OL01'

/* The self-paced twin of "Introduction to digital by default". */
export const SELF_PACED_AWARENESS = {
  code: 'CSL-OL01-SP',
  title: 'Digital awareness: introduction to digital by default',
  summary:
    'The self-paced, online version of Introduction to digital by default, for every civil servant at every grade: what digital by default means, the Government Digital Strategy, the Service Standard and how assisted digital support keeps services open to everyone. Start any time; there is no limit on places.',
}

/* Its modules, in order: links, a document and a video on GOV.UK, one of them optional. */
const MODULES = [
  {
    title: 'What digital by default means',
    kind: 'video',
    url: 'https://www.gov.uk/government/publications/government-digital-strategy/government-digital-strategy',
    required: true,
  },
  {
    title: 'The Government Digital Strategy',
    kind: 'document',
    url: 'https://www.gov.uk/government/publications/government-digital-strategy',
    required: true,
  },
  {
    title: 'The Service Standard',
    kind: 'link',
    url: 'https://www.gov.uk/service-manual/service-standard',
    required: true,
  },
  {
    title: 'Helping people to use your service',
    kind: 'link',
    url: 'https://www.gov.uk/service-manual/helping-people-to-use-your-service',
    required: false,
  },
] as const

/* The first learners the e-learning packages' demo starts the course for, left to it. */
const LEFT_FOR_PACKAGES = 3

/*
 * The awareness course made to reach everyone: a self-paced twin of
 * "Introduction to digital by default" (the scheduled one keeps its
 * sessions and the people booked on them), with its skills and four
 * modules. Six demo learners have completed it (on their learning record,
 * with their skill claims) and four are part way through. Adds nothing
 * when the twin exists, or when the demo has no awareness course.
 */
export async function seedDemoSelfPaced(client: QueryClientContract, options: { now: DateTime }) {
  const existing = await client
    .from('courses')
    .where('code', SELF_PACED_AWARENESS.code)
    .select('id')
    .first()
  if (existing) return null
  const scheduled = await Course.query({ client })
    .where('code', SCHEDULED_CODE)
    .preload('outcomes')
    .first()
  if (!scheduled) return null

  const course = await Course.create(
    {
      providerId: scheduled.providerId,
      code: SELF_PACED_AWARENESS.code,
      title: SELF_PACED_AWARENESS.title,
      summary: SELF_PACED_AWARENESS.summary,
      mode: 'online',
      delivery: 'self_paced',
      validityMonths: null,
      durationHours: scheduled.durationHours,
      costPence: 0,
      status: 'published',
      requiresApproval: false,
    },
    { client }
  )
  for (const outcome of scheduled.outcomes) {
    await CourseOutcome.create(
      { courseId: course.id, skillId: outcome.skillId, level: outcome.level },
      { client }
    )
  }
  const modules: CourseModule[] = []
  for (const [index, module] of MODULES.entries()) {
    modules.push(
      await CourseModule.create(
        { courseId: course.id, position: index + 1, packageId: null, ...module },
        { client }
      )
    )
  }
  const required = modules.filter((module) => module.required)

  // Learners without reports, after those the e-learning packages' demo starts the course for.
  const learners = await client
    .from('users')
    .where('email', 'like', 'learner%@demo.example')
    .whereNotExists((reports) =>
      reports.from('users as reports').whereColumn('reports.line_manager_id', 'users.id')
    )
    .orderBy('email')
    .offset(LEFT_FOR_PACKAGES)
    .limit(10)
    .select('id')
  let completed = 0
  let inProgress = 0
  for (const [index, row] of learners.entries()) {
    const learner = { id: Number(row.id) }
    const startedDaysAgo = 60 - index * 5
    const run = await startSelfPaced(learner, course.id, {
      now: options.now.minus({ days: startedDaysAgo }).toJSDate(),
    })
    if (run.type !== 'started') continue
    // The first six finish every required module; the rest one or two of them.
    const finishing = index < 6 ? required : required.slice(0, 1 + (index % 2))
    for (const [step, module] of finishing.entries()) {
      const when = options.now.minus({ days: startedDaysAgo - 2 * (step + 1) })
      await finishModule(learner, module.id, when.toJSDate())
    }
    if (index < 6) completed += 1
    else inProgress += 1
  }
  return { course: course.title, modules: modules.length, completed, inProgress }
}

/* One line for the demo's summary. */
export function describeDemoSelfPaced(summary: {
  course: string
  modules: number
  completed: number
  inProgress: number
}) {
  return `Self-paced: ${summary.course} with ${summary.modules} modules, ${summary.completed} learners completed it and ${summary.inProgress} part way through`
}
