import {
  HTTP_METHODS,
  type OpenApiDocument,
  type Operation,
  type Parameter,
  type Reference,
  type Response,
  type Schema,
} from './types.js'
import { escapeHtml } from '#services/html_attributes'

/*
 * The API reference page's content, read from the OpenAPI document so the
 * page can never say something the document does not: operations grouped
 * by tag, with parameters, request fields and response fields as rows.
 */

export type FieldRow = { name: string; type: string; required: boolean; description: string }

export type ReferenceOperation = {
  id: string
  method: string
  path: string
  summary: string
  description: string
  needsToken: boolean
  parameters: (FieldRow & { location: string })[]
  body: { required: boolean; contentType: string; fields: FieldRow[] } | null
  responses: {
    status: string
    description: string
    contentType: string | null
    fields: FieldRow[]
  }[]
}

export type ReferenceSection = {
  id: string
  name: string
  description: string
  operations: ReferenceOperation[]
}

export type ReferenceView = {
  title: string
  version: string
  openapi: string
  introduction: { paragraphs: string[]; points: string[] }
  serverUrl: string
  sections: ReferenceSection[]
}

const MAX_DEPTH = 6

/* Follows a local `$ref` to what it points at. */
function follow<T>(document: OpenApiDocument, value: T | Reference): T {
  let current: unknown = value
  for (let hops = 0; hops < 10; hops++) {
    const ref = (current as Reference | undefined)?.$ref
    if (typeof ref !== 'string') return current as T
    if (!ref.startsWith('#/')) throw new Error(`Cannot follow ${ref}`)
    current = ref
      .slice(2)
      .split('/')
      .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce<unknown>(
        (node, key) => (node as Record<string, unknown> | undefined)?.[key],
        document
      )
    if (current === undefined) throw new Error(`${ref} points at nothing`)
  }
  throw new Error('Too many references in a row')
}

const isNullSchema = (schema: Schema) => schema.type === 'null'

/* The variants of a schema that are not `null`, and whether null is allowed too. */
function withoutNull(document: OpenApiDocument, schema: Schema) {
  const resolved = follow<Schema>(document, schema)
  const variants = resolved.anyOf ?? resolved.oneOf
  if (variants) {
    const rest = variants.map((variant) => follow<Schema>(document, variant))
    const others = rest.filter((variant) => !isNullSchema(variant))
    return { variants: others, nullable: others.length < rest.length }
  }
  if (Array.isArray(resolved.type) && resolved.type.includes('null')) {
    const types = resolved.type.filter((type) => type !== 'null')
    return {
      variants: [
        {
          ...resolved,
          type: types.length === 1 ? types[0] : types,
          ...(resolved.enum ? { enum: resolved.enum.filter((value) => value !== null) } : {}),
        },
      ],
      nullable: true,
    }
  }
  return { variants: [resolved], nullable: false }
}

/* An object schema's properties and required names, with allOf parts and union variants merged. */
function objectShape(document: OpenApiDocument, schema: Schema) {
  const properties: Record<string, Schema> = {}
  let required = new Set<string>()
  const resolved = follow<Schema>(document, schema)
  const parts = [resolved, ...(resolved.allOf ?? []).map((part) => follow<Schema>(document, part))]
  for (const part of parts) {
    if (part !== resolved && (part.allOf || part.properties)) {
      const inner = objectShape(document, part)
      Object.assign(properties, inner.properties)
      inner.required.forEach((name) => required.add(name))
    } else {
      Object.assign(properties, part.properties ?? {})
      ;(part.required ?? []).forEach((name) => required.add(name))
    }
  }
  const variants = (resolved.anyOf ?? resolved.oneOf ?? [])
    .map((variant) => follow<Schema>(document, variant))
    .filter((variant) => !isNullSchema(variant))
  if (variants.length) {
    const shapes = variants.map((variant) => objectShape(document, variant))
    shapes.forEach((shape) => Object.assign(properties, shape.properties))
    const inEvery = [...new Set(shapes.flatMap((shape) => [...shape.required]))].filter((name) =>
      shapes.every((shape) => shape.required.has(name))
    )
    required = new Set([...required, ...inEvery])
  }
  return { properties, required }
}

function range(low: number | undefined, high: number | undefined, unit = '') {
  if (low !== undefined && high !== undefined) return `${low} to ${high}${unit}`
  if (low !== undefined) return `at least ${low}${unit}`
  if (high !== undefined) return `at most ${high}${unit}`
  return ''
}

/* A schema's type in words: "integer, 1 to 4", "string (date) or null". */
export function describeType(document: OpenApiDocument, schema: Schema): string {
  const { variants, nullable } = withoutNull(document, schema)
  const words = variants.map((variant) => describeOne(document, variant)).join(' or ')
  return nullable ? `${words} or null` : words
}

