/*
 * Event listeners: what else happens after a change has been committed.
 */
import emitter from '@adonisjs/core/services/emitter'

const LearningNotifications = () => import('#listeners/learning_notifications')

emitter.on('enrolment:changed', [LearningNotifications, 'handle'])
emitter.on('course_session:changed', [LearningNotifications, 'sessionChanged'])
