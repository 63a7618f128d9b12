import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import limiter from '@adonisjs/limiter/services/main'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import {
  createCompletion,
  createCourse,
  createDeclaredLearning,
  createEnrolment,
  createProvider,
  createSession,
} from '#database/factories/learning_factory'
import Certificate from '#models/certificate'
import LearningRecord from '#models/learning_record'
import type Course from '#models/course'
import type User from '#models/user'
import { recordAttendance } from '#actions/learning/record_attendance'
import { issueCertificate } from '#actions/learning/issue_certificate'
import { issueMissingCertificates } from '#actions/learning/issue_missing_certificates'
import { VERIFY_LIMIT } from '#actions/learning/verify_certificate'
import {
  CODE_ALPHABET,
  formatVerificationCode,
  normaliseVerificationCode,
} from '#domain/learning/certificates'
import { isoDateFromSql } from '#domain/shared/uk_time'
import { submitAs } from '#tests/support/forms'
import { readPdf } from '#tests/support/pdf'

/* A learner who completed a classroom course through the service, with the certificate it gave. */
async function completedThroughService(learner: User, course: Course) {
  const session = await createSession({ course, startsAt: DateTime.now().minus({ days: 3 }) })
  const enrolment = await createEnrolment(session, learner)
  await recordAttendance(enrolment.id, 'attended')
  const result = await recordAttendance(enrolment.id, 'completed')
  if (result.type !== 'marked') throw new Error(`Not marked: ${result.type}`)
  const certificate = await Certificate.query()
    .where('learning_record_id', result.learningRecord!.id)
    .firstOrFail()
  return { record: result.learningRecord!, certificate }
}

/* A certificate for a completion made with the factory, completed on the day given. */
async function certificateFor(
  learner: User,
  course: Course,
  completedOn: DateTime = DateTime.now().minus({ months: 1 })
) {
  const record = await createCompletion(learner, course, { completedOn })
  const certificate = await db.transaction((trx) => issueCertificate(trx, record))
  return { record, certificate: certificate! }
}

async function revokedAt(certificateId: number) {
  const certificate = await Certificate.findOrFail(certificateId)
  return certificate.revokedAt
}

const verifyPath = (code: string) => `/certificates/verify?code=${encodeURIComponent(code)}`

