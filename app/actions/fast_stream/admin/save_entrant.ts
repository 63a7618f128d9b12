import { DateTime } from 'luxon'
import FastStreamEntrant from '#models/fast_stream_entrant'
import { transactionUnlessDuplicate } from '#actions/transactions'
import type { Clearance } from '#enums/fast_stream'
import { joinRefusal, type Programme } from '#domain/fast_stream/programmes'

export type EntrantInput = {
  /* Only when adding: the e-mail address of the person who joins. */
  email?: string
  schemeId: number
  cohortId: number
  clearance: Clearance
  startedOn: Date
  locations?: string | null
}

export type SaveEntrantResult =
  | { type: 'saved'; entrant: FastStreamEntrant }
  | { type: 'person_not_found' }
  | { type: 'already_entrant' }
  | { type: 'scheme_not_found' }
  | { type: 'cohort_not_found' }
  /* The scheme's programme takes only these grades; the person holds another, or none recorded. */
  | { type: 'grade_not_taken'; programme: Programme; grade: string | null }
  /* The scheme is of the other programme than the entrant's: they stay on theirs. */
  | { type: 'programme_changed'; programme: Programme }
  | { type: 'locations_too_long' }

/* "London; Leeds ,Bristol" becomes "London, Leeds, Bristol": places in order, without blanks. */
export function normaliseLocations(text: string | null | undefined): string | null {
  const places = (text ?? '')
    .split(/[,;]/)
    .map((place) => place.trim().replace(/\s+/g, ' '))
    .filter(Boolean)
  return places.length ? places.join(', ') : null
}

/*
 * Puts a person on a scheme of the Fast Stream or the Future Leaders
 * Scheme, or changes an entrant's scheme, cohort, clearance, start date or
 * location preferences. A person is an entrant once at most; they join
 * only at a grade their scheme's programme takes (Future Leaders: Grade 7
 * or Grade 6), and stay on their programme.
 */
export async function saveEntrant(
  input: EntrantInput,
  existing?: FastStreamEntrant
): Promise<SaveEntrantResult> {
  const locations = normaliseLocations(input.locations)
  if (locations && locations.length > 255) return { type: 'locations_too_long' }
  // The unique index on user_id settles two admins adding the same person at once.
  return transactionUnlessDuplicate(
    { type: 'already_entrant' as const },
    async (trx): Promise<SaveEntrantResult> => {
      let userId = existing?.userId
      let grade: string | null = null
      if (!existing) {
        const person = await trx
          .from('users')
          .where('email', (input.email ?? '').toLowerCase())
          .select('id', 'grade')
          .first()
        if (!person) return { type: 'person_not_found' }
        userId = Number(person.id)
        grade = person.grade ?? null
        const already = await trx
          .from('fast_stream_entrants')
          .where('user_id', userId)
          .select('id')
          .first()
        if (already) return { type: 'already_entrant' }
      }
      const scheme = await trx
        .from('fast_stream_schemes')
        .where('id', input.schemeId)
        .select('id', 'programme')
        .first()
      if (!scheme) return { type: 'scheme_not_found' }
      const programme = scheme.programme as Programme
      const current = existing
        ? await trx
            .from('fast_stream_schemes')
            .where('id', existing.schemeId)
            .select('programme')
            .first()
        : null
      // The grade is checked when a person joins; a participant promoted later stays on.
      const refusal = joinRefusal(programme, {
        grade: existing ? null : grade,
        currentProgramme: current ? (current.programme as Programme) : null,
      })
      if (refusal?.code === 'programme') return { type: 'programme_changed', programme }
      if (refusal?.code === 'grade' && !existing) {
        return { type: 'grade_not_taken', programme, grade }
      }
      const cohort = await trx
        .from('fast_stream_cohorts')
        .where('id', input.cohortId)
        .select('id')
        .first()
      if (!cohort) return { type: 'cohort_not_found' }

      const entrant = existing ?? new FastStreamEntrant()
      entrant.useTransaction(trx)
      entrant.merge({
        userId: userId!,
        schemeId: input.schemeId,
        cohortId: input.cohortId,
        clearance: input.clearance,
        startedOn: DateTime.fromJSDate(input.startedOn, { zone: 'utc' }).startOf('day'),
        locationPreferences: locations,
      })
      await entrant.save()
      return { type: 'saved', entrant }
    }
  )
}
