/*
 * Routes: capability_team (being written).
 */
