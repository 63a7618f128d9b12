/*
 * The scale-out and fault checks, run by .ci/scale.sh against two web
 * instances (A and B) behind nginx, sharing MariaDB and Redis:
 *
 *   node --import=@poppinss/ts-exec .ci/scale/checks.ts <check> [arguments]
 *
 *   session         a. a session signed in on A works on B (and a form from A posts to B);
 *                   one signed out on A is refused on B
 *   rate-limit      b. wrong passwords spread over A and B hit the per-account limit
 *   crowd           c. every learner at once on a 50-seat session, through nginx
 *   kill <pid> <port> [learners]  d1. SIGKILL instance A (pid, port) while learners enrol
 *   outage-probe <samples.jsonl> <stop-file>    d2. probes until the stop file appears
 *   outage-verdict <samples.jsonl> <stop> <down> <start> <up>   d2. judges the probes
 *   lock            d3. an enrolment waiting on a row lock held past the timeout
 *
 * Configuration comes from the environment: SCALE_NGINX_URL, SCALE_A_URL,
 * SCALE_B_URL, SCALE_FIXTURE (written by app_state.ts seed) and DB_* for a
 * direct connection to the test database. Each check prints PASS/FAIL
 * lines and exits 1 when one failed.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import {
  Browser,
  type Answer,
  contiguous,
  countBy,
  csrfToken,
  database,
  enrolByApi,
  failureCount,
  loadFixture,
  note,
  percentile,
  send,
  showsInternals,
  sleep,
  urls,
  verdict,
} from './lib.js'

type EnrolmentRow = {
  id: number
  user_id: number
  status: string
  waitlist_position: number | null
}

const [check, ...args] = process.argv.slice(2)
const checks: Record<string, () => Promise<void>> = {
  'session': sessionAcrossInstances,
  'rate-limit': sharedRateLimit,
  'crowd': crowd,
  'kill': killOneInstance,
  'outage-probe': outageProbe,
  'outage-verdict': outageVerdict,
  'lock': heldRowLock,
}
if (!checks[check]) {
  console.error(`Unknown check "${check}". One of: ${Object.keys(checks).join(', ')}`)
  process.exit(2)
}
await checks[check]()
process.exit(failureCount() > 0 ? 1 : 0)

/* The enrolment a 2xx answer from the enrol API carries in its `data`. */
function answeredEnrolment(body: string): { id: number; status: string; position: number | null } {
  return JSON.parse(body).data
}

async function enrolmentsOn(sessionId: number) {
  const connection = await database()
  try {
    const [rows] = await connection.query(
      'SELECT id, user_id, status, waitlist_position FROM enrolments WHERE session_id = ? ORDER BY id',
      [sessionId]
    )
    return rows as EnrolmentRow[]
  } finally {
    await connection.end()
  }
}

/* Which instance nginx used ("A", "B", or "A then B" when it moved on), from X-Upstream. */
function instanceName(upstream: string | null) {
  if (!upstream) return 'none'
  const names: Record<string, string> = {
    [new URL(urls.a).port]: 'A',
    [new URL(urls.b).port]: 'B',
  }
  return upstream
    .split(',')
    .map((address) => names[address.trim().split(':').pop() ?? ''] ?? address.trim())
    .join(' then ')
}

/* The seat invariant on one session: booked within capacity, waiting list 1..n. */
function seatState(rows: EnrolmentRow[]) {
  const booked = rows.filter((row) => row.status === 'booked').length
  const positions = rows
    .filter((row) => row.status === 'waitlisted')
    .map((row) => Number(row.waitlist_position))
  const users = new Set(rows.map((row) => row.user_id))
  return { booked, positions, duplicates: rows.length - users.size }
}

// ------------------------------------------------------------------ a

