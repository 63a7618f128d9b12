import { mkdir } from 'node:fs/promises'
import string from '@adonisjs/core/helpers/string'
import db from '@adonisjs/lucid/services/db'
import learningPackagesConfig from '#config/learning_packages'
import CourseModule from '#models/course_module'
import LearningPackage from '#models/learning_package'
import type Course from '#models/course'
import type User from '#models/user'
import {
  packageFolder,
  removePackageFiles,
  unpackPackage,
  type PackageProblem,
} from '#services/learning_package_files'

export type UploadPackageResult =
  | { type: 'added'; learningPackage: LearningPackage; module: CourseModule }
  | { type: 'not_self_paced' }
  | { type: 'refused'; problem: PackageProblem }

/*
 * Adds an e-learning package to a self-paced course as its next module:
 * the zip is checked and unpacked into a folder of its own, then the
 * package and its module are saved in one transaction. A refused zip
 * leaves no file and no record; so does a save that fails.
 */
export async function uploadLearningPackage(
  course: Course,
  input: { zipPath: string; title?: string | null; required: boolean },
  uploader: User
): Promise<UploadPackageResult> {
  if (course.delivery !== 'self_paced') return { type: 'not_self_paced' }

  const storageKey = string.uuid()
  await mkdir(learningPackagesConfig.directory, { recursive: true })
  const unpacked = await unpackPackage(input.zipPath, packageFolder(storageKey))
  if (unpacked.type !== 'ok') return { type: 'refused', problem: unpacked }

  try {
    return await db.transaction(async (trx) => {
      const learningPackage = await LearningPackage.create(
        {
          courseId: course.id,
          scormVersion: unpacked.manifest.version,
          title: unpacked.manifest.title,
          launchHref: unpacked.manifest.launchHref,
          storageKey,
          sizeBytes: unpacked.sizeBytes,
          fileCount: unpacked.fileCount,
          uploadedBy: uploader.id,
        },
        { client: trx }
      )
      const last = await trx
        .from('course_modules')
        .where('course_id', course.id)
        .max('position as position')
        .first()
      const module = await CourseModule.create(
        {
          courseId: course.id,
          position: Number(last?.position ?? 0) + 1,
          title: input.title || unpacked.manifest.title,
          kind: 'scorm',
          url: null,
          required: input.required,
          packageId: learningPackage.id,
        },
        { client: trx }
      )
      return { type: 'added' as const, learningPackage, module }
    })
  } catch (error) {
    await removePackageFiles(storageKey)
    throw error
  }
}
