import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import { DateTime } from 'luxon'
import { createUser } from '#database/factories/user_factory'
import { createProvider } from '#database/factories/learning_factory'
import { createEntrant } from '#database/factories/fast_stream_factory'
import UserRole from '#models/user_role'
import { apiAs, bearer } from '#tests/support/api'
import { Visitor, forgetAllSessions } from '#tests/support/session_cookies'
import db from '@adonisjs/lucid/services/db'
import { findWithIdentity } from '#services/identity'

/* Counts the statements sent to the database while the callback runs. */
async function statementsDuring(callback: () => Promise<unknown>) {
  const client = db.connection().getWriteClient()
  let count = 0
  const counted = () => {
    count += 1
  }
  client.on('query', counted)
  try {
    await callback()
  } finally {
    client.off('query', counted)
  }
  return count
}

/* The status a page answers the browser with. */
async function statusOf(browser: Visitor, path: string) {
  const answer = await browser.get(path)
  return answer.status
}

/* The texts of a page's navigation links: the main navigation's and its section's. */
async function linksOn(browser: Visitor, path: string) {
  const answer = await browser.get(path)
  return navigationLinks(answer.text)
}

function navigationLinks(html: string) {
  const navigations = [...html.matchAll(/<nav\b[^>]*>([\s\S]*?)<\/nav>/g)].map((match) => match[1])
  return navigations.flatMap((nav) =>
    [...nav.matchAll(/<a\b[^>]*>([\s\S]*?)<\/a>/g)].map((match) =>
      match[1]
        .replace(/<[^>]*>/g, '')
        .replace(/\s+/g, ' ')
        .trim()
    )
  )
}

/*
 * A signed-in person keeps the same session across requests while someone
 * else changes what they may do: every next request sees the change.
 */
test.group('Identity of a signed-in person, request by request', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => forgetAllSessions())
  group.each.setup(() => limiter.clear(['memory']))

  test('a role given while signed in opens its pages on the next request, and taking it away closes them', async ({
    assert,
  }) => {
    const person = await createUser({ roles: ['learner'] })
    const browser = await Visitor.signedIn(person.email)
    assert.equal(await statusOf(browser, '/admin/users'), 403)
    assert.notInclude(await linksOn(browser, '/'), 'Dashboards')

    const given = await UserRole.create({ userId: person.id, role: 'department_hr' })
    assert.equal(await statusOf(browser, '/admin/users'), 200)
    assert.include(await linksOn(browser, '/'), 'Dashboards')

    await given.delete()
    assert.equal(await statusOf(browser, '/admin/users'), 403)
    assert.notInclude(await linksOn(browser, '/'), 'Dashboards')
  })

  test('someone starting to report to a person makes them a line manager on their next request', async ({
    assert,
  }) => {
    const manager = await createUser()
    const report = await createUser()
    const browser = await Visitor.signedIn(manager.email)
    assert.notInclude(await linksOn(browser, '/learning/my'), 'Approvals')

    report.lineManagerId = manager.id
    await report.save()
    assert.include(await linksOn(browser, '/learning/my'), 'Approvals')

    report.lineManagerId = null
    await report.save()
    assert.notInclude(await linksOn(browser, '/learning/my'), 'Approvals')
  })

  test('a course admin linked to a provider while signed in manages courses on the next request', async ({
    assert,
  }) => {
    const admin = await createUser({ roles: ['learner', 'course_admin'] })
    const browser = await Visitor.signedIn(admin.email)
    assert.notInclude(await linksOn(browser, '/learning/my'), 'Manage courses')

    const provider = await createProvider()
    await provider.related('admins').attach([admin.id])
    assert.include(await linksOn(browser, '/learning/my'), 'Manage courses')

    await provider.related('admins').detach([admin.id])
    assert.notInclude(await linksOn(browser, '/learning/my'), 'Manage courses')
  })

  test('a person made an entrant while signed in sees their placements on the next request', async ({
    assert,
  }) => {
    const person = await createUser()
    const browser = await Visitor.signedIn(person.email)
    assert.notInclude(await linksOn(browser, '/'), 'Placements')

    const { entrant } = await createEntrant({ user: person })
    assert.include(await linksOn(browser, '/'), 'Placements')

    await entrant.delete()
    assert.notInclude(await linksOn(browser, '/'), 'Placements')
  })

  test('a person deactivated while signed in is signed out on the next request', async ({
    assert,
  }) => {
    const person = await createUser()
    const browser = await Visitor.signedIn(person.email)
    assert.isTrue(await browser.isSignedIn())

    person.deactivatedAt = DateTime.utc()
    await person.save()
    assert.isFalse(await browser.isSignedIn())
  })

  test('an API token reads the roles and reports its person has now, not when it was issued', async ({
    client,
    assert,
  }) => {
    const person = await createUser({ roles: ['learner'] })
    const authorization = await bearer(person)
    const before = await apiAs(client, authorization).get('/api/v1/me')
    before.assertStatus(200)
    assert.sameMembers(before.body().data.roles, ['learner'])
    assert.isFalse(before.body().data.isLineManager)

    await UserRole.create({ userId: person.id, role: 'department_hr' })
    const report = await createUser()
    report.lineManagerId = person.id
    await report.save()

    const after = await apiAs(client, authorization).get('/api/v1/me')
    after.assertStatus(200)
    assert.sameMembers(after.body().data.roles, ['learner', 'department_hr'])
    assert.isTrue(after.body().data.isLineManager)
  })

  test('a person and their whole identity are read in one statement', async ({ assert }) => {
    const person = await createUser({ roles: ['learner', 'course_admin'] })
    const report = await createUser()
    report.lineManagerId = person.id
    await report.save()
    await createProvider(undefined, [person])
    await createEntrant({ user: person })

    let found: Awaited<ReturnType<typeof findWithIdentity>> = null
    const statements = await statementsDuring(async () => {
      found = await findWithIdentity(person.id)
    })
    assert.equal(statements, 1)
    assert.sameMembers(found!.roleNames, ['learner', 'course_admin'])
    assert.isTrue(found!.isLineManager)
    assert.isTrue(found!.administersCourses)
    assert.isTrue(found!.isFastStreamEntrant)
    assert.equal(found!.entrantProgramme, 'fast_stream')
  })
})
