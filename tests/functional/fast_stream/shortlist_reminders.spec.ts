import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import app from '@adonisjs/core/services/app'
import mail from '@adonisjs/mail/services/main'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import '#database/factories/user_factory'
import {
  createEntrant,
  createPlacement,
  createRound,
  createShortlist,
} from '#database/factories/fast_stream_factory'
import AuditEvent from '#models/audit_event'
import type PlacementShortlist from '#models/placement_shortlist'
import FastStreamShortlistReminder from '#mails/fast_stream_shortlist_reminder'
import FastStreamRemindShortlists from '../../../commands/fast_stream_remind_shortlists.js'
import { remindShortlists } from '#actions/fast_stream/entrant/remind_shortlists'
import { shortlistRemindersTask } from '#start/scheduler'
import { serviceUrl } from '#mails/learning_mail'

async function runCommand() {
  const ace = await app.container.make('ace')
  ace.ui.switchMode('raw')
  const command = await ace.create(FastStreamRemindShortlists, [])
  await command.exec()
  command.assertSucceeded()
  return command
}

/* A round open to choices that close in `days`, with one approved placement. */
async function roundClosingIn(days: number, name: string) {
  const round = await createRound({ name })
  round.preferencesCloseAt = DateTime.utc().plus({ days }).set({ second: 0, millisecond: 0 })
  round.resultsAt = round.preferencesCloseAt.plus({ days: 10 })
  await round.save()
  return { round, placement: await createPlacement(round, { title: `Role in ${name}` }) }
}

/*
 * Spring closes in two days, Summer in one, Autumn in ten. Sam started
 * lists in Spring and Summer and submitted neither; Sue submitted hers;
 * Ed emptied his; Dee started one but has left; Lou's is in Autumn.
 */
async function lists() {
  const spring = await roundClosingIn(2, 'Spring round')
  const summer = await roundClosingIn(1, 'Summer round')
  const autumn = await roundClosingIn(10, 'Autumn round')
  const { entrant: sam, user: samUser } = await createEntrant({ name: 'Sam Started' })
  const { entrant: sue } = await createEntrant({ name: 'Sue Submitted' })
  const { entrant: ed } = await createEntrant({ name: 'Ed Empty' })
  const { entrant: dee, user: deeUser } = await createEntrant({ name: 'Dee Departed' })
  const { entrant: lou } = await createEntrant({ name: 'Lou Later' })
  const samSpring = await createShortlist(spring.round, sam, [spring.placement], null)
  const samSummer = await createShortlist(summer.round, sam, [summer.placement], null)
  await createShortlist(spring.round, sue, [spring.placement])
  await createShortlist(spring.round, ed, [], null)
  await createShortlist(spring.round, dee, [spring.placement], null)
  deeUser.deactivatedAt = DateTime.utc()
  await deeUser.save()
  await createShortlist(autumn.round, lou, [autumn.placement], null)
  return { spring, summer, samUser, samSpring, samSummer }
}

test.group('Fast Stream: reminders to submit a started list', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => mail.restore())

  test('the command reminds each entrant with a list not submitted, once per round, before choices close', async ({
    assert,
  }) => {
    const fake = mail.fake()
    const { spring, samUser, samSpring, samSummer } = await lists()

    const command = await runCommand()
    assert.isTrue(
      command.logger
        .getLogs()
        .some((log) =>
          log.message.includes('Sent 2 reminders for 2 rounds whose choices close within 72 hours')
        )
    )
    const sent = fake.mails
      .sent()
      .filter((message) => message instanceof FastStreamShortlistReminder)
    assert.lengthOf(sent, 2)
    assert.sameMembers(
      sent.map((message) => (message as FastStreamShortlistReminder).context.round),
      ['Spring round', 'Summer round']
    )
    const springMail = sent.find(
      (message) => (message as FastStreamShortlistReminder).context.round === 'Spring round'
    )!
    const closes = spring.round.preferencesCloseAt.setZone('Europe/London')
    const when = `${closes.toFormat('HH:mm')} on ${closes.setLocale('en-GB').toFormat('cccc d LLLL yyyy')}`
    springMail.message.assertTo(samUser.email, 'Sam Started')
    springMail.message.assertSubject(`Submit your Fast Stream placement choices by ${when}`)
    springMail.message.assertTextIncludes(
      'You have started a list of placements in Spring round (1 placement so far) but have not submitted it.'
    )
    springMail.message.assertTextIncludes(`Choices close at ${when}.`)
    springMail.message.assertTextIncludes(serviceUrl('/fast-stream/shortlist'))

    const remembered = async (list: PlacementShortlist) => {
      await list.refresh()
      return list.remindedAt
    }
    assert.isNotNull(await remembered(samSpring))
    assert.isNotNull(await remembered(samSummer))
    const audited = await AuditEvent.query()
      .where({ subject_type: 'placement_shortlist', subject_id: String(samSpring.id) })
      .where('action', 'update')
      .firstOrFail()
    assert.property(JSON.parse(String(audited.after)), 'remindedAt')

    // Run again, from the command or the schedule: no one is reminded twice.
    fake.mails.clear()
    await runCommand()
    await shortlistRemindersTask.run()
    assert.deepEqual(await remindShortlists(), { rounds: 0, sent: 0, failed: 0 })
    assert.lengthOf(fake.mails.sent(), 0)
  })

  test('nothing is sent for lists closing later than the hours asked, and the hours must be positive', async ({
    assert,
  }) => {
    const fake = mail.fake()
    await lists()
    assert.deepEqual(await remindShortlists({ hours: 12 }), { rounds: 0, sent: 0, failed: 0 })
    assert.lengthOf(fake.mails.sent(), 0)
    assert.deepEqual(await remindShortlists({ hours: 36 }), { rounds: 1, sent: 1, failed: 0 })

    const ace = await app.container.make('ace')
    ace.ui.switchMode('raw')
    const command = await ace.create(FastStreamRemindShortlists, ['--hours=0'])
    await command.exec()
    command.assertFailed()
  })

  test('a send that fails is retried by the next run', async ({ assert }) => {
    const fake = mail.fake()
    const { samSpring } = await lists()
    const send = mail.send.bind(mail)
    let failing = true
    mail.send = (async (...args: Parameters<typeof send>) => {
      if (failing) throw new Error('SMTP is down')
      return send(...args)
    }) as typeof mail.send
    try {
      const first = await remindShortlists()
      assert.deepEqual(first, { rounds: 2, sent: 0, failed: 2 })
      await samSpring.refresh()
      assert.isNull(samSpring.remindedAt)
      failing = false
      assert.deepEqual(await remindShortlists(), { rounds: 2, sent: 2, failed: 0 })
    } finally {
      mail.send = send
    }
    assert.lengthOf(fake.mails.sent(), 2)
  })

  test('the schedule runs the reminders at 08:00 UK time each day', ({ assert }) => {
    assert.equal(shortlistRemindersTask.name, 'fast-stream:remind-shortlists')
    assert.equal(shortlistRemindersTask.cron, '0 8 * * *')
  })
})
