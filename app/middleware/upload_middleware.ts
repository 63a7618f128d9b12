import { createWriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import string from '@adonisjs/core/helpers/string'
import app from '@adonisjs/core/services/app'
import encryption from '@adonisjs/core/services/encryption'
import limiter from '@adonisjs/limiter/services/main'
import { errors as limiterErrors } from '@adonisjs/limiter'
import { csrfFactory } from '@adonisjs/shield/guards'
import type { CsrfOptions } from '@adonisjs/shield/types'
import edge from 'edge.js'
import { problem } from '#services/api'
import {
  csrfCheckDeferred,
  tooLargeMessage,
  UPLOAD_FIELD,
  UPLOAD_RATE,
  UPLOADS,
  type UploadKind,
} from '#services/uploads'

/*
 * Reads a route's multipart body, in this order: the person must be
 * allowed to upload this kind of file (the route's auth middleware has
 * signed them in) and within their rate; only then is the body read, its
 * file written to the temporary folder up to the kind's size limit, and
 * the form's CSRF token checked. The file is removed once the request is
 * answered, whatever the answer.
 */
export default class UploadMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: { kind: UploadKind }) {
    await authorise(ctx, options.kind)
    if (ctx.request.bodyType !== 'multipart') return next()

    const upload = UPLOADS[options.kind]
    if (upload.file) {
      const waitSeconds = await overRate(ctx)
      if (waitSeconds !== null) {
        const minutes = Math.max(1, Math.ceil(waitSeconds / 60))
        ctx.response.header('Retry-After', String(waitSeconds))
        return refuse(
          ctx,
          429,
          `You have uploaded too many files in a short time: try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`
        )
      }
    }

    const written: string[] = []
    const writing: Promise<unknown>[] = []
    const multipart = ctx.request.multipart
    if (upload.file) {
      multipart.onFile(UPLOAD_FIELD, { deferValidations: true }, async (part, report) => {
        const tmpPath = join(tmpdir(), string.uuid())
        written.push(tmpPath)
        part.pause()
        part.on('data', report)
        const done = pipeline(part, createWriteStream(tmpPath))
        writing.push(done.catch(() => {}))
        try {
          await done
          return { tmpPath }
        } catch (error) {
          // A file that cannot be written fails the whole request, not only this file.
          multipart.abort(error)
        }
      })
    }

    try {
      try {
        await multipart.process({ limit: upload.bytes })
      } catch (error) {
        if ((error as { code?: string }).code !== 'E_REQUEST_ENTITY_TOO_LARGE') throw error
        return refuse(ctx, 413, tooLargeMessage(upload.label))
      }
      if (csrfCheckDeferred(ctx)) await checkCsrf(ctx)
      return await next()
    } finally {
      await Promise.all(writing)
      await Promise.all(written.map((path) => rm(path, { force: true })))
    }
  }
}

/* The same check as each controller's, made before the body is read. */
async function authorise(ctx: HttpContext, kind: UploadKind) {
  switch (kind) {
    case 'staffImport':
      return ctx.bouncer.with('UserPolicy').authorize('create')
    case 'frameworkImport':
      return ctx.bouncer.with('FrameworkPolicy').authorize('edit')
    case 'entrantImport':
    case 'entrantImportApply':
      return ctx.bouncer.with('FastStreamPolicy').authorize('administer')
    case 'performanceImport':
    case 'performanceImportApply':
      return ctx.bouncer.with('WorkforcePolicy').authorize('reportPerformance')
    case 'learningPackage':
      return ctx.bouncer.with('CoursePolicy').authorize('administer')
    case 'nominationImport':
      return ctx.bouncer.with('CoursePolicy').authorize('nominate')
    default: {
      const unreachable: never = kind
      return unreachable
    }
  }
}

/* Counts the upload against the person; the seconds to wait when they are over the rate. */
async function overRate(ctx: HttpContext): Promise<number | null> {
  try {
    await limiter.use(UPLOAD_RATE).consume(`uploads:user:${ctx.auth.getUserOrFail().id}`)
    return null
  } catch (error) {
    if (error instanceof limiterErrors.E_TOO_MANY_REQUESTS) return error.response.availableIn
    throw error
  }
}

let csrfGuard: ReturnType<typeof csrfFactory> | undefined

/* Shield's own CSRF check, run once the body holding the token has been read. */
async function checkCsrf(ctx: HttpContext) {
  csrfGuard ??= csrfFactory(
    { ...app.config.get<CsrfOptions>('shield.csrf'), exceptRoutes: () => false },
    encryption.use(),
    edge
  )
  await csrfGuard(ctx)
}

/* The refusal under the file field on the form, or as a problem for a JSON client. */
function refuse(ctx: HttpContext, status: number, message: string) {
  if (ctx.request.accepts(['html', 'json']) === 'json') {
    return problem(ctx.response, status, message, {
      errors: [{ field: UPLOAD_FIELD, message }],
    })
  }
  return ctx.backWithErrors({ [UPLOAD_FIELD]: message }, { keepInput: false })
}
