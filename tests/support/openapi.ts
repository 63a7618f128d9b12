import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import formats from 'ajv-formats'
import { ApiClient, type ApiResponse } from '@japa/api-client'
import type { PluginFn } from '@japa/runner/types'
import { API_PREFIX, openApiDocument } from '../../app/openapi/document.js'
import {
  HTTP_METHODS,
  type HttpMethod,
  type OpenApiDocument,
  type Operation,
  type Reference,
  type Response,
} from '../../app/openapi/types.js'

/*
 * Keeps the OpenAPI document true: every response the functional suite
 * gets from /api/v1 through the API client is checked against the schema
 * the document gives for its operation and status.
 */

export type MatchedOperation = { path: string; method: HttpMethod; operation: Operation }

const DOCUMENT_KEY = 'openapi.json'

/* The document's path template as a regular expression: `/skills/{id}` matches `/skills/12`. */
function templatePattern(path: string) {
  const escaped = path
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
    .join('[^/]+')
  return new RegExp(`^${escaped}$`)
}

/* Escapes a key for a JSON pointer. */
const pointer = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1')

/* Checks responses against one OpenAPI document. */
export class ResponseChecker {
  #ajv: Ajv2020
  #validators = new Map<string, ValidateFunction>()
  #templates: { path: string; pattern: RegExp; literal: boolean }[]

  constructor(private document: OpenApiDocument) {
    this.#ajv = new Ajv2020({ allErrors: true, strict: true })
    formats.default(this.#ajv)
    // The document's own members are not schema keywords: they hold schemas.
    this.#ajv.addVocabulary(Object.keys(document).filter((key) => key !== '$id'))
    this.#ajv.addSchema(document as object, DOCUMENT_KEY)
    // Literal paths win over templates: `/tokens/current` before `/tokens/{id}`.
    this.#templates = Object.keys(document.paths)
      .map((path) => ({ path, pattern: templatePattern(path), literal: !path.includes('{') }))
      .sort((a, b) => Number(b.literal) - Number(a.literal))
  }

  /* The documented operation for a method and a path under the API's prefix, if any. */
  findOperation(method: string, pathname: string): MatchedOperation | null {
    if (!pathname.startsWith(`${API_PREFIX}/`)) return null
    const relative = pathname.slice(API_PREFIX.length)
    const verb = method.toLowerCase() as HttpMethod
    if (!HTTP_METHODS.includes(verb)) return null
    for (const template of this.#templates) {
      if (!template.pattern.test(relative)) continue
      const operation = this.document.paths[template.path][verb]
      if (operation) return { path: template.path, method: verb, operation }
    }
    return null
  }

  /*
   * What is wrong with a response, in words, or null when it matches the
   * document or its operation is not documented.
   */
  problemsWith(response: {
    method: string
    pathname: string
    status: number
    contentType: string | undefined
    body: unknown
    text: string
  }): string | null {
    const found = this.findOperation(response.method, response.pathname)
    if (!found) return null
    const { operation, path, method } = found
    const name = `${operation.operationId} (${method.toUpperCase()} ${path})`
    const status = String(response.status)
    const documented = operation.responses[status]
    if (!documented) {
      return `${name} answered ${status}, a status its description does not list (it lists ${Object.keys(operation.responses).join(', ')}).`
    }
    const answer = this.#follow<Response>(documented)
    if (!answer.content) {
      return response.text
        ? `${name} answered ${status} with a body, where its description says there is none.`
        : null
    }
    const mediaType = (response.contentType ?? '').split(';')[0].trim().toLowerCase()
    if (!answer.content[mediaType]) {
      return `${name} answered ${status} as "${mediaType}", where its description says ${Object.keys(answer.content).join(' or ')}.`
    }
    const validate = this.#validator(path, method, status, mediaType, documented)
    if (validate(response.body)) return null
    const errors = this.#ajv.errorsText(validate.errors, { dataVar: 'body', separator: '\n  ' })
    return `${name} answered ${status} with a body its description does not allow:\n  ${errors}\n  body: ${JSON.stringify(response.body).slice(0, 2000)}`
  }

  /*
   * Compiles every schema of the document in strict mode: component
   * schemas, request bodies and responses. Answers what fails, by pointer.
   */
  schemaErrors(): string[] {
    const pointers = Object.keys(this.document.components.schemas).map(
      (name) => `#/components/schemas/${pointer(name)}`
    )
    for (const [path, item] of Object.entries(this.document.paths)) {
      for (const method of HTTP_METHODS) {
        const operation = item[method]
        if (!operation) continue
        const at = `#/paths/${pointer(path)}/${method}`
        for (const mediaType of Object.keys(operation.requestBody?.content ?? {})) {
          pointers.push(`${at}/requestBody/content/${pointer(mediaType)}/schema`)
        }
        for (const [status, response] of Object.entries(operation.responses)) {
          for (const mediaType of Object.keys(this.#follow<Response>(response).content ?? {})) {
            const base = (response as Reference).$ref ?? `${at}/responses/${status}`
            pointers.push(`${base}/content/${pointer(mediaType)}/schema`)
          }
        }
      }
    }
    return [...new Set(pointers)].flatMap((at) => {
      try {
        this.#ajv.compile({ $ref: `${DOCUMENT_KEY}${at}` })
        return []
      } catch (error) {
        return [`${at}: ${(error as Error).message}`]
      }
    })
  }

  #follow<T>(value: T | Reference): T {
    const ref = (value as Reference).$ref
    if (typeof ref !== 'string') return value as T
    const target = ref
      .slice(2)
      .split('/')
      .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce<unknown>(
        (node, key) => (node as Record<string, unknown>)[key],
        this.document as unknown
      )
    return this.#follow(target as T | Reference)
  }

  #validator(
    path: string,
    method: HttpMethod,
    status: string,
    mediaType: string,
    documented: Response | Reference
  ) {
    const key = `${method} ${path} ${status} ${mediaType}`
    let validate = this.#validators.get(key)
    if (!validate) {
      const base = (documented as Reference).$ref
        ? `${DOCUMENT_KEY}${(documented as Reference).$ref}`
        : `${DOCUMENT_KEY}#/paths/${pointer(path)}/${method}/responses/${status}`
      validate = this.#ajv.compile({ $ref: `${base}/content/${pointer(mediaType)}/schema` })
      this.#validators.set(key, validate)
    }
    return validate
  }
}

let checker: ResponseChecker | undefined

/* The checker for the document the service serves. */
export function responseChecker() {
  checker ??= new ResponseChecker(openApiDocument())
  return checker
}

/* Fails the request's test when its response breaks the document. */
export function checkResponse(response: ApiResponse) {
  const method = response.request.config.method
  const pathname = new URL(response.request.request.url, 'http://localhost').pathname
  if (!pathname.startsWith(`${API_PREFIX}/`)) return
  const problem = responseChecker().problemsWith({
    method,
    pathname,
    status: response.status(),
    contentType: response.header('content-type'),
    body: response.body(),
    text: response.text(),
  })
  if (problem) throw new Error(`The response breaks the OpenAPI document. ${problem}`)
}

/* A Japa plugin: checks every API client response against the OpenAPI document. */
export function openApiResponses(): PluginFn {
  return () => {
    ApiClient.teardown((response) => checkResponse(response))
  }
}
