import vine from '@vinejs/vine'
import { pagingFields, pagingMessages } from '#validators/api'
import { FormMessages, sameMessage } from '#validators/messages'

/*
 * Certificates: the admins' search, and revoking one with a reason. The
 * public verification reads its one field itself (readVerificationCode),
 * so a code typed in any form gets a message about codes.
 */

/* The admins' certificate search: a code, or words of a person or course, and the page. */
export const certificateSearchValidator = vine.create({
  code: vine.string().trim().maxLength(40).optional(),
  person: vine.string().trim().maxLength(100).optional(),
  course: vine.string().trim().maxLength(100).optional(),
  page: vine.number().withoutDecimals().min(1).optional(),
})

certificateSearchValidator.messagesProvider = new FormMessages({
  'code.string': 'Enter the verification code as text',
  'code.maxLength': 'The verification code must be 40 characters or fewer',
  'person.string': 'Enter the person’s name or email address as text',
  'person.maxLength': 'The person’s name or email address must be 100 characters or fewer',
  'course.string': 'Enter the course title or code as text',
  'course.maxLength': 'The course title or code must be 100 characters or fewer',
  ...sameMessage(
    'page',
    ['number', 'withoutDecimals', 'min'],
    'page must be a whole number from 1'
  ),
})

const revokeFields = {
  reason: vine.string().trim().minLength(1).maxLength(1000),
}

const revokeMessages = {
  ...sameMessage('reason', ['required', 'minLength'], 'Enter why the certificate is revoked'),
  'reason.string': 'Enter why the certificate is revoked',
  'reason.maxLength': 'The reason must be 1000 characters or fewer',
}

/* Revoking a certificate on its page: why, which the learner and the audit trail keep. */
export const revokeCertificateValidator = vine.create(revokeFields)
revokeCertificateValidator.messagesProvider = new FormMessages(revokeMessages)

/* The API's revocation body: the same reason, and nothing else. */
export const apiRevokeCertificateValidator = vine.create(revokeFields)
apiRevokeCertificateValidator.messagesProvider = new FormMessages({
  ...revokeMessages,
  'reason.required': 'reason is required: say why the certificate is revoked',
  'reason.minLength': 'reason is required: say why the certificate is revoked',
  'reason.string': 'reason must be text',
  'reason.maxLength': 'reason must be 1000 characters or fewer',
})

/* The API's list of the caller's certificates: paging only. */
export const myCertificatesQueryValidator = vine.create({ ...pagingFields })
myCertificatesQueryValidator.messagesProvider = new FormMessages({ ...pagingMessages })
