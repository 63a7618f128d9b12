import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import SelfPacedEnrolment from '#models/self_paced_enrolment'
import type User from '#models/user'
import { createUser } from '#database/factories/user_factory'
import { issueLaunchToken } from '#services/launch_tokens'
import learningPackagesConfig from '#config/learning_packages'
import {
  addOwnPackage,
  learnerOn,
  privatePackagesFolder,
  selfPacedCourse,
} from '#tests/support/learning_packages'

let packages: Awaited<ReturnType<typeof privatePackagesFolder>>

/* A learner on a self-paced course whose one required module is the service's SCORM 1.2 package. */
async function learnerWithPackage(
  name: 'digital_awareness_scorm12' | 'digital_awareness_scorm2004' = 'digital_awareness_scorm12'
) {
  const { admin, course } = await selfPacedCourse()
  const { learningPackage, module } = await addOwnPackage(course, admin, name)
  const { learner, enrolment } = await learnerOn(course)
  const token = issueLaunchToken({ enrolmentId: enrolment.id, packageId: learningPackage.id })
  const base = `/learning/packages/${learningPackage.id}/play/${token}`
  return { admin, course, learningPackage, module, learner, enrolment, token, base }
}

function report(
  client: ApiClient,
  learner: User,
  packageId: number,
  body: Record<string, unknown>
) {
  return client
    .post(`/learning/packages/${packageId}/progress`)
    .loginAs(learner)
    .withCsrfToken()
    .accept('json')
    .json(body)
}

async function recordsOf(userId: number, courseId: number) {
  const [{ total }] = await db
    .from('learning_records')
    .where({ user_id: userId, course_id: courseId })
    .count('* as total')
  return Number(total)
}

