import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/*
 * Points the process's temporary folder, where uploaded files are written
 * while a request reads them, at a fresh folder of its own, so a test can
 * see every file a request leaves behind. The test server runs in the same
 * process, and os.tmpdir() reads TMPDIR on every call.
 */
export async function privateTempFolder() {
  const previous = process.env.TMPDIR
  const folder = await mkdtemp(join(tmpdir(), 'dcs-uploads-test-'))
  process.env.TMPDIR = folder
  return {
    folder,
    files: () => readdir(folder),
    restore: async () => {
      if (previous === undefined) delete process.env.TMPDIR
      else process.env.TMPDIR = previous
      await rm(folder, { recursive: true, force: true })
    },
  }
}
