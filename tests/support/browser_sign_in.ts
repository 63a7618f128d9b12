import app from '@adonisjs/core/services/app'
import { decoratorsCollection } from '@japa/browser-client'
import type { PluginFn } from '@japa/runner/types'
import type { Browser, BrowserContextOptions } from 'playwright'
import type User from '#models/user'
import { baseURL } from '#tests/support/page_text'

/*
 * `browserContext.loginAs(user)` that has finished when it returns. The
 * auth package's own version starts setting the session cookie and the
 * session's data without waiting for either, so on a busy machine the
 * test's first page could be asked for before they were in place, and it
 * showed the sign-in page. Registered after the auth package's plugin, so
 * this one is the `loginAs` a browser context has; `visitAs(user, url)`
 * signs in with it and opens the page.
 */
export const browserSignIn: PluginFn = async function () {
  const auth = await app.container.make('auth.manager')
  decoratorsCollection.register({
    context(context) {
      context.loginAs = async function (user: User) {
        const signedIn = await auth.createAuthenticatorClient().use().authenticateAsClient(user)
        if (signedIn.headers) {
          throw new Error('A browser signs in with a session, not with request headers')
        }
        for (const [name, value] of Object.entries(signedIn.cookies ?? {})) {
          await context.setCookie(name, value)
        }
        if (signedIn.session) await context.setSession(signedIn.session)
      }
      context.visitAs = async function (user: User, url: string) {
        await this.loginAs(user)
        return this.visit(url)
      }
    },
  })
}

declare module 'playwright' {
  interface BrowserContext {
    /* Signs the user in, then opens the address in a new page: a journey's first step. */
    visitAs(user: User, url: string): Promise<Page>
  }
}

/*
 * A page in a browser context of its own, signed in as the user, for a test
 * that has several people at their own browsers; the context closes when
 * the test is cleaned up. `timeout` is how long its actions and waits may
 * take (Playwright's own default unless given); `options` are the
 * context's own (JavaScript switched off, say).
 */
export async function pageFor(
  browser: Browser,
  user: User,
  cleanup: (fn: () => Promise<void>) => void,
  timeout?: number,
  options: BrowserContextOptions = {}
) {
  const context = await browser.newContext({ baseURL: baseURL(), ...options })
  cleanup(() => context.close())
  if (timeout !== undefined) context.setDefaultTimeout(timeout)
  await context.loginAs(user)
  return context.newPage()
}

/* The same, in a browser with JavaScript switched off: the page as the server sent it. */
export function pageWithoutJavaScriptFor(
  browser: Browser,
  user: User,
  cleanup: (fn: () => Promise<void>) => void,
  timeout?: number
) {
  return pageFor(browser, user, cleanup, timeout, { javaScriptEnabled: false })
}
