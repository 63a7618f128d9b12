/*
 * What every form control needs to show itself: its id, its error (from the
 * page or from the flashed validation errors), the value to show (what was
 * typed, after an error; else the record's value) and the ids that describe it.
 */
type Props = { get(key: string, fallback?: unknown): any; has(key: string): boolean }
type Flash = { get(key: string, fallback?: unknown): any; has(key: string): boolean }

export function fieldId(name: string) {
  return `field-${String(name).replace(/[^a-zA-Z0-9_-]/g, '-')}`
}

export function fieldState(props: Props, flashMessages: Flash) {
  const name = String(props.get('name'))
  // A page with two forms sending the same field name gives one of them an id of its own.
  const id = props.has('id') ? String(props.get('id')) : fieldId(name)
  const error = props.get('error') ?? flashMessages.get('inputErrorsBag', {})[name]?.[0] ?? null
  const entered = flashMessages.has(name) ? flashMessages.get(name) : props.get('value')
  const hint = props.has('hint') ? props.get('hint') : null
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ')
  return { name, id, error, entered, hint, describedBy: describedBy || undefined }
}

type DateParts = { day?: unknown; month?: unknown; year?: unknown }
type DateValue = string | { toISODate(): string | null } | DateParts | null | undefined

/* A record's date (yyyy-mm-dd, a luxon DateTime, or already in parts) as day, month and year. */
function partsOf(value: DateValue): DateParts {
  if (value && typeof value === 'object' && !('toISODate' in value)) return value
  const iso = typeof value === 'string' ? value : (value?.toISODate() ?? null)
  const [year, month, day] = iso ? iso.split('-').map((part) => String(Number(part))) : []
  return { day, month, year }
}

/*
 * What GOV.UK's date input needs: the day, month and year boxes, each with
 * its id (the day's is the field's, so error summary links land on it), what
 * to show in it (what was typed, after an error; else the record's date,
 * yyyy-mm-dd, a luxon DateTime or its parts) and whether it is the part in error: the
 * boxes left blank when others are filled, the year when only its length is
 * wrong, or else all three.
 */
export function dateFieldState(
  props: Props,
  flashMessages: Flash,
  example = 'For example, 27 3 2027'
) {
  const withHint: Props = {
    get: (key, fallback) =>
      key === 'hint' && !props.has('hint') ? example : props.get(key, fallback),
    has: (key) => key === 'hint' || props.has(key),
  }
  const field = fieldState(withHint, flashMessages)
  const stored = props.get('value') as DateValue
  const shown = flashMessages.has(field.name)
    ? ((flashMessages.get(field.name) as DateParts | null) ?? {})
    : partsOf(stored)
  const values: Record<string, string> = Object.fromEntries(
    (['day', 'month', 'year'] as const).map((key) => [
      key,
      typeof shown[key] === 'string' ? (shown[key] as string) : '',
    ])
  )
  const blank = ['day', 'month', 'year'].filter((key) => !values[key].trim())
  const inError = (key: string) => {
    if (!field.error) return false
    if (blank.length && blank.length < 3) return blank.includes(key)
    if (/^The year must include/.test(field.error)) return key === 'year'
    return true
  }
  const parts = [
    { key: 'day', label: 'Day', id: field.id, width: 'w-16' },
    { key: 'month', label: 'Month', id: `${field.id}-month`, width: 'w-16' },
    { key: 'year', label: 'Year', id: `${field.id}-year`, width: 'w-24' },
  ].map((part) => ({ ...part, value: values[part.key], invalid: inError(part.key) }))
  return { ...field, parts }
}
