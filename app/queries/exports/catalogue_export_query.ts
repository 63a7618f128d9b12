import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { keysetBatches, countRows, type CsvLine, type KeyColumn } from '#services/csv_export'
import {
  applyCatalogueFilters,
  nextSession,
  type CatalogueFilters,
} from '#queries/learning/catalogue_query'
import { courseModeLabels, type CourseMode } from '#enums/learning'
import { sqlTime } from '#queries/exports/sql_time'

export const CATALOGUE_HEADER = [
  'Code',
  'Title',
  'Provider',
  'Mode',
  'Hours',
  'Cost (£)',
  'Next session starts',
  'Next session venue',
  'Next session location',
  'Next session online',
  'Seats left on next session',
]

/* The catalogue's courses, as the catalogue page finds them. */
export function countCatalogue(filters: CatalogueFilters, now = DateTime.now()) {
  return countRows(applyCatalogueFilters(db.from('courses'), filters, now))
}

/*
 * The published courses of the catalogue with its filters, each with the
 * start of its next matching session (and 1 when it has none, so courses
 * without a session sort last, as on the page), in a derived table whose
 * columns keyset paging can name.
 */
function catalogueRows(filters: CatalogueFilters, now: DateTime) {
  const startsAt = nextSession(filters, now, 'starts_at').toSQL()
  const bindings = [...startsAt.bindings] as Array<string | number>
  const inner = applyCatalogueFilters(
    db.from('courses').join('providers', 'providers.id', 'courses.provider_id'),
    filters,
    now
  )
    .select(
      'courses.id',
      'courses.code',
      'courses.title',
      'courses.mode',
      'courses.duration_hours',
      'courses.cost_pence',
      'providers.name as provider_name'
    )
    .select(nextSession(filters, now, 'id').as('next_session_id'))
    .select(db.raw(`(${startsAt.sql}) as next_starts_at`, bindings))
    .select(db.raw(`case when (${startsAt.sql}) is null then 1 else 0 end as no_session`, bindings))
  return db.from(inner.as('c')).select('c.*')
}

/*
 * The next sessions of one batch of courses with their seats left: one
 * grouped query for the batch's sessions, never for every session.
 */
async function nextSessions(ids: number[]) {
  if (!ids.length) return new Map<number, Record<string, any>>()
  const rows = await db
    .from('course_sessions')
    .leftJoin('enrolments', (join) => {
      join
        .on('enrolments.session_id', '=', 'course_sessions.id')
        .andOnVal('enrolments.status', '=', 'booked')
    })
    .whereIn('course_sessions.id', ids)
    .groupBy(
      'course_sessions.id',
      'course_sessions.venue',
      'course_sessions.location',
      'course_sessions.online_url',
      'course_sessions.capacity'
    )
    .select(
      'course_sessions.id',
      'course_sessions.venue',
      'course_sessions.location',
      'course_sessions.online_url',
      'course_sessions.capacity'
    )
    .count('enrolments.id as booked')
  return new Map(rows.map((row) => [Number(row.id), row]))
}

/*
 * Every course the catalogue finds with these filters, in the page's
 * order (by title, or by next session with courses without one last),
 * with its next matching session and that session's seats left.
 */
export async function* catalogueLines(
  filters: CatalogueFilters,
  batchSize: number,
  now = DateTime.now()
): AsyncGenerator<CsvLine> {
  const keys: KeyColumn[] = [
    ...(filters.sort === 'next_session'
      ? ([
          { column: 'c.no_session', key: 'no_session', direction: 'asc' },
          { column: 'c.next_starts_at', key: 'next_starts_at', direction: 'asc' },
        ] as KeyColumn[])
      : []),
    { column: 'c.title', key: 'title', direction: 'asc' },
    { column: 'c.id', key: 'id', direction: 'asc' },
  ]
  const batches = keysetBatches<Record<string, any>>(
    () => catalogueRows(filters, now),
    keys,
    batchSize
  )
  for await (const batch of batches) {
    const sessions = await nextSessions(
      batch.map((row) => Number(row.next_session_id)).filter((id) => id > 0)
    )
    for (const row of batch) {
      const session = sessions.get(Number(row.next_session_id))
      yield [
        row.code,
        row.title,
        row.provider_name,
        courseModeLabels[row.mode as CourseMode] ?? row.mode,
        Number(row.duration_hours),
        (Number(row.cost_pence) / 100).toFixed(2),
        session ? sqlTime(row.next_starts_at) : null,
        session?.venue ?? null,
        session?.location ?? null,
        session ? Boolean(session.online_url) : null,
        session ? Math.max(0, Number(session.capacity) - Number(session.booked)) : null,
      ]
    }
  }
}
