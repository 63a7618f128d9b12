/*
 * Entry point for ace commands. TypeScript sources run through ts-exec,
 * so commands need no build step in development. On a Node older than 24
 * the command runs on the project's own Node 24 (bin/node24.js).
 */
import { onNode24 } from './bin/node24.js'

await onNode24()
await import('@poppinss/ts-exec')

await import('./bin/console.js')
