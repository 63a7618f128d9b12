import { resolve } from 'node:path'
import app from '@adonisjs/core/services/app'
import env from '#start/env'

const MB = 1024 * 1024

/*
 * E-learning packages: where their extracted files are kept, and the
 * limits an uploaded zip must keep to. The limits on what a zip unpacks
 * to are counted while it is inflated, never taken from its headers: a
 * zip bomb is stopped at the limit, not after it. A file that inflates to
 * more than `maxRatio` times its compressed size (once past `ratioFloorBytes`)
 * is refused as a bomb. A launch token lets a learner's browser fetch a
 * package's files for `launchTokenHours`.
 */
const learningPackagesConfig = {
  // A relative LEARNING_PACKAGES_PATH is taken from the application's root.
  directory: resolve(
    app.makePath(),
    env.get('LEARNING_PACKAGES_PATH') ?? 'storage/learning_packages'
  ),
  limits: {
    maxEntries: 5000,
    maxUncompressedBytes: 500 * MB,
    maxRatio: 200,
    ratioFloorBytes: 1 * MB,
  },
  launchTokenHours: 4,
}

export default learningPackagesConfig
