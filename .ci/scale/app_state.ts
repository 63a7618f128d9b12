/*
 * The scale-out test's work inside the application, booted as a console
 * process with the same environment as the web instances (MySQL, Redis):
 *
 *   node --import=@poppinss/ts-exec .ci/scale/app_state.ts seed <fixture.json> [learners]
 *   node --import=@poppinss/ts-exec .ci/scale/app_state.ts shared <fixture.json>
 *
 * `seed` creates four published courses with a session each, the learners (one
 * password hash for all: hashing each would take minutes), an API token
 * for each learner, and leaves three things in Redis for `shared` to find
 * from another process: a cache entry, a held lock and a queued job. It
 * writes everything the checks need to the fixture file.
 *
 * `shared` runs in a fresh process after the web instances have started:
 * it reads the cache entry (not in its own memory, so it comes from
 * Redis), finds the lock held (by a process that has exited), and finds
 * the queued job gone: taken by a web instance's worker, the only workers
 * there are. Prints PASS or FAIL lines; exits 1 on a failure.
 */
import { readFileSync, writeFileSync } from 'node:fs'

const [mode, fixturePath, learnerArgument] = process.argv.slice(2)
if ((mode !== 'seed' && mode !== 'shared') || !fixturePath) {
  console.error('Usage: app_state.ts seed|shared <fixture.json> [learners]')
  process.exit(2)
}

const CACHE_KEY = 'scale-test:probe'
const LOCK_KEY = 'scale-test:probe'
const PASSWORD = 'scale-test-password-8d1f'

const { ignitor } = await import('../../bin/ignitor.js')
const app = ignitor().createApp('console')
await app.init()
await app.boot()
await app.start(async () => {})

let failed = false
try {
  if (mode === 'seed') {
    await seed(Number(learnerArgument ?? 2000))
  } else {
    failed = !(await shared())
  }
} finally {
  await app.terminate()
}
process.exit(failed ? 1 : 0)

