import Course from '#models/course'
import type User from '#models/user'
import type { CourseDelivery, CourseMode, CourseStatus } from '#enums/learning'
import { transactionUnlessDuplicate } from '#actions/transactions'
import { administeredProviders } from '#services/provider_scope'

export type CourseInput = {
  code: string
  title: string
  summary: string
  providerId: number
  mode: CourseMode
  /* In scheduled sessions or self-paced online; a new course is scheduled unless it says, a saved one keeps its own. */
  delivery?: CourseDelivery
  /* Months a completion stays valid; left out, completions do not expire. */
  validityMonths?: number
  status: CourseStatus
  requiresApproval: boolean
  durationHours: number
  /* In pounds, with up to two decimal places. */
  cost: number
}

export type SaveCourseResult =
  | { type: 'saved'; course: Course }
  | { type: 'code_taken' }
  | { type: 'provider_not_found' }
  /* A course with sessions cannot become self-paced. */
  | { type: 'has_sessions' }
  /* A self-paced course that people have started cannot go back to sessions. */
  | { type: 'has_self_paced_enrolments' }

/*
 * The provider a new course belongs to when the form or the request names
 * none: the course admin's only provider. Null when they manage several (or
 * all, as a capability admin) and so must choose.
 */
export async function defaultProviderFor(actor: User): Promise<number | null> {
  const providers = await administeredProviders(actor)
  return providers !== 'all' && providers.length === 1 ? providers[0] : null
}

/*
 * Adds a course or changes one, in one transaction. Course codes are unique
 * whatever their case; the cost is stored in pence. Whether the actor may
 * manage the provider is the caller's check (CoursePolicy.manageProvider).
 * A course changes how it is delivered only while nothing hangs on the
 * old way: no sessions to become self-paced, no self-paced enrolments to
 * go back to sessions.
 */
export async function saveCourse(input: CourseInput, existing?: Course): Promise<SaveCourseResult> {
  return transactionUnlessDuplicate(
    { type: 'code_taken' as const },
    async (trx): Promise<SaveCourseResult> => {
      const provider = await trx.from('providers').where('id', input.providerId).first()
      if (!provider) return { type: 'provider_not_found' }

      const code = input.code.trim()
      const clash = trx
        .from('courses')
        .whereRaw('lower(code) = ?', [code.toLowerCase()])
        .select('id')
      if (existing) clash.whereNot('id', existing.id)
      if (await clash.first()) return { type: 'code_taken' }

      const delivery = input.delivery ?? existing?.delivery ?? 'scheduled'
      if (existing && delivery !== existing.delivery) {
        const table = delivery === 'self_paced' ? 'course_sessions' : 'self_paced_enrolments'
        const held = await trx.from(table).where('course_id', existing.id).select('id').first()
        if (held) {
          return { type: delivery === 'self_paced' ? 'has_sessions' : 'has_self_paced_enrolments' }
        }
      }

      const course = existing ?? new Course()
      course.useTransaction(trx)
      course.merge({
        providerId: input.providerId,
        code,
        title: input.title.trim(),
        summary: input.summary.trim(),
        mode: input.mode,
        delivery,
        validityMonths: input.validityMonths ?? null,
        status: input.status,
        requiresApproval: input.requiresApproval,
        durationHours: input.durationHours,
        costPence: Math.round(input.cost * 100),
      })
      await course.save()
      return { type: 'saved', course }
    }
  )
}
