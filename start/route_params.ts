/*
 * Every id in an address is a plain whole number: "/admin/users/12" is a
 * person, and "/admin/users/12.0", "/admin/users/012" or "/admin/users/1e3"
 * match no route at all (404), so one record has one address.
 *
 * Imported by start/routes.ts before any route is defined: a matcher set
 * here applies to the routes defined after it.
 */
import router from '@adonisjs/core/services/router'

const WHOLE_NUMBER = /^[1-9]\d{0,15}$/

for (const param of ['id', 'postingId', 'matchId', 'userId', 'lineId']) {
  router.where(param, WHOLE_NUMBER)
}

/*
 * A password link's token is base64url text; anything else matches no
 * route (404). A token of the right characters but the wrong length or
 * secret reaches the link's page, which says what to do.
 */
router.where('token', /^[\w-]{1,128}$/)

/*
 * A certificate's verification code as people type it into an address:
 * letters, digits and hyphens. Whether it is one is the verification's to
 * say (any case, hyphens anywhere).
 */
router.where('code', /^[A-Za-z0-9-]{1,40}$/)

/*
 * An e-learning package's launch token (app/services/launch_tokens.ts): a
 * signed value, base64url parts joined by dots. Whether it is genuine is
 * the package's address's to say (403).
 */
router.where('launchToken', /^[\w-]{1,400}(\.[\w-]{1,200}){0,3}$/)

/*
 * A service's reporting period: a month (2026-10) or a calendar quarter
 * (2026-Q4). Anything else matches no route; which of the two a service
 * takes is its page's or the API's to say.
 */
router.where('period', /^\d{4}-(?:0[1-9]|1[0-2]|Q[1-4])$/)
