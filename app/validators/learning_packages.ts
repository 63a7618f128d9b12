import vine from '@vinejs/vine'
import { FormMessages, fieldMessages, sameMessage } from '#validators/messages'
import { tooLargeMessage, UPLOADS } from '#services/uploads'

/* What a SCORM 1.2 package may say of a lesson (cmi.core.lesson_status). */
export const LESSON_STATUSES = [
  'passed',
  'completed',
  'failed',
  'incomplete',
  'browsed',
  'not attempted',
] as const

/* What a SCORM 2004 package may say of completion and success. */
export const COMPLETION_STATUSES = ['completed', 'incomplete', 'not attempted', 'unknown'] as const
export const SUCCESS_STATUSES = ['passed', 'failed', 'unknown'] as const

/* Seconds in ten years: more time than anyone spends in one package. */
const MAX_SECONDS = 10 * 366 * 24 * 3600

/* The zip a course admin uploads, with the module's title and whether it is required. */
export const learningPackageUploadValidator = vine.create({
  file: vine.file({ size: UPLOADS.learningPackage.bytes, extnames: ['zip'] }),
  title: vine.string().trim().maxLength(200).optional(),
  required: vine.boolean(),
})

learningPackageUploadValidator.messagesProvider = new FormMessages({
  ...sameMessage('file', ['required', 'file'], 'Select a zip file of an e-learning package'),
  'file.file.extname': 'The selected file must be a zip file',
  'file.file.size': tooLargeMessage(UPLOADS.learningPackage.label),
  'title.maxLength': 'Module title must be 200 characters or fewer',
  ...sameMessage(
    'required',
    ['required', 'boolean'],
    'Select whether learners must finish the package to complete the course'
  ),
})

/*
 * What the player page sends when a package commits or finishes: the
 * values it read from the package's run-time. Which of the statuses a
 * package must send, and the score's range, depend on its SCORM edition
 * (checked by the action that records it).
 */
export const packageProgressValidator = vine.create({
  launchToken: vine.string().maxLength(500),
  lessonStatus: vine.enum(LESSON_STATUSES).optional(),
  completionStatus: vine.enum(COMPLETION_STATUSES).optional(),
  successStatus: vine.enum(SUCCESS_STATUSES).optional(),
  scoreRaw: vine.number().range([-1_000_000, 1_000_000]).optional(),
  scoreMin: vine.number().range([-1_000_000, 1_000_000]).optional(),
  scoreMax: vine.number().range([-1_000_000, 1_000_000]).optional(),
  scoreScaled: vine.number().range([-1, 1]).optional(),
  location: vine.string().maxLength(1000).optional(),
  suspendData: vine.string().maxLength(64_000).optional(),
  totalSeconds: vine.number().withoutDecimals().range([0, MAX_SECONDS]).optional(),
  finished: vine.boolean().optional(),
})

export type PackageProgressInput = Awaited<ReturnType<typeof packageProgressValidator.validate>>

packageProgressValidator.messagesProvider = new FormMessages({
  ...sameMessage(
    'launchToken',
    ['required', 'string', 'maxLength'],
    'Open the e-learning package again: its launch token is missing'
  ),
  ...fieldMessages('lessonStatus', {
    enum: 'Lesson status must be passed, completed, failed, incomplete, browsed or not attempted',
  }),
  ...fieldMessages('completionStatus', {
    enum: 'Completion status must be completed, incomplete, not attempted or unknown',
  }),
  ...fieldMessages('successStatus', { enum: 'Success status must be passed, failed or unknown' }),
  ...sameMessage('scoreRaw', ['number', 'range'], 'Score must be a number'),
  ...sameMessage('scoreMin', ['number', 'range'], 'Lowest score must be a number'),
  ...sameMessage('scoreMax', ['number', 'range'], 'Highest score must be a number'),
  ...sameMessage('scoreScaled', ['number', 'range'], 'Scaled score must be between -1 and 1'),
  'location.maxLength': 'Location must be 1,000 characters or fewer',
  'suspendData.maxLength': 'Suspend data must be 64,000 characters or fewer',
  ...sameMessage(
    'totalSeconds',
    ['number', 'withoutDecimals', 'range'],
    'Time spent must be a whole number of seconds'
  ),
})
