/*
 * Test runner set-up: plugins, the database each run starts from, and the
 * HTTP server the functional and browser suites talk to.
 */
import { assert } from '@japa/assert'
import { apiClient } from '@japa/api-client'
import { browserClient } from '@japa/browser-client'
import { pluginAdonisJS } from '@japa/plugin-adonisjs'
import { sessionApiClient } from '@adonisjs/session/plugins/api_client'
import { sessionBrowserClient } from '@adonisjs/session/plugins/browser_client'
import { shieldApiClient } from '@adonisjs/shield/plugins/api_client'
import { authApiClient } from '@adonisjs/auth/plugins/api_client'
import { authBrowserClient } from '@adonisjs/auth/plugins/browser_client'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import type { Config } from '@japa/runner/types'
import { launchChromium } from '#tests/support/chromium'
import '#tests/support/accessibility'
import '#tests/support/focus'
import { browserPages } from '#tests/support/browser_pages'
import { browserSignIn } from '#tests/support/browser_sign_in'
import { openApiResponses } from '#tests/support/openapi'

export const plugins: Config['plugins'] = [
  assert(),
  pluginAdonisJS(app),
  apiClient(),
  openApiResponses(),
  sessionApiClient(app),
  shieldApiClient(),
  authApiClient(app),
  browserClient({ runInSuites: ['browser'], launcher: launchChromium }),
  sessionBrowserClient(app),
  authBrowserClient(app),
  browserSignIn,
  browserPages,
]

export const runnerHooks: Required<Pick<Config, 'setup' | 'teardown'>> = {
  setup: [() => testUtils.db().migrate()],
  teardown: [],
}

export const configureSuite: Config['configureSuite'] = (suite) => {
  // Rate-limit counts start afresh in each test: on SQLite the ids a rolled-back test used come back.
  suite.onGroup((group) => group.each.setup(() => limiter.clear(['memory'])))
  suite.onTest((each) => each.setup(() => limiter.clear(['memory'])))
  if (['browser', 'functional', 'e2e'].includes(suite.name)) {
    return suite.setup(() => testUtils.httpServer().start())
  }
}
