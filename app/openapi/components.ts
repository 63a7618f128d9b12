import { SKILL_LEVELS } from '#domain/framework/levels'
import { problemTitles } from '#services/api'
import type {
  MediaType,
  Operation,
  Parameter,
  Reference,
  RequestBody,
  Response,
  Schema,
  SecurityRequirement,
  SecurityScheme,
} from './types.js'

/*
 * What every area of the API shares: the problem format, the list
 * envelope, paging, the bearer scheme, and small builders that keep the
 * area modules short and alike.
 */

export const schemaRef = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` })
const parameterRef = (name: string): Reference => ({ $ref: `#/components/parameters/${name}` })
const responseRef = (name: string): Reference => ({ $ref: `#/components/responses/${name}` })

/*
 * An object whose every property is always present, and nothing else;
 * `optional` names the properties that may be left out.
 */
export function object(
  properties: Record<string, Schema>,
  options: { optional?: string[]; description?: string } = {}
): Schema {
  return {
    type: 'object',
    ...(options.description ? { description: options.description } : {}),
    properties,
    required: Object.keys(properties).filter((key) => !options.optional?.includes(key)),
    additionalProperties: false,
  }
}

/* A validator of a request body: VineJS describes what it takes as JSON Schema. */
type DescribedValidator = { toJSONSchema(): object }

/*
 * A yes-or-no field: forms send it as text ("on", "1", "true"), which the
 * validator takes; the API's document asks JSON clients for a boolean.
 */
function isYesOrNo(schema: Schema) {
  return Boolean(schema.enum?.includes(true) && schema.enum.includes(false))
}

function fromJsonSchema(schema: Schema): Schema {
  if (isYesOrNo(schema)) return { type: 'boolean' }
  // The draft VineJS names is the document's own dialect: left out.
  const rest: Schema & { $schema?: string } = { ...schema }
  delete rest.$schema
  return {
    ...rest,
    ...(rest.properties
      ? {
          properties: Object.fromEntries(
            Object.entries(rest.properties).map(([key, value]) => [key, fromJsonSchema(value)])
          ),
        }
      : {}),
    ...(rest.items ? { items: fromJsonSchema(rest.items) } : {}),
  }
}

/*
 * What the document says of a field beyond what the validator gives: its
 * description, its default, and `exclusiveMinimum` for a validator's
 * positive(), which VineJS writes as `minimum: 0`; for a list, the same of
 * its items, and for an object, of its fields. (VineJS's own `.meta()`
 * cannot carry these: a field given it accepts null even when required.)
 */
export type FieldWords = Pick<Schema, 'description' | 'exclusiveMinimum' | 'default'> & {
  items?: FieldWords
  properties?: Record<string, FieldWords>
}

/* A field's schema with the words said of it, and of its items and fields. */
function described(schema: Schema, said: FieldWords, at: string): Schema {
  const { items, properties, ...words } = said
  const { minimum, ...kept } = schema
  // A "more than" bound makes a lower or equal minimum say nothing more.
  const bounded =
    words.exclusiveMinimum !== undefined && (minimum ?? -Infinity) <= words.exclusiveMinimum
  const out: Schema = { ...(bounded ? kept : schema), ...words }
  if (items) {
    if (!schema.items) throw new Error(`The request body’s ${at} is not a list to describe`)
    out.items = described(schema.items, items, `${at}.*`)
  }
  if (properties) out.properties = describedFields(schema.properties ?? {}, properties, `${at}.`)
  return out
}

/* The fields with the words said of them; a word for a field there is not throws. */
function describedFields(
  fields: Record<string, Schema>,
  words: Record<string, FieldWords>,
  prefix = ''
) {
  const out = { ...fields }
  for (const [field, said] of Object.entries(words)) {
    const property = out[field]
    if (!property) throw new Error(`The request body has no field ${prefix}${field} to describe`)
    out[field] = described(property, said, `${prefix}${field}`)
  }
  return out
}

/*
 * A request body's schema, derived from the validator that takes it: the
 * fields, their types and bounds are written once, there; `words` adds
 * descriptions. A word for a field the validator does not take is a
 * mistake, and throws when the document is built.
 */
export function requestSchema(
  validator: DescribedValidator,
  words: Record<string, FieldWords> = {}
): Schema {
  const derived = fromJsonSchema(validator.toJSONSchema() as Schema)
  return { ...derived, properties: describedFields(derived.properties ?? {}, words) }
}

/* The schema, or null. */
export function orNull(schema: Schema): Schema {
  if (schema.$ref || schema.anyOf || schema.type === 'object' || schema.type === 'array') {
    return { anyOf: [schema, { type: 'null' }] }
  }
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []
  return {
    ...schema,
    type: [...types, 'null'],
    ...(schema.enum ? { enum: [...schema.enum, null] } : {}),
  }
}

