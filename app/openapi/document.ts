import env from '#start/env'
import { capability } from './capability.js'
import {
  BEARER,
  securitySchemes,
  sharedParameters,
  sharedResponses,
  sharedSchemas,
} from './components.js'
import { description } from './description.js'
import { fastStream } from './fast_stream.js'
import { framework } from './framework.js'
import { identity } from './identity.js'
import { learning } from './learning.js'
import { selfPaced } from './self_paced.js'
import { certificates } from './certificates.js'
import { metrics } from './metrics.js'
import { requiredLearning } from './required_learning.js'
import { trainingBudgets } from './training_budgets.js'
import { workforce } from './workforce.js'
import { HTTP_METHODS, type ApiArea, type OpenApiDocument, type PathItem } from './types.js'

/* Where the API lives; the document's paths are relative to it. */
export const API_PREFIX = '/api/v1'

/*
 * The areas of the API, in the order the reference shows them. A new area
 * is a module exporting an ApiArea, listed here.
 */
export const AREAS: ApiArea[] = [
  identity,
  framework,
  learning,
  selfPaced,
  requiredLearning,
  trainingBudgets,
  certificates,
  capability,
  workforce,
  fastStream,
  metrics,
  description,
]

const INTRODUCTION = [
  'The JSON API of the Digital Capability Service: the capability framework, learning, capability and workforce planning, the Fast Stream and management information, with the same permissions as the pages.',
  '',
  '- **Tokens.** Get one from `POST /tokens` (or the profile page) and send it as `Authorization: Bearer <token>`.',
  '- **Lists** answer `{"data": [...], "meta": {"total", "page", "perPage", "lastPage"}}` and accept `page` (from 1) and `perPage` (from 1 to 100); any other value answers 422.',
  '- **Filters and sorts** take the values their operation lists. An empty filter is ignored; any other value a filter or sort does not know answers 422 naming the field, never an unfiltered list.',
  '- **Bodies** are JSON and hold only the fields their operation lists, each of the type it gives: a number as a number (`12`, not `"12"`), a yes or no as `true` or `false`. An unknown field or a value of another type answers 422 naming the field; nothing is converted. An operation that lists no body answers 422 to any field.',
  '- **Errors** answer `application/problem+json`: `{"type", "title", "status", "detail"}`; a request whose fields break a rule answers 422 with `errors: [{"field", "message", "rule"}]`, the `rule` named as the validator names it (`required`, `exists`, `distinct`, `maxLength`…).',
  '- **Windows that have closed** (booking for a session, choices in a placement round) answer 422 with a `code` saying why; a request that clashes with the state of a record (already enrolled, a round being matched or already matched) answers 409.',
  '- **Records the caller may not see** answer 404, as if they did not exist.',
  '- **Times** are UTC, in ISO 8601; days are `yyyy-mm-dd`.',
  '- **Money** in the management information is in whole pence, in fields whose name ends in `Pence` (the dashboards show pounds).',
].join('\n')

/* Builds the OpenAPI document from the areas: paths, tags and schemas merged, clashes refused. */
export function buildOpenApiDocument(
  areas: ApiArea[] = AREAS,
  appUrl: string | undefined = undefined
): OpenApiDocument {
  const paths: Record<string, PathItem> = {}
  const schemas = { ...sharedSchemas }
  const operationIds = new Set<string>()
  for (const area of areas) {
    for (const [name, schema] of Object.entries(area.schemas)) {
      if (schemas[name]) throw new Error(`Two schemas are called ${name}`)
      schemas[name] = schema
    }
    for (const [path, item] of Object.entries(area.paths)) {
      const merged: PathItem = (paths[path] ??= {})
      for (const method of HTTP_METHODS) {
        const operation = item[method]
        if (!operation) continue
        if (merged[method]) throw new Error(`${method.toUpperCase()} ${path} is described twice`)
        if (operationIds.has(operation.operationId)) {
          throw new Error(`Two operations are called ${operation.operationId}`)
        }
        operationIds.add(operation.operationId)
        merged[method] = operation
      }
    }
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    info: {
      title: 'Digital Capability Service API',
      version: '1',
      summary: 'The civil service’s digital skills, training and workforce planning, as JSON.',
      description: INTRODUCTION,
    },
    servers: [
      appUrl
        ? { url: `${appUrl.replace(/\/+$/, '')}${API_PREFIX}`, description: 'This service' }
        : { url: API_PREFIX, description: 'This service' },
    ],
    security: [{ [BEARER]: [] }],
    tags: areas.map((area) => area.tag),
    paths,
    components: {
      schemas,
      parameters: sharedParameters,
      responses: sharedResponses,
      securitySchemes,
    },
  }
}

let built: OpenApiDocument | undefined

/* The document this service serves, built once. */
export function openApiDocument(): OpenApiDocument {
  built ??= buildOpenApiDocument(AREAS, env.get('APP_URL'))
  return built
}
