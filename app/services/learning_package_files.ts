import { createWriteStream } from 'node:fs'
import { mkdir, rename, rm, stat } from 'node:fs/promises'
import { dirname, join, resolve, sep } from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import yauzl, { type Entry, type ZipFile } from 'yauzl'
import learningPackagesConfig from '#config/learning_packages'
import { parseScormManifest, type ScormManifest } from '#domain/learning/scorm_manifest'

export const MANIFEST_NAME = 'imsmanifest.xml'

/* The folder under a package's address that serves the run-time, never a package's own file. */
export const RUNTIME_FOLDER = '__scorm_runtime__'

/* The largest manifest read: far beyond any real one, small enough to hold in memory. */
const MANIFEST_MAX_BYTES = 2 * 1024 * 1024

export type PackageLimits = typeof learningPackagesConfig.limits

/* Why a zip was refused as an e-learning package; nothing of it is kept. */
export type PackageProblem =
  | { type: 'not_a_zip' }
  | { type: 'too_many_entries'; limit: number }
  | { type: 'unsafe_path'; name: string }
  | { type: 'symlink'; name: string }
  | { type: 'unreadable_entry'; name: string }
  | { type: 'too_large'; limit: number }
  | { type: 'zip_bomb'; name: string; ratio: number }
  | { type: 'no_manifest' }
  | { type: 'unreadable_manifest' }
  | { type: 'unsupported_version'; found: string }
  | { type: 'no_launchable_sco' }
  | { type: 'launch_page_missing'; href: string }

export type UnpackResult =
  { type: 'ok'; manifest: ScormManifest; sizeBytes: number; fileCount: number } | PackageProblem

class Refused extends Error {
  constructor(readonly problem: PackageProblem) {
    super(problem.type)
  }
}

const S_IFMT = 0o170000
const S_IFLNK = 0o120000

/* An entry's name, decoded as the zip says (UTF-8 or IBM 437), without yauzl's own checks. */
function nameOf(entry: Entry) {
  return yauzl.getFileNameLowLevel(
    entry.generalPurposeBitFlag,
    entry.fileName as unknown as Buffer,
    entry.extraFields,
    true
  )
}

/* A name that stays inside the package: relative, no "..", no backslash, no drive, no control characters. */
export function isSafeEntryName(name: string) {
  if (name === '' || name.length > 1000) return false
  if (name.startsWith('/') || /^[a-z]:/i.test(name)) return false
  if (name.includes('\\') || [...name].some((char) => char.charCodeAt(0) < 0x20)) return false
  const segments = name.replace(/\/$/, '').split('/')
  return segments.every((segment) => segment !== '' && segment !== '.' && segment !== '..')
}

const isSymlink = (entry: Entry) =>
  ((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK && entry.versionMadeBy >> 8 === 3

/* Every entry of the zip, checked by name and kind, before any is inflated. */
async function readEntries(zip: ZipFile, limits: PackageLimits) {
  if (zip.entryCount > limits.maxEntries) {
    throw new Refused({ type: 'too_many_entries', limit: limits.maxEntries })
  }
  const entries: { entry: Entry; name: string }[] = []
  await new Promise<void>((done, fail) => {
    zip.on('entry', (entry: Entry) => {
      const name = nameOf(entry)
      if (!isSafeEntryName(name)) return fail(new Refused({ type: 'unsafe_path', name }))
      if (isSymlink(entry)) return fail(new Refused({ type: 'symlink', name }))
      if (name.startsWith(`${RUNTIME_FOLDER}/`)) {
        return fail(new Refused({ type: 'unsafe_path', name }))
      }
      entries.push({ entry, name })
      if (entries.length > limits.maxEntries) {
        return fail(new Refused({ type: 'too_many_entries', limit: limits.maxEntries }))
      }
      zip.readEntry()
    })
    zip.on('end', () => done())
    zip.on('error', (error) => fail(error))
    zip.readEntry()
  })
  return entries
}

/*
 * Counts what an entry inflates to and stops it at the limits: the
 * package's total, and the ratio to the entry's compressed size. The
 * headers' sizes are not trusted.
 */
class InflateGuard extends Transform {
  private inflated = 0

  constructor(
    private readonly name: string,
    private readonly compressedSize: number,
    private readonly totals: { inflated: number },
    private readonly limits: PackageLimits
  ) {
    super()
  }

  _transform(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void) {
    this.inflated += chunk.length
    this.totals.inflated += chunk.length
    if (this.totals.inflated > this.limits.maxUncompressedBytes) {
      callback(new Refused({ type: 'too_large', limit: this.limits.maxUncompressedBytes }))
      return
    }
    const ratio = this.inflated / Math.max(1, this.compressedSize)
    if (this.inflated > this.limits.ratioFloorBytes && ratio > this.limits.maxRatio) {
      callback(new Refused({ type: 'zip_bomb', name: this.name, ratio: this.limits.maxRatio }))
      return
    }
    this.push(chunk)
    callback()
  }
}

async function openEntry(zip: ZipFile, entry: Entry, name: string) {
  try {
    return await zip.openReadStreamPromise(entry)
  } catch {
    // Encrypted, or compressed by a method zip readers do not share.
    throw new Refused({ type: 'unreadable_entry', name })
  }
}

/* Reads the manifest, bounded, before anything is written. */
async function readManifest(
  zip: ZipFile,
  entries: { entry: Entry; name: string }[],
  limits: PackageLimits
) {
  const found = entries.find(({ name }) => name === MANIFEST_NAME)
  if (!found) throw new Refused({ type: 'no_manifest' })
  const stream = await openEntry(zip, found.entry, found.name)
  const chunks: Buffer[] = []
  let size = 0
  const guard = new InflateGuard(found.name, found.entry.compressedSize, { inflated: 0 }, limits)
  try {
    await pipeline(stream, guard, async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) {
        size += chunk.length
        if (size > MANIFEST_MAX_BYTES) throw new Refused({ type: 'unreadable_manifest' })
        chunks.push(chunk)
      }
    })
  } catch (error) {
    throw refusalOf(error, found.name)
  }
  const parsed = parseScormManifest(Buffer.concat(chunks).toString('utf8'))
  if (parsed.type !== 'ok') {
    switch (parsed.type) {
      case 'unsupported_version':
        throw new Refused({ type: 'unsupported_version', found: parsed.found })
      case 'unreadable':
        throw new Refused({ type: 'unreadable_manifest' })
      case 'no_launchable_sco':
        throw new Refused({ type: 'no_launchable_sco' })
      default: {
        const unreachable: never = parsed
        throw unreachable
      }
    }
  }
  const launchable = entries.some(
    ({ name }) => name === parsed.manifest.launchPath && !name.endsWith('/')
  )
  if (!launchable) {
    throw new Refused({ type: 'launch_page_missing', href: parsed.manifest.launchHref })
  }
  return parsed.manifest
}