/* The result box of the verification page: its heading and its rows, without markup. */
function resultOf(html: string) {
  const section = /<section id="certificate-result"[\s\S]*?<\/section>/.exec(html)?.[0] ?? ''
  return section
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

test.group('Certificates: issuing', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('completing a classroom course issues one certificate, valid until the completion expires', async ({
    assert,
  }) => {
    const learner = await createUser()
    const course = await createCourse({ title: 'Agile for teams' })
    course.validityMonths = 24
    await course.save()
    const { record, certificate } = await completedThroughService(learner, course)
    assert.equal(certificate.userId, learner.id)
    assert.equal(certificate.courseId, course.id)
    assert.match(certificate.code, new RegExp(`^[${CODE_ALPHABET}]{12}$`))
    const completedOn = record.completedOn.toISODate()!
    assert.equal(
      certificate.validUntil!.toISODate(),
      DateTime.fromISO(completedOn).plus({ months: 24 }).toISODate()
    )
    const [{ total }] = await db
      .from('certificates')
      .where('user_id', learner.id)
      .count('* as total')
    assert.equal(Number(total), 1)
  })

  test('issuing again for the same completion gives the certificate already issued', async ({
    assert,
  }) => {
    const learner = await createUser()
    const course = await createCourse()
    const { record, certificate } = await completedThroughService(learner, course)
    const again = await db.transaction((trx) => issueCertificate(trx, record))
    assert.equal(again!.id, certificate.id)
    assert.equal(again!.code, certificate.code)
    const rows = await db.from('certificates').where('learning_record_id', record.id)
    assert.lengthOf(rows, 1)
    assert.isNull(certificate.validUntil, 'a course without validity gives one that never expires')
  })

  test('learning the learner declared themselves gets no certificate', async ({ assert }) => {
    const learner = await createUser()
    const declared = await createDeclaredLearning(learner, 'A conference', DateTime.now())
    assert.isNull(await db.transaction((trx) => issueCertificate(trx, declared)))
    assert.lengthOf(await db.from('certificates').where('user_id', learner.id), 0)
  })

  test('completions recorded before certificates existed get theirs once, and declared learning none', async ({
    assert,
  }) => {
    const learner = await createUser()
    const expiring = await createCourse({ title: 'Data protection' })
    expiring.validityMonths = 12
    await expiring.save()
    const lasting = await createCourse({ title: 'Service design' })
    const early = await createCompletion(learner, expiring, {
      completedOn: DateTime.fromISO('2024-03-15'),
    })
    const later = await createCompletion(learner, lasting, {
      completedOn: DateTime.fromISO('2025-01-10'),
    })
    await createDeclaredLearning(learner, 'A conference', DateTime.fromISO('2025-02-01'))
    const { certificate: existing } = await certificateFor(await createUser(), lasting)

    const issued = await issueMissingCertificates(db.connection())
    assert.equal(issued, 2)
    const rows = await db
      .from('certificates')
      .where('user_id', learner.id)
      .orderBy('learning_record_id')
    assert.deepEqual(
      rows.map((row) => [Number(row.learning_record_id), isoDateFromSql(row.valid_until)]),
      [
        [early.id, '2025-03-15'],
        [later.id, null],
      ]
    )
    assert.notEqual(rows[0].code, rows[1].code)
    assert.equal(await issueMissingCertificates(db.connection()), 0, 'nothing issued twice')
    const kept = await Certificate.findOrFail(existing.id)
    assert.equal(kept.code, existing.code)
  })

  test('verification codes are read in any case, with spaces or hyphens, and refused otherwise', ({
    assert,
  }) => {
    assert.equal(normaliseVerificationCode(' 7kqm 3xwp-9rtd '), '7KQM3XWP9RTD')
    assert.equal(normaliseVerificationCode('7KQM–3XWP–9RTD'), '7KQM3XWP9RTD')
    assert.isNull(normaliseVerificationCode('7KQM-3XWP-9RT'), 'too short')
    assert.isNull(normaliseVerificationCode('7KQM-3XWP-9RTO'), 'O is not in the alphabet')
    assert.isNull(normaliseVerificationCode('7KQM-3XWP-9RT1'), '1 is not in the alphabet')
    assert.equal(formatVerificationCode('7KQM3XWP9RTD'), '7KQM-3XWP-9RTD')
  })
})

