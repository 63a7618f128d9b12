/*
 * Routes: api_workforce_campaigns_gaps (being written).
 */
