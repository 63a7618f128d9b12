/*
 * Learning: enrolling, my learning, the learning record and approvals.
 */