async function sessionAcrossInstances() {
  const fixture = loadFixture()
  const browser = new Browser()
  const signIn = await browser.signIn(urls.a, fixture.webUser.email, fixture.password)
  const onB = await browser.get(`${urls.b}/learning/my`)
  const anonymous = await send(`${urls.b}/learning/my`, { headers: { Accept: 'text/html' } })
  verdict(
    signIn.status === 302 &&
      onB.status === 200 &&
      onB.body.includes(fixture.webUser.name) &&
      anonymous.status === 302 &&
      (anonymous.headers.get('location') ?? '').includes('/sign-in'),
    `a. session: signed in on A (POST /sign-in ${signIn.status} → ${signIn.headers.get('location')}); ` +
      `B answers /learning/my ${onB.status} as "${fixture.webUser.name}" with that cookie, ` +
      `${anonymous.status} → ${anonymous.headers.get('location')} without it`
  )

  const sessionId = fixture.sessions.web
  const form = await browser.get(`${urls.a}/learning/sessions/${sessionId}/enrol`)
  const posted = await browser.postForm(`${urls.b}/learning/sessions/${sessionId}/enrolments`, {
    _csrf: csrfToken(form.body),
  })
  const after = await browser.get(`${urls.a}/learning/my`)
  const rows = await enrolmentsOn(sessionId)
  verdict(
    form.status === 200 &&
      posted.status === 302 &&
      posted.headers.get('location') === '/learning/my' &&
      after.body.includes('You are booked on') &&
      rows.length === 1,
    `a. forms: the enrol form served by A, posted to B with A's CSRF token, books (${posted.status} → ${posted.headers.get('location')}); ` +
      `the confirmation B put in the session shows on A (${after.body.includes('You are booked on') ? 'shown' : 'missing'}); rows on the session: ${rows.length}`
  )

  // Signing out on one instance ends the session for all of them: a copy of the cookie is refused on B.
  const copied = browser.copy()
  const beforeSignOut = await copied.get(`${urls.b}/learning/my`)
  const page = await browser.get(`${urls.a}/learning/my`)
  const signOut = await browser.postForm(`${urls.a}/sign-out`, { _csrf: csrfToken(page.body) })
  const replayed = await copied.get(`${urls.b}/learning/my`)
  const replayedOnA = await copied.get(`${urls.a}/learning/my`)
  verdict(
    beforeSignOut.status === 200 &&
      signOut.status === 302 &&
      signOut.headers.get('location') === '/sign-in' &&
      replayed.status === 302 &&
      (replayed.headers.get('location') ?? '').includes('/sign-in') &&
      replayedOnA.status === 302 &&
      !replayed.body.includes(fixture.webUser.name),
    `a. sign-out: a copy of the cookie works on B (${beforeSignOut.status}); signing out on A (${signOut.status} → ${signOut.headers.get('location')}) ` +
      `ends the session everywhere: the copy is refused on B (${replayed.status} → ${replayed.headers.get('location')}) and on A (${replayedOnA.status})`
  )
}

// ------------------------------------------------------------------ b

