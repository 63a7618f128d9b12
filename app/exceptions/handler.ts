import { ExceptionHandler, type HttpContext } from '@adonisjs/core/http'
import type { StatusPageRange, StatusPageRenderer } from '@adonisjs/core/types/http'
import { errors as bouncerErrors } from '@adonisjs/bouncer'
import { problemTitles } from '#services/api'

type FieldError = { field: string; message: string; rule?: string }

/*
 * One place that turns every error into a response a person or a client
 * can act on: pages get a plain status page, the API gets
 * application/problem+json. Neither ever shows a stack trace.
 */
export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = false

  protected renderStatusPages = true

  protected statusPages: Record<StatusPageRange, StatusPageRenderer> = {
    '403': (_, { view }) => view.render('pages/errors/forbidden'),
    '404': (_, { view }) => view.render('pages/errors/not_found'),
    '429': (error, { view }) => view.render('pages/errors/too_many_requests', { error }),
    '500..599': (_, { view }) => view.render('pages/errors/server_error'),
  }

  async handle(error: unknown, ctx: HttpContext) {
    if (wantsJson(ctx)) {
      return this.renderProblem(error, ctx)
    }
    if (error instanceof bouncerErrors.E_AUTHORIZATION_FAILURE) {
      ctx.response.status(403)
      return ctx.response.send(await ctx.view.render('pages/errors/forbidden'))
    }
    return super.handle(error, ctx)
  }

  async report(error: unknown, ctx: HttpContext) {
    return super.report(error, ctx)
  }

  private async renderProblem(error: unknown, ctx: HttpContext) {
    const httpError = this.toHttpError(error)
    const status = httpError.status && httpError.status >= 400 ? httpError.status : 500
    const problem: Record<string, unknown> = {
      type: 'about:blank',
      title: problemTitles[status] ?? 'Error',
      status,
      detail:
        status >= 500 ? 'Something went wrong on our side. Try again later.' : detailOf(httpError),
    }
    const fieldErrors = validationMessages(error)
    if (fieldErrors) {
      problem.detail = 'The request has errors in the fields listed.'
      problem.errors = fieldErrors
    }
    const retryAfter = retryAfterOf(error)
    if (retryAfter !== null) ctx.response.header('Retry-After', String(retryAfter))
    ctx.response.status(status).header('Content-Type', 'application/problem+json; charset=utf-8')
    ctx.response.send(JSON.stringify(problem))
  }
}

function wantsJson(ctx: HttpContext) {
  if (ctx.request.url().startsWith('/api/')) return true
  return ctx.request.accepts(['html', 'json']) === 'json'
}

function detailOf(error: { message?: string; code?: string }) {
  if (error.code === 'E_ROUTE_NOT_FOUND') return 'There is nothing at this address.'
  if (error.code === 'E_ROW_NOT_FOUND') return 'The record does not exist, or you cannot see it.'
  if (error.code === 'E_UNAUTHORIZED_ACCESS') return 'Sign in, or send a valid bearer token.'
  if (error.code === 'E_AUTHORIZATION_FAILURE') return 'You do not have permission to do this.'
  return error.message ?? 'The request could not be completed.'
}

function validationMessages(error: unknown): FieldError[] | null {
  if (!error || typeof error !== 'object') return null
  const candidate = error as { code?: string; messages?: unknown }
  if (candidate.code !== 'E_VALIDATION_ERROR' || !Array.isArray(candidate.messages)) return null
  return candidate.messages.map((m: any) => ({ field: m.field, message: m.message, rule: m.rule }))
}

function retryAfterOf(error: unknown): number | null {
  const response = (error as { response?: { availableIn?: number } })?.response
  return typeof response?.availableIn === 'number' ? response.availableIn : null
}
