/*
 * Recognises a unique-index violation on SQLite and MySQL, so two people
 * saving the same name at the same moment get a field message, not a 500:
 * the check before the insert covers the usual case, the index the race.
 */
export function isUniqueViolation(error: unknown) {
  const candidate = error as { code?: string; errno?: number } | null
  return (
    candidate?.code === 'ER_DUP_ENTRY' ||
    candidate?.errno === 1062 ||
    candidate?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    candidate?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  )
}

/* Runs the work; a unique violation becomes the given expected result. */
export async function orOnDuplicate<T, F>(work: () => Promise<T>, duplicate: F): Promise<T | F> {
  try {
    return await work()
  } catch (error) {
    if (isUniqueViolation(error)) return duplicate
    throw error
  }
}
