import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { strToU8, zipSync, type Zippable } from 'fflate'
import type { ApiClient } from '@japa/api-client'
import learningPackagesConfig from '#config/learning_packages'
import { createProvider, createCourse } from '#database/factories/learning_factory'
import { createUser } from '#database/factories/user_factory'
import { ownPackageZip, type OwnPackage } from '#database/demo/packages'
import { startSelfPaced } from '#actions/learning/start_self_paced'
import { uploadLearningPackage } from '#actions/learning/upload_learning_package'
import { writeFile } from 'node:fs/promises'
import type User from '#models/user'
import type Course from '#models/course'

/* Unix "made by", and a symbolic link's mode, as zip tools write them. */
const UNIX = 3
const SYMLINK_MODE = 0o120777

/* A zip of the given entries; an entry may be a symbolic link (its target as its content). */
export function zipOf(entries: Record<string, string | Buffer | { link: string }>) {
  const files: Zippable = {}
  for (const [name, value] of Object.entries(entries)) {
    if (typeof value === 'object' && 'link' in value) {
      files[name] = [strToU8(value.link), { os: UNIX, attrs: (SYMLINK_MODE << 16) >>> 0, level: 0 }]
    } else {
      files[name] = typeof value === 'string' ? strToU8(value) : new Uint8Array(value)
    }
  }
  return Buffer.from(zipSync(files, { level: 9 }))
}

/* A small manifest of the given SCORM edition whose one SCO launches `href`. */
export function manifestXml(schemaVersion = '1.2', href = 'index.html') {
  return `<?xml version="1.0"?>
<manifest identifier="test" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>${schemaVersion}</schemaversion></metadata>
  <organizations default="o"><organization identifier="o"><title>A test package</title>
    <item identifier="i" identifierref="r"><title>Lesson</title></item>
  </organization></organizations>
  <resources><resource identifier="r" type="webcontent" adlcp:scormtype="sco" href="${href}"/></resources>
</manifest>`
}

/* A valid package with one page besides its manifest, and whatever else is given. */
export function packageWith(extra: Record<string, string | Buffer | { link: string }> = {}) {
  return zipOf({
    'imsmanifest.xml': manifestXml(),
    'index.html': '<!DOCTYPE html><html><head><title>Lesson</title></head><body>Hi</body></html>',
    ...extra,
  })
}

export { ownPackageZip, type OwnPackage }

/*
 * Points the packages directory at a fresh folder for a test, so it can
 * see every package folder a request leaves; restored afterwards.
 */
export async function privatePackagesFolder() {
  const previous = learningPackagesConfig.directory
  const folder = await mkdtemp(join(tmpdir(), 'dcs-packages-test-'))
  learningPackagesConfig.directory = folder
  return {
    folder,
    entries: () => readdir(folder),
    restore: async () => {
      learningPackagesConfig.directory = previous
      await rm(folder, { recursive: true, force: true })
    },
  }
}

/* A self-paced course whose provider has a course admin. */
export async function selfPacedCourse(title = 'Digital awareness') {
  const admin = await createUser({ roles: ['learner', 'course_admin'] })
  const provider = await createProvider(undefined, [admin])
  const course = await createCourse({ provider, title })
  course.delivery = 'self_paced'
  await course.save()
  return { admin, course }
}

/* One of the service's own packages added to a course as a required module. */
export async function addOwnPackage(course: Course, admin: User, name: OwnPackage) {
  const zipPath = join(tmpdir(), `dcs-own-package-${name}-${Date.now()}.zip`)
  await writeFile(zipPath, ownPackageZip(name))
  try {
    const result = await uploadLearningPackage(course, { zipPath, required: true }, admin)
    if (result.type !== 'added') throw new Error(`The package was refused: ${result.type}`)
    return result
  } finally {
    await rm(zipPath, { force: true })
  }
}

/* A learner who has started the course. */
export async function learnerOn(course: Course) {
  const learner = await createUser()
  const started = await startSelfPaced(learner, course.id)
  if (started.type !== 'started') throw new Error(`The course did not start: ${started.type}`)
  return { learner, enrolment: started.enrolment }
}

/* Uploads a zip to a course's package form as its admin. */
export function uploadPackage(
  client: ApiClient,
  course: Course,
  admin: User,
  zip: Buffer,
  filename = 'package.zip'
) {
  return client
    .post(`/learning/admin/courses/${course.id}/packages`)
    .loginAs(admin)
    .withCsrfToken()
    .file('file', zip, { filename })
    .field('required', 'true')
    .redirects(0)
}
