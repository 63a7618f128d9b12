/*
 * Learning: the catalogue, a learner's own bookings and approvals, and course admin.
 *
 * Pages first, then the same area in the JSON API under /api/v1.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const CatalogueController = () => import('#controllers/learning/catalogue_controller')
const CoursesController = () => import('#controllers/learning/admin/courses_controller')
const CourseOutcomesController = () =>
  import('#controllers/learning/admin/course_outcomes_controller')
const CourseAudiencesController = () =>
  import('#controllers/learning/admin/course_audiences_controller')
const CourseSessionsController = () =>
  import('#controllers/learning/admin/course_sessions_controller')
const CourseModulesController = () =>
  import('#controllers/learning/admin/course_modules_controller')
const RostersController = () => import('#controllers/learning/admin/rosters_controller')
const ProvidersController = () => import('#controllers/learning/admin/providers_controller')
const EnrolmentsController = () => import('#controllers/learning/enrolments_controller')
const MyLearningController = () => import('#controllers/learning/my_learning_controller')
const LearningRecordController = () => import('#controllers/learning/learning_record_controller')
const ApprovalsController = () => import('#controllers/learning/approvals_controller')
const SelfPacedController = () => import('#controllers/learning/self_paced_controller')
const NominationsController = () => import('#controllers/learning/nominations_controller')
const ApiNominationsController = () => import('#controllers/api/learning/nominations_controller')
const ApiCatalogueController = () => import('#controllers/api/learning/catalogue_controller')
const ApiEnrolmentsController = () => import('#controllers/api/learning/enrolments_controller')
const ApiCourseAdminController = () => import('#controllers/api/learning/admin_controller')
const ApiSelfPacedController = () => import('#controllers/api/learning/self_paced_controller')
const TrainingBudgetsController = () => import('#controllers/learning/training_budgets_controller')
const ApiTrainingBudgetsController = () =>
  import('#controllers/api/learning/training_budgets_controller')
const CertificatesController = () => import('#controllers/learning/certificates_controller')
const CertificateVerificationController = () =>
  import('#controllers/learning/certificate_verification_controller')
const AdminCertificatesController = () =>
  import('#controllers/learning/admin/certificates_controller')
const ApiCertificatesController = () => import('#controllers/api/learning/certificates_controller')
const CourseFeedbackController = () => import('#controllers/learning/course_feedback_controller')
const CourseFeedbackResultsController = () =>
  import('#controllers/learning/admin/course_feedback_controller')
const ApiCourseFeedbackController = () =>
  import('#controllers/api/learning/course_feedback_controller')

// Pages

/*
 * Learning: the course catalogue and course pages, for everyone signed in.
 */
router
  .group(() => {
    router.get('/courses', [CatalogueController, 'index']).as('learning.courses.index')
    router.get('/courses.csv', [CatalogueController, 'csv']).as('learning.courses.csv')
    router.get('/courses/:id', [CatalogueController, 'show']).as('learning.courses.show')
  })
  .prefix('/learning')
  .use(middleware.auth())

/*
 * Learning: courses, sessions and attendance, for course admins; training
 * providers and their course admins, for capability admins.
 */
