import { DateTime } from 'luxon'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { newVerificationCode } from '#domain/learning/certificates'
import { completionValidUntil } from '#domain/learning/self_paced_rules'
import { isoDateFromSql } from '#domain/shared/uk_time'

const BATCH = 500

/*
 * Issues a certificate for every completed course on a learning record
 * that has none: the completions recorded before certificates existed
 * (migration 0045 runs it once) and any written without issueCertificate.
 * Plain rows, no models, so a migration may call it; it is not audited,
 * as nobody issued these. Answers how many it issued.
 */
export async function issueMissingCertificates(
  client: QueryClientContract,
  now: DateTime = DateTime.now()
) {
  const issuedAt = now.toUTC().toFormat('yyyy-MM-dd HH:mm:ss')
  let issued = 0
  let after = 0
  for (;;) {
    const records = await client
      .from('learning_records')
      .join('courses', 'courses.id', 'learning_records.course_id')
      .whereNotExists((certificates) => {
        certificates
          .from('certificates')
          .whereColumn('certificates.learning_record_id', 'learning_records.id')
      })
      .where('learning_records.id', '>', after)
      .orderBy('learning_records.id')
      .limit(BATCH)
      .select(
        'learning_records.id',
        'learning_records.user_id',
        'learning_records.course_id',
        'learning_records.completed_on',
        'courses.validity_months'
      )
    if (!records.length) return issued
    const codes = await unusedCodes(client, records.length)
    await client.table('certificates').multiInsert(
      records.map((record, index) => ({
        learning_record_id: record.id,
        user_id: record.user_id,
        course_id: record.course_id,
        code: codes[index],
        issued_at: issuedAt,
        valid_until: completionValidUntil(
          isoDateFromSql(record.completed_on)!,
          record.validity_months === null ? null : Number(record.validity_months)
        ),
        created_at: issuedAt,
        updated_at: issuedAt,
      }))
    )
    issued += records.length
    after = Number(records[records.length - 1].id)
  }
}

/* As many new codes as asked for, none already on a certificate nor drawn twice. */
export async function unusedCodes(client: QueryClientContract, count: number) {
  const codes = new Set<string>()
  while (codes.size < count) {
    const drawn = new Set<string>()
    while (drawn.size < count - codes.size) drawn.add(newVerificationCode())
    const taken = await client
      .from('certificates')
      .whereIn('code', [...drawn])
      .select('code')
    for (const row of taken) drawn.delete(row.code)
    for (const code of drawn) codes.add(code)
  }
  return [...codes]
}
