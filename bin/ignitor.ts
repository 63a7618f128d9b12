/*
 * The one way every entry point (server, ace, tests) boots the application.
 */
// Timestamps are stored as UTC wall-clock time; every process agrees on it.
process.env.TZ = 'UTC'
await import('reflect-metadata')
const { Ignitor, prettyPrintError } = await import('@adonisjs/core')

const APP_ROOT = new URL('../', import.meta.url)

const IMPORTER = (filePath: string) => {
  if (filePath.startsWith('./') || filePath.startsWith('../')) {
    return import(new URL(filePath, APP_ROOT).href)
  }
  return import(filePath)
}

export function ignitor() {
  return new Ignitor(APP_ROOT, { importer: IMPORTER }).tap((app) => {
    app.booting(async () => {
      await import('#start/env')
    })
    app.listen('SIGTERM', () => app.terminate())
    app.listenIf(app.managedByPm2, 'SIGINT', () => app.terminate())
  })
}

/* Reports a failure to boot or run and sets a failing exit code. */
export function fail(error: unknown) {
  process.exitCode = 1
  prettyPrintError(error)
}