test.group('E-learning packages: serving files to the sandboxed frame', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    packages = await privatePackagesFolder()
    return () => packages.restore()
  })

  test('the launch page is served sandboxed, with the run-time and the bridge put at the top of its head', async ({
    client,
    assert,
  }) => {
    const { base, learner } = await learnerWithPackage()
    const response = await client.get(`${base}/index.html`)
    response.assertStatus(200)
    const csp = response.header('content-security-policy') ?? ''
    assert.match(csp, /^sandbox allow-scripts allow-forms;/)
    assert.include(csp, "default-src 'self'")
    assert.include(csp, "frame-ancestors 'self'")
    assert.include(csp, "connect-src 'self'")
    assert.notInclude(csp, 'allow-same-origin')
    assert.equal(response.header('x-content-type-options'), 'nosniff')
    assert.isUndefined(response.header('x-frame-options'), 'the service page may frame it')
    assert.isUndefined(response.header('set-cookie'), 'no session is read or made')
    assert.equal(response.header('content-type'), 'text/html; charset=utf-8')
    const html = response.text()
    const head = html.indexOf('<head>') + '<head>'.length
    assert.equal(html.indexOf('<script type="application/json" id="dcs-scorm-state">'), head)
    assert.include(html, `${base}/__scorm_runtime__/scorm12.js"></script>`)
    assert.include(html, `${base}/__scorm_runtime__/bridge.js"></script>`)
    const state = JSON.parse(/id="dcs-scorm-state">([^<]*)</.exec(html)![1])
    assert.equal(state.version, '1.2')
    assert.equal(state.cmi.core.student_id, String(learner.id))
    assert.equal(state.cmi.core.lesson_status, 'not attempted')
    assert.equal(state.cmi.core.entry, 'ab-initio')
  })

  test("the package's other files keep their own content types, and the run-time is scorm-again's build", async ({
    client,
    assert,
  }) => {
    const { base } = await learnerWithPackage()
    const script = await client.get(`${base}/lesson.js`)
    script.assertStatus(200)
    assert.equal(script.header('content-type'), 'text/javascript; charset=utf-8')
    assert.match(script.header('content-security-policy') ?? '', /^sandbox /)
    assert.include(script.text(), 'cmi.core.lesson_status')
    const style = await client.get(`${base}/lesson.css`)
    assert.equal(style.header('content-type'), 'text/css; charset=utf-8')
    const manifest = await client.get(`${base}/imsmanifest.xml`)
    assert.equal(manifest.header('content-type'), 'application/xml; charset=utf-8')
    const runtime = await client.get(`${base}/__scorm_runtime__/scorm12.js`)
    runtime.assertStatus(200)
    assert.include(runtime.text(), 'Scorm12API')
    const bridge = await client.get(`${base}/__scorm_runtime__/bridge.js`)
    assert.include(bridge.text(), 'postMessage')
    const unknown = await client.get(`${base}/__scorm_runtime__/other.js`)
    unknown.assertStatus(404)
  })

  test('a path that leaves the package, or names a folder or nothing, is not found', async ({
    client,
    assert,
  }) => {
    const { base } = await learnerWithPackage()
    for (const path of [
      '../../../../package.json',
      '%2e%2e/%2e%2e/%2e%2e/%2e%2e/package.json',
      '%2e%2e%2f%2e%2e%2fpackage.json',
      '..%5c..%5cpackage.json',
      '%5cetc%5cpasswd',
      '%2fetc%2fpasswd',
      './index.html',
      'missing.html',
    ]) {
      const response = await client.get(`${base}/${path}`)
      assert.equal(response.status(), 404, path)
      assert.notInclude(response.text(), 'digital-capability-service', path)
    }
    // An address that cannot be decoded is a bad request, never an error of the service.
    const undecodable = await client.get(`${base}/%zz`)
    assert.equal(undecodable.status(), 400)
    // The top folder and sub-folders are never listed.
    const top = await client.get(`${base}/`)
    assert.equal(top.status(), 404)
    // A token of characters no token has matches no route: not found, never an error.
    const odd = await client.get(`${base.replace(/play\/.*$/, 'play/not a token!')}/index.html`)
    assert.equal(odd.status(), 404)
  })

  test('a forged, altered, expired or borrowed launch token is refused', async ({
    client,
    assert,
  }) => {
    const { base, token, learningPackage, enrolment } = await learnerWithPackage()
    const other = await learnerWithPackage()
    const altered = token.slice(0, -2) + (token.endsWith('aa') ? 'bb' : 'aa')
    const expired = issueLaunchToken(
      { enrolmentId: enrolment.id, packageId: learningPackage.id },
      new Date(Date.now() - (learningPackagesConfig.launchTokenHours * 3600 + 5) * 1000)
    )
    const forPackage = (value: string) =>
      `/learning/packages/${learningPackage.id}/play/${value}/index.html`
    const refused = [
      forPackage(altered),
      forPackage('forged.token'),
      forPackage(expired),
      // Another learner's token for another package, used on this one.
      forPackage(other.token),
      `/learning/packages/${other.learningPackage.id}/play/${token}/index.html`,
    ]
    for (const url of refused) {
      const response = await client.get(url)
      assert.equal(response.status(), 403, url)
      assert.match(response.header('content-security-policy') ?? '', /^sandbox /, url)
    }
    const fine = await client.get(`${base}/index.html`)
    fine.assertStatus(200)
  })

  test('a token stops working once its run is withdrawn', async ({ client }) => {
    const { base, enrolment } = await learnerWithPackage()
    await SelfPacedEnrolment.query()
      .where('id', enrolment.id)
      .update({ status: 'withdrawn', active_course_id: null })
    const response = await client.get(`${base}/index.html`)
    response.assertStatus(403)
  })
})

test.group('E-learning packages: the player page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    packages = await privatePackagesFolder()
    return () => packages.restore()
  })

  test("a learner on the course plays the package in a sandboxed frame on the service's page", async ({
    client,
    assert,
  }) => {
    const { learner, module, learningPackage } = await learnerWithPackage()
    const page = await client.get(`/learning/modules/${module.id}/play`).loginAs(learner)
    page.assertStatus(200)
    const html = page.text()
    assert.include(html, 'sandbox="allow-scripts allow-forms"')
    assert.match(
      html,
      new RegExp(`data-src="/learning/packages/${learningPackage.id}/play/[\\w.-]+/index.html"`)
    )
    assert.include(html, `data-progress-url="/learning/packages/${learningPackage.id}/progress"`)
    assert.include(html.replace(/\s+/g, ' '), 'Module: Not started')
    assert.match(page.header('content-security-policy') ?? '', /script-src 'self' 'nonce-/)
  })

  test("the learner's course progress links the package to its player, and the course's edit page links to the upload form", async ({
    client,
    assert,
  }) => {
    const { learner, module, course, admin } = await learnerWithPackage()
    const progress = await client
      .get(`/learning/courses/${course.id}/your-progress`)
      .loginAs(learner)
    progress.assertStatus(200)
    assert.include(progress.text(), `href="/learning/modules/${module.id}/play"`)
    const edit = await client.get(`/learning/admin/courses/${course.id}/edit`).loginAs(admin)
    edit.assertStatus(200)
    assert.include(edit.text(), `href="/learning/admin/courses/${course.id}/packages/create"`)
  })

  test('someone who has not started the course is sent to the course page to start it', async ({
    client,
  }) => {
    const { module, course } = await learnerWithPackage()
    const stranger = await createUser()
    const page = await client
      .get(`/learning/modules/${module.id}/play`)
      .loginAs(stranger)
      .redirects(0)
    page.assertStatus(302)
    page.assertHeader('location', `/learning/courses/${course.id}`)
    page.assertFlashMessage('error', `Start ${course.title} to open its e-learning`)
  })

  test('a module that is not a package has no player', async ({ client }) => {
    const { learner, course } = await learnerWithPackage()
    const [link] = await db
      .table('course_modules')
      .insert({
        course_id: course.id,
        position: 2,
        title: 'Read the standard',
        kind: 'link',
        url: 'https://www.gov.uk/service-manual',
        required: false,
        created_at: new Date(),
        updated_at: new Date(),
      })
      .returning('id')
    const id = typeof link === 'object' ? link.id : link
    const page = await client.get(`/learning/modules/${id}/play`).loginAs(learner)
    page.assertStatus(404)
  })
})

