/*
 * Routes: workforce_services (being written).
 */
