import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { Group } from '@japa/runner/core'
import { parse } from 'csv-parse/sync'
import type { Assert } from '@japa/assert'
import type { ApiRequest, ApiResponse } from '@japa/api-client'
import Export from '#models/export'
import type User from '#models/user'
import exportsConfig from '#config/exports'

/*
 * Reading what the service exports in tests: CSV bodies and the files
 * export jobs write, in an exports folder each test has to itself.
 */

/* Where a page that offers an export sends people for the large ones. */
export const MY_EXPORTS = 'see <a href="/exports">My exports</a>'

/* Fails unless the response is sent as a download named for its subject and today's date: `people-2026-12-07.csv`. */
export function assertDatedCsvName(assert: Assert, response: ApiResponse, name: string) {
  assert.match(
    response.header('content-disposition') ?? '',
    new RegExp(`^attachment; filename="${name}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`)
  )
}

/*
 * Asks, as the person, for an export large enough to be written by a job:
 * the answer sends them on (302), and the export queued for them is read back.
 */
export async function queuedExport(request: ApiRequest, user: User) {
  const asked = await request.redirects(0).loginAs(user)
  asked.assertStatus(302)
  const record = await Export.query().where('user_id', user.id).firstOrFail()
  return { asked, record }
}

/* A CSV body as rows of cells, the header first. */
export function csvRows(text: string): string[][] {
  return parse(text)
}

/*
 * Gives each test of the group an exports folder of its own, removed
 * afterwards, and the job threshold and batch size asked for (a small
 * threshold makes small exports jobs); the settings are put back after
 * each test.
 */
export function privateExports(
  group: Group,
  settings: { jobThreshold?: number; batchSize?: number } = {}
) {
  group.each.setup(() => {
    const saved = { ...exportsConfig }
    Object.assign(exportsConfig, settings)
    exportsConfig.directory = join(process.cwd(), 'tmp', `exports-test-${process.pid}`)
    return async () => {
      await rm(exportsConfig.directory, { recursive: true, force: true })
      Object.assign(exportsConfig, saved)
    }
  })
}

/* The rows of a finished export's file, the header first. */
export async function fileRows(record: Export) {
  return csvRows(await readFile(join(exportsConfig.directory, record.fileName!), 'utf8'))
}

/* Some columns of each row of a finished export's file, the header first. */
export async function fileColumns(record: Export, columns: number[]) {
  const rows = await fileRows(record)
  return rows.map((row) => columns.map((column) => row[column]))
}
