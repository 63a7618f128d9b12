/*
 * Management information routes.
 */
export {}
