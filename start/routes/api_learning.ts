/*
 * Learning in the JSON API.
 */
