import { ExceptionHandler, type HttpContext } from '@adonisjs/core/http'
import type { StatusPageRange, StatusPageRenderer } from '@adonisjs/core/types/http'
import { errors as bouncerErrors } from '@adonisjs/bouncer'
import { problemTitles } from '#services/api'
import { isDatabaseUnavailable, isLockTimeout } from '#services/database_errors'

type FieldError = { field: string; message: string; rule?: string }

/* A failure that passes by itself: the answer is 503 with a time to try again after. */
type TemporaryFailure = { detail: string; retryAfter: number }

/*
 * A database that is down or restarting, or a row held by another change
 * past the lock-wait timeout. Both roll the request's transaction back, and
 * both pass: the service reconnects on its own and locks are released.
 */
export function temporaryFailure(error: unknown): TemporaryFailure | null {
  if (isLockTimeout(error)) {
    return {
      detail:
        'Someone else was changing the same record at that moment, so nothing was saved. Try again in a few seconds.',
      retryAfter: 5,
    }
  }
  if (isDatabaseUnavailable(error)) {
    return {
      detail: 'The service cannot reach its database just now. Try again in a minute.',
      retryAfter: 30,
    }
  }
  return null
}

/* What people are told about a request the service refused as sent (never the error's own text). */
const BAD_REQUEST_REASONS: Record<number, string> = {
  413: 'What was sent is larger than this page accepts.',
  415: 'This address does not take file uploads.',
}

function renderBadRequest(error: { status?: number }, view: HttpContext['view']) {
  return view.render('pages/errors/bad_request', {
    reason: BAD_REQUEST_REASONS[error.status ?? 400] ?? null,
  })
}

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
    '400..402': (error, { view }) => renderBadRequest(error, view),
    '405..428': (error, { view }) => renderBadRequest(error, view),
    '430..499': (error, { view }) => renderBadRequest(error, view),
    '500..599': (_, { view }) => view.render('pages/errors/server_error'),
  }

  async handle(error: unknown, ctx: HttpContext) {
    const temporary = temporaryFailure(error)
    if (temporary) return this.renderTemporaryFailure(temporary, ctx)
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
    // Expected while the database restarts or a row is busy: a warning, not an error.
    if (temporaryFailure(error)) {
      ctx.logger.warn(
        { err: error, ...this.context(ctx) },
        'Answered 503: database unavailable or busy'
      )
      return
    }
    return super.report(error, ctx)
  }

  /* 503 with Retry-After: a problem for the API, the plain "try again later" page for people. */
  private async renderTemporaryFailure(failure: TemporaryFailure, ctx: HttpContext) {
    ctx.response.header('Retry-After', String(failure.retryAfter))
    if (wantsJson(ctx)) {
      ctx.response.status(503).header('Content-Type', 'application/problem+json; charset=utf-8')
      return ctx.response.send(
        JSON.stringify({
          type: 'about:blank',
          title: problemTitles[503],
          status: 503,
          detail: failure.detail,
        })
      )
    }
    ctx.response.status(503)
    return ctx.response.send(await ctx.view.render('pages/errors/server_error'))
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