function describeOne(document: OpenApiDocument, schema: Schema): string {
  if (schema.const !== undefined) return `"${schema.const}"`
  if (schema.enum) {
    return `one of ${schema.enum
      .filter((value) => value !== null)
      .map((value) => `"${value}"`)
      .join(', ')}`
  }
  const type = Array.isArray(schema.type) ? schema.type.join(' or ') : schema.type
  const details: string[] = []
  if (type === 'integer' || type === 'number') {
    const bounds = range(schema.minimum, schema.maximum)
    if (schema.exclusiveMinimum !== undefined) details.push(`more than ${schema.exclusiveMinimum}`)
    if (bounds) details.push(bounds)
  }
  if (type === 'string') {
    const length = range(schema.minLength, schema.maxLength, ' characters')
    if (length) details.push(length)
  }
  if (type === 'array') {
    const items = schema.items ? follow<Schema>(document, schema.items) : undefined
    const itemType =
      items && (items.properties || items.allOf)
        ? 'objects'
        : items
          ? describeType(document, items)
          : 'values'
    const count = range(schema.minItems, schema.maxItems, ' items')
    return `array of ${itemType}${count ? `, ${count}` : ''}`
  }
  if (schema.default !== undefined) details.push(`default ${schema.default}`)
  const name = schema.format ? `${type} (${schema.format})` : (type ?? 'object')
  return [name, ...details].join(', ')
}

/* The rows of an object schema's fields, nested ones with dotted names. */
export function fieldRows(
  document: OpenApiDocument,
  schema: Schema,
  prefix = '',
  depth = 0
): FieldRow[] {
  if (depth > MAX_DEPTH) return []
  const { properties, required } = objectShape(document, schema)
  const rows: FieldRow[] = []
  for (const [key, property] of Object.entries(properties)) {
    const name = `${prefix}${key}`
    const resolved = follow<Schema>(document, property)
    rows.push({
      name,
      type: describeType(document, property),
      required: required.has(key),
      description: resolved.description ?? '',
    })
    for (const variant of withoutNull(document, property).variants) {
      if (variant.type === 'array' && variant.items) {
        rows.push(...fieldRows(document, variant.items, `${name}[].`, depth + 1))
      } else if (variant.properties || variant.allOf || variant.anyOf) {
        rows.push(...fieldRows(document, variant, `${name}.`, depth + 1))
      }
    }
  }
  return rows
}

function operationView(
  document: OpenApiDocument,
  method: string,
  path: string,
  operation: Operation
): ReferenceOperation {
  const basePath = new URL(document.servers[0].url, 'http://localhost').pathname.replace(/\/$/, '')
  const parameters = (operation.parameters ?? []).map((parameter) => {
    const resolved = follow<Parameter>(document, parameter)
    return {
      name: resolved.name,
      location: resolved.in,
      type: describeType(document, resolved.schema),
      required: Boolean(resolved.required),
      description: resolved.description,
    }
  })
  const bodyContent = operation.requestBody
    ? Object.entries(operation.requestBody.content)[0]
    : undefined
  const responses = Object.entries(operation.responses).map(([status, value]) => {
    const response = follow<Response>(document, value)
    const content = Object.entries(response.content ?? {})[0]
    return {
      status,
      description: response.description,
      contentType: content ? content[0] : null,
      fields: content ? fieldRows(document, content[1].schema) : [],
    }
  })
  return {
    id: operation.operationId,
    method: method.toUpperCase(),
    path: `${basePath}${path}`,
    summary: operation.summary,
    description: operation.description,
    needsToken: (operation.security ?? document.security).length > 0,
    parameters,
    body:
      operation.requestBody && bodyContent
        ? {
            required: operation.requestBody.required,
            contentType: bodyContent[0],
            fields: fieldRows(document, bodyContent[1].schema),
          }
        : null,
    responses,
  }
}

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')

/* The whole reference page, from the document. */
export function referenceView(document: OpenApiDocument): ReferenceView {
  const sections = document.tags.map<ReferenceSection>((tag) => ({
    id: slug(tag.name),
    name: tag.name,
    description: tag.description,
    operations: [],
  }))
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method]
      if (!operation) continue
      const section = sections.find((candidate) => candidate.name === operation.tags[0])
      if (!section) throw new Error(`${operation.operationId} has a tag the document does not list`)
      section.operations.push(operationView(document, method, path, operation))
    }
  }
  const lines = document.info.description.split('\n').filter((line) => line.trim())
  return {
    title: document.info.title,
    version: document.info.version,
    openapi: document.openapi,
    introduction: {
      paragraphs: lines.filter((line) => !line.startsWith('- ')),
      points: lines.filter((line) => line.startsWith('- ')).map((line) => line.slice(2)),
    },
    serverUrl: document.servers[0].url,
    sections: sections.filter((section) => section.operations.length > 0),
  }
}

/* Text with `code` and **strong** spans as HTML, everything else escaped. */
export function inlineMarkup(value: string) {
  return escapeHtml(value)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
}