async function sharedRateLimit() {
  const fixture = loadFixture()
  const limit = fixture.perAccountLimit
  const attempt = (base: string, password: string) =>
    send(`${base}/api/v1/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: JSON.stringify({ email: fixture.rateLimitedEmail, password }),
    })
  const trail: string[] = []
  const statuses: number[] = []
  for (let index = 0; index <= limit; index++) {
    const name = index % 2 === 0 ? 'A' : 'B'
    const answer = await attempt(name === 'A' ? urls.a : urls.b, 'not-the-password')
    statuses.push(answer.status)
    trail.push(`${name}:${answer.status}`)
  }
  const nextName = (limit + 1) % 2 === 0 ? 'A' : 'B'
  const right = await attempt(nextName === 'A' ? urls.a : urls.b, fixture.password)
  trail.push(`${nextName} right password:${right.status}`)
  const expected = [...Array.from({ length: limit }, () => 401), 429]
  const perInstanceA = Math.ceil((limit + 1) / 2)
  verdict(
    JSON.stringify(statuses) === JSON.stringify(expected) &&
      right.status === 429 &&
      Boolean(right.headers.get('retry-after')),
    `b. rate limit: ${limit} wrong passwords alternating A and B are refused (401), attempt ${limit + 1} is throttled (429), ` +
      `and then even the right password is (429, Retry-After ${right.headers.get('retry-after')} s): ${trail.join(' ')}. ` +
      `Counters kept per instance would have let attempt ${limit + 1} through (A would have counted ${perInstanceA})`
  )
}

// ------------------------------------------------------------------ c

async function crowd() {
  const fixture = loadFixture()
  const sessionId = fixture.sessions.crowd
  const started = Date.now()
  const answers = await Promise.all(
    fixture.learners.map((learner) => enrolByApi(urls.nginx, sessionId, learner.token))
  )
  const took = Date.now() - started
  const statuses = countBy(answers, (answer) => String(answer.status))
  const bodies = answers.map((answer) =>
    answer.status === 201 ? answeredEnrolment(answer.body) : null
  )
  const bookedAnswers = bodies.filter((body) => body?.status === 'booked').length
  const answeredPositions = bodies
    .filter((body) => body?.status === 'waitlisted')
    .map((body) => Number(body.position))
  const rows = await enrolmentsOn(sessionId)
  const state = seatState(rows)
  const rowById = new Map(rows.map((row) => [row.id, row]))
  const mismatched = answers.filter((_answer, index) => {
    const body = bodies[index]
    const row = body ? rowById.get(body.id) : undefined
    return (
      !row ||
      row.user_id !== fixture.learners[index].id ||
      row.status !== body.status ||
      (row.waitlist_position ?? null) !== (body.position ?? null)
    )
  }).length
  const spread = countBy(answers, (answer) => instanceName(answer.upstream))
  const latencies = answers.map((answer) => answer.answered - answer.sent)

  note(
    `${answers.length} attempts in ${(took / 1000).toFixed(1)} s (${Math.round((answers.length / took) * 1000)}/s); ` +
      `answers ${JSON.stringify(statuses)}; served by ${JSON.stringify(spread)}; ` +
      `latency p50 ${percentile(latencies, 0.5)} ms, p95 ${percentile(latencies, 0.95)} ms, max ${Math.max(...latencies)} ms`
  )
  verdict(
    statuses['201'] === answers.length && bookedAnswers === 50 && contiguous(answeredPositions),
    `c. crowd: ${answers.length} concurrent enrolments on a 50-seat session all answered 201: ${bookedAnswers} booked, ` +
      `waiting-list positions answered ${answeredPositions.length ? `1..${Math.max(...answeredPositions)}` : 'none'}, contiguous and each once`
  )
  verdict(
    rows.length === answers.length &&
      state.booked === 50 &&
      contiguous(state.positions) &&
      state.positions.length === answers.length - 50 &&
      state.duplicates === 0 &&
      mismatched === 0,
    `c. crowd: the database holds ${rows.length} rows, ${state.booked} booked, waiting list 1..${state.positions.length} ` +
      `without gaps or repeats, ${state.duplicates} duplicate learners, ${mismatched} answers that differ from their row`
  )
  verdict(
    (spread.A ?? 0) > 0 && (spread.B ?? 0) > 0,
    `c. crowd: nginx spread the attempts over both instances (A ${spread.A ?? 0}, B ${spread.B ?? 0})`
  )
}

// ------------------------------------------------------------------ d1

/* Resolves once nothing accepts connections on the port any more. */
async function portClosed(port: number, deadline: number) {
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port })
      socket.once('connect', () => {
        socket.destroy()
        resolve(true)
      })
      socket.once('error', () => resolve(false))
    })
    if (!open) return Date.now()
    await sleep(5)
  }
  return null
}

async function killOneInstance() {
  const [pidArgument, portArgument, countArgument] = args
  const pid = Number(pidArgument)
  const port = Number(portArgument)
  const fixture = loadFixture()
  const sessionId = fixture.sessions.kill
  const learners = fixture.learners.slice(0, Number(countArgument ?? fixture.learners.length))
  const killAfter = Math.floor(learners.length * 0.3)
  const concurrency = 50
  const answers: (Answer | undefined)[] = Array.from({ length: learners.length })
  let next = 0
  let completed = 0
  let killSent = 0
  let killDone: Promise<number | null> | null = null

  const worker = async () => {
    while (next < learners.length) {
      const index = next++
      answers[index] = await enrolByApi(urls.nginx, sessionId, learners[index].token)
      completed += 1
      if (completed === killAfter) {
        killSent = Date.now()
        process.kill(pid, 'SIGKILL')
        killDone = portClosed(port, Date.now() + 10_000)
      }
    }
  }
  const started = Date.now()
  await Promise.all(Array.from({ length: concurrency }, worker))
  const took = Date.now() - started
  const dead = killDone ? await killDone : null
  if (!killSent || !dead) {
    verdict(false, `d1. kill: instance A (pid ${pid}) was not killed, or its port stayed open`)
    return
  }

  const all = answers as Answer[]
  const inFlight = (answer: Answer) => answer.sent < dead && answer.answered > killSent
  const ok = (answer: Answer) => answer.status >= 200 && answer.status < 300
  const rows = await enrolmentsOn(sessionId)
  const rowsByUser = new Map<number, EnrolmentRow[]>()
  for (const row of rows) rowsByUser.set(row.user_id, [...(rowsByUser.get(row.user_id) ?? []), row])

  const answeredWithoutRow = all.filter((answer, index) => {
    if (!ok(answer)) return false
    const body = answeredEnrolment(answer.body)
    const own = rowsByUser.get(learners[index].id) ?? []
    return (
      own.length !== 1 ||
      own[0].id !== body.id ||
      own[0].status !== body.status ||
      (own[0].waitlist_position ?? null) !== (body.position ?? null)
    )
  }).length
  const rowsWithoutAnswer = learners
    .map((learner, index) => ({ learner, answer: all[index] }))
    .filter(({ learner, answer }) => (rowsByUser.get(learner.id)?.length ?? 0) > 0 && !ok(answer))
  const unexplained = rowsWithoutAnswer.filter(({ answer }) => !inFlight(answer)).length
  const failedOutsideKill = all.filter((answer) => !ok(answer) && !inFlight(answer))
  const flight = all.filter(inFlight)
  const flightFailed = flight.filter((answer) => !ok(answer))
  const afterKill = all.filter((answer) => answer.sent >= dead)
  const state = seatState(rows)

  note(
    `${all.length} enrolments, ${concurrency} at a time through nginx, in ${(took / 1000).toFixed(1)} s; ` +
      `SIGKILL to A after ${killAfter} answers; A's port closed ${dead - killSent} ms later`
  )
  note(
    `in flight at the kill (sent before A was gone, answered after the signal): ${flight.length}; ` +
      `of those failed: ${flightFailed.length} ${JSON.stringify(countBy(flightFailed, (answer) => String(answer.status)))}, ` +
      `committed before A died although the answer was lost: ${rowsWithoutAnswer.length}`
  )
  note(
    `before the kill served by ${JSON.stringify(
      countBy(
        all.filter((answer) => answer.answered <= killSent),
        (answer) => instanceName(answer.upstream)
      )
    )}; ` +
      `after it by ${JSON.stringify(countBy(afterKill, (answer) => instanceName(answer.upstream)))}`
  )
  verdict(
    answeredWithoutRow === 0,
    `d1. kill: every 2xx answer (${all.filter(ok).length}) has exactly one row, matching the answer's id, status and position`
  )
  verdict(
    unexplained === 0 && state.duplicates === 0,
    `d1. kill: every row (${rows.length}) has a 2xx answer or belongs to a request in flight at the kill ` +
      `(${rowsWithoutAnswer.length}); ${state.duplicates} learners with two rows`
  )
  verdict(
    failedOutsideKill.length === 0 &&
      afterKill.length > 0 &&
      afterKill.every((answer) => ok(answer) && instanceName(answer.upstream).endsWith('B')),
    `d1. kill: no request outside the kill failed (${failedOutsideKill.length}); nginx served all ${afterKill.length} requests sent after A died from B`
  )
  verdict(
    state.booked === 50 && contiguous(state.positions),
    `d1. kill: seats intact: ${state.booked} booked of 50, waiting list 1..${state.positions.length} without gaps`
  )

  // The learners whose answer was lost try again: nobody gets a second place.
  const retries = await Promise.all(
    learners
      .map((learner, index) => ({ learner, answer: all[index] }))
      .filter(({ answer }) => !ok(answer))
      .map(async ({ learner }) => ({
        learner,
        hadRow: (rowsByUser.get(learner.id)?.length ?? 0) > 0,
        retry: await enrolByApi(urls.nginx, sessionId, learner.token),
      }))
  )
  const finalRows = await enrolmentsOn(sessionId)
  const finalState = seatState(finalRows)
  const retryRight = retries.every(({ hadRow, retry }) => retry.status === (hadRow ? 409 : 201))
  verdict(
    retryRight &&
      finalState.duplicates === 0 &&
      finalState.booked === 50 &&
      contiguous(finalState.positions),
    `d1. kill: the ${retries.length} learners whose request failed try again: ` +
      `${retries.filter(({ retry }) => retry.status === 409).length} told they already have a place (409, committed before the kill), ` +
      `${retries.filter(({ retry }) => retry.status === 201).length} enrolled now (201); rows ${finalRows.length}, duplicates ${finalState.duplicates}, waiting list still 1..${finalState.positions.length}`
  )
}