test.group('Certificates: downloading', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the learner downloads a PDF of their certificate from their learning record, never cached', async ({
    client,
    assert,
  }) => {
    const learner = await createUser({ overrides: { fullName: 'Siân Ó Briain' } })
    const provider = await createProvider('Government Digital Service')
    const course = await createCourse({ title: 'Agile for teams', provider })
    course.validityMonths = 36
    await course.save()
    const { record, certificate } = await completedThroughService(learner, course)

    const page = await client.get('/learning/record').loginAs(learner)
    page.assertStatus(200)
    const href = `/learning/certificates/${certificate.id}/download`
    page.assertTextIncludes(`href="${href}"`)
    page.assertTextIncludes(formatVerificationCode(certificate.code))

    const response = await client.get(href).loginAs(learner)
    response.assertStatus(200)
    response.assertHeader('content-type', 'application/pdf')
    response.assertHeader('cache-control', 'no-store')
    assert.equal(
      response.header('content-disposition'),
      `attachment; filename="certificate-agile-for-teams-${formatVerificationCode(certificate.code)}.pdf"`
    )
    const pdf = await readPdf(response.body())
    assert.lengthOf(pdf.pages, 1)
    assert.deepEqual(pdf.size, { width: 842, height: 595 }, 'A4 landscape')
    const completedOn = record.completedOn.toFormat('d LLLL yyyy')
    for (const words of [
      'Siân Ó Briain',
      'Agile for teams',
      'provided by Government Digital Service',
      `on ${completedOn}`,
      `Valid until ${certificate.validUntil!.toFormat('d LLLL yyyy')}`,
      `Verification code: ${formatVerificationCode(certificate.code)}`,
      '/certificates/verify',
    ]) {
      assert.include(pdf.text, words)
    }
    assert.equal(pdf.info.Title, 'Certificate: Agile for teams')
    assert.equal(pdf.info.Subject, `Siân Ó Briain completed Agile for teams on ${completedOn}`)
    assert.include(pdf.info.Keywords, formatVerificationCode(certificate.code))
  })

  test('a long name and course title wrap onto one page, in letters beyond Latin-1', async ({
    client,
    assert,
  }) => {
    const name = 'Zoë Łukasiewicz-Dvořák Wolfeschlegelsteinhausenbergerdorff Hernández de la Fuente'
    const title =
      'Understanding the measurement of digital take-up, completion, cost per transaction and user satisfaction across every government department and agency'
    const learner = await createUser({ overrides: { fullName: name } })
    const { certificate } = await certificateFor(learner, await createCourse({ title }))
    const response = await client
      .get(`/learning/certificates/${certificate.id}/download`)
      .loginAs(learner)
    response.assertStatus(200)
    const pdf = await readPdf(response.body())
    assert.lengthOf(pdf.pages, 1)
    const flat = pdf.text.replace(/\s+/g, ' ')
    assert.include(flat, 'Zoë Łukasiewicz-Dvořák')
    assert.include(flat, 'Hernández de la Fuente')
    assert.include(flat, 'every government department and agency')
    assert.include(flat, formatVerificationCode(certificate.code))
  })

  test('nobody downloads another person’s certificate: 404', async ({ client }) => {
    const owner = await createUser()
    const { certificate } = await certificateFor(owner, await createCourse())
    const someoneElse = await createUser()
    const response = await client
      .get(`/learning/certificates/${certificate.id}/download`)
      .loginAs(someoneElse)
    response.assertStatus(404)
  })

  test('a revoked certificate shows as revoked on the record, with its reason, and is not downloaded', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const { certificate } = await certificateFor(learner, await createCourse({ title: 'Risk' }))
    const admin = await createUser({ roles: ['capability_admin'] })
    await submitAs(client, admin)
      .post(`/learning/admin/certificates/${certificate.id}/revocation`, {
        reason: 'Issued for the wrong session',
      })
      .then((response) => response.assertStatus(302))

    const page = await client.get('/learning/record').loginAs(learner)
    const section = /<section aria-labelledby="certificates-heading"[\s\S]*?<\/section>/.exec(
      page.text()
    )![0]
    assert.include(section, 'Revoked')
    assert.include(section, 'Reason: Issued for the wrong session')
    assert.notInclude(section, `/learning/certificates/${certificate.id}/download`)

    const download = await client
      .get(`/learning/certificates/${certificate.id}/download`)
      .loginAs(learner)
      .redirects(0)
    download.assertStatus(302)
    download.assertHeader('location', '/learning/record')
  })
})