router
  .group(() => {
    router.get('/courses', [CoursesController, 'index']).as('learning.admin.courses.index')
    router.get('/courses.csv', [CoursesController, 'csv']).as('learning.admin.courses.csv')
    router.get('/courses/create', [CoursesController, 'create']).as('learning.admin.courses.create')
    router.post('/courses', [CoursesController, 'store']).as('learning.admin.courses.store')
    router.get('/courses/:id/edit', [CoursesController, 'edit']).as('learning.admin.courses.edit')
    router.put('/courses/:id', [CoursesController, 'update']).as('learning.admin.courses.update')

    router
      .post('/courses/:id/outcomes', [CourseOutcomesController, 'store'])
      .as('learning.admin.outcomes.store')
    router
      .get('/outcomes/:id/edit', [CourseOutcomesController, 'edit'])
      .as('learning.admin.outcomes.edit')
    router
      .put('/outcomes/:id', [CourseOutcomesController, 'update'])
      .as('learning.admin.outcomes.update')
    router
      .delete('/outcomes/:id', [CourseOutcomesController, 'destroy'])
      .as('learning.admin.outcomes.destroy')

    router
      .post('/courses/:id/audiences', [CourseAudiencesController, 'store'])
      .as('learning.admin.audiences.store')
    router
      .delete('/audiences/:id', [CourseAudiencesController, 'destroy'])
      .as('learning.admin.audiences.destroy')

    router
      .get('/courses/:id/sessions/create', [CourseSessionsController, 'create'])
      .as('learning.admin.sessions.create')
    router
      .post('/courses/:id/sessions', [CourseSessionsController, 'store'])
      .as('learning.admin.sessions.store')
    router
      .get('/sessions/:id/edit', [CourseSessionsController, 'edit'])
      .as('learning.admin.sessions.edit')
    router
      .put('/sessions/:id', [CourseSessionsController, 'update'])
      .as('learning.admin.sessions.update')
    router
      .get('/sessions/:id/cancel', [CourseSessionsController, 'confirmCancel'])
      .as('learning.admin.sessions.confirmCancel')
    router
      .post('/sessions/:id/cancel', [CourseSessionsController, 'cancel'])
      .as('learning.admin.sessions.cancel')

    router
      .post('/courses/:id/modules', [CourseModulesController, 'store'])
      .as('learning.admin.modules.store')
    router
      .get('/modules/:id/edit', [CourseModulesController, 'edit'])
      .as('learning.admin.modules.edit')
    router
      .put('/modules/:id', [CourseModulesController, 'update'])
      .as('learning.admin.modules.update')
    router
      .post('/modules/:id/move', [CourseModulesController, 'move'])
      .as('learning.admin.modules.move')
    router
      .delete('/modules/:id', [CourseModulesController, 'destroy'])
      .as('learning.admin.modules.destroy')

    router.get('/sessions/:id', [RostersController, 'show']).as('learning.admin.roster.show')
    router
      .get('/sessions/:id/roster.csv', [RostersController, 'csv'])
      .as('learning.admin.roster.csv')
    router
      .post('/sessions/:id/attendance', [RostersController, 'attendanceForMany'])
      .as('learning.admin.roster.attendance')
    router
      .post('/enrolments/:id/attendance', [RostersController, 'attendance'])
      .as('learning.admin.enrolments.attendance')
    router
      .get('/enrolments/:id/cancel', [RostersController, 'confirmCancel'])
      .as('learning.admin.enrolments.confirmCancel')
    router
      .post('/enrolments/:id/cancel', [RostersController, 'cancel'])
      .as('learning.admin.enrolments.cancel')

    router
      .get('/feedback', [CourseFeedbackResultsController, 'index'])
      .as('learning.admin.feedback.index')
    router
      .get('/courses/:id/feedback', [CourseFeedbackResultsController, 'show'])
      .as('learning.admin.feedback.course')
    router
      .get('/courses/:id/feedback.csv', [CourseFeedbackResultsController, 'csv'])
      .as('learning.admin.feedback.csv')

    router
      .get('/certificates', [AdminCertificatesController, 'index'])
      .as('learning.admin.certificates.index')
    router
      .get('/certificates/:id', [AdminCertificatesController, 'show'])
      .as('learning.admin.certificates.show')
    router
      .post('/certificates/:id/revocation', [AdminCertificatesController, 'revoke'])
      .as('learning.admin.certificates.revoke')

    router.get('/providers', [ProvidersController, 'index']).as('learning.admin.providers.index')
    router.get('/providers.csv', [ProvidersController, 'csv']).as('learning.admin.providers.csv')
    router.post('/providers', [ProvidersController, 'store']).as('learning.admin.providers.store')
    router.get('/providers/:id', [ProvidersController, 'show']).as('learning.admin.providers.show')
    router
      .post('/providers/:id/admins', [ProvidersController, 'linkAdmin'])
      .as('learning.admin.providers.linkAdmin')
    router
      .delete('/providers/:id/admins/:userId', [ProvidersController, 'unlinkAdmin'])
      .as('learning.admin.providers.unlinkAdmin')
  })
  .prefix('/learning/admin')
  .use(middleware.auth())

