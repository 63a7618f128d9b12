import { defineConfig } from '@adonisjs/core/app'

/*
 * The floor: the least an AdonisJS 7 app does to answer as the service's
 * pages and API do (bench/README.md). Only the providers those answers use.
 */
export default defineConfig({
  providers: [
    () => import('@adonisjs/core/providers/app_provider'),
    () => import('@adonisjs/core/providers/edge_provider'),
    () => import('@adonisjs/session/session_provider'),
    () => import('@adonisjs/shield/shield_provider'),
    () => import('@adonisjs/lucid/database_provider'),
  ],
  preloads: [() => import('./start/routes.js'), () => import('./start/kernel.js')],
})
