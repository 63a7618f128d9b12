import type { DateTime } from 'luxon'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { issueMissingCertificates } from '#actions/learning/issue_missing_certificates'

/*
 * The demo's certificates: one for every course completed in the demo,
 * and, so every state shows, one that has expired and one revoked. The
 * expired one is for "Handling personal data", a course whose completions
 * count for 12 months, which the first demo learner completed 14 months
 * ago; the revoked one is the latest certificate of another demo learner,
 * revoked by the demo's capability admin as issued in error. Adds nothing
 * when the demo's certificates are there already.
 */

export const EXPIRING_COURSE = {
  code: 'DCS-PD01',
  title: 'Handling personal data',
  summary:
    'What the data protection law asks of everyone who handles personal data at work, and how to report a breach. Taken again every year.',
  validityMonths: 12,
}

const REVOCATION_REASON = 'Issued in error: recorded against the wrong session.'

const stamp = (value: DateTime) => value.toUTC().toFormat('yyyy-MM-dd HH:mm:ss')

export async function seedDemoCertificates(
  client: QueryClientContract,
  options: { now: DateTime }
) {
  const existing = await client.from('courses').where('code', EXPIRING_COURSE.code).first()
  if (existing) return null
  return client.transaction(async (trx) => {
    const learner = await trx
      .from('users')
      .where('email', 'like', 'learner%@demo.example')
      .orderBy('email')
      .select('id')
      .first()
    const admin = await trx.from('users').where('email', 'admin@demo.example').select('id').first()
    const provider = await trx.from('providers').orderBy('id').select('id', 'name').first()
    if (!learner || !admin || !provider) return null

    const since = options.now.minus({ months: 18 })
    const [courseId] = await trx.table('courses').insert({
      provider_id: provider.id,
      code: EXPIRING_COURSE.code,
      title: EXPIRING_COURSE.title,
      summary: EXPIRING_COURSE.summary,
      mode: 'online',
      duration_hours: 2,
      cost_pence: 0,
      status: 'published',
      requires_approval: false,
      validity_months: EXPIRING_COURSE.validityMonths,
      created_at: stamp(since),
      updated_at: stamp(since),
    })
    const completedAt = options.now.minus({ months: 14 })
    await trx.table('learning_records').insert({
      user_id: learner.id,
      course_id: Number(courseId),
      title: EXPIRING_COURSE.title,
      provider_name: provider.name,
      completed_on: completedAt.toISODate(),
      source: 'enrolment',
      created_at: stamp(completedAt),
      updated_at: stamp(completedAt),
    })

    const issued = await issueMissingCertificates(trx, options.now)

    const latest = await trx
      .from('certificates')
      .join('learning_records', 'learning_records.id', 'certificates.learning_record_id')
      .join('users', 'users.id', 'certificates.user_id')
      .where('users.email', 'like', 'learner%@demo.example')
      .whereNot('certificates.user_id', learner.id)
      .orderBy('learning_records.completed_on', 'desc')
      .select('certificates.id')
      .first()
    const revoked = latest
      ? await trx
          .from('certificates')
          .where('id', latest.id)
          .update({
            revoked_at: stamp(options.now.minus({ days: 2 })),
            revoked_by: admin.id,
            revocation_reason: REVOCATION_REASON,
          })
      : 0
    return { issued, revoked: Number(revoked) ? 1 : 0 }
  })
}

/* One line for the demo's log. */
export function describeDemoCertificates(result: { issued: number; revoked: number }) {
  return `Demo certificates: ${result.issued} issued, one expired (${EXPIRING_COURSE.title}) and ${result.revoked} revoked.`
}
