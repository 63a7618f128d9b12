import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import type { FieldContext, MessagesProviderContact } from '@vinejs/vine/types'
import { API_PREFIX } from '../openapi/document.js'
import { requestBodyChecker, type BodyProblem } from '../openapi/request_bodies.js'

export type BodyFieldError = { field: string; message: string; rule: string }

/* How a message names each JSON type. */
const TYPE_WORDS: Record<string, string> = {
  integer: 'a whole number',
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'null',
}

/* The validator rule that refuses a value of the wrong type, by the JSON type wanted. */
const TYPE_RULES: Record<string, string> = {
  integer: 'number',
  number: 'number',
  string: 'string',
  boolean: 'boolean',
  array: 'array',
  object: 'object',
}

/* The body as the client sent it: JSON as written, before blanks become null. */
export function sentBody(request: HttpContext['request']): unknown {
  if (request.bodyType !== 'json') return request.body()
  const raw = request.raw()
  return raw?.trim() ? JSON.parse(raw) : undefined
}

/* Just enough of a field for a messages provider to find the field's own messages. */
function fieldContext(path: string) {
  const parts = path.split('.')
  return {
    name: parts.at(-1),
    wildCardPath: parts.map((part) => (/^\d+$/.test(part) ? '*' : part)).join('.'),
    getFieldPath: () => path,
  } as unknown as FieldContext
}

/*
 * A wrong type in the words of the validator for that field when it has
 * some of its own ("Enter the capacity as a whole number, like 12"), else
 * in the document's ("placements.0 must be a whole number").
 */
function typeMessage(
  problem: Extract<BodyProblem, { rule: 'type' }>,
  messages: MessagesProviderContact | undefined
) {
  const expected = problem.types.map((type) => TYPE_WORDS[type] ?? type).join(' or ')
  if (!problem.field) return `The body must be ${expected}`
  const plain = `${problem.field} must be ${expected}`
  const rule = problem.types.length === 1 ? TYPE_RULES[problem.types[0]] : undefined
  if (!messages || !rule) return plain
  const field = fieldContext(problem.field)
  const own = messages.getMessage(plain, rule, field)
  return own === vine.messagesProvider.getMessage(plain, rule, field) ? plain : own
}

/*
 * What breaks the OpenAPI document in the JSON body of an API write: each
 * property its operation does not list, and each value of the wrong JSON
 * type. Empty for other requests and for bodies that fit.
 */
export function bodyShapeErrors(
  { request, route }: HttpContext,
  messages?: MessagesProviderContact
): BodyFieldError[] {
  if (!route?.pattern.startsWith(`${API_PREFIX}/`)) return []
  const body = sentBody(request)
  if (body === undefined) return []
  return requestBodyChecker()
    .problemsFor(request.method(), route.pattern, body)
    .map((problem) =>
      problem.rule === 'additionalProperties'
        ? {
            field: problem.field,
            message: `Remove ${problem.field}: it is not a field this request takes`,
            rule: problem.rule,
          }
        : {
            field: problem.field,
            message: typeMessage(problem, messages),
            rule: (problem.types.length === 1 && TYPE_RULES[problem.types[0]]) || 'type',
          }
    )
}
