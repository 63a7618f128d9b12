import { PUBLIC, answer } from './components.js'
import type { ApiArea } from './types.js'

const TAG = 'API description'

/* The description itself, served from the API so clients can generate code from it. */
export const description: ApiArea = {
  tag: {
    name: TAG,
    description: 'This description of the API, as OpenAPI 3.1.',
  },
  schemas: {},
  paths: {
    '/openapi.json': {
      get: {
        operationId: 'getOpenApiDocument',
        summary: 'Get this description',
        description:
          'The OpenAPI 3.1 description of every operation of the API. Anyone may read it, without a token; the readable version is at `/api/docs`.',
        tags: [TAG],
        security: PUBLIC,
        responses: {
          200: {
            ...answer('The OpenAPI document.', {
              type: 'object',
              properties: {
                openapi: { type: 'string', const: '3.1.0' },
                info: { type: 'object' },
                paths: { type: 'object' },
              },
              required: ['openapi', 'info', 'paths'],
            }),
            headers: {
              ETag: {
                description: 'The document’s version: send it back as `If-None-Match`.',
                schema: { type: 'string' },
              },
            },
          },
          304: {
            description: 'The copy named by `If-None-Match` is still current.',
          },
        },
      },
    },
  },
}