/*
 * Learning: enrolling, my learning, the learning record and approvals.
 */
router
  .group(() => {
    router
      .get('/sessions/:id/enrol', [EnrolmentsController, 'create'])
      .as('learning.enrolments.create')
    router
      .post('/sessions/:id/enrolments', [EnrolmentsController, 'store'])
      .as('learning.enrolments.store')
    router.post('/courses/:id/start', [SelfPacedController, 'start']).as('learning.selfPaced.start')
    router
      .get('/courses/:id/your-progress', [SelfPacedController, 'show'])
      .as('learning.selfPaced.show')
    router
      .get('/courses/:id/withdraw', [SelfPacedController, 'confirmWithdraw'])
      .as('learning.selfPaced.confirmWithdraw')
    router
      .post('/courses/:id/withdraw', [SelfPacedController, 'withdraw'])
      .as('learning.selfPaced.withdraw')
    router.post('/modules/:id/open', [SelfPacedController, 'open']).as('learning.selfPaced.open')
    router
      .post('/modules/:id/finish', [SelfPacedController, 'finish'])
      .as('learning.selfPaced.finish')
    router.get('/my', [MyLearningController, 'show']).as('learning.my')
    router.get('/my.csv', [MyLearningController, 'csv']).as('learning.my.csv')
    router
      .get('/enrolments/:id/cancel', [EnrolmentsController, 'confirmCancel'])
      .as('learning.enrolments.confirmCancel')
    router
      .post('/enrolments/:id/cancel', [EnrolmentsController, 'cancel'])
      .as('learning.enrolments.cancel')
    router
      .get('/enrolments/:id/invite.ics', [EnrolmentsController, 'invite'])
      .as('learning.enrolments.invite')
    router
      .get('/enrolments/:id/feedback', [CourseFeedbackController, 'create'])
      .as('learning.feedback.create')
    router
      .post('/enrolments/:id/feedback', [CourseFeedbackController, 'store'])
      .as('learning.feedback.store')
    router
      .get('/self-paced-enrolments/:id/feedback', [CourseFeedbackController, 'createForSelfPaced'])
      .as('learning.selfPacedFeedback.create')
    router
      .post('/self-paced-enrolments/:id/feedback', [CourseFeedbackController, 'storeForSelfPaced'])
      .as('learning.selfPacedFeedback.store')
    router.get('/record', [LearningRecordController, 'show']).as('learning.record')
    router
      .get('/certificates/:id/download', [CertificatesController, 'download'])
      .as('learning.certificates.download')
    router.get('/record.csv', [LearningRecordController, 'csv']).as('learning.record.csv')
    router.post('/record', [LearningRecordController, 'store']).as('learning.record.store')
    router.get('/approvals', [ApprovalsController, 'index']).as('learning.approvals')
    router.get('/approvals.csv', [ApprovalsController, 'csv']).as('learning.approvals.csv')
    router.post('/approvals/:id', [ApprovalsController, 'decide']).as('learning.approvals.decide')
  })
  .prefix('/learning')
  .use(middleware.auth())

/*
 * Learning: nomination, where line managers and HR book people on a
 * session or a self-paced course, and read what happened to each.
 */
router
  .group(() => {
    router
      .get('/sessions/:id/nominate', [NominationsController, 'createForSession'])
      .as('learning.nominations.session.create')
    router
      .post('/sessions/:id/nominations', [NominationsController, 'storeForSession'])
      .as('learning.nominations.session.store')
    router
      .post('/sessions/:id/nominations/file', [NominationsController, 'fileForSession'])
      .as('learning.nominations.session.file')
      .use(middleware.upload({ kind: 'nominationImport' }))
    router
      .get('/courses/:id/nominate', [NominationsController, 'createForCourse'])
      .as('learning.nominations.course.create')
    router
      .post('/courses/:id/nominations', [NominationsController, 'storeForCourse'])
      .as('learning.nominations.course.store')
    router
      .post('/courses/:id/nominations/file', [NominationsController, 'fileForCourse'])
      .as('learning.nominations.course.file')
      .use(middleware.upload({ kind: 'nominationImport' }))
    router.get('/nominations', [NominationsController, 'index']).as('learning.nominations.index')
    router.get('/nominations/:id', [NominationsController, 'show']).as('learning.nominations.show')
    router
      .get('/nominations/:id/result.csv', [NominationsController, 'csv'])
      .as('learning.nominations.csv')
  })
  .prefix('/learning')
  .use(middleware.auth())

