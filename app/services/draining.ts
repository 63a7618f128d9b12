/*
 * Whether this process is shutting down (SIGTERM). While it drains, every
 * answer asks the client to close its connection, so clients that keep
 * connections open move to another instance instead of holding this one.
 */
let draining = false

export function startDraining() {
  draining = true
}

export function isDraining() {
  return draining
}
