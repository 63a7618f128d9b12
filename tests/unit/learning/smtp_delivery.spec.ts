import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import emitter from '@adonisjs/core/services/emitter'
import { MailManager } from '@adonisjs/mail'
import { SMTPTransport } from '@adonisjs/mail/transports/smtp'
import { SMTPServer } from 'smtp-server'
import { simpleParser } from 'mailparser'
import type { AddressInfo } from 'node:net'
import { DateTime } from 'luxon'
import { createUser } from '#database/factories/user_factory'
import { createCourse, createEnrolment, createSession } from '#database/factories/learning_factory'
import { smtpSettings } from '#mails/transports/smtp_settings'
import LearningBooked from '#mails/learning_booked'

type Received = { from: string | undefined; to: string[]; raw: Buffer }

/* An SMTP listener on 127.0.0.1 and a free port that keeps what it receives. */
async function startSmtpListener() {
  const received: Received[] = []
  const server = new SMTPServer({
    // Nodemailer would upgrade to TLS and reject the listener's bundled certificate.
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          raw: Buffer.concat(chunks),
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const port = (server.server.address() as AddressInfo).port
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()))
  return { port, received, close }
}

test.group('E-mail through SMTP', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a booking e-mail reaches an SMTP server with its calendar invitation', async ({
    assert,
    cleanup,
  }) => {
    const listener = await startSmtpListener()
    cleanup(() => listener.close())

    // A test-only mailer with the service's SMTP settings, pointed at the listener.
    const manager = new MailManager(emitter, {
      default: 'smtp',
      from: { address: 'no-reply@capability.example.gov.uk', name: 'Digital Capability Service' },
      mailers: {
        smtp: () =>
          new SMTPTransport(
            smtpSettings({ host: '127.0.0.1', port: listener.port, secure: false })
          ),
      },
    })
    cleanup(() => manager.closeAll())

    const learner = await createUser()
    const course = await createCourse({ title: 'Agile for leaders' })
    const startsAt = DateTime.fromISO('2031-06-17T08:30:00Z')
    const session = await createSession({
      course,
      startsAt,
      bookingClosesAt: startsAt.minus({ days: 5 }),
    })
    const enrolment = await createEnrolment(session, learner, { bookedAt: DateTime.now() })

    await manager.use('smtp').send(new LearningBooked({ enrolment, learner, session, course }))

    assert.lengthOf(listener.received, 1)
    const [delivery] = listener.received
    assert.equal(delivery.from, 'no-reply@capability.example.gov.uk')
    assert.deepEqual(delivery.to, [learner.email])

    const parsed = await simpleParser(delivery.raw)
    assert.equal(parsed.subject, 'You are booked on Agile for leaders on 17 June')
    const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to
    assert.deepEqual(to?.value, [{ address: learner.email, name: learner.fullName }])
    assert.include(parsed.text ?? '', 'Tuesday 17 June 2031, 9:30am to 4:30pm')
    assert.include(String(parsed.html), '<h1>You are booked on Agile for leaders</h1>')

    const invite = parsed.attachments.find((attachment) => attachment.filename === 'invite.ics')
    assert.exists(invite)
    assert.equal(invite!.contentType, 'text/calendar')
    const calendar = invite!.content.toString('utf-8')
    assert.include(calendar, 'METHOD:PUBLISH')
    assert.include(calendar, 'TZID=Europe/London')
    assert.include(calendar, 'DTSTART;TZID=Europe/London:20310617T093000')
  })
})
