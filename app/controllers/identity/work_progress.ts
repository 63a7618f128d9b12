import type { HttpContext } from '@adonisjs/core/http'

/* Queued work a page follows while a job works through it: a staff import, an invitation run. */
type Work = { status: string; isWorking: boolean; percent: number }

/* What the page polls: how far the work has got, never cached. */
export function workProgress(
  response: HttpContext['response'],
  work: Work,
  processed: number,
  total: number
) {
  response.header('Cache-Control', 'no-store')
  return { status: work.status, working: work.isWorking, percent: work.percent, processed, total }
}