/* Scalars, each with an optional description and the bounds the validators enforce. */
const scalar = <Type extends 'integer' | 'string'>(
  type: Type,
  description: string | undefined,
  bounds: Partial<Record<'minimum' | 'maximum' | 'minLength' | 'maxLength', number>>
) =>
  ({
    type,
    ...(description ? { description } : {}),
    ...Object.fromEntries(Object.entries(bounds).filter(([, bound]) => bound !== undefined)),
  }) satisfies Schema

export const integer = (description?: string, range: { min?: number; max?: number } = {}) =>
  scalar('integer', description, { minimum: range.min, maximum: range.max })

export const text = (description?: string, length: { min?: number; max?: number } = {}) =>
  scalar('string', description, { minLength: length.min, maxLength: length.max })

export const oneOfValues = (values: readonly string[], description?: string): Schema => ({
  type: 'string',
  ...(description ? { description } : {}),
  enum: values,
})

export const id = (description = 'The record’s id.'): Schema => integer(description, { min: 1 })
export const dateTime = (description?: string): Schema => ({
  type: 'string',
  format: 'date-time',
  ...(description ? { description } : {}),
})
export const date = (description?: string): Schema => ({
  type: 'string',
  format: 'date',
  ...(description ? { description } : {}),
})
export const boolean = (description?: string): Schema => ({
  type: 'boolean',
  ...(description ? { description } : {}),
})
export const arrayOf = (items: Schema, description?: string): Schema => ({
  type: 'array',
  ...(description ? { description } : {}),
  items,
})

/* Every member of a union of strings, checked complete by the compiler. */
export const keysOf = <T extends string>(map: Record<T, true>) => Object.keys(map) as T[]

/* A skill level, from 1 (Awareness) to 4 (Expert). */
export const skillLevel = (
  description = 'A skill level: 1 Awareness, 2 Working, 3 Practitioner, 4 Expert.'
) => integer(description, { min: 1, max: SKILL_LEVELS.length })

/* The name of a skill level. */
export const levelName = () =>
  oneOfValues(
    SKILL_LEVELS.map((entry) => entry.name),
    'The level’s name.'
  )

/* The id and name of a record another one points to. */
export const named = (description?: string) =>
  object({ id: id(), name: text() }, description ? { description } : {})

/* The `links` of a resource: the address of the resource itself. */
export const selfLink = object({
  self: { type: 'string', format: 'uri-reference', description: 'The resource’s own address.' },
})

/* `{ "data": … }`: how a single resource or an unpaged list is answered. */
export const dataOf = (schema: Schema, extra: Record<string, Schema> = {}) =>
  object({ data: schema, ...extra })

/* `{ "data": [...], "meta": {...} }`: how a page of a list is answered. */
export const listOf = (items: Schema) =>
  object({ data: arrayOf(items), meta: schemaRef('ListMeta') })

export const json = (schema: Schema): Record<string, MediaType> => ({
  'application/json': { schema },
})

/* A JSON request body. */
export function body(schema: Schema, description?: string): RequestBody {
  return { required: true, ...(description ? { description } : {}), content: json(schema) }
}

/* A successful JSON answer. */
export const answer = (description: string, schema: Schema): Response => ({
  description,
  content: json(schema),
})

/* A query parameter; none is required unless said. */
export function query(
  name: string,
  description: string,
  schema: Schema,
  required = false
): Parameter {
  return { name, in: 'query', description, required, schema }
}

/* The `{id}` in an address: a whole number from 1; anything else answers 404. */
export function idInPath(what: string): Parameter {
  return {
    name: 'id',
    in: 'path',
    required: true,
    description: `The ${what}’s id.`,
    schema: integer(undefined, { min: 1 }),
  }
}

/* What names an operation in the document: its id, summary, description and tags. */
export type OperationWords = Pick<Operation, 'operationId' | 'summary' | 'description' | 'tags'>

/*
 * Reading one resource by the id in its address: the resource under `data`,
 * or the shared problems for the statuses given (401 and 404 unless others).
 */
export function readById(
  words: OperationWords,
  resource: { what: string; answer: string; schema: string },
  statuses: ProblemStatus[] = [401, 404]
): Operation {
  return {
    ...words,
    parameters: [idInPath(resource.what)],
    responses: {
      200: answer(resource.answer, dataOf(schemaRef(resource.schema))),
      ...problems(...statuses),
    },
  }
}

/* `page` and `perPage`, as every validated list accepts them. */
export const pagingParameters = [parameterRef('page'), parameterRef('perPage')]

/* The problem responses shared by operations, by status. */
const PROBLEM_RESPONSES = {
  400: 'BadRequest',
  401: 'Unauthorised',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  413: 'PayloadTooLarge',
  422: 'UnprocessableContent',
  429: 'TooManyRequests',
} as const

