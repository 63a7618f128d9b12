import RecordNotFoundException from '#exceptions/record_not_found_exception'

/*
 * A route's numeric id; anything else is an address that does not exist.
 */
export function idParam(value: unknown): number {
  const id = Number(value)
  if (!Number.isSafeInteger(id) || id < 1) throw new RecordNotFoundException()
  return id
}
