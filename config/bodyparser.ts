import { defineConfig } from '@adonisjs/core/bodyparser'

const bodyParserConfig = defineConfig({
  allowedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  form: {
    convertEmptyStringsToNull: true,
    types: ['application/x-www-form-urlencoded'],
  },
  json: {
    convertEmptyStringsToNull: true,
    types: [
      'application/json',
      'application/json-patch+json',
      'application/vnd.api+json',
      'application/csp-report',
    ],
  },
  /*
   * Multipart bodies are never read here: the upload middleware reads one
   * on the routes that take uploads, once the person is signed in, allowed
   * and within their rate, with that upload's own size limit, and removes
   * the file afterwards. Elsewhere a multipart body is refused unread
   * (#middleware/multipart_gate_middleware).
   */
  multipart: {
    autoProcess: false,
    convertEmptyStringsToNull: true,
    processManually: [],
    limit: '20mb',
    fieldsLimit: '2mb',
    types: ['multipart/form-data'],
  },
})

export default bodyParserConfig