// ------------------------------------------------------------------ d2

type Sample = {
  probe: string
  sent: number
  answered: number
  status: number
  ok: boolean
  /* For a failure: a proper 503 (page with "Try again", problem JSON, health saying unavailable) without internals. */
  proper503: boolean
  learnerId?: number
  error?: string
}

async function outageProbe() {
  const [samplesPath, stopPath] = args
  const fixture = loadFixture()
  const browser = new Browser()
  const signedIn = await browser.signIn(urls.a, fixture.webUser.email, fixture.password)
  if (signedIn.status !== 302)
    throw new Error(`Could not sign in before the outage: ${signedIn.status}`)
  writeFileSync(samplesPath, '')
  const token = fixture.learners[0].token
  // Learners who enrol on the small "web" session, one new learner per attempt.
  let nextLearner = fixture.learners.length - 1
  const deadline = Date.now() + 90_000

  const record = (probe: string, answer: Answer, ok: boolean, proper503: boolean, extra = {}) => {
    const sample: Sample = {
      probe,
      sent: answer.sent,
      answered: answer.answered,
      status: answer.status,
      ok,
      proper503,
      error: answer.error,
      ...extra,
    }
    appendFileSync(samplesPath, JSON.stringify(sample) + '\n')
  }
  const page = (body: string) => body.includes('Try again') && !showsInternals(body)
  const problem = (answer: Answer) => {
    try {
      const body = JSON.parse(answer.body)
      return (
        body.status === 503 &&
        /try again/i.test(body.detail) &&
        Boolean(answer.headers.get('retry-after')) &&
        !showsInternals(answer.body)
      )
    } catch {
      return false
    }
  }
  // Operators' view of /health: the database's own state as well.
  const operatorHealth = {
    timeoutMs: 10_000,
    headers: { Authorization: `Bearer ${process.env.HEALTH_TOKEN}` },
  }
  const health = (answer: Answer) => {
    try {
      const body = JSON.parse(answer.body)
      return (
        body.status === 'unavailable' &&
        body.checks?.database?.status === 'unavailable' &&
        !showsInternals(answer.body)
      )
    } catch {
      return false
    }
  }

  const probes: Record<string, () => Promise<void>> = {
    'health A': async () => {
      const answer = await send(`${urls.a}/health`, operatorHealth)
      record('health A', answer, answer.status === 200, answer.status === 503 && health(answer))
    },
    'health B': async () => {
      const answer = await send(`${urls.b}/health`, operatorHealth)
      record('health B', answer, answer.status === 200, answer.status === 503 && health(answer))
    },
    'page A': async () => {
      const answer = await browser.get(`${urls.a}/learning/my`)
      record('page A', answer, answer.status === 200, answer.status === 503 && page(answer.body))
    },
    'page B': async () => {
      const answer = await browser.get(`${urls.b}/learning/my`)
      record('page B', answer, answer.status === 200, answer.status === 503 && page(answer.body))
    },
    'API list via nginx': async () => {
      const answer = await send(`${urls.nginx}/api/v1/me/enrolments`, {
        headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
        timeoutMs: 10_000,
      })
      record(
        'API list via nginx',
        answer,
        answer.status === 200,
        answer.status === 503 && problem(answer)
      )
    },
    'API enrol via nginx': async () => {
      const learner = fixture.learners[nextLearner--]
      const answer = await enrolByApi(urls.nginx, fixture.sessions.web, learner.token)
      record(
        'API enrol via nginx',
        answer,
        answer.status === 201,
        answer.status === 503 && problem(answer),
        {
          learnerId: learner.id,
        }
      )
    },
  }
  await Promise.all(
    Object.values(probes).map(async (probe) => {
      while (!existsSync(stopPath) && Date.now() < deadline) {
        await probe()
        await sleep(100)
      }
    })
  )
}