async function seed(learnerCount: number) {
  const started = Date.now()
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const { default: hash } = await import('@adonisjs/core/services/hash')
  const { default: cache } = await import('@adonisjs/cache/services/main')
  const { default: lock } = await import('@adonisjs/lock/services/main')
  const { default: queue } = await import('@adonisjs/queue/services/main')
  const { default: Organisation } = await import('#models/organisation')
  const { default: User } = await import('#models/user')
  const { default: ProcessStaffImport } = await import('#jobs/process_staff_import')
  const { createCourse, createSession } = await import('#database/factories/learning_factory')
  const { SIGN_IN_LIMITS } = await import('#actions/identity/sign_in')

  const organisation = await Organisation.create({
    code: 'scale',
    name: 'Scale Test Department',
    type: 'ministerial_department',
    parentId: null,
    path: '/',
    depth: 0,
    isTransactional: false,
  })
  // A course of its own for each check's session: a person holds one place per course.
  const sessionWith = async (capacity: number, title: string) => {
    const course = await createCourse({ title })
    const session = await createSession({ course, capacity })
    return session.id
  }
  const sessions = {
    crowd: await sessionWith(50, 'Scale Test Course: crowd'),
    kill: await sessionWith(50, 'Scale Test Course: kill'),
    lock: await sessionWith(5, 'Scale Test Course: lock'),
    web: await sessionWith(5, 'Scale Test Course: web'),
  }

  const passwordHash = await hash.make(PASSWORD)
  const now = new Date()
  const person = (email: string, fullName: string) => ({
    full_name: fullName,
    email,
    password: passwordHash,
    organisation_id: organisation.id,
    grade: 'HEO',
    profession: 'digital',
    created_at: now,
    updated_at: now,
  })
  const learnerEmails = Array.from(
    { length: learnerCount },
    (_, index) => `learner${String(index + 1).padStart(4, '0')}@scale.test`
  )
  const rows = [
    person('web.user@scale.test', 'Wendy Webb'),
    person('rate.limited@scale.test', 'Rita Limit'),
    ...learnerEmails.map((email, index) => person(email, `Learner ${index + 1}`)),
  ]
  for (let index = 0; index < rows.length; index += 500) {
    await db.table('users').multiInsert(rows.slice(index, index + 500))
  }
  const users = await User.query().whereIn(
    'email',
    rows.map((row) => row.email)
  )
  const byEmail = new Map(users.map((user) => [user.email, user]))
  await db
    .table('user_roles')
    .multiInsert(users.map((user) => ({ user_id: user.id, role: 'learner', created_at: now })))

  // Tokens minted through the application's own provider, twenty at a time.
  const learners: { id: number; email: string; token: string }[] = []
  for (let index = 0; index < learnerEmails.length; index += 20) {
    const batch = learnerEmails.slice(index, index + 20).map(async (email) => {
      const user = byEmail.get(email)!
      const token = await User.accessTokens.create(user, ['*'], { name: 'scale test' })
      return { id: user.id, email, token: token.value!.release() }
    })
    learners.push(...(await Promise.all(batch)))
  }

  // Left in Redis for the `shared` check, run later from another process.
  const cacheValue = `written by process ${process.pid} at ${new Date().toISOString()}`
  await cache.set({ key: CACHE_KEY, value: cacheValue, ttl: '10m' })
  const held = await lock.createLock(LOCK_KEY, '10m').acquireImmediately()
  if (!held)
    throw new Error(`The lock ${LOCK_KEY} is already held: is Redis shared with another run?`)
  const { jobId } = await ProcessStaffImport.dispatch({
    staffImportId: 0,
    step: 'check',
    actorId: 0,
  })
  const queued = await queue.use().getJob(jobId, 'default')

  writeFileSync(
    fixturePath,
    JSON.stringify(
      {
        sessions,
        password: PASSWORD,
        webUser: { email: 'web.user@scale.test', name: 'Wendy Webb' },
        rateLimitedEmail: 'rate.limited@scale.test',
        perAccountLimit: SIGN_IN_LIMITS.perAccount.requests,
        learners,
        shared: { cacheValue, jobId, jobStatusAtSeed: queued?.status ?? 'missing' },
      },
      null,
      2
    )
  )
  console.log(
    `Seeded ${learners.length} learners with API tokens, 2 more people, sessions ${JSON.stringify(sessions)}, ` +
      `a cache entry, a held lock and queued job ${jobId} (${queued?.status ?? 'missing'}) in ${Date.now() - started} ms`
  )
}

async function shared() {
  const { default: cache } = await import('@adonisjs/cache/services/main')
  const { default: lock } = await import('@adonisjs/lock/services/main')
  const { default: queue } = await import('@adonisjs/queue/services/main')
  const fixture = JSON.parse(readFileSync(fixturePath, 'utf8'))
  let passed = true
  const verdict = (ok: boolean, line: string) => {
    console.log(`${ok ? 'PASS' : 'FAIL'}  ${line}`)
    if (!ok) passed = false
  }

  const value = await cache.get({ key: CACHE_KEY })
  verdict(
    value === fixture.shared.cacheValue,
    `e1. cache: an entry written by the seeding process is read by this one through Redis (${JSON.stringify(value ?? null)})`
  )
  await cache.delete({ key: CACHE_KEY })

  const probe = lock.createLock(LOCK_KEY, '10m')
  const acquired = await probe.acquireImmediately()
  verdict(
    !acquired,
    `e2. lock: the lock taken by the seeding process (which has exited) is held for this one too (acquired: ${acquired})`
  )
  await probe.forceRelease()

  const deadline = Date.now() + 15_000
  let job = await queue.use().getJob(fixture.shared.jobId, 'default')
  while (job && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250))
    job = await queue.use().getJob(fixture.shared.jobId, 'default')
  }
  verdict(
    fixture.shared.jobStatusAtSeed === 'pending' && job === null,
    `e3. queue: job ${fixture.shared.jobId}, queued in Redis by the seeding process (${fixture.shared.jobStatusAtSeed}), was taken and run by a web instance's worker (now: ${job?.status ?? 'done'})`
  )
  return passed
}
