/*
 * Entry point for ace commands. TypeScript sources run through ts-exec,
 * so commands need no build step in development.
 */
import '@poppinss/ts-exec'

await import('./bin/console.js')
