/*
 * Helpers every page can use.
 */
import edge, { edgeGlobals } from 'edge.js'
import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import { listComponentsOnce } from '#services/view_components'
import { cachePartials } from '#services/view_partials'
import { safeAttrs, safeUrl } from '#services/html_attributes'
import { staffImportStatusLabels } from '#enums/staff_imports'
import type { HttpRequest as Request } from '@adonisjs/core/http'
import type User from '#models/user'
import { navigationFor, sectionOf } from '#services/navigation'
import { dateFieldState, fieldId, fieldState } from '#services/form_field'
import { errorsInPageOrder } from '#services/error_summary_order'
import { humanise } from '#queries/identity/audit_query'
import { gradeLabels } from '#enums/grades'
import { roleLabels } from '#enums/roles'
import { roleLevelWithRole, skillLevelInitial, skillLevelName } from '#domain/framework/levels'
import { professionLabels } from '#enums/professions'
import { counted, noun, sentenceStart } from '#domain/shared/wording'
import { programmeWords } from '#domain/fast_stream/programmes'
import { UkFormats } from '#domain/shared/uk_time'
import { dayMonthYear, dayMonthYearAtTime } from '#domain/shared/uk_format'

/* Templates are compiled once in production, so their components are listed once too, and partials compiled once. */
if (app.inProduction) {
  listComponentsOnce(edge)
  cachePartials(edge)
}

/*
 * Attribute lists escape their values (see app/services/html_attributes.ts);
 * `html.attrs` is the same helper, so no template can write one unescaped.
 */
edge.global('safeAttrs', safeAttrs)
edge.global('html', { ...edgeGlobals.html, attrs: safeAttrs })
edge.global('safeUrl', safeUrl)

edge.global('navigationFor', (user: User) => navigationFor(user))
edge.global('sectionOf', sectionOf)

/* Form controls' ids (so error summary links land on them) and state. */
edge.global('fieldId', fieldId)
edge.global('fieldState', fieldState)
edge.global('dateFieldState', dateFieldState)
edge.global('errorsInPageOrder', errorsInPageOrder)

/* The current URL with another page number, keeping every other filter. */
edge.global('pageUrl', (request: Request, page: number) => {
  const params = new URLSearchParams(request.qs() as Record<string, string>)
  params.set('page', String(page))
  return `${request.url()}?${params.toString()}`
})

/* The current URL with one query parameter changed (used by sortable headers). */
edge.global('withQuery', (request: Request, changes: Record<string, string | number | null>) => {
  const params = new URLSearchParams(request.qs() as Record<string, string>)
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === '') params.delete(key)
    else params.set(key, String(value))
  }
  params.delete('page')
  const query = params.toString()
  return query ? `${request.url()}?${query}` : request.url()
})

/* "3 Jun 2027" and "3 Jun 2027 at 09:30" (UkFormats.date, .dateTime), from formatters made once. */
type Formattable = { toFormat?: (f: string) => string } | null | undefined
edge.global('formatDate', (value: Formattable) =>
  DateTime.isDateTime(value)
    ? dayMonthYear(value)
    : value?.toFormat
      ? value.toFormat(UkFormats.date)
      : ''
)

edge.global('formatDateTime', (value: Formattable) =>
  DateTime.isDateTime(value)
    ? dayMonthYearAtTime(value)
    : value?.toFormat
      ? value.toFormat(UkFormats.dateTime)
      : ''
)

edge.global(
  'gradeLabel',
  (grade: string) => gradeLabels[grade as keyof typeof gradeLabels] ?? grade
)
edge.global(
  'professionLabel',
  (profession: string) =>
    professionLabels[profession as keyof typeof professionLabels] ?? profession
)

edge.global('roleLabel', (role: string) => roleLabels[role as keyof typeof roleLabels] ?? role)

edge.global('humanise', humanise)

edge.global('importStatusLabel', (status: string) => staffImportStatusLabels[status] ?? status)

edge.global('skillLevelName', (level: number) => skillLevelName(level))
edge.global('skillLevelInitial', (level: number) => skillLevelInitial(level))

/* "Service Manager", "Senior product manager (Product manager)": see roleLevelWithRole. */
edge.global('roleLevelWithRole', roleLevelWithRole)

/* "1 role", "3 roles"; `noun` alone where the count is shown apart ("role", "roles"). */
edge.global('counted', counted)
edge.global('noun', noun)
edge.global('sentenceStart', sentenceStart)
edge.global('programmeWords', programmeWords)
