import env from '#start/env'

/*
 * Two-step verification. When compulsory, capability admins and
 * department HR who sign in with a password must set it up before they
 * can use the service (people who sign in with a department account are
 * left to their department's provider). TWO_STEP_COMPULSORY sets it; unset,
 * it is on in production and off elsewhere, so the demo's accounts sign in
 * with their password alone.
 */
const twoStepConfig = {
  compulsory: env.get('TWO_STEP_COMPULSORY') ?? env.get('NODE_ENV') === 'production',
}

export default twoStepConfig
