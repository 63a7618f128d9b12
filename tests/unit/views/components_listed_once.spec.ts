import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import { Edge } from 'edge.js'
import { listComponentsOnce } from '#services/view_components'

/*
 * An Edge made as the framework makes its own (created, then configured to
 * cache templates), with one component, counting how often it lists them.
 */
function cachingEdge(folder: string) {
  mkdirSync(join(folder, 'components'), { recursive: true })
  writeFileSync(join(folder, 'components', 'badge.edge'), '<strong>{{ text }}</strong>')
  writeFileSync(join(folder, 'page.edge'), "@!badge({ text: 'Booked' })")
  const edge = new Edge()
  edge.configure({ cache: true })
  edge.mount(folder)
  const listed = { times: 0 }
  const list = edge.loader.listComponents.bind(edge.loader)
  edge.loader.listComponents = () => {
    listed.times += 1
    return list()
  }
  return { edge, listed }
}

test.group('Edge components in production', (group) => {
  let folder: string
  group.each.setup(() => {
    folder = mkdtempSync(join(tmpdir(), 'dcs-views-'))
    return () => rmSync(folder, { recursive: true, force: true })
  })

  test('edge.js by itself lists the components folders again before every render', async ({
    assert,
  }) => {
    const { edge, listed } = cachingEdge(folder)
    for (let render = 0; render < 3; render++) {
      const html = await edge.render('page')
      assert.equal(html.trim(), '<strong>Booked</strong>')
    }
    assert.equal(listed.times, 3)
  })

  test('listed once, every render uses that list and renders the same', async ({ assert }) => {
    const { edge, listed } = cachingEdge(folder)
    listComponentsOnce(edge)
    for (let render = 0; render < 3; render++) {
      const html = await edge.render('page')
      assert.equal(html.trim(), '<strong>Booked</strong>')
    }
    assert.equal(listed.times, 1)
  })
})
