import { test } from '@japa/runner'
import edge from 'edge.js'

test.group('Error pages', () => {
  test('the server error page renders with nothing from the request: no layout, assets or session', async ({
    assert,
  }) => {
    const html = await edge.render('pages/errors/server_error', {})
    assert.include(html, '<h1>Sorry, there is a problem with the service</h1>')
    assert.notInclude(html, '@vite')
    assert.notInclude(html, '/assets/')
  })
})
