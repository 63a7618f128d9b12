import type { HttpContext } from '@adonisjs/core/http'

/*
 * The forms that send a multipart body, and what each may carry. A route
 * takes multipart only when it uses the upload middleware with one of
 * these; every other address refuses it before a byte is read. The file
 * limits are the largest sensible file of each kind: 250,000 people at
 * about 80 bytes a row, the framework's reference file (180 KB) ten times
 * over, and 5,000 entrants at about 200 bytes a row.
 */
const MB = 1024 * 1024

export const UPLOADS = {
  staffImport: { file: true, bytes: 20 * MB, label: '20 MB' },
  frameworkImport: { file: true, bytes: 2 * MB, label: '2 MB' },
  entrantImport: { file: true, bytes: 1 * MB, label: '1 MB' },
  /* The preview's form sends the checked entrants file back as a field; a file sent with it is skipped. */
  entrantImportApply: { file: false, bytes: 1 * MB, label: '1 MB' },
  /* Services' performance figures: 5,000 periods at about 200 bytes a row. */
  performanceImport: { file: true, bytes: 1 * MB, label: '1 MB' },
  /* The preview's form sends the checked figures file back as a field. */
  performanceImportApply: { file: false, bytes: 1 * MB, label: '1 MB' },
  /* An e-learning package: a zip of a SCORM course, videos and all. */
  learningPackage: { file: true, bytes: 100 * MB, label: '100 MB' },
  /* E-mail addresses of people to book on a course: 10,000 rows at about 40 bytes a row. */
  nominationImport: { file: true, bytes: 1 * MB, label: '1 MB' },
} as const

export type UploadKind = keyof typeof UPLOADS

/* The field every upload form names its file. */
export const UPLOAD_FIELD = 'file'

/* Files one person may upload, of every kind together, in the window. */
export const UPLOAD_RATE = { requests: 20, duration: '10 mins' } as const

export const tooLargeMessage = (label: string) => `The selected file must be smaller than ${label}`

/*
 * Requests whose multipart body is read by the upload middleware, after
 * the person is known and allowed: the CSRF token travels in that body,
 * so the middleware checks it once the body is read, instead of shield
 * before it.
 */
const deferred = new WeakSet<HttpContext>()

export function deferCsrfCheck(ctx: HttpContext) {
  deferred.add(ctx)
}

export function csrfCheckDeferred(ctx: HttpContext) {
  return deferred.has(ctx)
}
