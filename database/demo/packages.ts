import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { zipSync, type Zippable } from 'fflate'
import app from '@adonisjs/core/services/app'

/*
 * The service's own e-learning packages, kept as source in
 * database/demo/packages/<name>/ (a manifest, a page, a script and a
 * style sheet each) and zipped when wanted: for the demo, for the tests
 * and for `node ace learning:package-zips`. No zip is kept in the
 * repository.
 */
export const OWN_PACKAGES = {
  digital_awareness_scorm12: 'SCORM 1.2: Digital by default: the basics',
  digital_awareness_scorm2004: 'SCORM 2004: Designing with data: the basics',
} as const

export type OwnPackage = keyof typeof OWN_PACKAGES

/* The folder holding a package's source. */
export function ownPackageFolder(name: OwnPackage) {
  return app.makePath('database', 'demo', 'packages', name)
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    return entry.isDirectory() ? filesUnder(path) : [path]
  })
}

/* One of the service's own packages as a zip, with imsmanifest.xml at its root. */
export function ownPackageZip(name: OwnPackage): Buffer {
  const folder = ownPackageFolder(name)
  const files: Zippable = {}
  for (const path of filesUnder(folder).sort()) {
    files[relative(folder, path).split(sep).join('/')] = readFileSync(path)
  }
  // A fixed time keeps the zip the same from one build to the next.
  return Buffer.from(zipSync(files, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') }))
}
