import vine from '@vinejs/vine'
import { FormMessages } from '#validators/messages'

/* What `node ace users:create-admin` is given, checked by the same rules as the people forms. */
export const createAdminValidator = vine.create({
  email: vine.string().trim().email().maxLength(254).normalizeEmail({ all_lowercase: true }),
  fullName: vine.string().trim().minLength(2).maxLength(200),
  organisationCode: vine.string().trim().minLength(1).maxLength(32).optional(),
})

createAdminValidator.messagesProvider = new FormMessages({
  'email.required': 'Give the email address with --email',
  'email.email':
    'Give an email address in the correct format with --email, like name@example.gov.uk',
  'email.maxLength': 'Give an email address of 254 characters or fewer with --email',
  'fullName.required': 'Give the person’s full name with --name',
  'fullName.minLength': 'Give the person’s full name with --name: 2 characters or more',
  'fullName.maxLength': 'Give the person’s full name with --name: 200 characters or fewer',
  'organisationCode.minLength': 'Give an organisation code with --organisation, like co',
  'organisationCode.maxLength':
    'Give an organisation code of 32 characters or fewer with --organisation',
})
