/*
 * HTTP server entry point.
 */
const { ignitor, fail } = await import('./ignitor.js')

ignitor().httpServer().start().catch(fail)
