/*
 * Routes: workforce_campaigns_gaps (being written).
 */
