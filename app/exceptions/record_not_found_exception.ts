import { Exception } from '@adonisjs/core/exceptions'

/*
 * A record that does not exist, or that the user may not know exists:
 * answered 404 like an unknown address.
 */
export default class RecordNotFoundException extends Exception {
  static status = 404
  static code = 'E_ROW_NOT_FOUND'
  static message = 'The record does not exist, or you cannot see it.'
}
