import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import LearningPackage from '#models/learning_package'
import SelfPacedEnrolment from '#models/self_paced_enrolment'
import { SelfPacedStatuses } from '#enums/learning'
import { safeRelativeHref } from '#domain/learning/scorm_manifest'
import { verifyLaunchToken } from '#services/launch_tokens'
import { packageFile, RUNTIME_FOLDER } from '#services/learning_package_files'
import {
  launchState,
  packageContentType,
  PACKAGE_HEADERS,
  runtimeScripts,
} from '#services/package_player'

/* The run-time files served under every package's address, from scorm-again's build and the service's bridge. */
const RUNTIME_FILES: Record<string, string> = {
  'scorm12.js': app.makePath('node_modules/scorm-again/dist/scorm12.min.js'),
  'scorm2004.js': app.makePath('node_modules/scorm-again/dist/scorm2004.min.js'),
  'bridge.js': app.makePath('resources/scorm/bridge.js'),
}

/*
 * A package's files, for the sandboxed frame of the player page. The
 * address carries a launch token in place of a session (the frame has no
 * origin, so no cookie is sent): a forged, altered or expired token, or
 * one for another package or a withdrawn run, is refused with 403; a path
 * that names no file of the package (a folder, "..", an encoded or
 * backslashed escape) is 404. Every answer carries the sandbox policy.
 * The launch page is given the run-time and the bridge to the player.
 */
export default class PackageFilesController {
  async show({ params, request, response }: HttpContext) {
    for (const [name, value] of Object.entries(PACKAGE_HEADERS)) response.header(name, value)
    response.removeHeader('X-Frame-Options')

    const packageId = Number(params.id)
    const grant = verifyLaunchToken(String(params.launchToken), packageId)
    if (!grant)
      return refuse(
        response,
        403,
        'This link to the e-learning package has expired: open it again from your course'
      )
    const [learningPackage, enrolment] = await Promise.all([
      LearningPackage.find(packageId),
      SelfPacedEnrolment.find(grant.enrolmentId),
    ])
    if (
      !learningPackage ||
      !enrolment ||
      enrolment.courseId !== learningPackage.courseId ||
      enrolment.status === SelfPacedStatuses.Withdrawn
    ) {
      return refuse(
        response,
        403,
        'You no longer have this e-learning package: open it again from your course'
      )
    }

    const segments = pathSegments(request.request.url ?? '', packageId, String(params.launchToken))
    if (segments && segments[0] === RUNTIME_FOLDER && segments.length === 2) {
      const runtime = RUNTIME_FILES[segments[1]]
      if (!runtime) return refuse(response, 404, 'Not found')
      response.header('Content-Type', 'text/javascript; charset=utf-8')
      return response.stream(createReadStream(runtime))
    }
    const file = segments ? await packageFile(learningPackage.storageKey, segments) : null
    if (!file) return refuse(response, 404, 'Not found')

    const contentType = packageContentType(file.name)
    response.header('Content-Type', contentType)
    if (file.name === safeRelativeHref(learningPackage.launchHref)?.path) {
      const base = `/learning/packages/${packageId}/play/${encodeURIComponent(String(params.launchToken))}`
      const html = await readFile(file.path, 'utf8')
      const state = await launchState(learningPackage, enrolment)
      return response.send(
        withRuntime(html, runtimeScripts(base, learningPackage.scormVersion, state))
      )
    }
    response.header('Content-Length', String(file.size))
    return response.stream(createReadStream(file.path))
  }
}

/* The segments after the token in the address as the browser sent it, each still encoded; null when it is not under it. */
function pathSegments(rawUrl: string, packageId: number, token: string) {
  const [path] = rawUrl.split('?', 1)
  const prefix = `/learning/packages/${packageId}/play/${token}/`
  const encodedPrefix = `/learning/packages/${packageId}/play/${encodeURIComponent(token)}/`
  const rest = path.startsWith(prefix)
    ? path.slice(prefix.length)
    : path.startsWith(encodedPrefix)
      ? path.slice(encodedPrefix.length)
      : null
  if (rest === null || rest === '') return null
  return rest.split('/')
}

/* The run-time's scripts at the top of the launch page's head, before any of the package's own. */
function withRuntime(html: string, scripts: string) {
  const head = /<head(\s[^>]*)?>/i.exec(html)
  if (head)
    return (
      html.slice(0, head.index + head[0].length) + scripts + html.slice(head.index + head[0].length)
    )
  const doctype = /<!doctype[^>]*>/i.exec(html)
  if (doctype)
    return (
      html.slice(0, doctype.index + doctype[0].length) +
      scripts +
      html.slice(doctype.index + doctype[0].length)
    )
  return scripts + html
}

function refuse(response: HttpContext['response'], status: number, message: string) {
  response.header('Content-Type', 'text/plain; charset=utf-8')
  return response.status(status).send(message)
}
