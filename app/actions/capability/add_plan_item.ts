import type { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import DevelopmentPlanItem from '#models/development_plan_item'
import type User from '#models/user'
import type { PlanItemKind } from '#enums/capability'

export type NewPlanItem = {
  kind: PlanItemKind
  skillId?: number | null
  targetLevel?: number | null
  courseId?: number | null
  dueOn?: DateTime | null
}

export type AddPlanItemResult =
  | { type: 'added'; item: DevelopmentPlanItem }
  | { type: 'skill_not_found' }
  | { type: 'course_not_found' }

/*
 * A person adds a step to their own development plan: a live skill to
 * raise to a level, or a published course. It starts planned and unagreed.
 */
export async function addPlanItem(person: User, input: NewPlanItem): Promise<AddPlanItemResult> {
  return db.transaction(async (trx) => {
    const item = new DevelopmentPlanItem()
    item.useTransaction(trx)
    if (input.kind === 'skill') {
      const skill = await trx
        .from('skills')
        .where('id', input.skillId ?? 0)
        .whereNull('retired_at')
        .first()
      if (!skill) return { type: 'skill_not_found' as const }
      item.merge({ skillId: skill.id, targetLevel: input.targetLevel ?? null, courseId: null })
    } else {
      const course = await trx
        .from('courses')
        .where('id', input.courseId ?? 0)
        .where('status', 'published')
        .first()
      if (!course) return { type: 'course_not_found' as const }
      item.merge({ courseId: course.id, skillId: null, targetLevel: null })
    }
    item.merge({
      userId: person.id,
      kind: input.kind,
      dueOn: input.dueOn ?? null,
      status: 'planned',
      agreedBy: null,
      agreedAt: null,
    })
    await item.save()
    return { type: 'added' as const, item }
  })
}
