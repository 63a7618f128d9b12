/*
 * Fast Stream routes.
 */
export {}
