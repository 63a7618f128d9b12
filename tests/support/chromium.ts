import { existsSync } from 'node:fs'
import { chromium, type LaunchOptions } from 'playwright'

/*
 * Browser tests run in the system's Chromium: CHROMIUM_PATH, else
 * /usr/bin/chromium, else a Chromium that Playwright installed itself.
 */
export function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium'
  return undefined
}

export function launchChromium(options: Pick<LaunchOptions, 'headless' | 'slowMo'>) {
  return chromium.launch({
    ...options,
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}
