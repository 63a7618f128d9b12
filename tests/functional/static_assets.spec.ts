import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'

test.group('Static files', (group) => {
  const asset = app.publicPath('assets/static-probe.txt')
  const outside = app.publicPath('static-probe.txt')
  group.each.setup(() => {
    mkdirSync(app.publicPath('assets'), { recursive: true })
    writeFileSync(asset, 'an asset')
    writeFileSync(outside, 'not an asset')
    return () => {
      rmSync(asset, { force: true })
      rmSync(outside, { force: true })
    }
  })

  test('files under /assets are served; a file anywhere else in public/ is not', async ({
    client,
  }) => {
    const served = await client.get('/assets/static-probe.txt')
    served.assertStatus(200)
    served.assertTextIncludes('an asset')
    const refused = await client.get('/static-probe.txt')
    refused.assertStatus(404)
  })
})
