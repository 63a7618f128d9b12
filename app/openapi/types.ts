/*
 * The parts of OpenAPI 3.1 the API's description uses, typed so a wrong
 * key or a misplaced object fails the type check rather than the reader.
 */

export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null'

/* A JSON Schema 2020-12 schema, the dialect OpenAPI 3.1 uses. */
export interface Schema {
  $ref?: string
  title?: string
  description?: string
  type?: JsonType | JsonType[]
  enum?: readonly (string | number | boolean | null)[]
  const?: string | number | boolean | null
  format?: string
  pattern?: string
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  multipleOf?: number
  items?: Schema
  minItems?: number
  maxItems?: number
  properties?: Record<string, Schema>
  required?: readonly string[]
  additionalProperties?: boolean | Schema
  anyOf?: Schema[]
  oneOf?: Schema[]
  allOf?: Schema[]
  if?: Schema
  then?: Schema
  default?: string | number | boolean | null
  examples?: unknown[]
}

export interface Reference {
  $ref: string
}

export interface Parameter {
  name: string
  in: 'path' | 'query' | 'header'
  description: string
  required?: boolean
  schema: Schema
}

export interface Header {
  description: string
  schema: Schema
}

export interface MediaType {
  schema: Schema
}

export interface RequestBody {
  description?: string
  required: boolean
  content: Record<string, MediaType>
}

export interface Response {
  description: string
  headers?: Record<string, Header>
  content?: Record<string, MediaType>
}

export type SecurityRequirement = Record<string, string[]>

export interface Operation {
  operationId: string
  summary: string
  description: string
  tags: string[]
  /* An empty list marks an operation anyone may call, without a token. */
  security?: SecurityRequirement[]
  parameters?: (Parameter | Reference)[]
  requestBody?: RequestBody
  responses: Record<string, Response | Reference>
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const
export type HttpMethod = (typeof HTTP_METHODS)[number]

export type PathItem = Partial<Record<HttpMethod, Operation>>

export interface Tag {
  name: string
  description: string
}

export interface SecurityScheme {
  type: 'http'
  scheme: 'bearer'
  description: string
}

export interface Components {
  schemas: Record<string, Schema>
  parameters: Record<string, Parameter>
  responses: Record<string, Response>
  securitySchemes: Record<string, SecurityScheme>
}

export interface OpenApiDocument {
  openapi: '3.1.0'
  jsonSchemaDialect: string
  info: { title: string; version: string; summary: string; description: string }
  servers: { url: string; description: string }[]
  security: SecurityRequirement[]
  tags: Tag[]
  paths: Record<string, PathItem>
  components: Components
}

/*
 * One area of the product's API: its tag, its operations keyed by path
 * (relative to /api/v1, in OpenAPI form) and the schemas only it uses.
 */
export interface ApiArea {
  tag: Tag
  paths: Record<string, PathItem>
  schemas: Record<string, Schema>
}
