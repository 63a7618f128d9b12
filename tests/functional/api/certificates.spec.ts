import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import {
  createCompletion,
  createCourse,
  createProvider,
} from '#database/factories/learning_factory'
import Certificate from '#models/certificate'
import type Course from '#models/course'
import type User from '#models/user'
import { issueCertificate } from '#actions/learning/issue_certificate'
import { formatVerificationCode } from '#domain/learning/certificates'
import { apiAs, bearer } from '#tests/support/api'
import { readPdf } from '#tests/support/pdf'

async function certificateFor(learner: User, course: Course, completedOn = '2026-02-03') {
  const record = await createCompletion(learner, course, {
    completedOn: DateTime.fromISO(completedOn),
  })
  return (await db.transaction((trx) => issueCertificate(trx, record)))!
}

test.group('API: certificates', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the caller lists their own certificates, each with its PDF and verification addresses', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const course = await createCourse({ title: 'Agile for teams' })
    course.validityMonths = 36
    await course.save()
    const certificate = await certificateFor(learner, course)
    await certificateFor(await createUser(), await createCourse())

    const response = await apiAs(client, await bearer(learner)).get('/api/v1/me/certificates')
    response.assertStatus(200)
    const code = formatVerificationCode(certificate.code)
    assert.deepEqual(response.body(), {
      data: [
        {
          id: certificate.id,
          code,
          course: { id: course.id, title: 'Agile for teams' },
          providerName: null,
          completedOn: '2026-02-03',
          issuedAt: certificate.issuedAt.toUTC().toISO(),
          validUntil: '2029-02-03',
          status: 'valid',
          revokedAt: null,
          revocationReason: null,
          links: {
            self: `/api/v1/me/certificates/${certificate.id}`,
            pdf: `/api/v1/me/certificates/${certificate.id}/pdf`,
            verify: `/api/v1/certificates/${code}`,
          },
        },
      ],
      meta: { total: 1, page: 1, perPage: 25, lastPage: 1 },
    })
    const one = await apiAs(client, await bearer(learner)).get(
      `/api/v1/me/certificates/${certificate.id}`
    )
    one.assertStatus(200)
    assert.equal(one.body().data.id, certificate.id)
  })

  test('the caller downloads their certificate as a PDF, and nobody else’s: 404', async ({
    client,
    assert,
  }) => {
    const learner = await createUser({ overrides: { fullName: 'Siân Ó Briain' } })
    const certificate = await certificateFor(learner, await createCourse({ title: 'Risk' }))
    const response = await apiAs(client, await bearer(learner)).get(
      `/api/v1/me/certificates/${certificate.id}/pdf`
    )
    response.assertStatus(200)
    response.assertHeader('content-type', 'application/pdf')
    response.assertHeader('cache-control', 'no-store')
    assert.match(response.header('content-disposition') ?? '', /^attachment; filename="[\w.-]+"$/)
    const pdf = await readPdf(response.body())
    assert.include(pdf.text, 'Siân Ó Briain')
    assert.include(pdf.text, formatVerificationCode(certificate.code))

    const stranger = await bearer(await createUser())
    for (const url of [
      `/api/v1/me/certificates/${certificate.id}`,
      `/api/v1/me/certificates/${certificate.id}/pdf`,
    ]) {
      const answer = await apiAs(client, stranger).get(url)
      answer.assertStatus(404)
    }
  })

  test('anyone checks a code without a token and gets only the name, course, date and validity', async ({
    client,
    assert,
  }) => {
    const learner = await createUser({ overrides: { fullName: 'Zoë Adams' } })
    const course = await createCourse({ title: 'User research' })
    course.validityMonths = 12
    await course.save()
    const certificate = await certificateFor(learner, course, '2024-01-15')
    const typed = formatVerificationCode(certificate.code).toLowerCase()
    const response = await client.get(`/api/v1/certificates/${typed}`)
    response.assertStatus(200)
    assert.deepEqual(response.body(), {
      data: {
        name: 'Zoë Adams',
        courseTitle: 'User research',
        completedOn: '2024-01-15',
        validUntil: '2025-01-15',
        status: 'expired',
        revokedOn: null,
      },
    })

    const unknown = await client.get('/api/v1/certificates/2222-3333-4444')
    unknown.assertStatus(404)
    assert.equal(unknown.body().detail, 'No certificate has this code.')
    const malformed = await client.get('/api/v1/certificates/not-a-code')
    malformed.assertStatus(404)
  })

  test('a capability admin revokes with a reason; it then reads as revoked, and again is a conflict', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const certificate = await certificateFor(learner, await createCourse())
    const admin = await bearer(await createUser({ roles: ['capability_admin'] }))
    const empty = await apiAs(client, admin)
      .post(`/api/v1/certificates/${certificate.id}/revocation`)
      .json({ reason: '  ' })
    empty.assertStatus(422)
    assert.deepEqual(
      empty.body().errors.map((error: { field: string }) => error.field),
      ['reason']
    )

    const unknownField = await apiAs(client, admin)
      .post(`/api/v1/certificates/${certificate.id}/revocation`)
      .json({ reason: 'Issued in error', revokedAt: '2020-01-01' })
    unknownField.assertStatus(422)
    assert.deepEqual(
      unknownField.body().errors.map((error: { field: string }) => error.field),
      ['revokedAt']
    )
    const untouched = await Certificate.findOrFail(certificate.id)
    assert.isNull(untouched.revokedAt)

    const revoked = await apiAs(client, admin)
      .post(`/api/v1/certificates/${certificate.id}/revocation`)
      .json({ reason: 'Issued in error' })
    revoked.assertStatus(204)
    const verified = await client.get(`/api/v1/certificates/${certificate.code}`)
    assert.equal(verified.body().data.status, 'revoked')
    assert.isString(verified.body().data.revokedOn)
    const own = await apiAs(client, await bearer(learner)).get('/api/v1/me/certificates')
    assert.equal(own.body().data[0].status, 'revoked')
    assert.equal(own.body().data[0].revocationReason, 'Issued in error')
    const pdf = await apiAs(client, await bearer(learner)).get(
      `/api/v1/me/certificates/${certificate.id}/pdf`
    )
    pdf.assertStatus(409)

    const again = await apiAs(client, admin)
      .post(`/api/v1/certificates/${certificate.id}/revocation`)
      .json({ reason: 'Twice' })
    again.assertStatus(409)
    assert.equal(again.body().code, 'already_revoked')
  })

  test('a course admin of another provider cannot revoke (404), and a learner may not (403)', async ({
    client,
    assert,
  }) => {
    const ownAdmin = await createUser({ roles: ['course_admin'] })
    const otherAdmin = await createUser({ roles: ['course_admin'] })
    const provider = await createProvider('Own', [ownAdmin])
    await createProvider('Other', [otherAdmin])
    const certificate = await certificateFor(await createUser(), await createCourse({ provider }))
    const other = await apiAs(client, await bearer(otherAdmin))
      .post(`/api/v1/certificates/${certificate.id}/revocation`)
      .json({ reason: 'Not mine' })
    other.assertStatus(404)
    const learner = await apiAs(client, await bearer(await createUser()))
      .post(`/api/v1/certificates/${certificate.id}/revocation`)
      .json({ reason: 'Not mine' })
    learner.assertStatus(403)
    const unchanged = await Certificate.findOrFail(certificate.id)
    assert.isNull(unchanged.revokedAt)
    const own = await apiAs(client, await bearer(ownAdmin))
      .post(`/api/v1/certificates/${certificate.id}/revocation`)
      .json({ reason: 'Issued in error' })
    own.assertStatus(204)
  })
})
