import RecordNotFoundException from '#exceptions/record_not_found_exception'

/* The dashboard panels by their address: each has a CSV download and a metrics API route. */
export const PANEL_KEYS = [
  'capability-coverage',
  'skill-gaps',
  'headcount',
  'training',
  'session-fill',
  'waiting-lists',
  'training-budgets',
  'digital-leaders',
  'service-managers',
  'fast-stream',
  'future-leaders',
  'trends',
] as const

export type PanelKey = (typeof PANEL_KEYS)[number]

/* The panel a CSV or metrics route serves, from the last part of its address. */
export function panelOfRoute(pattern: string | undefined): PanelKey {
  const key = String(pattern ?? '')
    .split('/')
    .pop()!
    .replace(/\.csv$/, '') as PanelKey
  if (!PANEL_KEYS.includes(key)) throw new RecordNotFoundException()
  return key
}
