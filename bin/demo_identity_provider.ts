/*
 * The demo's department identity provider: a real OpenID Connect provider
 * (the one the tests run) with the demo department's accounts, so
 * "Sign in with your department account" can be tried after `npm run demo`,
 * which starts it. Demo and development only: it refuses to run in
 * production, and the service takes plain http issuers only outside it.
 *
 *   DEMO_IDENTITY_PROVIDER_URL  where it answers, e.g. http://localhost:3334
 *   APP_URL                     the service, to send people back to
 */
import { DEMO_SSO, demoIdentityProviderOptions } from '#database/demo/single_sign_on'
import { TestIdentityProvider } from '#tests/support/identity_provider'

if (process.env.NODE_ENV === 'production') {
  console.error('The demo identity provider does not run in production.')
  process.exit(1)
}

const issuer = new URL(process.env.DEMO_IDENTITY_PROVIDER_URL || 'http://localhost:3334')
const service = process.env.APP_URL || 'http://localhost:3333'

const provider = await TestIdentityProvider.start({
  ...demoIdentityProviderOptions(service),
  host: issuer.hostname,
  port: Number(issuer.port || 80),
})

console.log(
  `Demo department identity provider at ${provider.issuer}: ` +
    `${DEMO_SSO.accounts.map((account) => account.email).join(' and ')}, ` +
    `password "${DEMO_SSO.password}"`
)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    await provider.close()
    process.exit(0)
  })
}
