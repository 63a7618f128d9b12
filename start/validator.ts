/*
 * Validation across the service: the default messages first (a validator
 * keeps the messages provider it was made with, and the OpenAPI document
 * imported below makes validators), then the JSON API's body check.
 */
import '#validators/control_characters'
import '#validators/default_messages'
import { errors } from '@vinejs/vine'
import { HttpRequest } from '@adonisjs/core/http'
import { bodyShapeErrors } from '#services/api_bodies'

/*
 * A JSON API body is held to its operation's OpenAPI schema when the
 * controller validates it, after authorising: a property the schema does
 * not list, or a value of the wrong JSON type ("12" or true for a number),
 * answers 422 naming the field, before the validator could coerce it.
 */
const validateUsing = HttpRequest.prototype.validateUsing
HttpRequest.macro('validateUsing', async function (
  this: HttpRequest,
  ...args: Parameters<typeof validateUsing>
) {
  const [validator, options] = args
  if (this.ctx && !options?.data) {
    const shape = bodyShapeErrors(this.ctx, options?.messagesProvider ?? validator.messagesProvider)
    if (shape.length) throw new errors.E_VALIDATION_ERROR(shape)
  }
  return (validateUsing as (...given: typeof args) => Promise<unknown>).apply(this, args)
} as typeof validateUsing)