/* An error while reading an entry: one of the refusals, or the entry is damaged. */
function refusalOf(error: unknown, name: string) {
  if (error instanceof Refused) return error
  return new Refused({ type: 'unreadable_entry', name })
}

/* Where an entry is written: inside the folder, whatever its name says. */
function targetOf(folder: string, name: string) {
  const target = resolve(folder, name)
  if (!target.startsWith(folder + sep)) throw new Refused({ type: 'unsafe_path', name })
  return target
}

/*
 * Checks an uploaded zip as an e-learning package and unpacks it into
 * `destination` (which must not exist yet). On any refusal nothing is
 * left behind: the half-written folder is removed.
 */
export async function unpackPackage(
  zipPath: string,
  destination: string,
  limits: PackageLimits = learningPackagesConfig.limits
): Promise<UnpackResult> {
  let zip: ZipFile
  try {
    zip = await yauzl.openPromise(zipPath, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: false,
      validateEntrySizes: true,
    })
  } catch {
    return { type: 'not_a_zip' }
  }
  const partial = `${destination}.partial`
  try {
    const entries = await readEntries(zip, limits).catch((error) => {
      throw error instanceof Refused ? error : new Refused({ type: 'not_a_zip' })
    })
    const manifest = await readManifest(zip, entries, limits)
    const { size: compressed } = await stat(zipPath)

    const folder = resolve(partial)
    await mkdir(folder, { recursive: true })
    const totals = { inflated: 0 }
    let fileCount = 0
    for (const { entry, name } of entries) {
      const target = targetOf(folder, name)
      if (name.endsWith('/')) {
        await mkdir(target, { recursive: true })
        continue
      }
      await mkdir(dirname(target), { recursive: true })
      const stream = await openEntry(zip, entry, name)
      try {
        await pipeline(
          stream,
          new InflateGuard(name, entry.compressedSize, totals, limits),
          createWriteStream(target, { flags: 'wx' })
        )
      } catch (error) {
        throw refusalOf(error, name)
      }
      fileCount += 1
    }
    if (
      totals.inflated > limits.ratioFloorBytes &&
      totals.inflated / compressed > limits.maxRatio
    ) {
      throw new Refused({ type: 'zip_bomb', name: MANIFEST_NAME, ratio: limits.maxRatio })
    }
    await rename(folder, resolve(destination))
    return { type: 'ok', manifest, sizeBytes: totals.inflated, fileCount }
  } catch (error) {
    await rm(partial, { recursive: true, force: true })
    if (error instanceof Refused) return error.problem
    throw error
  } finally {
    zip.close()
  }
}

/* The folder of a package's files. */
export function packageFolder(storageKey: string) {
  return join(learningPackagesConfig.directory, storageKey)
}

/* Removes a package's files, as when its record could not be saved or is deleted. */
export async function removePackageFiles(storageKey: string) {
  await rm(packageFolder(storageKey), { recursive: true, force: true })
}

/*
 * The file a request's path inside a package names, or null when it names
 * none: "..", encoded dots, backslashes and absolute paths never leave the
 * package's folder, and a folder is never listed.
 */
export async function packageFile(storageKey: string, segments: string[]) {
  const folder = resolve(packageFolder(storageKey))
  const decoded: string[] = []
  for (const segment of segments) {
    let value: string
    try {
      value = decodeURIComponent(segment)
    } catch {
      return null
    }
    decoded.push(value)
  }
  const name = decoded.join('/')
  if (!isSafeEntryName(name) || name.endsWith('/')) return null
  const target = resolve(folder, name)
  if (!target.startsWith(folder + sep)) return null
  try {
    const found = await stat(target)
    return found.isFile() ? { path: target, name, size: found.size } : null
  } catch {
    return null
  }
}
