import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import app from '@adonisjs/core/services/app'
import mail from '@adonisjs/mail/services/main'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import {
  createEntrant,
  createPlacement,
  createRanking,
  createRound,
  createScheme,
  createShortlist,
  createTeam,
  createTeamLead,
} from '#database/factories/fast_stream_factory'
import type { BaseMail } from '@adonisjs/mail'
import type User from '#models/user'
import FastStreamMatched from '#mails/fast_stream_matched'
import FastStreamNotMatched from '#mails/fast_stream_not_matched'
import FastStreamShortlistReminder from '#mails/fast_stream_shortlist_reminder'
import FastStreamTeamArrivals from '#mails/fast_stream_team_arrivals'
import FastStreamRemindShortlists from '../../../commands/fast_stream_remind_shortlists.js'
import { collapse } from '#tests/support/html'
import { submitAs } from '#tests/support/forms'
import { monthsAway } from '#tests/support/fixtures/digital_rule'
import PlacementMatch from '#models/placement_match'

/*
 * Future Leaders read of the Future Leaders Scheme and of Future Leaders on
 * their pages and in their e-mails; Fast Streamers of the Fast Stream and
 * of entrants, as before.
 */

/* A page's words: its text and the labels of its landmarks, without markup or addresses. */
function wordsOf(html: string) {
  const labels = [...html.matchAll(/\saria-label="([^"]*)"/g)].map((match) => match[1])
  const text = html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&rsquo;/g, '’')
  return collapse(`${labels.join(' ')} ${text}`)
}

/* The words of a page as this person sees it. */
async function pageWords(client: any, path: string, user: User) {
  const response = await client.get(path).loginAs(user)
  response.assertStatus(200)
  return wordsOf(response.text())
}

/* What an e-mail says, in its subject, text and HTML. */
function mailWords(sent: BaseMail) {
  const message = sent.message.toObject().message
  return collapse(`${message.subject} ${message.text} ${wordsOf(String(message.html))}`)
}

const FAST_STREAM_WORDS = /fast stream|\bentrants?\b/i

async function runReminders() {
  const ace = await app.container.make('ace')
  ace.ui.switchMode('raw')
  // The factory's open rounds close in ten days.
  const command = await ace.create(FastStreamRemindShortlists, ['--hours=264'])
  await command.exec()
  command.assertSucceeded()
}

/*
 * One programme's people: a team lead with a placement matched and
 * published in a round of the programme (Kofi matched to it, Ama not, her
 * choice filled by Kofi), and a round open to choices where Ama has
 * started a list and not submitted it.
 */
async function programmeRounds(programme: 'fast_stream' | 'future_leaders') {
  const admin = await createUser({ roles: ['fast_stream_admin', 'learner'] })
  const dft = await OrganisationFactory.merge({ name: 'Department for Transport' }).create()
  const hmrc = await OrganisationFactory.merge({ name: 'HM Revenue and Customs' }).create()
  const team = await createTeam(dft, 'Vehicle tax')
  const lead = await createTeamLead(team, {
    organisation: dft,
    overrides: { fullName: 'Vera Lead' },
  })
  const scheme = await createScheme(
    programme === 'future_leaders' ? 'Future Leaders Scheme' : 'Digital, Data and Technology',
    programme
  )
  const { user: amaUser, entrant: ama } = await createEntrant({
    name: 'Ama Owusu',
    scheme,
    startedOn: monthsAway(-2),
    postings: [{ organisation: hmrc, title: 'Policy adviser', startsOn: '2013-09-01' }],
  })
  const { user: kofiUser, entrant: kofi } = await createEntrant({
    name: 'Kofi Mensah',
    scheme,
    startedOn: monthsAway(-2),
  })
  const autumn = await createRound({
    status: 'closed',
    name: 'Autumn round',
    programme,
    postingStartsOn: monthsAway(1),
    postingEndsOn: monthsAway(7),
  })
  const vehicleTax = await createPlacement(autumn, { title: 'Operations manager', team })
  await createShortlist(autumn, ama, [vehicleTax])
  await createShortlist(autumn, kofi, [vehicleTax])
  await createRanking(vehicleTax, [kofi, ama])

  const spring = await createRound({ name: 'Spring round', programme })
  const springPlacement = await createPlacement(spring, { title: 'Service owner', team })
  await createShortlist(spring, ama, [springPlacement], null)
  return { admin, lead, amaUser, kofiUser, autumn, springPlacement }
}

/* The Fast Stream team runs the match and publishes it; the e-mails it sends are caught. */
async function matchAndPublish(client: any, admin: User, roundId: number) {
  const fake = mail.fake()
  for (const step of ['match', 'publish']) {
    const response = await submitAs(client, admin).post(
      `/fast-stream/admin/rounds/${roundId}/${step}`
    )
    response.assertStatus(302)
  }
  return fake
}

