import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { compileErrors, validate as validateOpenApi } from '@readme/openapi-parser'
import { CATALOGUE_PAGE_SIZE } from '#queries/learning/catalogue_query'
import { API_PREFIX, openApiDocument } from '../../../app/openapi/document.js'
import { CATALOGUE_PER_PAGE } from '../../../app/openapi/learning.js'
import { HTTP_METHODS, type Parameter, type Reference } from '../../../app/openapi/types.js'
import { ResponseChecker } from '#tests/support/openapi'

/* The parts of OpenAPI 3.1 the service relies on, as JSON Schema. */
const STRUCTURE = {
  $defs: {
    reference: {
      type: 'object',
      required: ['$ref'],
      properties: { $ref: { type: 'string', pattern: '^#/components/' } },
    },
    content: {
      type: 'object',
      minProperties: 1,
      additionalProperties: {
        type: 'object',
        required: ['schema'],
        properties: { schema: { type: 'object' } },
      },
    },
    parameter: {
      type: 'object',
      required: ['name', 'in', 'description', 'schema'],
      properties: {
        name: { type: 'string', minLength: 1 },
        in: { enum: ['path', 'query', 'header', 'cookie'] },
        description: { type: 'string', minLength: 1 },
        required: { type: 'boolean' },
        schema: { type: 'object' },
      },
      if: { properties: { in: { const: 'path' } } },
      then: { required: ['required'], properties: { required: { const: true } } },
    },
    response: {
      type: 'object',
      required: ['description'],
      properties: {
        description: { type: 'string', minLength: 1 },
        headers: { type: 'object' },
        content: { $ref: '#/$defs/content' },
      },
    },
    operation: {
      type: 'object',
      required: ['operationId', 'summary', 'description', 'tags', 'responses'],
      properties: {
        operationId: { type: 'string', pattern: '^[a-z][A-Za-z]*$' },
        summary: { type: 'string', minLength: 1 },
        description: { type: 'string', minLength: 1 },
        tags: { type: 'array', minItems: 1, items: { type: 'string' } },
        security: { type: 'array', items: { type: 'object' } },
        parameters: {
          type: 'array',
          items: { anyOf: [{ $ref: '#/$defs/reference' }, { $ref: '#/$defs/parameter' }] },
        },
        requestBody: {
          type: 'object',
          required: ['content'],
          properties: { content: { $ref: '#/$defs/content' }, required: { type: 'boolean' } },
        },
        responses: {
          type: 'object',
          minProperties: 1,
          propertyNames: { pattern: '^[1-5][0-9]{2}$' },
          additionalProperties: {
            anyOf: [{ $ref: '#/$defs/reference' }, { $ref: '#/$defs/response' }],
          },
        },
      },
      additionalProperties: false,
    },
  },
  type: 'object',
  required: ['openapi', 'info', 'paths', 'components'],
  properties: {
    openapi: { const: '3.1.0' },
    info: {
      type: 'object',
      required: ['title', 'version'],
      properties: { title: { type: 'string' }, version: { type: 'string' } },
    },
    servers: {
      type: 'array',
      minItems: 1,
      items: { type: 'object', required: ['url'], properties: { url: { type: 'string' } } },
    },
    tags: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'description'],
        properties: { name: { type: 'string' }, description: { type: 'string' } },
      },
    },
    paths: {
      type: 'object',
      propertyNames: { pattern: '^/[^:]*$' },
      additionalProperties: {
        type: 'object',
        propertyNames: { enum: [...HTTP_METHODS] },
        additionalProperties: { $ref: '#/$defs/operation' },
      },
    },
    components: {
      type: 'object',
      properties: {
        schemas: { type: 'object', additionalProperties: { type: 'object' } },
        parameters: { type: 'object', additionalProperties: { $ref: '#/$defs/parameter' } },
        responses: { type: 'object', additionalProperties: { $ref: '#/$defs/response' } },
        securitySchemes: {
          type: 'object',
          additionalProperties: {
            type: 'object',
            required: ['type', 'scheme'],
            properties: { type: { const: 'http' }, scheme: { const: 'bearer' } },
          },
        },
      },
    },
  },
}

