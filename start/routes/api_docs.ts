/*
 * The API's description.
 */
export {}