test.group('Certificates: public verification', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('anyone, signed out, checks a valid certificate and sees only its name, course, date and validity', async ({
    client,
    assert,
  }) => {
    const learner = await createUser({
      overrides: { fullName: 'Zoë Adams', email: 'zoe.adams@example.gov.uk' },
    })
    const course = await createCourse({ title: 'User research' })
    course.validityMonths = 24
    await course.save()
    const { certificate } = await certificateFor(
      learner,
      course,
      DateTime.fromISO(DateTime.now().minus({ months: 1 }).toISODate()!)
    )
    const form = await client.get('/certificates/verify')
    form.assertStatus(200)
    form.assertTextIncludes('<h1>Check a certificate</h1>')

    const typed = certificate.code.toLowerCase().replace(/(.{4})/g, '$1 ')
    const response = await client.get(verifyPath(typed))
    response.assertStatus(200)
    const result = resultOf(response.text())
    assert.include(result, 'This certificate is genuine and valid')
    assert.include(result, 'Name Zoë Adams')
    assert.include(result, 'Course User research')
    assert.include(result, `Valid until ${certificate.validUntil!.toFormat('d LLLL yyyy')}`)
    assert.notInclude(response.text(), 'zoe.adams@example.gov.uk')
    const keys = [...response.text().matchAll(/<dt[^>]*>([^<]*)<\/dt>/g)].map((match) => match[1])
    assert.deepEqual(keys, ['Name', 'Course', 'Completed', 'Validity', 'Verification code'])
  })

  test('an expired certificate reads as expired on the day after its last valid day', async ({
    client,
    assert,
  }) => {
    const course = await createCourse({ title: 'Fire safety' })
    course.validityMonths = 12
    await course.save()
    const { certificate } = await certificateFor(
      await createUser(),
      course,
      DateTime.fromISO('2023-05-02')
    )
    const response = await client.get(verifyPath(certificate.code))
    response.assertStatus(200)
    const result = resultOf(response.text())
    assert.include(result, 'This certificate is genuine but has expired')
    assert.include(result, 'Validity Expired on 3 May 2024')
  })

  test('a revoked certificate reads as revoked', async ({ client, assert }) => {
    const { certificate } = await certificateFor(await createUser(), await createCourse())
    certificate.merge({
      revokedAt: DateTime.fromISO('2026-03-04T10:00:00Z'),
      revocationReason: 'x',
    })
    await certificate.save()
    const response = await client.get(verifyPath(certificate.code))
    const result = resultOf(response.text())
    assert.include(result, 'This certificate has been revoked')
    assert.include(result, 'Validity Revoked on 4 March 2026')
    assert.notInclude(response.text(), 'genuine and valid')
  })

  test('an unknown code says no certificate has it, and an empty or malformed one says what to enter', async ({
    client,
    assert,
  }) => {
    const unknown = await client.get(verifyPath('2222-3333-4444'))
    unknown.assertStatus(404)
    assert.include(resultOf(unknown.text()), 'No certificate has this code')

    const empty = await client.get(verifyPath(''))
    empty.assertStatus(422)
    empty.assertTextIncludes('<title>Error: Check a certificate')
    empty.assertTextIncludes('Enter the verification code from the certificate')

    const malformed = await client.get(verifyPath('<script>alert(1)</script>'))
    malformed.assertStatus(422)
    malformed.assertTextIncludes(
      'Enter the verification code as it is printed on the certificate: 12 letters and numbers, like 7KQM-3XWP-9RTD'
    )
    assert.notInclude(malformed.text(), '<script>alert(1)</script>')

    const repeated = await client.get('/certificates/verify?code=a&code=b')
    repeated.assertStatus(422)
  })

  test('one client checking many codes is stopped for a while, found or not', async ({
    client,
    assert,
  }) => {
    const { certificate } = await certificateFor(await createUser(), await createCourse())
    for (let attempt = 0; attempt < VERIFY_LIMIT.requests; attempt++) {
      const code = `${CODE_ALPHABET[attempt % CODE_ALPHABET.length]}2223333AAAA`
      const response = await client.get(verifyPath(code))
      response.assertStatus(404)
    }
    const stopped = await client.get(verifyPath(certificate.code))
    stopped.assertStatus(429)
    assert.match(
      stopped.text(),
      /Too many codes have been checked from your connection\. Wait 10 minutes and try again/
    )
    assert.isAbove(Number(stopped.header('retry-after')), 0)
    const api = await client.get(`/api/v1/certificates/${certificate.code}`)
    api.assertStatus(429)
  })
})

