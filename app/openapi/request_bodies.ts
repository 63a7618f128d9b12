import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import { API_PREFIX, openApiDocument } from './document.js'
import { HTTP_METHODS, type OpenApiDocument, type Operation } from './types.js'

/*
 * One way a body breaks its operation's schema: a property the schema does
 * not list, or a value of none of the JSON types it allows.
 */
export type BodyProblem =
  { field: string; rule: 'additionalProperties' } | { field: string; rule: 'type'; types: string[] }

const DOCUMENT_KEY = 'openapi.json'

/* A schema for the operations that take no body: any property is one too many. */
const NO_BODY = { type: 'object', additionalProperties: false }

/* Escapes a key for a JSON pointer. */
const pointer = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1')

/* A path with its parameters blanked, so `/courses/{id}` and `/courses/:id` meet. */
const shape = (path: string) => path.replace(/\{[^}]+\}|:[^/]+/g, ':')

/* `/assessments/0/level` as the validators name it: `assessments.0.level`. */
const fieldOf = (instancePath: string, property?: string) =>
  [...instancePath.split('/').slice(1), ...(property === undefined ? [] : [property])]
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .join('.')

/*
 * Holds the JSON API's request bodies to the OpenAPI document: a body may
 * carry only the properties its operation's schema lists, each of the JSON
 * type the schema gives (no "12" for 12, no true for 1). What else a value
 * must be (present, long enough, in range, a real date) is the operation's
 * validator's to say, in its own words.
 */
export class RequestBodyChecker {
  #ajv: Ajv2020
  #operations = new Map<string, { at: string; operation: Operation }>()
  #validators = new Map<string, ValidateFunction>()

  constructor(document: OpenApiDocument) {
    this.#ajv = new Ajv2020({ allErrors: true, strict: true, validateFormats: false })
    // The document's own members are not schema keywords: they hold schemas.
    this.#ajv.addVocabulary(Object.keys(document).filter((key) => key !== '$id'))
    this.#ajv.addSchema(document as object, DOCUMENT_KEY)
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of HTTP_METHODS) {
        const operation = item[method]
        if (!operation || method === 'get') continue
        const key = `${method.toUpperCase()} ${shape(`${API_PREFIX}${path}`)}`
        this.#operations.set(key, { at: `#/paths/${pointer(path)}/${method}`, operation })
      }
    }
  }

  /* The documented write operation a route serves, if any. */
  operationFor(method: string, routePattern: string): Operation | null {
    return this.#operations.get(`${method.toUpperCase()} ${shape(routePattern)}`)?.operation ?? null
  }

  /* What is wrong with a body's shape for a route, field by field; empty when nothing is. */
  problemsFor(method: string, routePattern: string, body: unknown): BodyProblem[] {
    const key = `${method.toUpperCase()} ${shape(routePattern)}`
    const found = this.#operations.get(key)
    if (!found) return []
    const validate = this.#validator(key, found.at, found.operation)
    if (validate(body)) return []
    return describe(validate.errors ?? [])
  }

  #validator(key: string, at: string, operation: Operation) {
    let validate = this.#validators.get(key)
    if (!validate) {
      const mediaType = operation.requestBody?.content['application/json']
      validate = mediaType
        ? this.#ajv.compile({
            $ref: `${DOCUMENT_KEY}${at}/requestBody/content/application~1json/schema`,
          })
        : this.#ajv.compile(NO_BODY)
      this.#validators.set(key, validate)
    }
    return validate
  }
}

let checker: RequestBodyChecker | undefined

/* The checker for the document this service serves, built on first use. */
export function requestBodyChecker() {
  checker ??= new RequestBodyChecker(openApiDocument())
  return checker
}

/*
 * The problems a client can act on: properties the schema does not list and
 * values of the wrong JSON type. A value that may be one of several types
 * (`anyOf`) is reported only when it is none of them.
 */
function describe(errors: ErrorObject[]): BodyProblem[] {
  const out: BodyProblem[] = []
  const seen = new Set<string>()
  const add = (error: BodyProblem) => {
    const key = `${error.field} ${error.rule}`
    if (seen.has(key)) return
    seen.add(key)
    out.push(error)
  }
  const choices = errors.filter((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf')
  for (const error of errors) {
    if (error.keyword === 'additionalProperties') {
      add({
        field: fieldOf(error.instancePath, String(error.params.additionalProperty)),
        rule: 'additionalProperties',
      })
    }
    if (error.keyword !== 'type') continue
    const choice = choices.find(
      (candidate) =>
        candidate.instancePath === error.instancePath &&
        error.schemaPath.startsWith(`${candidate.schemaPath}/`)
    )
    const types = choice ? typesOfChoice(choice, errors) : [String(error.params.type)]
    if (!types) continue
    add({
      field: fieldOf(error.instancePath),
      rule: 'type',
      types: types.flatMap((type) => type.split(',')),
    })
  }
  return out
}

/*
 * The types a value given as one of several schemas may take, when it failed
 * every one of them on its type alone; null when some branch failed otherwise.
 */
function typesOfChoice(choice: ErrorObject, errors: ErrorObject[]): string[] | null {
  const branches = new Map<string, ErrorObject[]>()
  for (const error of errors) {
    if (error === choice || !error.schemaPath.startsWith(`${choice.schemaPath}/`)) continue
    const branch = error.schemaPath.slice(choice.schemaPath.length + 1).split('/')[0]
    branches.set(branch, [...(branches.get(branch) ?? []), error])
  }
  const failedOnType = [...branches.values()].every(
    (failures) =>
      failures.length === 1 &&
      failures[0].keyword === 'type' &&
      failures[0].instancePath === choice.instancePath
  )
  return failedOnType
    ? [...branches.values()].map(([failure]) => String(failure.params.type))
    : null
}
