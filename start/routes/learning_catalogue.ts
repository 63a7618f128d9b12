/*
 * Learning: the course catalogue and course pages, for everyone signed in.
 */
