/*
 * Learning: enrolling, my learning, the learning record and approvals.
 */
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const EnrolmentsController = () => import('#controllers/learning/enrolments_controller')
const MyLearningController = () => import('#controllers/learning/my_learning_controller')
const LearningRecordController = () => import('#controllers/learning/learning_record_controller')
const ApprovalsController = () => import('#controllers/learning/approvals_controller')

router
  .group(() => {
    router
      .get('/sessions/:id/enrol', [EnrolmentsController, 'create'])
      .as('learning.enrolments.create')
    router
      .post('/sessions/:id/enrolments', [EnrolmentsController, 'store'])
      .as('learning.enrolments.store')
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
    router.get('/record', [LearningRecordController, 'show']).as('learning.record')
    router.get('/record.csv', [LearningRecordController, 'csv']).as('learning.record.csv')
    router.post('/record', [LearningRecordController, 'store']).as('learning.record.store')
    router.get('/approvals', [ApprovalsController, 'index']).as('learning.approvals')
    router.get('/approvals.csv', [ApprovalsController, 'csv']).as('learning.approvals.csv')
    router.post('/approvals/:id', [ApprovalsController, 'decide']).as('learning.approvals.decide')
  })
  .prefix('/learning')
  .use(middleware.auth())
