/*
 * Routes: workforce_plans (being written).
 */
