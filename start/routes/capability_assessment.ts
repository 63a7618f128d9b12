/*
 * Routes: capability_assessment (being written).
 */