/* Every operation in the document, with its path and method. */
function operations() {
  const document = openApiDocument()
  return Object.entries(document.paths).flatMap(([path, item]) =>
    HTTP_METHODS.flatMap((method) => {
      const operation = item[method]
      return operation ? [{ path, method, operation }] : []
    })
  )
}

/* Every `$ref` in a value, with where it sits. */
function references(value: unknown, at = '#'): { at: string; ref: string }[] {
  if (Array.isArray(value))
    return value.flatMap((item, index) => references(item, `${at}/${index}`))
  if (!value || typeof value !== 'object') return []
  return Object.entries(value).flatMap(([key, child]) =>
    key === '$ref' && typeof child === 'string'
      ? [{ at, ref: child }]
      : references(child, `${at}/${key}`)
  )
}

/* What a local `$ref` points at, or undefined. */
function resolve(ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>(
      (node, key) =>
        node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined,
      openApiDocument()
    )
}

/* A route's pattern in OpenAPI form, relative to the API: `/api/v1/skills/:id` is `/skills/{id}`. */
function documentPath(pattern: string) {
  return pattern.slice(API_PREFIX.length).replace(/:([A-Za-z0-9_]+)\??/g, '{$1}')
}

/* Every method and pattern the router answers under the API's prefix. */
function apiRoutes() {
  return Object.values(router.toJSON())
    .flat()
    .filter((route) => route.pattern.startsWith(`${API_PREFIX}/`))
    .flatMap((route) =>
      route.methods
        .filter((method) => !['HEAD', 'OPTIONS'].includes(method))
        .map((method) => ({ method, pattern: route.pattern }))
    )
}

