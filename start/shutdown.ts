/*
 * Shutting down within a deployment's grace period. On SIGTERM the HTTP
 * server stops taking connections, but a client (a load balancer, a busy
 * browser) that keeps its connection open would keep sending requests on
 * it, and the process would wait for it indefinitely. So: idle connections
 * are closed at once, answers from now on close theirs
 * (app/middleware/draining_middleware.ts), and whatever is still open
 * after DRAIN_SECONDS is closed.
 */
import app from '@adonisjs/core/services/app'
import server from '@adonisjs/core/services/server'
import { startDraining } from '#services/draining'

const DRAIN_SECONDS = 10

// Registered once the server runs, so it comes before the server's own
// terminating hook (they run last registered first), which waits for
// every connection to end.
app.ready(() => {
  app.terminating(() => {
    startDraining()
    const nodeServer = server.getNodeServer()
    nodeServer?.closeIdleConnections()
    setTimeout(() => nodeServer?.closeAllConnections(), DRAIN_SECONDS * 1000).unref()
  })
})