test.group('Programme wording: pages and e-mails speak of the person’s own programme', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => mail.restore())

  test('a Future Leader’s home page, placements, shortlist and result speak of the Future Leaders Scheme, never the Fast Stream or entrants', async ({
    client,
    assert,
  }) => {
    const { admin, amaUser, autumn, springPlacement } = await programmeRounds('future_leaders')
    await matchAndPublish(client, admin, autumn.id)

    const pages = [
      '/',
      '/fast-stream/placements',
      `/fast-stream/placements/${springPlacement.id}`,
      '/fast-stream/shortlist',
      '/fast-stream/my-placement',
    ]
    const words = new Map<string, string>()
    for (const path of pages) {
      words.set(path, await pageWords(client, path, amaUser))
      assert.notMatch(words.get(path)!, FAST_STREAM_WORDS, `${path} says: ${words.get(path)}`)
    }

    assert.include(words.get('/'), 'Submit your placement shortlist')
    assert.include(words.get('/fast-stream/shortlist'), 'Your Future Leaders Scheme placements')
    const result = words.get('/fast-stream/my-placement')
    assert.include(
      result,
      'Each placement you ranked that was open to you was filled by Future Leaders its team ranked higher.'
    )
    assert.include(
      result,
      'The Future Leaders Scheme team will contact you about your next posting.'
    )
  })

  test('the team running a Future Leaders round reads of Future Leaders on its round, match and publishing pages and in its messages', async ({
    client,
    assert,
  }) => {
    const { admin, autumn } = await programmeRounds('future_leaders')
    const roundPage = `/fast-stream/admin/rounds/${autumn.id}`

    const matched = await submitAs(client, admin).post(`${roundPage}/match`)
    matched.assertFlashMessage('success', 'Match run: 1 of 2 Future Leaders matched')
    const kofiMatch = await PlacementMatch.query()
      .where('round_id', autumn.id)
      .whereNotNull('placement_id')
      .firstOrFail()
    const pages = [
      roundPage,
      `${roundPage}/results`,
      `${roundPage}/publish`,
      `${roundPage}/matches/${kofiMatch.id}/move`,
    ]
    for (const path of pages) {
      const words = await pageWords(client, path, admin)
      assert.notMatch(words, /\bentrants?\b/i, `${path} says: ${words}`)
      assert.include(words, 'Future Leader', path)
    }
    assert.include(await pageWords(client, roundPage, admin), 'Future Leaders can choose from')
    assert.include(
      await pageWords(client, `${roundPage}/publish`, admin),
      'E-mails to Future Leaders 2 Future Leaders told their result'
    )

    mail.fake()
    const published = await submitAs(client, admin).post(`${roundPage}/publish`)
    published.assertFlashMessage(
      'success',
      'Autumn round published: 1 posting added, 2 Future Leaders and 1 team lead e-mailed'
    )
  })

  test('a Fast Streamer’s pages still speak of the Fast Stream and of entrants', async ({
    client,
    assert,
  }) => {
    const { admin, amaUser, autumn } = await programmeRounds('fast_stream')
    await matchAndPublish(client, admin, autumn.id)

    const shortlist = await pageWords(client, '/fast-stream/shortlist', amaUser)
    assert.include(shortlist, 'Your Fast Stream placements')
    const result = await pageWords(client, '/fast-stream/my-placement', amaUser)
    assert.include(
      result,
      'Each placement you ranked that was open to you was filled by entrants its team ranked higher.'
    )
    assert.include(result, 'The Fast Stream team will contact you about your next posting.')
  })

  test('with no round of their own programme open, each is told their own programme’s team opens the next', async ({
    client,
    assert,
  }) => {
    const scheme = await createScheme('Future Leaders Scheme', 'future_leaders')
    const { user: leader } = await createEntrant({ name: 'Callum Fraser', scheme })
    const { user: entrant } = await createEntrant({ name: 'Nova Newer' })
    // The other programme's open round is no round for them.
    const fastStreamRound = await createRound({ name: 'Fast Stream spring' })

    for (const path of ['/fast-stream/placements', '/fast-stream/shortlist']) {
      const response = await client.get(path).loginAs(leader)
      response.assertStatus(200)
      const words = wordsOf(response.text())
      assert.include(words, 'There is no placement round open at the moment.')
      assert.include(
        words,
        'When the Future Leaders Scheme team opens the next round, its placements appear here'
      )
      assert.notMatch(words, FAST_STREAM_WORDS, `${path} speaks of the Fast Stream: ${words}`)
    }

    fastStreamRound.status = 'published'
    await fastStreamRound.save()
    await createRound({ name: 'Future Leaders spring', programme: 'future_leaders' })
    const response = await client.get('/fast-stream/placements').loginAs(entrant)
    response.assertStatus(200)
    assert.include(
      wordsOf(response.text()),
      'When the Fast Stream team opens the next round, its placements appear here'
    )
  })

  test('the e-mails of a published Future Leaders round and the reminder to submit a list speak of the Future Leaders Scheme', async ({
    client,
    assert,
  }) => {
    const { admin, amaUser, kofiUser, lead, autumn } = await programmeRounds('future_leaders')
    const fake = await matchAndPublish(client, admin, autumn.id)
    const queued = fake.mails.queued()
    assert.lengthOf(queued, 3)

    const matched = queued.find((sent) => sent instanceof FastStreamMatched)!
    matched.message.assertTo(kofiUser.email, 'Kofi Mensah')
    matched.message.assertSubject('Your Future Leaders Scheme placement: Operations manager')
    matched.message.assertHtmlIncludes('<h1>You have a Future Leaders Scheme placement</h1>')

    const notMatched = queued.find((sent) => sent instanceof FastStreamNotMatched)!
    notMatched.message.assertTo(amaUser.email, 'Ama Owusu')
    notMatched.message.assertSubject('Your Future Leaders Scheme placement result: Autumn round')
    notMatched.message.assertTextIncludes(
      'Each placement you ranked that was open to you was filled by Future Leaders its team ranked higher.'
    )
    notMatched.message.assertTextIncludes(
      'The Future Leaders Scheme team will contact you about your next posting.'
    )

    const arrivals = queued.find((sent) => sent instanceof FastStreamTeamArrivals)!
    arrivals.message.assertTo(lead.email, 'Vera Lead')
    arrivals.message.assertSubject('Future Leaders joining Vehicle tax')
    arrivals.message.assertTextIncludes('1 Future Leader will join Vehicle tax')
    arrivals.message.assertTextIncludes(
      'These Future Leaders are matched to your team’s placements.'
    )

    fake.mails.clear()
    await runReminders()
    const reminders = fake.mails
      .sent()
      .filter((sent) => sent instanceof FastStreamShortlistReminder)
    assert.lengthOf(reminders, 1)
    reminders[0].message.assertTo(amaUser.email, 'Ama Owusu')
    assert.match(
      String(reminders[0].message.toObject().message.subject),
      /^Submit your Future Leaders Scheme placement choices by /
    )

    for (const sent of [...queued, ...reminders]) {
      const words = mailWords(sent)
      assert.notMatch(words, FAST_STREAM_WORDS, `${sent.constructor.name} says: ${words}`)
    }
  })

  test('the same e-mails of a Fast Stream round still speak of the Fast Stream and of entrants', async ({
    client,
    assert,
  }) => {
    const { admin, autumn } = await programmeRounds('fast_stream')
    const fake = await matchAndPublish(client, admin, autumn.id)
    const queued = fake.mails.queued()
    const matched = queued.find((sent) => sent instanceof FastStreamMatched)!
    matched.message.assertSubject('Your Fast Stream placement: Operations manager')
    const notMatched = queued.find((sent) => sent instanceof FastStreamNotMatched)!
    notMatched.message.assertTextIncludes(
      'Each placement you ranked that was open to you was filled by entrants its team ranked higher.'
    )
    notMatched.message.assertTextIncludes(
      'The Fast Stream team will contact you about your next posting.'
    )
    const arrivals = queued.find((sent) => sent instanceof FastStreamTeamArrivals)!
    arrivals.message.assertSubject('Fast Stream entrants joining Vehicle tax')
    arrivals.message.assertTextIncludes('1 Fast Stream entrant will join Vehicle tax')

    fake.mails.clear()
    await runReminders()
    const [reminder] = fake.mails
      .sent()
      .filter((sent) => sent instanceof FastStreamShortlistReminder)
    assert.match(
      String(reminder.message.toObject().message.subject),
      /^Submit your Fast Stream placement choices by /
    )
  })

  test('the Fast Stream team’s list of entrants says which programme each is on', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['fast_stream_admin', 'learner'] })
    const leaders = await createScheme('Middle managers 2026', 'future_leaders')
    const graduates = await createScheme('Digital and Technology')
    await createEntrant({ name: 'Callum Fraser', scheme: leaders })
    await createEntrant({ name: 'Nova Newer', scheme: graduates })
    const response = await client.get('/fast-stream/admin/entrants').loginAs(admin)
    response.assertStatus(200)
    const rows = [...response.text().matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
      wordsOf(row[1])
    )
    const rowOf = (name: string) => rows.find((row) => row.startsWith(name))
    assert.include(rowOf('Callum Fraser'), 'Middle managers 2026 Future Leaders Scheme')
    assert.include(rowOf('Nova Newer'), 'Digital and Technology Fast Stream')
  })

  test('a Future Leader who also leads a team finds their placements under the Future Leaders Scheme', async ({
    client,
    assert,
  }) => {
    const scheme = await createScheme('Future Leaders Scheme', 'future_leaders')
    const team = await createTeam()
    const leader = await createTeamLead(team, {
      overrides: { fullName: 'Callum Fraser', grade: 'G6' },
    })
    await createEntrant({ user: leader, scheme })
    const response = await client.get('/').loginAs(leader)
    response.assertStatus(200)
    const main = /<nav id="primary-navigation"[\s\S]*?<\/nav>/.exec(response.text())![0]
    assert.include(wordsOf(main), 'Future Leaders Scheme')
    assert.notMatch(wordsOf(response.text()), FAST_STREAM_WORDS)
  })
})
