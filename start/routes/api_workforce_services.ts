/*
 * Routes: api_workforce_services (being written).
 */
