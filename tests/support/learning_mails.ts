import { setTimeout as sleep } from 'node:timers/promises'
import type { FakeMailer } from '@adonisjs/mail'
import type { LearningMail } from '#mails/learning_mail'

/*
 * The learning e-mails a fake mailer caught. They go out after the commit,
 * off the request: wait (up to a second) for those expected, then briefly
 * for any unexpected extra one; the fake is emptied for the next step.
 */
export async function mailsSent(fake: FakeMailer, expected: number) {
  const deadline = Date.now() + 1000
  while (fake.mails.sent().length < expected && Date.now() < deadline) await sleep(10)
  await sleep(50)
  const sent = fake.mails.sent() as LearningMail[]
  fake.mails.clear()
  return sent
}

/* An e-mail's calendar invite (invite.ics): its content type and its text; null when it has none. */
export function inviteOf(sentMail: LearningMail) {
  const attachments = sentMail.message.toObject().message.attachments ?? []
  const ics = attachments.find((attachment) => attachment.filename === 'invite.ics')
  if (!ics) return null
  // The fake's JSON transport leaves the content base64-encoded once sent.
  const text =
    ics.encoding === 'base64'
      ? Buffer.from(String(ics.content), 'base64').toString('utf-8')
      : String(ics.content)
  return { contentType: String(ics.contentType), text }
}
