/*
 * Routes: api_capability_assessment (being written).
 */
