import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { exportList } from '#services/exports'
import { addPlanItem } from '#actions/capability/add_plan_item'
import { planItemRefusal, PLAN_ITEM_ADDED } from '#services/capability_messages'
import { removePlanItem, updatePlanItemStatus } from '#actions/capability/update_plan_item'
import { agreePlan } from '#actions/capability/agree_plan'
import {
  directReport,
  planItems,
  planOptions,
  type PlanItemRow,
} from '#queries/capability/plan_query'
import { dueDate, planItemValidator, planStatusValidator } from '#validators/capability_plan'
import { skillLevelName, SKILL_LEVELS } from '#domain/framework/levels'
import { planItemStatusLabels, planItemStatusValues } from '#enums/capability'
import { found, idParam } from '#services/params'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import type { DateTime } from 'luxon'
import { UK_ZONE, UkFormats } from '#domain/shared/uk_time'

/* "3 March 2027", in UK time. */
function longDate(value: DateTime) {
  return value
    .setZone(UK_ZONE, { keepLocalTime: true })
    .setLocale('en-GB')
    .toFormat(UkFormats.longDate)
}

/* One plan item as the plan pages print it. */
export function planItemView(item: PlanItemRow) {
  const due = item.dueOn ? longDate(item.dueOn) : null
  return {
    id: item.id,
    kind: item.kind,
    title:
      item.kind === 'skill'
        ? `${item.skill?.name ?? 'A skill'} to level ${item.targetLevel} (${skillLevelName(item.targetLevel ?? 1)})`
        : `${item.course?.title ?? 'A course'} (${item.course?.code ?? ''})`,
    skillId: item.skill?.id ?? null,
    courseId: item.course?.id ?? null,
    due: item.overdue ? `Overdue: due ${due}` : (due ?? 'No due date'),
    overdue: item.overdue,
    status: item.status,
    statusLabel: planItemStatusLabels[item.status],
    agreed: item.agreedAt
      ? `Agreed by ${item.agreedBy?.name ?? 'a former line manager'} on ${longDate(item.agreedAt.setZone(UK_ZONE))}`
      : null,
  }
}

const RETURN_PATHS = {
  'plan': () => urlFor('capability.plan'),
  'gaps': () => urlFor('capability.gaps'),
  'gaps-target': () => urlFor('capability.gaps', {}, { qs: { toward: 'target' } }),
} as const

/* A person's own development plan, and their line manager's view and agreement of it. */
export default class PlanController {
  async show({ auth, view }: HttpContext) {
    const user = auth.getUserOrFail()
    const [items, options] = await Promise.all([planItems(user.id), planOptions()])
    return view.render('pages/capability/plan', {
      items: items.map(planItemView),
      options: {
        ...options,
        levels: SKILL_LEVELS.map((entry) => ({
          value: entry.level,
          label: `Level ${entry.level} (${entry.name})`,
        })),
        statuses: planItemStatusValues.map((value) => ({
          value,
          label: planItemStatusLabels[value],
        })),
      },
    })
  }

  /* The person's own plan as CSV. */
  async csv(ctx: HttpContext) {
    const user = ctx.auth.getUserOrFail()
    return exportList(ctx, 'developmentPlan', { personId: String(user.id) })
  }

  async store({ auth, backWithErrors, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail()
    const input = await request.validateUsing(planItemValidator)
    const due = dueDate(input.dueOn)
    if ('error' in due) throw new Error(due.error)
    const back = RETURN_PATHS[input.returnTo ?? 'plan']()
    const result = await addPlanItem(user, { ...input, dueOn: due.date })
    switch (result.type) {
      case 'added':
        session.flash('success', PLAN_ITEM_ADDED)
        return response.redirect().toPath(back)
      case 'skill_not_found':
      case 'course_not_found': {
        const { field, message } = planItemRefusal(result)
        return backWithErrors({ [field]: message }, { keepInput: false, to: ['capability.plan'] })
      }
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  async updateStatus({ auth, params, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail()
    const itemId = idParam(params.id)
    const { status } = await request.validateUsing(planStatusValidator)
    const result = await updatePlanItemStatus(user, itemId, status)
    switch (result.type) {
      case 'updated':
        session.flash('success', `The item is now ${planItemStatusLabels[status].toLowerCase()}`)
        return response.redirect().toRoute('capability.plan')
      case 'not_found':
        throw new RecordNotFoundException()
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  async destroy({ auth, params, response, session }: HttpContext) {
    const user = auth.getUserOrFail()
    const result = await removePlanItem(user, idParam(params.id))
    switch (result.type) {
      case 'removed':
        session.flash('success', 'The item has been removed from your plan')
        break
      case 'already_agreed':
        session.flash(
          'error',
          'This item cannot be removed: your line manager has agreed it. Mark it done, or talk to them'
        )
        break
      case 'not_found':
        throw new RecordNotFoundException()
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
    return response.redirect().toRoute('capability.plan')
  }

  async person({ auth, params, view }: HttpContext) {
    const manager = auth.getUserOrFail()
    const person = found(await directReport(manager.id, idParam(params.id)))
    const rows = await planItems(person.id)
    const items = rows.map(planItemView)
    return view.render('pages/capability/person_plan', {
      person,
      items,
      unagreed: items.filter((item) => !item.agreed).length,
    })
  }

  /* A direct report's plan as CSV, for their line manager only, as the page. */
  async personCsv(ctx: HttpContext) {
    const manager = ctx.auth.getUserOrFail()
    const person = found(await directReport(manager.id, idParam(ctx.params.id)))
    return exportList(ctx, 'developmentPlan', { personId: String(person.id) })
  }

  async agree({ auth, params, response, session }: HttpContext) {
    const manager = auth.getUserOrFail()
    const personId = idParam(params.id)
    const result = await agreePlan(manager, personId)
    switch (result.type) {
      case 'agreed':
        session.flash(
          'success',
          result.count
            ? `You have agreed ${result.count} ${result.count === 1 ? 'item' : 'items'} of the plan`
            : 'Every item of the plan was already agreed'
        )
        return response.redirect().toRoute('capability.people.plan', { id: personId })
      case 'not_found':
        throw new RecordNotFoundException()
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}
