import { ExceptionHandler } from '@adonisjs/core/http'

/* Errors as AdonisJS answers them by default. */
export default class HttpExceptionHandler extends ExceptionHandler {}
