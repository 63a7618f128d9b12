import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/*
 * Zips the service's own e-learning packages (database/demo/packages) into
 * a folder, ready to upload to a self-paced course: a SCORM 1.2 and a
 * SCORM 2004 package, each a short lesson and one question.
 */
export default class LearningPackageZips extends BaseCommand {
  static commandName = 'learning:package-zips'
  static description = "Zip the service's own SCORM 1.2 and SCORM 2004 packages, ready to upload"

  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Folder to write the zips to', default: 'tmp/packages' })
  declare to: string

  async run() {
    const { OWN_PACKAGES, ownPackageZip } = await import('#database/demo/packages')
    const folder = resolve(this.to)
    await mkdir(folder, { recursive: true })
    for (const name of Object.keys(OWN_PACKAGES) as (keyof typeof OWN_PACKAGES)[]) {
      const path = join(folder, `${name}.zip`)
      await writeFile(path, ownPackageZip(name))
      this.logger.info(`Wrote ${path}`)
    }
  }
}
