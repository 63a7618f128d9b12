import type { HttpContext } from '@adonisjs/core/http'

/* The package's id and a launch token as start/route_params.ts holds them: anything else is an ordinary missing page. */
const PACKAGE_FILE_PATH =
  /^\/learning\/packages\/[1-9]\d{0,15}\/play\/[\w-]{1,400}(\.[\w-]{1,200}){0,3}\/./

/*
 * A request for one of an e-learning package's files: it carries a launch
 * token, not a session, and gets the sandbox policy from its controller,
 * so the session and shield middleware leave it alone.
 */
export function isPackageFileRequest(request: HttpContext['request']) {
  return PACKAGE_FILE_PATH.test(request.url())
}