export type ProblemStatus = keyof typeof PROBLEM_RESPONSES

/* The shared problem responses for the statuses given. */
export function problems(...statuses: ProblemStatus[]): Record<string, Reference> {
  return Object.fromEntries(
    statuses.map((status) => [String(status), responseRef(PROBLEM_RESPONSES[status])])
  )
}

/*
 * A problem answer in its own words: one particular to an operation, or one
 * of the shared ones; a plain problem unless another schema is given.
 */
export const problemAnswer = (
  description: string,
  schema: Schema = schemaRef('Problem')
): Response => ({
  description,
  content: { 'application/problem+json': { schema } },
})

/* A problem with extension members: the common members plus the ones given. */
export function problemWith(extra: Record<string, Schema>, description?: string): Schema {
  return {
    allOf: [
      schemaRef('Problem'),
      { type: 'object', properties: extra, required: Object.keys(extra) },
    ],
    ...(description ? { description } : {}),
  }
}

const fieldError = object({
  field: text('The field at fault, dotted for nested fields: `assessments.0.level`.'),
  message: text('What is wrong, in words a person can act on.'),
  rule: text('The name of the rule the value broke, such as `required` or `maxLength`.'),
})

const problem: Schema = {
  type: 'object',
  description:
    'An RFC 9457 problem: the one shape of every error the API answers with. Some answers add members, described with their operation.',
  properties: {
    type: { type: 'string', const: 'about:blank', description: 'The status says it all.' },
    title: oneOfValues([...Object.values(problemTitles), 'Error'], 'The title of the HTTP status.'),
    status: integer('The HTTP status, repeated.', { min: 400, max: 599 }),
    detail: text('What went wrong with this request, in plain words.'),
  },
  required: ['type', 'title', 'status', 'detail'],
}

const validationProblem: Schema = {
  allOf: [
    schemaRef('Problem'),
    {
      type: 'object',
      properties: {
        errors: {
          type: 'array',
          description: 'One entry for each broken rule, in the order of the fields.',
          items: schemaRef('FieldError'),
          minItems: 1,
        },
      },
      required: ['errors'],
    },
  ],
  description: 'A problem with the fields of a request: one entry in `errors` per field at fault.',
}

const listMeta = object(
  {
    total: integer('How many records match, on every page.', { min: 0 }),
    page: integer('The page answered, from 1.', { min: 1 }),
    perPage: integer('The largest number of records on a page.', { min: 1, max: 100 }),
    lastPage: integer('The number of the last page; 1 when nothing matches.', { min: 1 }),
  },
  { description: 'Where the page sits in the whole list.' }
)

export const sharedSchemas: Record<string, Schema> = {
  Problem: problem,
  FieldError: fieldError,
  ValidationProblem: validationProblem,
  ListMeta: listMeta,
}

export const sharedParameters: Record<string, Parameter> = {
  page: query('page', 'The page to answer, from 1.', {
    ...integer(undefined, { min: 1 }),
    default: 1,
  }),
  perPage: query('perPage', 'How many records a page holds, from 1 to 100.', {
    ...integer(undefined, { min: 1, max: 100 }),
    default: 25,
  }),
}

export const sharedResponses: Record<string, Response> = {
  BadRequest: problemAnswer('The body is not well-formed JSON.'),
  PayloadTooLarge: problemAnswer('The body is larger than the service accepts.'),
  Unauthorised: problemAnswer(
    'No bearer token was sent, or the token is unknown, revoked or expired.'
  ),
  Forbidden: problemAnswer('The token’s owner may not do this.'),
  NotFound: problemAnswer(
    'There is no record with this id, or the caller may not know it exists: both answer the same.'
  ),
  Conflict: problemAnswer('The record is not in a state that allows this.'),
  UnprocessableContent: problemAnswer(
    'A field of the request breaks a rule; `errors` lists each one.',
    schemaRef('ValidationProblem')
  ),
  TooManyRequests: {
    ...problemAnswer('Too many attempts in a short time. Wait for the seconds in `Retry-After`.'),
    headers: {
      'Retry-After': {
        description: 'The seconds to wait before trying again.',
        schema: integer(undefined, { min: 1 }),
      },
    },
  },
}

export const BEARER = 'bearerAuth'

export const securitySchemes: Record<string, SecurityScheme> = {
  [BEARER]: {
    type: 'http',
    scheme: 'bearer',
    description:
      'A personal access token: from `POST /tokens`, or made on the profile page. Send it as `Authorization: Bearer <token>`.',
  },
}

/* Marks an operation that needs no token. */
export const PUBLIC: SecurityRequirement[] = []

/* What any operation with a JSON body may answer before it reads it. */
export const bodyProblems = () => problems(400, 413)