/*
 * Checking a certificate by its verification code: public, for anyone.
 */
router
  .get('/certificates/verify', [CertificateVerificationController, 'show'])
  .as('certificates.verify')

/*
 * Learning: training budgets per organisation and financial year, for
 * department HR (their organisations) and capability admins.
 */
router
  .group(() => {
    router.get('/budgets', [TrainingBudgetsController, 'index']).as('learning.budgets.index')
    router.get('/budgets/:id', [TrainingBudgetsController, 'edit']).as('learning.budgets.edit')
    router.put('/budgets/:id', [TrainingBudgetsController, 'update']).as('learning.budgets.update')
  })
  .prefix('/learning')
  .use(middleware.auth())

// The JSON API

/*
 * Certificates in the JSON API: the caller's own, and revocation for admins.
 */
router
  .group(() => {
    router
      .get('/me/certificates', [ApiCertificatesController, 'index'])
      .as('api.certificates.index')
    router
      .get('/me/certificates/:id', [ApiCertificatesController, 'show'])
      .as('api.certificates.show')
    router
      .get('/me/certificates/:id/pdf', [ApiCertificatesController, 'pdf'])
      .as('api.certificates.pdf')
    router
      .post('/certificates/:id/revocation', [ApiCertificatesController, 'revoke'])
      .as('api.certificates.revoke')
  })
  .prefix('/api/v1')
  .use(middleware.auth({ guards: ['api'] }))

/*
 * Checking a certificate by its verification code in the JSON API: no token needed.
 */
router
  .get('/api/v1/certificates/:code', [ApiCertificatesController, 'verify'])
  .as('api.certificates.verify')

/*
 * The course catalogue in the JSON API: read-only, for anyone with a token.
 */
router
  .group(() => {
    router.get('/courses', [ApiCatalogueController, 'index']).as('api.courses.index')
    router.get('/courses/:id', [ApiCatalogueController, 'show']).as('api.courses.show')
    router.get('/sessions/:id', [ApiCatalogueController, 'session']).as('api.sessions.show')
  })
  .prefix('/api/v1')
  .use(middleware.auth({ guards: ['api'] }))

/*
 * Learning in the JSON API, for the learner: their own enrolments.
 */
router
  .group(() => {
    router
      .post('/sessions/:id/enrolments', [ApiEnrolmentsController, 'store'])
      .as('api.learner.enrolments.store')
    router
      .delete('/enrolments/:id', [ApiEnrolmentsController, 'destroy'])
      .as('api.learner.enrolments.destroy')
    router
      .get('/me/enrolments', [ApiEnrolmentsController, 'index'])
      .as('api.learner.enrolments.index')
    router
      .post('/courses/:id/start', [ApiSelfPacedController, 'start'])
      .as('api.learner.selfPaced.start')
    router
      .get('/me/self-paced-enrolments', [ApiSelfPacedController, 'index'])
      .as('api.learner.selfPaced.index')
    router
      .get('/me/self-paced-enrolments/:id', [ApiSelfPacedController, 'show'])
      .as('api.learner.selfPaced.show')
    router
      .delete('/me/self-paced-enrolments/:id', [ApiSelfPacedController, 'withdraw'])
      .as('api.learner.selfPaced.withdraw')
    router
      .post('/modules/:id/completion', [ApiSelfPacedController, 'completeModule'])
      .as('api.learner.selfPaced.completeModule')
  })
  .prefix('/api/v1')
  .use(middleware.auth({ guards: ['api'] }))

