import env from '../start/env.js'
import { defineConfig } from '@adonisjs/lucid'

/* The benchmark's MySQL database, with the service's pool size. */
export default defineConfig({
  connection: 'mysql',
  connections: {
    mysql: {
      client: 'mysql2',
      connection: {
        host: env.get('DB_HOST'),
        port: env.get('DB_PORT'),
        user: env.get('DB_USER'),
        password: env.get('DB_PASSWORD', ''),
        database: env.get('DB_DATABASE'),
        charset: 'utf8mb4',
        timezone: 'Z',
        dateStrings: false,
      },
      pool: { min: 0, max: env.get('DB_POOL_MAX', 10) },
    },
  },
})
