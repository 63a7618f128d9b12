import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { once } from 'node:events'
import { Agent, request } from 'node:http'
import { createServer } from 'node:net'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'

/* A port nothing listens on now. */
async function freePort() {
  const probe = createServer().listen(0, '127.0.0.1')
  await once(probe, 'listening')
  const { port } = probe.address() as { port: number }
  probe.close()
  return port
}

/* One GET of /health on a kept-open connection: its status, or null when refused. */
function health(port: number, agent: Agent) {
  return new Promise<number | null>((resolve) => {
    request({ host: '127.0.0.1', port, path: '/health', agent }, (response) => {
      response.resume()
      response.on('end', () => resolve(response.statusCode ?? null))
    })
      .on('error', () => resolve(null))
      .end()
  })
}

test.group('Shutting down', () => {
  test('on SIGTERM the server stops within seconds though clients keep their connections busy', async ({
    assert,
  }) => {
    const port = await freePort()
    const server = spawn(process.execPath, ['--import=@poppinss/ts-exec', 'bin/server.ts'], {
      cwd: app.makePath(),
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        APP_URL: `http://127.0.0.1:${port}`,
        LOG_LEVEL: 'error',
        QUEUE_INLINE_WORKER: 'false',
        SCHEDULER_ENABLED: 'false',
        // A database of its own, whichever the tests use: /health only asks it to answer.
        DB_CONNECTION: 'sqlite',
        SQLITE_FILENAME: app.tmpPath('shutdown-probe.sqlite3'),
      },
      stdio: 'ignore',
    })
    const exited = once(server, 'exit')
    try {
      const agent = new Agent({ keepAlive: true, maxSockets: 8 })
      const startBy = Date.now() + 60_000
      while ((await health(port, agent)) !== 200) {
        assert.isBelow(Date.now(), startBy, 'the server did not start within a minute')
        await new Promise((resolve) => setTimeout(resolve, 250))
      }

      // Eight clients send request after request on their open connections.
      let busy = true
      const clients = Array.from({ length: 8 }, async () => {
        while (busy) await health(port, agent)
      })
      await new Promise((resolve) => setTimeout(resolve, 1000))
      const signalled = Date.now()
      server.kill('SIGTERM')
      const stopped = await Promise.race([
        exited.then(() => Date.now() - signalled),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), 20_000)),
      ])
      busy = false
      await Promise.all(clients)
      agent.destroy()
      assert.isNotNull(stopped, 'the server was still running 20 s after SIGTERM')
      assert.isBelow(stopped!, 8000)
    } finally {
      server.kill('SIGKILL')
      rmSync(app.tmpPath('shutdown-probe.sqlite3'), { force: true })
    }
  }).timeout(120_000)
})
