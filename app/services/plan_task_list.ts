import { urlFor } from '@adonisjs/core/services/url_builder'
import type CapabilityPlan from '#models/capability_plan'

type TaskStatus = 'Cannot start yet' | 'Not started' | 'In progress' | 'Completed'

/*
 * A plan's task list: role profiles are done once there is a line; posts
 * and people once every line has its posts needed; checking once sent. A
 * task links to its page while it can be done.
 */
export function planTaskList(
  plan: CapabilityPlan,
  lines: { postsNeeded: number }[],
  editable: boolean
) {
  const filled = lines.filter((line) => line.postsNeeded > 0).length
  const sent = plan.status === 'submitted' || plan.status === 'approved'
  const chooseStatus: TaskStatus = lines.length > 0 ? 'Completed' : 'Not started'
  let numbersStatus: TaskStatus = 'Cannot start yet'
  if (lines.length > 0) {
    if (filled === lines.length) numbersStatus = 'Completed'
    else numbersStatus = filled === 0 ? 'Not started' : 'In progress'
  }
  let checkStatus: TaskStatus = 'Cannot start yet'
  if (sent) checkStatus = 'Completed'
  else if (lines.length > 0) checkStatus = 'Not started'
  const params = { id: plan.id }
  return [
    {
      title: 'Choose role profiles',
      href: editable ? urlFor('workforce.plans.lines', params) : null,
      hint: 'The roles the organisation plans for this year.',
      status: chooseStatus,
    },
    {
      title: 'Posts and people',
      href: editable && lines.length > 0 ? urlFor('workforce.plans.numbers', params) : null,
      hint: 'Posts needed, people in post, and plans to recruit and train.',
      status: numbersStatus,
    },
    {
      title: 'Check and submit',
      href: lines.length > 0 ? urlFor('workforce.plans.check', params) : null,
      hint: 'Check every line and send the plan for approval.',
      status: checkStatus,
    },
  ]
}
