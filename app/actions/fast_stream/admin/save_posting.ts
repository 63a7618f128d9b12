import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { deleteRecord } from '#actions/transactions'
import FastStreamPosting from '#models/fast_stream_posting'
import type FastStreamEntrant from '#models/fast_stream_entrant'

export type PostingInput = {
  organisationId: number
  teamName?: string | null
  title: string
  startsOn: Date
  endsOn?: Date | null
  isDigital?: boolean
}

export type SavePostingResult =
  | { type: 'saved'; posting: FastStreamPosting }
  | { type: 'organisation_not_found' }
  | { type: 'ends_before_start' }

const day = (value: Date) => DateTime.fromJSDate(value, { zone: 'utc' }).startOf('day')

/*
 * Records a posting in an entrant's history, or corrects one. Postings
 * from a published match keep their link to the placement.
 */
export async function savePosting(
  entrant: FastStreamEntrant,
  input: PostingInput,
  existing?: FastStreamPosting
): Promise<SavePostingResult> {
  const startsOn = day(input.startsOn)
  const endsOn = input.endsOn ? day(input.endsOn) : null
  if (endsOn && endsOn <= startsOn) return { type: 'ends_before_start' }
  return db.transaction(async (trx) => {
    const organisation = await trx
      .from('organisations')
      .where('id', input.organisationId)
      .select('id')
      .first()
    if (!organisation) return { type: 'organisation_not_found' as const }
    const posting = existing ?? new FastStreamPosting()
    posting.useTransaction(trx)
    const teamName = input.teamName?.trim() || null
    posting.merge({
      entrantId: entrant.id,
      organisationId: input.organisationId,
      // A team recorded by a match stays linked only while the posting stays in its organisation.
      teamId: existing && existing.organisationId === input.organisationId ? existing.teamId : null,
      teamName,
      title: input.title.trim(),
      startsOn,
      endsOn,
      isDigital: Boolean(input.isDigital),
    })
    await posting.save()
    return { type: 'saved' as const, posting }
  })
}

/* Removes a posting from an entrant's history (audited like every change). */
export async function removePosting(posting: FastStreamPosting) {
  await deleteRecord(posting)
}
