import vine from '@vinejs/vine'
import { FormMessages, requiredIdMessages, sameMessage } from '#validators/messages'

/* "Sign in with your department account": the address that says which department. */
export const departmentSignInValidator = vine.create({
  email: vine.string().trim().email().maxLength(254),
})

departmentSignInValidator.messagesProvider = new FormMessages({
  ...sameMessage('email', ['required', 'string'], 'Enter your email address'),
  'email.email': 'Enter an email address in the correct format, like name@example.gov.uk',
  'email.maxLength': 'Email address must be 254 characters or fewer',
})

/* A domain name of two or more labels, lower case: hmrc.gov.uk, digital.cabinetoffice.gov.uk. */
const DOMAIN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/

/* The e-mail domains typed one per line, or separated by commas or spaces; "@" in front is dropped. */
export function domainsFrom(value: string) {
  return [
    ...new Set(
      value
        .split(/[\s,;]+/)
        .map((domain) => domain.trim().toLowerCase().replace(/^@/, ''))
        .filter(Boolean)
    ),
  ]
}

const domainList = vine.createRule((value: unknown, _options: undefined, field) => {
  if (typeof value !== 'string') return
  const domains = domainsFrom(value)
  if (domains.length === 0) {
    field.report('Enter at least one email domain, like hmrc.gov.uk', 'domains.required', field)
    return
  }
  const wrong = domains.find((domain) => !DOMAIN.test(domain))
  if (wrong) {
    field.report(
      `Enter each email domain as its name only, like hmrc.gov.uk: "${wrong.slice(0, 60)}" is not one`,
      'domains.format',
      field
    )
    return
  }
  if (domains.length > 50) {
    field.report('Enter 50 email domains or fewer', 'domains.count', field)
  }
})

/* What the identity provider form sends. The secret is required when adding one, optional when changing it. */
export const identityProviderValidator = vine.create({
  name: vine.string().trim().minLength(2).maxLength(200),
  issuer: vine
    .string()
    .trim()
    .maxLength(500)
    .url({ require_protocol: true, protocols: ['https', 'http'], require_tld: false }),
  clientId: vine.string().trim().minLength(1).maxLength(255),
  clientSecret: vine.string().maxLength(1000).optional(),
  domains: vine.string().multiline().maxLength(5000).use(domainList()),
  organisationId: vine.number().withoutDecimals().positive(),
})

identityProviderValidator.messagesProvider = new FormMessages({
  ...sameMessage(
    'name',
    ['required', 'string'],
    'Enter the name people know the sign-in service by'
  ),
  'name.minLength': 'Name must be 2 characters or more',
  'name.maxLength': 'Name must be 200 characters or fewer',
  ...sameMessage(
    'issuer',
    ['required', 'string'],
    'Enter the issuer URL, like https://login.example.gov.uk'
  ),
  'issuer.url': 'Enter the issuer URL as a full web address, like https://login.example.gov.uk',
  'issuer.maxLength': 'Issuer URL must be 500 characters or fewer',
  ...sameMessage(
    'clientId',
    ['required', 'string', 'minLength'],
    'Enter the client ID the provider gave this service'
  ),
  'clientId.maxLength': 'Client ID must be 255 characters or fewer',
  'clientSecret.string': 'Enter the client secret as text',
  'clientSecret.maxLength': 'Client secret must be 1,000 characters or fewer',
  ...sameMessage(
    'domains',
    ['required', 'string'],
    'Enter at least one email domain, like hmrc.gov.uk'
  ),
  'domains.maxLength': 'Email domains must be 5,000 characters or fewer',
  ...requiredIdMessages('organisationId', 'Select the organisation new people join'),
})
