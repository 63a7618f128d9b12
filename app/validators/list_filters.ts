import type { VineValidator } from '@vinejs/vine'
import type { Infer, SchemaTypes } from '@vinejs/vine/types'
import { withoutBlanks } from '#services/list_pipeline'

/*
 * Reads a list page's filters from its query string. A bad value is reported
 * against its field and left out, so the page still shows results for the
 * other filters.
 */
export async function readListFilters<Schema extends SchemaTypes>(
  validator: VineValidator<Schema, Record<string, any> | undefined>,
  qs: Record<string, unknown>
) {
  const input = withoutBlanks(qs)
  const [error, filters] = await validator.tryValidate(input)
  if (!error) return { filters, errors: {} as Record<string, string[]> }

  const errors: Record<string, string[]> = {}
  for (const message of error.messages as { field: string; message: string }[]) {
    errors[message.field] = [...(errors[message.field] ?? []), message.message]
  }
  const rest = Object.fromEntries(Object.entries(input).filter(([field]) => !errors[field]))
  const [, remaining] = await validator.tryValidate(rest)
  return { filters: remaining ?? ({} as Partial<Infer<Schema>>), errors }
}
