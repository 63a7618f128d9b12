import type { ExportKind } from '#services/list_pipeline'
import {
  defineQueuedList,
  everyonesExport,
  filtersFrom,
  idFilter,
  ownExport,
  wholeNumber,
} from '#services/list_pipeline'
import { administeredProviders } from '#services/provider_scope'
import { adminCourseFilters, adminCourses } from '#queries/learning/admin_courses_query'
import type { CatalogueFilters } from '#queries/learning/catalogue_query'
import { forPerson } from '#queries/capability/gaps_query'
import { catalogueFiltersValidator } from '#validators/catalogue'
import {
  approvalLines,
  countApprovals,
  countCourses,
  countLearningRecord,
  countRoster,
  courseLines,
  learningRecordLines,
  rosterLines,
  APPROVALS_HEADER,
  COURSES_HEADER,
  LEARNING_RECORD_HEADER,
  ROSTER_HEADER,
} from '#queries/exports/learning_export_query'
import {
  catalogueLines,
  countCatalogue,
  CATALOGUE_HEADER,
} from '#queries/exports/catalogue_export_query'
import {
  countProviders,
  providerLines,
  PROVIDERS_HEADER,
} from '#queries/exports/admin_lists_export_query'
import {
  countCourseFeedback,
  courseFeedbackLines,
  COURSE_FEEDBACK_HEADER,
  type CourseFeedbackExportFilters,
} from '#queries/exports/course_feedback_export_query'
import {
  countMyLearning,
  myLearningLines,
  MY_LEARNING_HEADER,
} from '#queries/exports/my_learning_export_query'

/* The learning area's lists that may be exported as a queued job. */

/* Course admins' courses: a page at a time, every course in the export, from the same filters. */
export const adminCoursesList = defineQueuedList({
  path: '/learning/admin/courses',
  scope: administeredProviders,
  async filters(_providers, qs) {
    const filters = adminCourseFilters(qs)
    return {
      input: { q: filters.q, status: filters.status, provider: filters.providerId },
      filters,
    }
  },
  page: (providers, filters) => adminCourses(providers, filters),
  export: {
    title: 'Courses',
    fileStem: 'courses',
    header: COURSES_HEADER,
    count: countCourses,
    lines: courseLines,
  },
})

const roster: ExportKind<number> = {
  title: 'Session roster',
  fileStem: 'session-roster',
  header: ROSTER_HEADER,
  listPath: '/learning/admin/courses',
  filters: idFilter('sessionId'),
  async count(user, sessionId) {
    return countRoster(await administeredProviders(user), sessionId)
  },
  async *lines(user, sessionId, batchSize) {
    yield* rosterLines(await administeredProviders(user), sessionId, batchSize)
  },
}

const learningRecord = ownExport(
  {
    title: 'Learning record',
    fileStem: 'learning-record',
    header: LEARNING_RECORD_HEADER,
    listPath: '/learning/record',
  },
  countLearningRecord,
  learningRecordLines
)

const approvals = ownExport(
  {
    title: 'Requests to approve',
    fileStem: 'requests-to-approve',
    header: APPROVALS_HEADER,
    listPath: '/learning/approvals',
  },
  countApprovals,
  approvalLines
)

/* The course catalogue with its filters, as every signed-in person may search it. */
const catalogue: ExportKind<CatalogueFilters> = {
  title: 'Course catalogue',
  fileStem: 'course-catalogue',
  header: CATALOGUE_HEADER,
  listPath: '/learning/courses',
  filters: filtersFrom(
    [
      'q',
      'skill',
      'roleProfile',
      'mode',
      'provider',
      'location',
      'from',
      'to',
      'sort',
      'forMyRole',
      'forMyGaps',
    ],
    (kept) => catalogueFiltersValidator.validate(kept)
  ),
  count: async (user, filters) => countCatalogue(await forPerson(user.id, filters)),
  async *lines(user, filters, batchSize) {
    yield* catalogueLines(await forPerson(user.id, filters), batchSize)
  },
}

const providers = everyonesExport(
  {
    title: 'Training providers',
    fileStem: 'training-providers',
    header: PROVIDERS_HEADER,
    listPath: '/learning/admin/providers',
  },
  countProviders,
  providerLines
)

/* A learner's own enrolments, as "My learning" shows them. */
const myLearning = ownExport(
  {
    title: 'My learning',
    fileStem: 'my-learning',
    header: MY_LEARNING_HEADER,
    listPath: '/learning/my',
  },
  countMyLearning,
  myLearningLines
)

/* Every answer of a course's feedback (or one session's), without names, for its course admins. */
const courseFeedback: ExportKind<CourseFeedbackExportFilters> = {
  title: 'Course feedback',
  fileStem: 'course-feedback',
  header: COURSE_FEEDBACK_HEADER,
  listPath: '/learning/admin/feedback',
  filters: filtersFrom(['courseId', 'session'], (kept) => ({
    courseId: wholeNumber(kept.courseId) ?? 0,
    sessionId: wholeNumber(kept.session),
  })),
  async count(user, filters) {
    return countCourseFeedback(await administeredProviders(user), filters)
  },
  async *lines(user, filters, batchSize) {
    yield* courseFeedbackLines(await administeredProviders(user), filters, batchSize)
  },
}

export const learningExports = {
  courses: adminCoursesList.exportKind,
  roster,
  learningRecord,
  approvals,
  catalogue,
  providers,
  myLearning,
  courseFeedback,
}
