/*
 * Routes: api_capability_gaps (being written).
 */
