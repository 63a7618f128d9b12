import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { pageOfRows } from '#queries/paging'
import {
  certificateStanding,
  formatVerificationCode,
  type CertificateStanding,
} from '#domain/learning/certificates'
import { UK_ZONE, instantFromSql, isoDateFromSql } from '#domain/shared/uk_time'

/*
 * Reads of certificates: the public verification by code, a learner's
 * own, and the admins' search. Each gives the certificate's standing on
 * today (UK time): valid, expired or revoked.
 */

const todayInUk = () => DateTime.now().setZone(UK_ZONE).toISODate()!

/* A certificate as every reader sees it; what a reader may show is its own choice. */
export type CertificateRow = {
  id: number
  learningRecordId: number
  userId: number
  name: string
  courseId: number
  courseTitle: string
  providerId: number
  providerName: string | null
  /* Stored form, 12 characters; `displayCode` in groups. */
  code: string
  displayCode: string
  completedOn: string
  issuedAt: DateTime
  validUntil: string | null
  revokedAt: DateTime | null
  revokedByName: string | null
  revocationReason: string | null
  standing: CertificateStanding
}

function certificates() {
  return db
    .from('certificates')
    .join('learning_records', 'learning_records.id', 'certificates.learning_record_id')
    .join('users', 'users.id', 'certificates.user_id')
    .join('courses', 'courses.id', 'certificates.course_id')
    .leftJoin('users as revokers', 'revokers.id', 'certificates.revoked_by')
    .select(
      'certificates.id',
      'certificates.learning_record_id',
      'certificates.user_id',
      'certificates.course_id',
      'certificates.code',
      'certificates.issued_at',
      'certificates.valid_until',
      'certificates.revoked_at',
      'certificates.revocation_reason',
      'users.full_name',
      'learning_records.title',
      'learning_records.provider_name',
      'learning_records.completed_on',
      'courses.provider_id',
      'revokers.full_name as revoked_by_name'
    )
}

function certificateOf(row: Record<string, any>, today = todayInUk()): CertificateRow {
  const validUntil = isoDateFromSql(row.valid_until)
  const revokedAt = instantFromSql(row.revoked_at)
  return {
    id: Number(row.id),
    learningRecordId: Number(row.learning_record_id),
    userId: Number(row.user_id),
    name: row.full_name,
    courseId: Number(row.course_id),
    courseTitle: row.title,
    providerId: Number(row.provider_id),
    providerName: row.provider_name ?? null,
    code: row.code,
    displayCode: formatVerificationCode(row.code),
    completedOn: isoDateFromSql(row.completed_on)!,
    issuedAt: instantFromSql(row.issued_at)!,
    validUntil,
    revokedAt,
    revokedByName: row.revoked_by_name ?? null,
    revocationReason: row.revocation_reason ?? null,
    standing: certificateStanding({ revokedAt, validUntil }, today),
  }
}

/* The certificate with this code (stored form), for anyone who has it; null when none has. */
export async function certificateByCode(code: string) {
  const row = await certificates().where('certificates.code', code).first()
  return row ? certificateOf(row) : null
}

/* One of the learner's own certificates; null when it is not theirs or does not exist. */
export async function ownCertificate(userId: number, id: number) {
  const row = await certificates()
    .where('certificates.id', id)
    .where('certificates.user_id', userId)
    .first()
  return row ? certificateOf(row) : null
}

/* The learner's certificates, latest completion first, a page at a time. */
export async function ownCertificatePage(userId: number, page: number, perPage: number) {
  const paginator = await pageOfRows(
    certificates()
      .where('certificates.user_id', userId)
      .orderBy('learning_records.completed_on', 'desc')
      .orderBy('certificates.id', 'desc'),
    page,
    perPage
  )
  const today = todayInUk()
  return {
    rows: paginator.all().map((row) => certificateOf(row, today)),
    meta: paginator.getMeta() as { total: number; currentPage: number; perPage: number },
  }
}

/* The certificates of some of a learner's learning records, by learning record id. */
export async function certificatesOfRecords(userId: number, learningRecordIds: number[]) {
  if (!learningRecordIds.length) return new Map<number, CertificateRow>()
  const rows = await certificates()
    .where('certificates.user_id', userId)
    .whereIn('certificates.learning_record_id', learningRecordIds)
  const today = todayInUk()
  return new Map(
    rows.map((row) => [Number(row.learning_record_id), certificateOf(row, today)] as const)
  )
}

/* Narrows certificates to the courses of the providers an admin administers. */
function withinProviders(
  query: DatabaseQueryBuilderContract<any>,
  providers: number[] | 'all'
): DatabaseQueryBuilderContract<any> {
  if (providers === 'all') return query
  return query.whereIn('courses.provider_id', providers.length ? providers : [0])
}

/* One certificate for an admin of its course's provider; null when it is not theirs to see. */
export async function administeredCertificate(id: number, providers: number[] | 'all') {
  const row = await withinProviders(certificates().where('certificates.id', id), providers).first()
  return row ? certificateOf(row) : null
}

export type CertificateSearch = {
  /* A code as stored (normalised), to find one certificate. */
  code?: string | null
  /* Words in the person's name or e-mail address. */
  person?: string | null
  /* Words in the course's title or code. */
  course?: string | null
  page: number
  perPage: number
}

/*
 * Certificates an admin may see (all for capability admins, their
 * providers' courses' for course admins), by code, person or course,
 * latest issued first.
 */
export async function administeredCertificatePage(
  search: CertificateSearch,
  providers: number[] | 'all'
) {
  const query = withinProviders(certificates(), providers)
  if (search.code) query.where('certificates.code', search.code)
  if (search.person) {
    const words = `%${search.person.toLowerCase()}%`
    query.where((person) => {
      person
        .whereRaw('LOWER(users.full_name) LIKE ?', [words])
        .orWhereRaw('LOWER(users.email) LIKE ?', [words])
    })
  }
  if (search.course) {
    const words = `%${search.course.toLowerCase()}%`
    query.where((course) => {
      course
        .whereRaw('LOWER(learning_records.title) LIKE ?', [words])
        .orWhereRaw('LOWER(courses.code) LIKE ?', [words])
    })
  }
  query.orderBy('certificates.issued_at', 'desc').orderBy('certificates.id', 'desc')
  const paginator = await pageOfRows(query, search.page, search.perPage)
  const today = todayInUk()
  return {
    rows: paginator.all().map((row) => certificateOf(row, today)),
    meta: paginator.getMeta() as {
      total: number
      currentPage: number
      lastPage: number
      perPage: number
    },
  }
}

/* Every certificate of the learner, latest completion first, for their learning record. */
export async function ownCertificates(userId: number) {
  const rows = await certificates()
    .where('certificates.user_id', userId)
    .orderBy('learning_records.completed_on', 'desc')
    .orderBy('certificates.id', 'desc')
  const today = todayInUk()
  return rows.map((row) => certificateOf(row, today))
}
