import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import router from '@adonisjs/core/services/router'
import env from '#start/env'
import { createUser } from '#database/factories/user_factory'

const PAGES = [
  {
    route: 'service.accessibility',
    h1: 'Accessibility statement for the Digital Capability Service',
  },
  { route: 'service.cookies', h1: 'Cookies' },
  { route: 'service.privacy', h1: 'Privacy notice' },
  { route: 'service.feedback', h1: 'Give feedback' },
  { route: 'service.status', h1: 'Service status' },
]

test.group('The pages every service has', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('{route} is a page anyone can read, signed in or not')
    .with(PAGES)
    .run(async ({ client }, { route, h1 }) => {
      const guest = await client.get(router.makeUrl(route))
      guest.assertStatus(200)
      guest.assertTextIncludes(`<h1>${h1}</h1>`)
      const signedIn = await client.get(router.makeUrl(route)).loginAs(await createUser())
      signedIn.assertStatus(200)
      signedIn.assertTextIncludes(`<h1>${h1}</h1>`)
    })

  test('every page links to them in its footer, and its phase banner to feedback', async ({
    client,
    assert,
  }) => {
    for (const response of [
      await client.get('/sign-in'),
      await client.get('/').loginAs(await createUser()),
    ]) {
      const html = response.text()
      const footer = html.slice(html.indexOf('<footer'))
      for (const { route } of PAGES) {
        assert.include(footer, `href="${router.makeUrl(route)}"`, route)
      }
      assert.match(
        html,
        /<strong class="tag">Beta<\/strong> This is a new service\. Your <a href="\/feedback">feedback<\/a>/
      )
      assert.match(html, /<link rel="icon" type="image\/svg\+xml" href="data:image\/svg\+xml,/)
    }
  })

  test('the status page says the service is running, as a page, not JSON', async ({ client }) => {
    const response = await client.get(router.makeUrl('service.status'))
    response.assertStatus(200)
    response.assertHeader('content-type', 'text/html; charset=utf-8')
    response.assertTextIncludes('The service is running normally.')
  })

  test('the feedback page gives the support address when one is set', async ({
    client,
    assert,
    cleanup,
  }) => {
    const before = env.get('SUPPORT_EMAIL')
    cleanup(() => env.set('SUPPORT_EMAIL', before as string))
    env.set('SUPPORT_EMAIL', 'capability.team@example.gov.uk')
    const response = await client.get(router.makeUrl('service.feedback'))
    response.assertTextIncludes('href="mailto:capability.team@example.gov.uk"')
    assert.match(response.text(), />\s*capability\.team@example\.gov\.uk\s*<\/a>/)
  })

  test('the cookies page names the one cookie the service sets', async ({ client, assert }) => {
    const signIn = await client.get('/sign-in')
    const names = [String(signIn.header('set-cookie'))].flatMap((cookie) =>
      [...cookie.matchAll(/(?:^|,\s*)([\w-]+)=/g)].map((match) => match[1])
    )
    assert.deepEqual([...new Set(names)], ['dcs-session'])
    const page = await client.get(router.makeUrl('service.cookies'))
    page.assertTextIncludes('<code>dcs-session</code>')
  })
})