/*
 * Nomination in the JSON API: line managers and HR book people on a
 * session or a self-paced course.
 */
router
  .group(() => {
    router
      .post('/sessions/:id/nominations', [ApiNominationsController, 'storeForSession'])
      .as('api.nominations.session.store')
    router
      .post('/courses/:id/nominations', [ApiNominationsController, 'storeForCourse'])
      .as('api.nominations.course.store')
  })
  .prefix('/api/v1')
  .use(middleware.auth({ guards: ['api'] }))

/*
 * Course admins in the JSON API: adding courses and their sessions.
 */
router
  .group(() => {
    router.post('/courses', [ApiCourseAdminController, 'storeCourse']).as('api.courses.store')
    router
      .post('/courses/:id/sessions', [ApiCourseAdminController, 'storeSession'])
      .as('api.courses.sessions.store')
  })
  .prefix('/api/v1')
  .use(middleware.auth({ guards: ['api'] }))

/*
 * Course feedback in the JSON API: a learner evaluates a course they
 * attended or completed; course admins read a course's results.
 */
router
  .group(() => {
    router
      .post('/enrolments/:id/feedback', [ApiCourseFeedbackController, 'storeForEnrolment'])
      .as('api.learner.feedback.store')
    router
      .post('/self-paced-enrolments/:id/feedback', [
        ApiCourseFeedbackController,
        'storeForSelfPaced',
      ])
      .as('api.learner.selfPacedFeedback.store')
    router
      .get('/courses/:id/feedback', [ApiCourseFeedbackController, 'results'])
      .as('api.courses.feedback')
  })
  .prefix('/api/v1')
  .use(middleware.auth({ guards: ['api'] }))

/*
 * Training budgets in the JSON API: an organisation's budget for a
 * financial year with what is committed, spent and left, and setting it.
 */
router
  .group(() => {
    router
      .get('/organisations/:id/training-budget', [ApiTrainingBudgetsController, 'show'])
      .as('api.organisations.training_budget.show')
    router
      .put('/organisations/:id/training-budget', [ApiTrainingBudgetsController, 'update'])
      .as('api.organisations.training_budget.update')
  })
  .prefix('/api/v1')
  .use(middleware.auth({ guards: ['api'] }))

const RequirementsController = () => import('#controllers/learning/requirements_controller')
const ApiRequirementsController = () => import('#controllers/api/learning/requirements_controller')

/*
 * Required learning: courses required of an audience, with their
 * compliance, for capability admins and department HR.
 */
router
  .group(() => {
    router.get('/', [RequirementsController, 'index']).as('learning.requirements.index')
    router.get('/create', [RequirementsController, 'create']).as('learning.requirements.create')
    router.post('/', [RequirementsController, 'store']).as('learning.requirements.store')
    router.get('/:id', [RequirementsController, 'show']).as('learning.requirements.show')
    router.get('/:id/people.csv', [RequirementsController, 'csv']).as('learning.requirements.csv')
    router
      .get('/:id/withdraw', [RequirementsController, 'confirmWithdraw'])
      .as('learning.requirements.confirmWithdraw')
    router
      .post('/:id/withdraw', [RequirementsController, 'withdraw'])
      .as('learning.requirements.withdraw')
  })
  .prefix('/learning/requirements')
  .use(middleware.auth())

/*
 * Required learning in the JSON API: the caller's own, and for capability
 * admins and department HR, requirements and their compliance.
 */
router
  .group(() => {
    router
      .get('/me/required-learning', [ApiRequirementsController, 'mine'])
      .as('api.requiredLearning.mine')
    router.get('/requirements', [ApiRequirementsController, 'index']).as('api.requirements.index')
    router.post('/requirements', [ApiRequirementsController, 'store']).as('api.requirements.store')
    router
      .get('/requirements/:id/compliance', [ApiRequirementsController, 'compliance'])
      .as('api.requirements.compliance')
  })
  .prefix('/api/v1')
  .use(middleware.auth({ guards: ['api'] }))
