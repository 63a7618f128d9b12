/*
 * Ace command-line entry point.
 */
const { ignitor, fail } = await import('./ignitor.js')

ignitor().ace().handle(process.argv.splice(2)).catch(fail)
