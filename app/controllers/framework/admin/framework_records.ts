import type { HttpContext } from '@adonisjs/core/http'
import type { RouteTo } from '#start/http_context'
import {
  restoreFrameworkRecord,
  retireFrameworkRecord,
  type RetirableRecord,
} from '#actions/framework/retire_framework_record'

type Answering = Pick<HttpContext, 'response' | 'session'>

/*
 * What the framework admin pages share for a family, role, level or
 * skill: retiring and restoring it, answered with what happened, and the
 * message when its name is already taken.
 */

/* Retires the record and goes on to `to`, saying what no longer appears (`hidden`). */
export async function retireRecord(
  { response, session }: Answering,
  record: RetirableRecord,
  hidden: string,
  ...to: RouteTo
) {
  const result = await retireFrameworkRecord(record)
  session.flash(
    'success',
    result.type === 'retired'
      ? `${record.name} retired: ${hidden}`
      : `${record.name} is already retired`
  )
  return response.redirect().toRoute(...to)
}

/* Brings the record back and goes on to `to`, saying so. */
export async function restoreRecord(
  { response, session }: Answering,
  record: RetirableRecord,
  ...to: RouteTo
) {
  const result = await restoreFrameworkRecord(record)
  session.flash(
    'success',
    result.type === 'restored' ? `${record.name} restored` : `${record.name} is not retired`
  )
  return response.redirect().toRoute(...to)
}

/*
 * A name another record of the kind already has (`within` says where names
 * must differ, " in this family"); a retired record's is had back by restoring it.
 */
export function nameTaken({ retired }: { retired: boolean }, kind: string, within = '') {
  return {
    name: retired
      ? `A retired ${kind}${within} already has this name: restore it or choose another name`
      : `A ${kind} with this name already exists${within}`,
  }
}
