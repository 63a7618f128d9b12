/*
 * Runs a queue worker inside the web process unless QUEUE_INLINE_WORKER is
 * false: one process serves pages and works through queued jobs, which is
 * what a single instance and the demo want. With several web processes,
 * set it to false and run `node ace queue:work` beside them.
 */
import app from '@adonisjs/core/services/app'
import env from '#start/env'

const driver = env.get('QUEUE_DRIVER', 'database')

if (env.get('QUEUE_INLINE_WORKER', true) && driver !== 'sync') {
  const { Worker } = await import('@adonisjs/queue')
  const config = app.config.get<any>('queue')
  const logger = await app.container.make('logger')
  const adapters: Record<string, unknown> = {}
  for (const [name, adapter] of Object.entries<any>(config.adapters)) {
    adapters[name] = typeof adapter === 'function' ? adapter : await adapter.resolver(app)
  }
  const worker = new Worker({
    ...config,
    autoLoadJobs: false,
    adapters,
    jobFactory: (jobClass: any) => app.container.make(jobClass),
    logger,
  } as any)

  app.ready(() => {
    worker.start(['default']).catch((error) => logger.error({ err: error }, 'Queue worker stopped'))
  })
  app.terminating(async () => {
    await worker.stop()
  })
}
