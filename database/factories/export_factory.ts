import type { ModelAttributes } from '@adonisjs/lucid/types/model'
import Export from '#models/export'

/* An export a person asked for, of the given kind: queued, unfiltered and with no rows yet, unless told otherwise. */
export async function createExport(
  person: { id: number },
  kind: string,
  values: Partial<ModelAttributes<Export>> = {}
) {
  return Export.create({
    userId: person.id,
    kind,
    filters: {},
    status: 'queued',
    rowsDone: 0,
    rowsTotal: 0,
    ...values,
  })
}
