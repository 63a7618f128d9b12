import { nameTaken } from '#actions/name_clash'
import FastStreamScheme from '#models/fast_stream_scheme'
import { transactionUnlessDuplicate } from '#actions/transactions'
import type { Programme } from '#domain/fast_stream/programmes'

export type SchemeInput = {
  name: string
  description?: string | null
  /* Only when adding: the Fast Stream unless given. A scheme's programme does not change. */
  programme?: Programme
}

export type SaveSchemeResult = { type: 'saved'; scheme: FastStreamScheme } | { type: 'name_taken' }

/*
 * Adds a scheme of the Fast Stream or the Future Leaders Scheme, or changes
 * one's name and description; names are unique whatever their case. The
 * programme is set when the scheme is added: its participants' rules
 * follow from it.
 */
export async function saveScheme(
  input: SchemeInput,
  existing?: FastStreamScheme
): Promise<SaveSchemeResult> {
  return transactionUnlessDuplicate({ type: 'name_taken' as const }, async (trx) => {
    const name = input.name.trim()
    if (await nameTaken(trx.from('fast_stream_schemes'), name, existing?.id)) {
      return { type: 'name_taken' as const }
    }
    const scheme = existing ?? new FastStreamScheme()
    scheme.useTransaction(trx)
    scheme.merge({ name, description: input.description?.trim() || null })
    if (!existing) scheme.programme = input.programme ?? 'fast_stream'
    await scheme.save()
    return { type: 'saved' as const, scheme }
  })
}
