import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import { Edge } from 'edge.js'
import { cachePartials } from '#services/view_partials'

/*
 * An Edge that caches templates, as in production, with a page including a
 * partial inside a loop and after a @let, counting how often templates are
 * read from disk and compiled.
 */
function cachingEdge(folder: string) {
  mkdirSync(join(folder, 'partials'), { recursive: true })
  writeFileSync(
    join(folder, 'partials', 'row.edge'),
    '<li>{{ prefix }} {{ item.name }} ({{ title }})</li>'
  )
  writeFileSync(join(folder, 'partials', 'footer.edge'), '<p>{{ title }}</p>')
  writeFileSync(
    join(folder, 'page.edge'),
    [
      '@let(prefix = "Course:")',
      '<ul>',
      '@each(item in items)',
      "  @include('partials/row')",
      '@end',
      '</ul>',
      "@include('partials/footer')",
    ].join('\n')
  )
  const edge = new Edge()
  edge.configure({ cache: true })
  edge.mount(folder)
  const read = { times: 0 }
  const resolve = edge.loader.resolve.bind(edge.loader)
  edge.loader.resolve = (templatePath: string) => {
    read.times += 1
    return resolve(templatePath)
  }
  return { edge, read }
}

const ITEMS = [{ name: 'Agile' }, { name: 'Data <ethics>' }, { name: 'Service design' }]

test.group('Edge partials in production', (group) => {
  let folder: string
  group.each.setup(() => {
    folder = mkdtempSync(join(tmpdir(), 'dcs-views-'))
    return () => rmSync(folder, { recursive: true, force: true })
  })

  test('edge.js by itself compiles a partial included beside local variables again on every render', async ({
    assert,
  }) => {
    const { edge, read } = cachingEdge(folder)
    await edge.render('page', { items: ITEMS, title: 'Catalogue' })
    const afterFirst = read.times
    await edge.render('page', { items: ITEMS, title: 'Catalogue' })
    assert.isAbove(read.times, afterFirst)
  })

  test('with cachePartials each partial is compiled once and every render gives the same page', async ({
    assert,
  }) => {
    const plain = cachingEdge(mkdtempSync(join(folder, 'plain-')))
    const expected = await plain.edge.render('page', { items: ITEMS, title: 'Catalogue' })
    assert.include(expected, '<li>Course: Data &lt;ethics&gt; (Catalogue)</li>')

    const { edge, read } = cachingEdge(folder)
    cachePartials(edge)
    assert.equal(await edge.render('page', { items: ITEMS, title: 'Catalogue' }), expected)
    const afterFirst = read.times
    for (let render = 0; render < 3; render++) {
      assert.equal(await edge.render('page', { items: ITEMS, title: 'Catalogue' }), expected)
    }
    assert.equal(read.times, afterFirst)
    const other = await edge.render('page', { items: [{ name: 'Other' }], title: 'Search' })
    assert.include(other, '<li>Course: Other (Search)</li>')
  })
})