test.group('OpenAPI document', () => {
  test('anyone can read the document as OpenAPI 3.1 JSON, and clients may keep it', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/api/v1/openapi.json')
    response.assertStatus(200)
    assert.include(response.header('content-type'), 'application/json')
    assert.match(response.header('cache-control') ?? '', /max-age=\d+/)
    assert.deepEqual(response.body(), JSON.parse(JSON.stringify(openApiDocument())))
    assert.equal(response.body().openapi, '3.1.0')

    const again = await client
      .get('/api/v1/openapi.json')
      .header('If-None-Match', response.header('etag')!)
    again.assertStatus(304)
  })

  test('the document has the structure OpenAPI 3.1 asks for', ({ assert }) => {
    const ajv = new Ajv2020({ allErrors: true, strict: true })
    const validate = ajv.compile(STRUCTURE)
    const valid = validate(openApiDocument())
    assert.isTrue(valid, ajv.errorsText(validate.errors, { dataVar: 'document', separator: '\n' }))
  })

  test('the document passes an OpenAPI 3.1 validator', async ({ assert }) => {
    // As a client reads it: parsed from JSON (the validator also changes what it is given).
    const result = await validateOpenApi(JSON.parse(JSON.stringify(openApiDocument())))
    assert.isTrue(result.valid, result.valid ? undefined : compileErrors(result))
    assert.equal(result.specification, 'OpenAPI')
    assert.deepEqual(result.warnings, [])
  })

  test('the catalogue’s documented page size is the one it uses', ({ assert }) => {
    assert.equal(CATALOGUE_PER_PAGE, CATALOGUE_PAGE_SIZE)
  })

  test('every schema in the document compiles as strict JSON Schema 2020-12', ({ assert }) => {
    const checker = new ResponseChecker(openApiDocument())
    assert.deepEqual(checker.schemaErrors(), [])
  })

  test('every $ref points at something', ({ assert }) => {
    const dangling = references(openApiDocument())
      .filter(({ ref }) => !ref.startsWith('#/') || resolve(ref) === undefined)
      .map(({ at, ref }) => `${at}: ${ref}`)
    assert.deepEqual(dangling, [])
  })

  test('operation ids are unique and every tag used is listed', ({ assert }) => {
    const ids = operations().map(({ operation }) => operation.operationId)
    assert.deepEqual(
      ids.filter((id, index) => ids.indexOf(id) !== index),
      []
    )
    const listed = openApiDocument().tags.map((tag) => tag.name)
    const unlisted = operations()
      .filter(({ operation }) => operation.tags.some((tag) => !listed.includes(tag)))
      .map(({ operation }) => operation.operationId)
    assert.deepEqual(unlisted, [])
  })

  test('every path parameter is declared, and every declared one is in the path', ({ assert }) => {
    const mistakes: string[] = []
    for (const { path, method, operation } of operations()) {
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1])
      const declared = (operation.parameters ?? [])
        .map((parameter) =>
          (parameter as Reference).$ref
            ? (resolve((parameter as Reference).$ref) as Parameter)
            : (parameter as Parameter)
        )
        .filter((parameter) => parameter.in === 'path')
        .map((parameter) => parameter.name)
      for (const name of inPath.filter((item) => !declared.includes(item))) {
        mistakes.push(`${method.toUpperCase()} ${path} does not declare {${name}}`)
      }
      for (const name of declared.filter((item) => !inPath.includes(item))) {
        mistakes.push(`${method.toUpperCase()} ${path} declares ${name}, which is not in the path`)
      }
    }
    assert.deepEqual(mistakes, [])
  })

  test('every /api/v1 route is described, and every operation described has a route', ({
    assert,
  }) => {
    const documented = new Set(
      operations().map(({ path, method }) => `${method.toUpperCase()} ${path}`)
    )
    const routes = apiRoutes()
    const missing = routes
      .filter(({ method, pattern }) => !documented.has(`${method} ${documentPath(pattern)}`))
      .map(({ method, pattern }) => `${method} ${pattern}`)
    assert.deepEqual(
      missing,
      [],
      `Routes missing from the OpenAPI document:\n${missing.join('\n')}`
    )

    const routed = new Set(
      routes.map(({ method, pattern }) => `${method} ${documentPath(pattern)}`)
    )
    const orphans = [...documented].filter((operation) => !routed.has(operation))
    assert.deepEqual(orphans, [], `Operations with no route:\n${orphans.join('\n')}`)
  })

  test('a response the document does not allow is reported with its operation and status', ({
    assert,
  }) => {
    const checker = new ResponseChecker(openApiDocument())
    const response = {
      method: 'GET',
      pathname: '/api/v1/skills/12',
      contentType: 'application/json; charset=utf-8',
      text: '{}',
    }
    const wrongBody = checker.problemsWith({
      ...response,
      status: 200,
      body: { data: { id: 'twelve' } },
    })
    assert.include(wrongBody, 'getSkill (GET /skills/{id}) answered 200')
    assert.include(wrongBody, 'body/data/id must be integer')

    const unlisted = checker.problemsWith({ ...response, status: 409, body: {} })
    assert.include(unlisted, 'a status its description does not list')

    const wrongType = checker.problemsWith({ ...response, status: 404, body: {} })
    assert.include(
      wrongType,
      'as "application/json", where its description says application/problem+json'
    )

    assert.isNull(
      checker.problemsWith({ ...response, pathname: '/api/v1/nothing-here', status: 404, body: {} })
    )
  })
})

test.group('API reference page', () => {
  test('anyone can read the reference, and it shows every operation', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/api/docs')
    response.assertStatus(200)
    assert.include(response.header('content-type'), 'text/html')
    const html = response.text()
    assert.include(html, '<title>API reference – Digital Capability Service</title>')
    assert.lengthOf(html.match(/<h1[\s>]/g) ?? [], 1)
    for (const { path, method, operation } of operations()) {
      assert.include(html, `id="${operation.operationId}"`, operation.operationId)
      assert.include(html, `<a href="#${operation.operationId}">`, operation.operationId)
      assert.include(html, `${method.toUpperCase()} ${API_PREFIX}${path}`, operation.operationId)
    }
    assert.include(
      html,
      '<caption id="listRoleProfiles-parameters-caption" class="sr-only">Parameters of List role profiles</caption>'
    )
  })

  test('the reference lists each operation’s parameters, body fields and responses', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/api/docs')
    const html = response.text()
    const course = html.slice(html.indexOf('id="createCourse"'), html.indexOf('id="getCourse"'))
    assert.include(course, '<code class="wrap-anywhere">durationHours</code>')
    assert.include(course, 'number, more than 0, at most 1000')
    assert.include(course, 'Fields of the 201 response')
    assert.include(course, '<code class="wrap-anywhere">data.provider.name</code>')
    assert.include(course, '<th scope="row">422</th>')
  })
})
