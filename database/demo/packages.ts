import { readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative, sep } from 'node:path'
import { zipSync, type Zippable } from 'fflate'
import type { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import Course from '#models/course'
import ModuleProgress from '#models/module_progress'
import User from '#models/user'
import { startSelfPaced } from '#actions/learning/start_self_paced'
import { uploadLearningPackage } from '#actions/learning/upload_learning_package'

/*
 * The service's own e-learning packages, kept as source in
 * database/demo/packages/<name>/ (a manifest, a page and a script each,
 * with the style sheet they share in database/demo/packages/shared/) and
 * zipped when wanted: for the demo, for the tests
 * and for `node ace learning:package-zips`. No zip is kept in the
 * repository.
 */
export const OWN_PACKAGES = {
  digital_awareness_scorm12: 'SCORM 1.2: Digital by default: the basics',
  digital_awareness_scorm2004: 'SCORM 2004: Designing with data: the basics',
} as const

export type OwnPackage = keyof typeof OWN_PACKAGES

/* The folder holding a package's source. */
export function ownPackageFolder(name: OwnPackage) {
  return app.makePath('database', 'demo', 'packages', name)
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    return entry.isDirectory() ? filesUnder(path) : [path]
  })
}

/* One of the service's own packages as a zip, with imsmanifest.xml and the shared files at its root. */
export function ownPackageZip(name: OwnPackage): Buffer {
  const files: Zippable = {}
  for (const folder of [
    app.makePath('database', 'demo', 'packages', 'shared'),
    ownPackageFolder(name),
  ]) {
    for (const path of filesUnder(folder).sort()) {
      files[relative(folder, path).split(sep).join('/')] = readFileSync(path)
    }
  }
  // A fixed time keeps the zip the same from one build to the next.
  return Buffer.from(zipSync(files, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') }))
}

/* The self-paced course the demo's own packages go in when the demo has no awareness course of its own. */
export const PACKAGE_COURSE = {
  code: 'DCS-EL01',
  title: 'Digital awareness: e-learning',
  summary:
    'Two short e-learning lessons: what digital by default means, and why services publish their performance. Start any time.',
}

/*
 * The demo's e-learning: the service's SCORM 1.2 package (required) and
 * its SCORM 2004 package (optional) added to the self-paced digital
 * awareness course, by the demo's course admin, through the same action
 * an upload uses; three demo learners have started the course, the first
 * part way through the lesson. Adds nothing when the demo has packages.
 */
export async function seedDemoPackages(client: QueryClientContract, options: { now: DateTime }) {
  const existing = await client.from('learning_packages').select('id').first()
  if (existing) return null
  const admin = await User.findByOrFail('email', 'courses@demo.example', { client })
  const course = await awarenessCourse(client)

  const added = []
  for (const [name, required] of [
    ['digital_awareness_scorm12', true],
    ['digital_awareness_scorm2004', false],
  ] as const) {
    const folder = await mkdtemp(join(tmpdir(), 'dcs-demo-package-'))
    const zipPath = join(folder, `${name}.zip`)
    try {
      await writeFile(zipPath, ownPackageZip(name))
      const result = await uploadLearningPackage(course, { zipPath, required }, admin)
      if (result.type !== 'added')
        throw new Error(`The demo package ${name} was refused: ${result.type}`)
      added.push(result.module)
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  }

  // The first learners without reports, as the demo's learner persona is chosen.
  const learners = await client
    .from('users')
    .where('email', 'like', 'learner%@demo.example')
    .whereNotExists((reports) =>
      reports.from('users as reports').whereColumn('reports.line_manager_id', 'users.id')
    )
    .orderBy('email')
    .limit(3)
    .select('id')
  let started = 0
  for (const [index, learner] of learners.entries()) {
    const run = await startSelfPaced({ id: Number(learner.id) }, course.id, {
      now: options.now.minus({ days: 3 - index }).toJSDate(),
    })
    if (run.type !== 'started') continue
    started += 1
    if (index === 0) {
      await ModuleProgress.create(
        {
          selfPacedEnrolmentId: run.enrolment.id,
          moduleId: added[0].id,
          status: 'in_progress',
          success: 'unknown',
          score: null,
          lessonLocation: 'question',
          suspendData: '',
          totalSeconds: 240,
          lastActivityAt: options.now.minus({ days: 1 }),
          completedAt: null,
        },
        { client }
      )
    }
  }
  return { course: course.title, modules: added.length, started }
}

/* The demo's self-paced awareness course, or a course of its own for the packages when there is none. */
async function awarenessCourse(client: QueryClientContract) {
  const found = await Course.query({ client })
    .where('delivery', 'self_paced')
    .where('status', 'published')
    .where((query) => query.whereILike('title', '%awareness%').orWhereILike('code', '%AWARE%'))
    .orderBy('id')
    .first()
  if (found) return found
  const provider = await client.from('providers').where('code', 'GDS-ACADEMY').select('id').first()
  return Course.create(
    {
      providerId: Number(provider.id),
      code: PACKAGE_COURSE.code,
      title: PACKAGE_COURSE.title,
      summary: PACKAGE_COURSE.summary,
      mode: 'online',
      delivery: 'self_paced',
      durationHours: 1,
      costPence: 0,
      status: 'published',
      requiresApproval: false,
    },
    { client }
  )
}

/* One line for the demo's summary. */
export function describeDemoPackages(summary: {
  course: string
  modules: number
  started: number
}) {
  return `E-learning: ${summary.modules} packages in ${summary.course}, ${summary.started} learners started`
}