async function outageVerdict() {
  const [samplesPath, ...marks] = args
  const [stopCommand, down, startCommand, up] = marks.map(Number)
  const samples: Sample[] = readFileSync(samplesPath, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))
  const fixture = loadFixture()
  const probes = [...new Set(samples.map((sample) => sample.probe))]
  const outage = samples.filter((sample) => sample.sent >= down && sample.answered <= startCommand)
  const before = samples.filter((sample) => sample.answered < stopCommand)
  const improper = samples.filter((sample) => !sample.ok && !sample.proper503)
  const outageLatencies = outage.map((sample) => sample.answered - sample.sent)

  note(
    `MariaDB stopped ${down - stopCommand} ms after the shutdown command, was down for ${startCommand - down} ms, ` +
      `answered again ${up - startCommand} ms after it was started; ${samples.length} probe answers from ${probes.length} probes`
  )
  verdict(
    probes.every((probe) => before.some((sample) => sample.probe === probe)) &&
      before.every((sample) => sample.ok),
    `d2. outage: before the stop every probe answered normally (${before.length} answers)`
  )
  verdict(
    outage.length >= probes.length * 3 &&
      outage.every((sample) => !sample.ok && sample.proper503) &&
      Math.max(...outageLatencies) < 1000,
    `d2. outage: while MariaDB was down all ${outage.length} answers were 503 — pages saying "Try again" with no stack trace, ` +
      `API problems with Retry-After, /health "unavailable" — and fast: p50 ${percentile(outageLatencies, 0.5)} ms, max ${Math.max(...outageLatencies)} ms`
  )
  verdict(
    improper.length === 0,
    `d2. outage: no answer at any time was anything but a normal answer or such a 503 (${improper.length} others${improper.length ? `: ${JSON.stringify(countBy(improper, (sample) => `${sample.probe} ${sample.status}`))}` : ''})`
  )
  const recoveries = probes.map((probe) => {
    const own = samples.filter((sample) => sample.probe === probe)
    const lastFailure = own.reduce(
      (latest, sample) => (sample.ok ? latest : Math.max(latest, sample.sent)),
      0
    )
    const firstGood = own.find(
      (sample) => sample.ok && sample.sent > lastFailure && sample.sent >= up
    )
    const after = own.filter((sample) => firstGood && sample.sent >= firstGood.sent).length
    return { probe, ms: firstGood ? firstGood.answered - up : null, after }
  })
  const slowest = Math.max(...recoveries.map((recovery) => recovery.ms ?? Number.POSITIVE_INFINITY))
  verdict(
    recoveries.every(
      (recovery) => recovery.ms !== null && recovery.ms <= 5000 && recovery.after >= 3
    ),
    `d2. outage: every probe recovered by itself, no restart, within ${slowest} ms of MariaDB answering again (limit 5000): ` +
      recoveries.map((recovery) => `${recovery.probe} ${recovery.ms ?? 'never'} ms`).join(', ')
  )

  // Enrolment attempts refused during the outage left nothing behind; accepted ones left one row each.
  const enrolSamples = samples.filter((sample) => sample.probe === 'API enrol via nginx')
  const rows = await enrolmentsOn(fixture.sessions.web)
  const rowUsers = new Set(rows.map((row) => row.user_id))
  const refusedWithRow = enrolSamples.filter(
    (sample) => !sample.ok && rowUsers.has(sample.learnerId!)
  )
  const acceptedWithoutRow = enrolSamples.filter(
    (sample) => sample.ok && !rowUsers.has(sample.learnerId!)
  )
  const state = seatState(rows)
  verdict(
    refusedWithRow.length === 0 && acceptedWithoutRow.length === 0 && contiguous(state.positions),
    `d2. outage: of ${enrolSamples.length} enrolment attempts, the ${enrolSamples.filter((sample) => !sample.ok).length} refused with 503 wrote nothing and ` +
      `the ${enrolSamples.filter((sample) => sample.ok).length} accepted wrote one row each (${refusedWithRow.length} and ${acceptedWithoutRow.length} exceptions); waiting list 1..${state.positions.length}`
  )
}

