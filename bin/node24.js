/*
 * The service runs on Node.js 24. `npm install` puts Node 24 from the npm
 * registry (the `node` package) into node_modules, and npm scripts find it
 * first on their PATH, so `npm run demo` and `npm test` use it on a
 * machine whose own Node is older. This covers what is started another
 * way, such as `node ace` typed in a shell: on an older Node, the same
 * script starts again on that Node 24, with the same arguments, and this
 * process ends as it does. Plain JavaScript, so it runs on any Node.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const NEEDED = 24
const PROJECT_NODE = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url))

/* Resolves when this process is on Node 24 or newer; otherwise hands over to the project's Node 24. */
export async function onNode24() {
  const major = Number(process.versions.node.split('.')[0])
  if (major >= NEEDED) return
  if (!existsSync(PROJECT_NODE)) {
    console.error(
      `Node.js ${NEEDED} or newer is needed; this is ${process.version}.\n` +
        'Run `npm install` first: it installs Node.js 24 into node_modules for this project.'
    )
    process.exit(1)
  }
  const child = spawn(PROJECT_NODE, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
  })
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => child.kill(signal))
  }
  const { code, signal } = await new Promise((resolve) =>
    child.on('exit', (exitCode, exitSignal) => resolve({ code: exitCode, signal: exitSignal }))
  )
  if (signal) {
    process.removeAllListeners(signal)
    process.kill(process.pid, signal)
  }
  process.exit(code ?? 1)
}
