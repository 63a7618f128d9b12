import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import app from '@adonisjs/core/services/app'

/* Every file below a folder, by its full path, for the checks that read the project's own source. */
export function filesBelow(folder: string): string[] {
  const files: string[] = []
  for (const entry of readdirSync(folder)) {
    const path = join(folder, entry)
    if (statSync(path).isDirectory()) files.push(...filesBelow(path))
    else files.push(path)
  }
  return files
}

/* Every template file, with its path from the views folder. */
export function templates() {
  const root = app.makePath('resources/views')
  return filesBelow(root)
    .filter((path) => path.endsWith('.edge'))
    .map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }))
}
