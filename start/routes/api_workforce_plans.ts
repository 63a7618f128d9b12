/*
 * Routes: api_workforce_plans (being written).
 */
