/*
 * What else happens when something changes: event listeners (after the
 * change has been committed), and what a change to a record sets going
 * above the models (see ModelChangeHandlers in app/models/audited_model.ts).
 */
import emitter from '@adonisjs/core/services/emitter'
import { handleModelChanges } from '#models/audited_model'
import { recordAudit } from '#services/audit'

handleModelChanges({
  audit: recordAudit,
  // Loaded when first needed: the standings' queries load much of the app.
  standingsChanged: async (target, trx) => {
    const { standingsChanged } = await import('#actions/capability/refresh_standings')
    await standingsChanged(target, trx)
  },
})

const LearningNotifications = () => import('#listeners/learning_notifications')

emitter.on('enrolment:changed', [LearningNotifications, 'handle'])
emitter.on('course_session:changed', [LearningNotifications, 'sessionChanged'])
