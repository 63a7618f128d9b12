import type { HttpContext } from '@adonisjs/core/http'
import { gapView } from '#queries/capability/gaps_query'
import { planItems } from '#queries/capability/plan_query'
import { addPlanItem } from '#actions/capability/add_plan_item'
import { apiPlanItemValidator, dueDate } from '#validators/capability_plan'
import { withoutBlanks } from '#services/list_pipeline'
import { apiSerializer, fieldProblems } from '#services/api'
import { planItemRefusal } from '#services/capability_messages'
import { gapsQueryValidator } from '#validators/api'
import { PlanItemTransformer, SkillGapTransformer } from '#transformers/capability_transformer'

/* The caller's gaps, with courses that close them, and their development plan. */
export default class GapsController {
  async gaps({ auth, request }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const input = await gapsQueryValidator.validate(withoutBlanks(request.qs()))
    const toward = input.toward ?? 'current'
    const found = await gapView(user.id, toward)
    if (!found) return { data: [], meta: { roleLevel: null, toward } }
    const { data } = await apiSerializer.serialize(
      SkillGapTransformer.transform(
        found.gaps.lines.map((line) => ({ line, courses: found.courses.get(line.skillId) ?? [] }))
      )
    )
    return {
      data,
      meta: { roleLevel: { id: found.roleLevel.id, name: found.roleLevel.name }, toward },
    }
  }

  async plan({ auth }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const items = await planItems(user.id)
    return apiSerializer.serialize(PlanItemTransformer.transform(items))
  }

  async storePlanItem({ auth, request, response }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const input = await request.validateUsing(apiPlanItemValidator)
    const due = dueDate(input.dueOn)
    if ('error' in due) throw new Error(due.error)
    const result = await addPlanItem(user, { ...input, dueOn: due.date })
    switch (result.type) {
      case 'added': {
        const items = await planItems(user.id)
        const item = items.find((row) => row.id === result.item.id)!
        return response
          .status(201)
          .send(await apiSerializer.serialize(PlanItemTransformer.transform(item)))
      }
      case 'skill_not_found':
      case 'course_not_found':
        return fieldProblems(response, [planItemRefusal(result)])
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}
