import type { ApiClient } from '@japa/api-client'
import type User from '#models/user'

/*
 * A CSV import checked on a preview page before it is applied, as the
 * entrant and service performance imports are: the file uploaded to the
 * import's address, and the preview's checked copy sent back to apply.
 */
export function checkedImport(path: string, fileName: string) {
  return {
    upload(client: ApiClient, user: User, content: string, filename = fileName) {
      return client
        .post(path)
        .loginAs(user)
        .withCsrfToken()
        .file('file', Buffer.from(content, 'utf8'), { filename })
        .redirects(0)
    },
    apply(client: ApiClient, user: User, content: string) {
      return client
        .post(`${path}/apply`)
        .loginAs(user)
        .withCsrfToken()
        .field('content', content)
        .field('fileName', fileName)
        .redirects(0)
    },
  }
}

/* The hidden copy of the checked file the preview's form sends back. */
export function checkedContent(html: string) {
  const match = /name="content" value="([^"]+)"/.exec(html)
  if (!match) throw new Error('The preview has no apply form')
  return match[1]
}
