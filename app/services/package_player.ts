import ModuleProgress from '#models/module_progress'
import User from '#models/user'
import type LearningPackage from '#models/learning_package'
import type SelfPacedEnrolment from '#models/self_paced_enrolment'
import type { ScormVersion } from '#domain/learning/scorm_manifest'
import { resumeStatuses } from '#domain/learning/scorm_progress'
import { RUNTIME_FOLDER } from '#services/learning_package_files'

/*
 * The policy every file of a package is served with. `sandbox` without
 * allow-same-origin gives the package an opaque origin even when its
 * address is opened on its own: it cannot read the service's pages,
 * cookies or storage. Within that, a package's own scripts may run as
 * packages are written (inline, eval), but may load and send nothing
 * beyond its own address, and only the service's pages may frame it.
 */
export const PACKAGE_CSP = [
  'sandbox allow-scripts allow-forms',
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "form-action 'self'",
  "base-uri 'self'",
  "object-src 'none'",
  "frame-ancestors 'self'",
].join('; ')

/*
 * Headers of a package's files: the sandbox, no sniffing, and, because
 * the frame's requests come from an opaque origin (a cross-origin
 * request to the browser), leave for the frame to load its own scripts,
 * styles, fonts and data. The address's token is the key, not a cookie.
 */
export const PACKAGE_HEADERS: Record<string, string> = {
  'Content-Security-Policy': PACKAGE_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'Access-Control-Allow-Origin': '*',
  'Cache-Control': 'private, no-store',
  'Referrer-Policy': 'no-referrer',
}

/* Content types by extension: the files e-learning packages are made of; anything else is a download. */
const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  htm: 'text/html; charset=utf-8',
  xhtml: 'application/xhtml+xml; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  xsd: 'application/xml; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  vtt: 'text/vtt; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  ico: 'image/x-icon',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  m4a: 'audio/mp4',
  mp4: 'video/mp4',
  webm: 'video/webm',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  otf: 'font/otf',
  eot: 'application/vnd.ms-fontobject',
  pdf: 'application/pdf',
}

export function packageContentType(name: string) {
  const extension = name.includes('.') ? name.split('.').pop()!.toLowerCase() : ''
  return CONTENT_TYPES[extension] ?? 'application/octet-stream'
}

/* Seconds as SCORM 1.2 writes a time span (HHHH:MM:SS). */
function scorm12Time(seconds: number) {
  const hours = Math.floor(seconds / 3600)
  const minutes = Math.floor((seconds % 3600) / 60)
  const rest = seconds % 60
  const pad = (value: number, width = 2) => String(value).padStart(width, '0')
  return `${pad(hours, 4)}:${pad(minutes)}:${pad(rest)}`
}

/*
 * What the run-time starts with in the package's frame: who the learner
 * is, and where they left the package, so it resumes there.
 */
export async function launchState(learningPackage: LearningPackage, enrolment: SelfPacedEnrolment) {
  const [learner, progress] = await Promise.all([
    User.findOrFail(enrolment.userId),
    ModuleProgress.query()
      .where('self_paced_enrolment_id', enrolment.id)
      .whereIn('module_id', (modules) =>
        modules
          .from('course_modules')
          .where({ course_id: learningPackage.courseId, package_id: learningPackage.id })
          .select('id')
      )
      .first(),
  ])
  const statuses = resumeStatuses(progress)
  const resuming = Boolean(progress?.suspendData || progress?.lessonLocation)
  const seconds = progress?.totalSeconds ?? 0
  const location = progress?.lessonLocation ?? ''
  const suspendData = progress?.suspendData ?? ''
  if (learningPackage.scormVersion === '1.2') {
    return {
      version: '1.2' as ScormVersion,
      cmi: {
        core: {
          student_id: String(learner.id),
          student_name: learner.fullName,
          lesson_location: location.slice(0, 255),
          lesson_status: statuses.lessonStatus,
          entry: resuming ? 'resume' : 'ab-initio',
          total_time: scorm12Time(seconds),
        },
        suspend_data: suspendData.slice(0, 4096),
      },
    }
  }
  return {
    version: '2004' as ScormVersion,
    cmi: {
      learner_id: String(learner.id),
      learner_name: learner.fullName,
      location,
      suspend_data: suspendData,
      completion_status: statuses.completionStatus,
      success_status: statuses.successStatus,
      entry: resuming ? 'resume' : 'ab-initio',
      total_time: `PT${seconds}S`,
    },
  }
}

/* JSON safe inside a script element: no "<" to end it early, no line separators. */
function scriptJson(value: unknown) {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

/* The elements put at the top of the launch page: the starting state, scorm-again and the bridge. */
export function runtimeScripts(base: string, version: ScormVersion, state: unknown) {
  const runtime = version === '1.2' ? 'scorm12.js' : 'scorm2004.js'
  return [
    `<script type="application/json" id="dcs-scorm-state">${scriptJson(state)}</script>`,
    `<script src="${base}/${RUNTIME_FOLDER}/${runtime}"></script>`,
    `<script src="${base}/${RUNTIME_FOLDER}/bridge.js"></script>`,
  ].join('')
}
