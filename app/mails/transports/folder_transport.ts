import { mkdir, writeFile } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import nodemailer from 'nodemailer'
import { MailResponse } from '@adonisjs/mail'
import type { MailTransportContract, NodeMailerMessage } from '@adonisjs/mail/types'

export type FolderTransportConfig = {
  /* Absolute path of the folder the .eml files go into; created when missing. */
  directory: string
}

export type FolderSentMessageInfo = { path: string }

/*
 * For development: writes each message, as the full MIME text an SMTP
 * server would receive, to an .eml file that any mail program opens.
 * Nodemailer (which @adonisjs/mail is built on) composes the message.
 */
export class FolderTransport implements MailTransportContract {
  #composer = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'windows',
  })

  constructor(private config: FolderTransportConfig) {}

  async send(message: NodeMailerMessage) {
    const composed = await this.#composer.sendMail(message)
    await mkdir(this.config.directory, { recursive: true })
    const path = join(this.config.directory, fileName(message.subject))
    await writeFile(path, composed.message as Buffer, { flag: 'wx' })
    return new MailResponse<FolderSentMessageInfo>(composed.messageId, composed.envelope, {
      path,
    })
  }
}

/* Sorts by time, says what the message is, and never collides. */
function fileName(subject: string | undefined) {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const slug = (subject ?? 'message')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
  return `${stamp}-${slug || 'message'}-${randomBytes(3).toString('hex')}.eml`
}
