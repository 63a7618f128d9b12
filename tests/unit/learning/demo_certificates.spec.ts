import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import DemoSeeder from '#database/seeders/demo_seeder'
import { EXPIRING_COURSE } from '#database/demo/certificates'
import { ownCertificates } from '#queries/learning/certificates_query'

test.group('Demo certificates', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('every completed course in the demo has its certificate; one has expired and one is revoked', async ({
    assert,
  }) => {
    await new DemoSeeder(db.connection()).run()
    const uncertified = await db
      .from('learning_records')
      .whereNotNull('course_id')
      .whereNotExists((certificates) => {
        certificates
          .from('certificates')
          .whereColumn('certificates.learning_record_id', 'learning_records.id')
      })
      .count('* as total')
    assert.equal(Number(uncertified[0].total), 0)
    const [{ total }] = await db.from('certificates').count('* as total')
    assert.isAbove(Number(total), 20)

    const expired = await db
      .from('certificates')
      .join('courses', 'courses.id', 'certificates.course_id')
      .where('courses.code', EXPIRING_COURSE.code)
      .select('certificates.user_id')
      .firstOrFail()
    const certificates = await ownCertificates(Number(expired.user_id))
    const expiredOnes = certificates.filter(
      (certificate) => certificate.courseTitle === EXPIRING_COURSE.title
    )
    assert.deepEqual(
      expiredOnes.map((certificate) => certificate.standing),
      ['expired']
    )

    const revoked = await db.from('certificates').whereNotNull('revoked_at')
    assert.lengthOf(revoked, 1)
    assert.isNotNull(revoked[0].revoked_by)
    assert.isString(revoked[0].revocation_reason)

    // Run again, the demo adds nothing.
    await new DemoSeeder(db.connection()).run()
    const [{ total: again }] = await db.from('certificates').count('* as total')
    assert.equal(Number(again), Number(total))
  }).timeout(120_000)
})