test.group('E-learning packages: recording what a package reports', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    packages = await privatePackagesFolder()
    return () => packages.restore()
  })

  test('a SCORM 1.2 commit part way saves where the learner is, and the package resumes there', async ({
    client,
    assert,
  }) => {
    const { learner, learningPackage, token, enrolment, module, base } = await learnerWithPackage()
    const response = await report(client, learner, learningPackage.id, {
      launchToken: token,
      lessonStatus: 'incomplete',
      location: 'question',
      suspendData: 'seen=1,2',
      totalSeconds: 95,
    })
    response.assertStatus(200)
    response.assertBodyContains({
      status: 'in_progress',
      moduleCompleted: false,
      courseCompleted: false,
      message: 'Your progress in this module is saved',
    })
    const progress = await db
      .from('module_progress')
      .where({ self_paced_enrolment_id: enrolment.id, module_id: module.id })
      .firstOrFail()
    assert.equal(progress.status, 'in_progress')
    assert.equal(progress.lesson_location, 'question')
    assert.equal(progress.suspend_data, 'seen=1,2')
    assert.equal(Number(progress.total_seconds), 95)
    const launch = await client.get(`${base}/index.html`)
    const html = launch.text()
    const state = JSON.parse(/id="dcs-scorm-state">([^<]*)</.exec(html)![1])
    assert.equal(state.cmi.core.entry, 'resume')
    assert.equal(state.cmi.core.lesson_location, 'question')
    assert.equal(state.cmi.suspend_data, 'seen=1,2')
    assert.equal(state.cmi.core.lesson_status, 'incomplete')
    assert.equal(state.cmi.core.total_time, '0000:01:35')
  })

  test('a passed SCORM 1.2 lesson completes the module and the course, once', async ({
    client,
    assert,
  }) => {
    const { learner, learningPackage, token, enrolment, course } = await learnerWithPackage()
    const passed = {
      launchToken: token,
      lessonStatus: 'passed',
      scoreRaw: 80,
      scoreMin: 0,
      scoreMax: 100,
      finished: true,
    }
    const first = await report(client, learner, learningPackage.id, passed)
    first.assertStatus(200)
    first.assertBodyContains({
      status: 'completed',
      success: 'passed',
      score: 80,
      moduleCompleted: true,
      courseCompleted: true,
    })
    const again = await report(client, learner, learningPackage.id, { ...passed, scoreRaw: 90 })
    again.assertStatus(200)
    again.assertBodyContains({
      status: 'completed',
      moduleCompleted: false,
      courseCompleted: false,
      runCompleted: true,
      message: 'You have completed this module and the course: it is on your learning record',
    })
    assert.equal(await recordsOf(learner.id, course.id), 1, 'one learning record')
    const run = await SelfPacedEnrolment.findOrFail(enrolment.id)
    assert.equal(run.status, 'completed')
    // A later "incomplete" does not take the completion back.
    const later = await report(client, learner, learningPackage.id, {
      launchToken: token,
      lessonStatus: 'incomplete',
    })
    later.assertBodyContains({ status: 'completed' })
  })

  test('a failed SCORM 1.2 lesson is recorded as failed, not completed', async ({
    client,
    assert,
  }) => {
    const { learner, learningPackage, token, course } = await learnerWithPackage()
    const response = await report(client, learner, learningPackage.id, {
      launchToken: token,
      lessonStatus: 'failed',
      scoreRaw: 0,
    })
    response.assertBodyContains({ status: 'in_progress', success: 'failed', score: 0 })
    assert.equal(await recordsOf(learner.id, course.id), 0)
  })

  test('SCORM 2004: completed and passed completes the course; completed but failed does not', async ({
    client,
    assert,
  }) => {
    const failing = await learnerWithPackage('digital_awareness_scorm2004')
    const failed = await report(client, failing.learner, failing.learningPackage.id, {
      launchToken: failing.token,
      completionStatus: 'completed',
      successStatus: 'failed',
      scoreScaled: 0.25,
    })
    failed.assertBodyContains({ status: 'in_progress', success: 'failed', score: 25 })
    assert.equal(await recordsOf(failing.learner.id, failing.course.id), 0)

    const passing = await learnerWithPackage('digital_awareness_scorm2004')
    const passed = await report(client, passing.learner, passing.learningPackage.id, {
      launchToken: passing.token,
      completionStatus: 'completed',
      successStatus: 'passed',
      scoreScaled: 1,
      finished: true,
    })
    passed.assertBodyContains({
      status: 'completed',
      success: 'passed',
      score: 100,
      courseCompleted: true,
    })
    assert.equal(await recordsOf(passing.learner.id, passing.course.id), 1)
  })

  test("values outside SCORM's vocabularies or ranges are refused with 422 and nothing is recorded", async ({
    client,
    assert,
  }) => {
    const scorm12 = await learnerWithPackage()
    const scorm2004 = await learnerWithPackage('digital_awareness_scorm2004')
    const cases: [typeof scorm12, Record<string, unknown>, string][] = [
      [scorm12, { lessonStatus: 'done' }, 'lessonStatus'],
      [scorm12, { lessonStatus: 'passed', scoreRaw: 150 }, 'scoreRaw'],
      [scorm12, { lessonStatus: 'passed', scoreRaw: 'lots' }, 'scoreRaw'],
      [scorm12, { lessonStatus: 'passed', scoreMin: 50, scoreMax: 10 }, 'scoreMin'],
      [scorm12, { completionStatus: 'completed' }, 'lessonStatus'],
      [scorm12, { lessonStatus: 'passed', totalSeconds: -5 }, 'totalSeconds'],
      [scorm12, { lessonStatus: 'passed', suspendData: 'x'.repeat(64_001) }, 'suspendData'],
      [scorm2004, { completionStatus: 'finished' }, 'completionStatus'],
      [scorm2004, { completionStatus: 'completed', successStatus: 'great' }, 'successStatus'],
      [scorm2004, { completionStatus: 'completed', scoreScaled: 2 }, 'scoreScaled'],
      [scorm2004, { completionStatus: 'completed', scoreRaw: 120, scoreMax: 100 }, 'scoreRaw'],
      [scorm2004, { lessonStatus: 'passed' }, 'completionStatus'],
    ]
    for (const [run, values, field] of cases) {
      const response = await report(client, run.learner, run.learningPackage.id, {
        launchToken: run.token,
        ...values,
      })
      assert.equal(response.status(), 422, JSON.stringify(values))
      const errors = response.body().errors as { field: string; message: string }[]
      assert.include(
        errors.map((error) => error.field),
        field,
        JSON.stringify(values)
      )
      assert.isTrue(errors.every((error) => error.message.length > 0))
    }
    const [{ total }] = await db.from('module_progress').count('* as total')
    assert.equal(Number(total), 0)
  })

  test("a launch token is only its learner's, and only with the page's CSRF token", async ({
    client,
    assert,
  }) => {
    const { learner, learningPackage, token } = await learnerWithPackage()
    const someoneElse = await createUser()
    const borrowed = await report(client, someoneElse, learningPackage.id, {
      launchToken: token,
      lessonStatus: 'passed',
    })
    borrowed.assertStatus(404)
    const forged = await report(client, learner, learningPackage.id, {
      launchToken: 'forged.token',
      lessonStatus: 'passed',
    })
    forged.assertStatus(403)
    const withoutCsrf = await client
      .post(`/learning/packages/${learningPackage.id}/progress`)
      .loginAs(learner)
      .accept('json')
      .json({ launchToken: token, lessonStatus: 'passed' })
      .redirects(0)
    assert.notEqual(withoutCsrf.status(), 200)
    const signedOut = await client
      .post(`/learning/packages/${learningPackage.id}/progress`)
      .accept('json')
      .json({ launchToken: token, lessonStatus: 'passed' })
    assert.oneOf(signedOut.status(), [302, 401, 403])
    const [{ total }] = await db.from('module_progress').count('* as total')
    assert.equal(Number(total), 0, 'nothing recorded')
  })
})
