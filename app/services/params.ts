import RecordNotFoundException from '#exceptions/record_not_found_exception'

/*
 * A route's numeric id, written as a plain whole number ("12", not "012",
 * "12.0", "1e3" or "+12"); anything else is an address that does not exist.
 */
export function idParam(value: unknown): number {
  const text = typeof value === 'number' ? String(value) : value
  if (typeof text !== 'string' || !/^[1-9]\d{0,15}$/.test(text)) {
    throw new RecordNotFoundException()
  }
  const id = Number(text)
  if (!Number.isSafeInteger(id)) throw new RecordNotFoundException()
  return id
}

/* The record an address names, or a 404 when there is none, as for an unknown address. */
export function found<T>(record: T | null | undefined): T {
  if (!record) throw new RecordNotFoundException()
  return record
}
