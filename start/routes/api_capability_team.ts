/*
 * Routes: api_capability_team (being written).
 */
