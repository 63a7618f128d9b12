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