test.group('Certificates: admins', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a capability admin finds certificates by code, person or course', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['capability_admin'] })
    const ada = await createUser({ overrides: { fullName: 'Ada Lovelace' } })
    const ben = await createUser({ overrides: { fullName: 'Ben Okri' } })
    const { certificate: adas } = await certificateFor(
      ada,
      await createCourse({ title: 'Agile for teams' })
    )
    const { certificate: bens } = await certificateFor(
      ben,
      await createCourse({ title: 'Service design' })
    )
    const rowsOf = (html: string) =>
      [...html.matchAll(/href="\/learning\/admin\/certificates\/(\d+)"/g)].map((match) =>
        Number(match[1])
      )

    const byCode = await client
      .get(`/learning/admin/certificates?code=${adas.code.toLowerCase()}`)
      .loginAs(admin)
    byCode.assertStatus(200)
    assert.deepEqual(rowsOf(byCode.text()), [adas.id])
    const byPerson = await client.get('/learning/admin/certificates?person=okri').loginAs(admin)
    assert.deepEqual(rowsOf(byPerson.text()), [bens.id])
    const byCourse = await client.get('/learning/admin/certificates?course=agile').loginAs(admin)
    assert.deepEqual(rowsOf(byCourse.text()), [adas.id])
    const badCode = await client.get('/learning/admin/certificates?code=nope').loginAs(admin)
    badCode.assertStatus(200)
    badCode.assertTextIncludes('<title>Error: Certificates')
  })

  test('revoking needs a reason, is audited, and reads as revoked everywhere', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['capability_admin'] })
    const { certificate } = await certificateFor(await createUser(), await createCourse())
    const refused = await submitAs(client, admin).post(
      `/learning/admin/certificates/${certificate.id}/revocation`,
      { reason: '   ' }
    )
    refused.assertStatus(302)
    refused.assertFlashMessage('inputErrorsBag', {
      reason: ['Enter why the certificate is revoked'],
    })
    assert.isNull(await revokedAt(certificate.id))

    const revoked = await submitAs(client, admin).post(
      `/learning/admin/certificates/${certificate.id}/revocation`,
      { reason: 'Completed by someone else' }
    )
    revoked.assertStatus(302)
    revoked.assertHeader('location', `/learning/admin/certificates/${certificate.id}`)
    const stored = await Certificate.findOrFail(certificate.id)
    assert.isNotNull(stored.revokedAt)
    assert.equal(stored.revokedBy, admin.id)
    assert.equal(stored.revocationReason, 'Completed by someone else')
    const audit = await db
      .from('audit_events')
      .where('subject_type', 'certificate')
      .where('subject_id', String(certificate.id))
      .where('action', 'update')
      .firstOrFail()
    assert.equal(Number(audit.actor_id), admin.id)
    assert.equal(JSON.parse(audit.after).revocationReason, 'Completed by someone else')

    const show = await client.get(`/learning/admin/certificates/${certificate.id}`).loginAs(admin)
    show.assertTextIncludes('Completed by someone else')
    assert.notInclude(show.text(), 'Revoke certificate')
  })

  test('a course admin revokes their provider’s certificates, and finds no other provider’s: 404', async ({
    client,
    assert,
  }) => {
    const ownAdmin = await createUser({ roles: ['course_admin'] })
    const otherAdmin = await createUser({ roles: ['course_admin'] })
    const own = await createProvider('Own provider', [ownAdmin])
    await createProvider('Other provider', [otherAdmin])
    const { certificate } = await certificateFor(
      await createUser(),
      await createCourse({ provider: own })
    )

    const list = await client.get('/learning/admin/certificates').loginAs(otherAdmin)
    list.assertStatus(200)
    assert.notInclude(list.text(), `/learning/admin/certificates/${certificate.id}"`)
    const show = await client
      .get(`/learning/admin/certificates/${certificate.id}`)
      .loginAs(otherAdmin)
    show.assertStatus(404)
    const revoke = await submitAs(client, otherAdmin).post(
      `/learning/admin/certificates/${certificate.id}/revocation`,
      { reason: 'Not mine to revoke' }
    )
    revoke.assertStatus(404)
    assert.isNull(await revokedAt(certificate.id))

    const learner = await createUser()
    const notAdmin = await client
      .get('/learning/admin/certificates')
      .loginAs(learner)
      .accept('json')
    notAdmin.assertStatus(403)

    const mine = await submitAs(client, ownAdmin).post(
      `/learning/admin/certificates/${certificate.id}/revocation`,
      { reason: 'Issued in error' }
    )
    mine.assertStatus(302)
    assert.isNotNull(await revokedAt(certificate.id))
  })
})

test.group('Certificates: learning records', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a learning record keeps its certificate: one per record', async ({ assert }) => {
    const learner = await createUser()
    const { record } = await certificateFor(learner, await createCourse())
    await assert.rejects(() =>
      Certificate.create({
        learningRecordId: record.id,
        userId: learner.id,
        courseId: record.courseId!,
        code: 'ABCDEFGHJKMN',
        issuedAt: DateTime.now(),
        validUntil: null,
      })
    )
    assert.lengthOf(await LearningRecord.query().where('id', record.id), 1)
  })
})
