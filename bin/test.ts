/*
 * Test runner entry point.
 */
process.env.NODE_ENV = 'test'

/*
 * The server the tests start listens on PORT when it is given, and
 * otherwise on a port free at this moment, so runs side by side never
 * meet on one (.env.test names none).
 */
if (!process.env.PORT) {
  const { createServer } = await import('node:net')
  process.env.PORT = await new Promise<string>((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => resolve(String(typeof address === 'object' && address ? address.port : 0)))
    })
  })
}

const { configure, processCLIArgs, run } = await import('@japa/runner')
const { ignitor, fail } = await import('./ignitor.js')

ignitor()
  .testRunner()
  .configure(async (app) => {
    const { runnerHooks, ...config } = await import('../tests/bootstrap.js')

    processCLIArgs(process.argv.splice(2))
    configure({
      ...app.rcFile.tests,
      ...config,
      ...{
        setup: runnerHooks.setup,
        teardown: runnerHooks.teardown.concat([() => app.terminate()]),
      },
    })
  })
  .run(() => run())
  .catch(fail)
