/*
 * Learning: courses, sessions and attendance, for course admins.
 */
