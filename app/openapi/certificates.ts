import { CertificateTransformer } from '#transformers/certificate_transformer'
import { apiRevokeCertificateValidator } from '#validators/certificates'
import {
  PUBLIC,
  answer,
  body,
  bodyProblems,
  dataOf,
  idInPath,
  listOf,
  oneOfValues,
  pagingParameters,
  problemAnswer,
  problems,
  problemWith,
  requestSchema,
  schemaRef,
} from './components.js'
import type { ApiArea } from './types.js'

const TAG = 'Certificates'

/* Certificates: the caller's own and their PDFs, public verification, revocation. */
export const certificates: ApiArea = {
  tag: {
    name: TAG,
    description:
      'The certificate of each course completed through the service, with its verification code: the caller’s own, checking anyone’s by its code (no token needed), and revoking one for admins.',
  },
  schemas: {
    ...CertificateTransformer.schemas,
    RevokeCertificateRequest: requestSchema(apiRevokeCertificateValidator, {
      reason: {
        description:
          'Why the certificate is revoked; its holder sees it, and the audit trail keeps it.',
      },
    }),
  },
  paths: {
    '/me/certificates': {
      get: {
        operationId: 'listMyCertificates',
        summary: 'List the caller’s certificates',
        description: 'Every certificate of the caller, latest completion first, revoked ones too.',
        tags: [TAG],
        parameters: [...pagingParameters],
        responses: {
          200: answer('A page of certificates.', listOf(schemaRef('Certificate'))),
          ...problems(401, 422),
        },
      },
    },
    '/me/certificates/{id}': {
      get: {
        operationId: 'getMyCertificate',
        summary: 'Get one of the caller’s certificates',
        description: 'One certificate of the caller; anyone else’s answers 404.',
        tags: [TAG],
        parameters: [idInPath('certificate')],
        responses: {
          200: answer('The certificate.', dataOf(schemaRef('Certificate'))),
          ...problems(401, 404),
        },
      },
    },
    '/me/certificates/{id}/pdf': {
      get: {
        operationId: 'downloadMyCertificate',
        summary: 'Download one of the caller’s certificates as a PDF',
        description:
          'The certificate as an A4 PDF, as an attachment that is never cached. Anyone else’s answers 404; a revoked one 409.',
        tags: [TAG],
        parameters: [idInPath('certificate')],
        responses: {
          200: {
            description: 'The certificate as a PDF.',
            content: { 'application/pdf': { schema: { description: 'The PDF document.' } } },
          },
          ...problems(401, 404),
          409: problemAnswer(
            'The certificate has been revoked.',
            problemWith({ code: oneOfValues(['revoked']) })
          ),
        },
      },
    },
    '/certificates/{code}': {
      get: {
        operationId: 'verifyCertificate',
        summary: 'Check a certificate by its verification code',
        description:
          'For anyone, without a token: the name on the certificate, the course, the day it was completed and whether it is valid, expired or revoked, and nothing else. The code is read in any case, with or without hyphens. Each client address may check 30 codes in 10 minutes; after that the answer is 429 until the wait is over.',
        tags: [TAG],
        security: PUBLIC,
        parameters: [
          {
            name: 'code',
            in: 'path',
            required: true,
            description: 'The verification code, like `7KQM-3XWP-9RTD`.',
            schema: { type: 'string', pattern: '^[A-Za-z0-9-]{1,40}$' },
          },
        ],
        responses: {
          200: answer('What the certificate says.', dataOf(schemaRef('CertificateVerification'))),
          404: problemAnswer('No certificate has this code.'),
          ...problems(429),
        },
      },
    },
    '/certificates/{id}/revocation': {
      post: {
        operationId: 'revokeCertificate',
        summary: 'Revoke a certificate',
        description:
          'For capability admins, and course admins of the course’s provider: revokes the certificate with a reason. From then on it reads as revoked everywhere. A certificate of another provider’s course answers 404.',
        tags: [TAG],
        parameters: [idInPath('certificate')],
        requestBody: body(schemaRef('RevokeCertificateRequest')),
        responses: {
          ...bodyProblems(),
          204: { description: 'Revoked.' },
          ...problems(401, 403, 404),
          409: problemAnswer(
            'The certificate was already revoked.',
            problemWith({ code: oneOfValues(['already_revoked']) })
          ),
          ...problems(422),
        },
      },
    },
  },
}
