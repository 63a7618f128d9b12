/*
 * The learning area's short-string states and kinds.
 */
import { labelledValues, namedValues } from '#enums/short_strings'
export const courseModeLabels = {
  classroom: 'Classroom',
  online: 'Online',
  blended: 'Blended',
} as const
export type CourseMode = keyof typeof courseModeLabels
export const courseModeValues = labelledValues(courseModeLabels)

export const courseDeliveryLabels = {
  scheduled: 'In scheduled sessions',
  self_paced: 'Self-paced online',
} as const
export type CourseDelivery = keyof typeof courseDeliveryLabels
export const courseDeliveryValues = labelledValues(courseDeliveryLabels)

export const SelfPacedStatuses = {
  InProgress: 'in_progress',
  Completed: 'completed',
  Withdrawn: 'withdrawn',
} as const
export type SelfPacedStatus = (typeof SelfPacedStatuses)[keyof typeof SelfPacedStatuses]
export const selfPacedStatusLabels: Record<SelfPacedStatus, string> = {
  in_progress: 'In progress',
  completed: 'Completed',
  withdrawn: 'Withdrawn',
}

/* What a self-paced course's module is: a page, a document or a video to open, or an e-learning package. */
export const moduleKindLabels = {
  link: 'Link',
  document: 'Document',
  video: 'Video',
  scorm: 'E-learning package',
} as const
export type ModuleKind = keyof typeof moduleKindLabels
export const moduleKindValues = labelledValues(moduleKindLabels)
/* The kinds a course admin adds by giving an address. */
export const LINKED_MODULE_KINDS = ['link', 'document', 'video'] as const satisfies ModuleKind[]

export const moduleProgressStatusLabels = {
  not_started: 'Not started',
  in_progress: 'In progress',
  completed: 'Completed',
} as const
export type ModuleProgressStatus = keyof typeof moduleProgressStatusLabels

/* Whether a learner passed a module, as an e-learning package reports it. */
export const moduleSuccessLabels = {
  passed: 'Passed',
  failed: 'Failed',
  unknown: 'Unknown',
} as const
export type ModuleSuccess = keyof typeof moduleSuccessLabels

/* The stored values of a self-paced run's states, as the API lists them. */
export const namedValuesOfSelfPaced = {
  status: namedValues(SelfPacedStatuses),
  moduleStatus: labelledValues(moduleProgressStatusLabels),
  success: labelledValues(moduleSuccessLabels),
}

export const courseStatusLabels = {
  draft: 'Draft',
  published: 'Published',
  archived: 'Archived',
} as const
export type CourseStatus = keyof typeof courseStatusLabels
export const courseStatusValues = labelledValues(courseStatusLabels)

export const audienceKindLabels = {
  mandatory: 'Mandatory',
  recommended: 'Recommended',
} as const
export type AudienceKind = keyof typeof audienceKindLabels
export const audienceKindValues = labelledValues(audienceKindLabels)

export const SessionStatuses = { Scheduled: 'scheduled', Cancelled: 'cancelled' } as const
export type SessionStatus = (typeof SessionStatuses)[keyof typeof SessionStatuses]

export const EnrolmentStatuses = {
  Requested: 'requested',
  Booked: 'booked',
  Waitlisted: 'waitlisted',
  Attended: 'attended',
  NoShow: 'no_show',
  Completed: 'completed',
  Declined: 'declined',
  Cancelled: 'cancelled',
} as const
export type EnrolmentStatus = (typeof EnrolmentStatuses)[keyof typeof EnrolmentStatuses]

export const enrolmentStatusLabels: Record<EnrolmentStatus, string> = {
  requested: 'Awaiting approval',
  booked: 'Booked',
  waitlisted: 'On the waiting list',
  attended: 'Attended',
  no_show: 'Did not attend',
  completed: 'Completed',
  declined: 'Declined',
  cancelled: 'Cancelled',
}

/* Enrolments that hold, or wait for, a place. */
export const ACTIVE_ENROLMENT_STATUSES: EnrolmentStatus[] = [
  'requested',
  'booked',
  'waitlisted',
  'attended',
]

export const LearningRecordSources = {
  Enrolment: 'enrolment',
  Declared: 'declared',
  SelfPaced: 'self_paced',
} as const
export type LearningRecordSource =
  (typeof LearningRecordSources)[keyof typeof LearningRecordSources]

/* Who put a completion on the learning record, as the record page says it. */
export const learningRecordRecordedBy: Record<LearningRecordSource, string> = {
  enrolment: 'Course team',
  self_paced: 'Online course',
  declared: 'You',
}

/* How a completion came to be on the learning record, as its CSV says it. */
export const learningRecordSourceLabels: Record<LearningRecordSource, string> = {
  enrolment: 'Course booked here',
  self_paced: 'Self-paced course here',
  declared: 'Declared',
}

export const SkillClaimStatuses = {
  Pending: 'pending',
  Validated: 'validated',
  Rejected: 'rejected',
} as const
export type SkillClaimStatus = (typeof SkillClaimStatuses)[keyof typeof SkillClaimStatuses]
