import cache from '@adonisjs/cache/services/main'

/*
 * Figures worth counting once for everyone for a few minutes: dashboard
 * panels, the catalogue's filter choices. One cache namespace per kind,
 * made once: each namespace made holds its own locks, and the locks are
 * what make people asking for the same thing at once wait for a single
 * count. Values must be plain numbers and text, so any store can keep them.
 */
const namespaces = new Map<string, ReturnType<typeof cache.namespace>>()

function namespaceOf(name: string) {
  let found = namespaces.get(name)
  if (!found) {
    found = cache.namespace(name)
    namespaces.set(name, found)
  }
  return found
}

/*
 * What `count` gives, counted now when `seconds` is 0, else kept for
 * `seconds`. Once due for a recount it is still served, for as long again,
 * while one recount runs in the background, so no one waits for it.
 */
export async function kept<T>(
  name: string,
  key: string,
  seconds: number,
  count: () => Promise<T>
): Promise<T> {
  if (seconds <= 0) return count()
  return namespaceOf(name).getOrSet({
    key,
    ttl: seconds * 1000,
    grace: seconds * 1000,
    timeout: 0,
    factory: count,
  }) as Promise<T>
}

/* Forgets everything kept of one kind, so the next request counts afresh. */
export async function forgetKept(name: string) {
  await namespaceOf(name).clear()
}