// ------------------------------------------------------------------ d3

async function heldRowLock() {
  const fixture = loadFixture()
  const sessionId = fixture.sessions.lock
  const learner = fixture.learners[fixture.learners.length - 1]
  const browser = new Browser()
  await browser.signIn(urls.b, fixture.webUser.email, fixture.password)
  const form = await browser.get(`${urls.b}/learning/sessions/${sessionId}/enrol`)
  const csrf = csrfToken(form.body)
  const before = await enrolmentsOn(sessionId)

  const holder = await database()
  const [[settings]] = (await holder.query(
    'SELECT @@GLOBAL.innodb_lock_wait_timeout AS timeout'
  )) as any
  const timeoutMs = Number(settings.timeout) * 1000
  await holder.beginTransaction()
  await holder.query('SELECT id FROM course_sessions WHERE id = ? FOR UPDATE', [sessionId])
  const lockedAt = Date.now()
  const [api, html] = await Promise.all([
    enrolByApi(urls.nginx, sessionId, learner.token),
    browser.postForm(`${urls.b}/learning/sessions/${sessionId}/enrolments`, { _csrf: csrf }),
  ])
  // Past the timeout in any case, then released.
  await sleep(Math.max(0, timeoutMs + 500 - (Date.now() - lockedAt)))
  const heldFor = Date.now() - lockedAt
  await holder.rollback()
  await holder.end()
  const during = await enrolmentsOn(sessionId)

  note(
    `a separate MySQL client held SELECT … FOR UPDATE on session ${sessionId} for ${heldFor} ms; ` +
      `innodb_lock_wait_timeout is ${timeoutMs / 1000} s`
  )
  let detail = ''
  try {
    detail = JSON.parse(api.body).detail
  } catch {}
  verdict(
    api.status === 503 &&
      (api.headers.get('content-type') ?? '').startsWith('application/problem+json') &&
      /try again/i.test(detail) &&
      Boolean(api.headers.get('retry-after')) &&
      api.answered - api.sent >= timeoutMs - 100,
    `d3. lock: the API enrolment waited ${api.answered - api.sent} ms, then answered ${api.status} ` +
      `${api.headers.get('content-type')} "${detail}" (Retry-After ${api.headers.get('retry-after')})`
  )
  verdict(
    html.status === 503 &&
      html.body.includes('Try again') &&
      !showsInternals(html.body) &&
      html.answered - html.sent >= timeoutMs - 100,
    `d3. lock: the form enrolment waited ${html.answered - html.sent} ms, then answered ${html.status} with the page ` +
      `"${/<h1>([^<]*)<\/h1>/.exec(html.body)?.[1] ?? '?'}: ${/<p>(Try again[^<]*)<\/p>/.exec(html.body)?.[1] ?? '?'}", no stack trace`
  )
  verdict(
    during.length === before.length,
    `d3. lock: nothing half-written: rows on the session before ${before.length}, after both timed out ${during.length}`
  )

  const apiAgain = await enrolByApi(urls.nginx, sessionId, learner.token)
  const htmlAgain = await browser.postForm(`${urls.b}/learning/sessions/${sessionId}/enrolments`, {
    _csrf: csrf,
  })
  const after = await enrolmentsOn(sessionId)
  verdict(
    apiAgain.status === 201 && htmlAgain.status === 302 && after.length === before.length + 2,
    `d3. lock: once the lock is released, trying again works: API ${apiAgain.status}, form ${htmlAgain.status} → ` +
      `${htmlAgain.headers.get('location')}; rows ${after.length}`
  )
}
