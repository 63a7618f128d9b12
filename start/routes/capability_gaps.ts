/*
 * Routes: capability_gaps (being written).
 */
