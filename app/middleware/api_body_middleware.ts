import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { API_PREFIX } from '../openapi/document.js'
import { requestBodyChecker } from '../openapi/request_bodies.js'
import { bodyShapeErrors } from '#services/api_bodies'
import { problem } from '#services/api'

/*
 * The API writes that take no body answer 422 to one with properties,
 * naming each. (Writes that take a body check it when they validate it:
 * see start/validator.ts.) Callers without a valid token are left to the
 * auth middleware's 401.
 */
export default class ApiBodyMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const { request, route } = ctx
    if (!route?.pattern.startsWith(`${API_PREFIX}/`)) return next()
    const operation = requestBodyChecker().operationFor(request.method(), route.pattern)
    if (!operation || operation.requestBody) return next()
    if (operation.security?.length !== 0) {
      const api = ctx.auth.use('api')
      if (!(await api.check()) || !api.user?.isActive) return next()
    }
    const errors = bodyShapeErrors(ctx)
    if (errors.length === 0) return next()
    return problem(ctx.response, 422, 'The request has errors in the fields listed.', { errors })
  }
}
