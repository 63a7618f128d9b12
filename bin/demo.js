/*
 * `npm run demo`: from a fresh clone to a running service with demo data.
 *
 *   1. .env from .env.example, with a freshly generated APP_KEY
 *   2. database migrations
 *   3. demo data (idempotent)
 *   4. production build of the assets (skipped when already up to date)
 *   5. a department identity provider for single sign-on, in the background
 *      (on the port after the service's, or DEMO_IDENTITY_PROVIDER_URL)
 *   6. the HTTP server, in the foreground
 *
 * PORT, HOST, SQLITE_FILENAME and DB_CONNECTION are read from the
 * environment and passed through to every step. Plain JavaScript, so it
 * runs under Node 24 without a build.
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { dirname, isAbsolute, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { onNode24 } from './node24.js'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const ENV_FILE = join(ROOT, '.env')
const ENV_EXAMPLE = join(ROOT, '.env.example')
const DEMO_SEEDER = 'database/seeders/demo_seeder.ts'
const MANIFEST = join(ROOT, 'public/assets/.vite/manifest.json')

const SIGNALS = ['SIGINT', 'SIGTERM']
let current = null
let receivedSignal = null

for (const signal of SIGNALS) {
  process.on(signal, () => {
    receivedSignal = signal
    if (current && current.exitCode === null && current.signalCode === null) {
      current.kill(signal)
    } else {
      process.exit(128 + (signal === 'SIGINT' ? 2 : 15))
    }
  })
}

function step(title) {
  console.log(`\n==> ${title}`)
}

function fail(message) {
  console.error(`\nDemo stopped: ${message}`)
  process.exit(1)
}

/*
 * The environment every child gets: the caller's, in development mode
 * (session cookies must work over plain http), never Vite's dev server.
 */
function childEnv() {
  const env = { ...process.env, NODE_ENV: 'development' }
  delete env.DEV_MODE
  if ((process.env.PORT || process.env.HOST) && !process.env.APP_URL) {
    env.APP_URL = serverUrl()
  }
  env.DEMO_IDENTITY_PROVIDER_URL = identityProviderUrl()
  return env
}

/* Where the demo's department identity provider answers: the port after the service's. */
function identityProviderUrl() {
  if (process.env.DEMO_IDENTITY_PROVIDER_URL) return process.env.DEMO_IDENTITY_PROVIDER_URL
  const dotenv = readDotEnv()
  const host = process.env.HOST || dotenv.HOST || 'localhost'
  const port = Number(process.env.PORT || dotenv.PORT || '3333') + 1
  return `http://${host}:${port}`
}

/*
 * Starts the demo's department identity provider beside the server, and
 * stops it with the demo. Single sign-on needs it; the rest of the demo
 * does not, so its failing only says so.
 */
function startIdentityProvider() {
  const env = {
    ...childEnv(),
    APP_URL: process.env.APP_URL || readDotEnv().APP_URL || serverUrl(),
  }
  const child = spawn(
    process.execPath,
    ['--import=@poppinss/ts-exec', 'bin/demo_identity_provider.ts'],
    { cwd: ROOT, env, stdio: 'inherit' }
  )
  child.on('error', (error) => {
    console.error(`Could not start the demo identity provider: ${error.message}`)
  })
  child.on('exit', (code) => {
    if (!receivedSignal && code) {
      console.error(
        `The demo identity provider stopped (exit code ${code}): signing in with a department account will not work.`
      )
    }
  })
  process.on('exit', () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
  })
  return child
}

function serverUrl() {
  const dotenv = readDotEnv()
  const host = process.env.HOST || dotenv.HOST || 'localhost'
  const port = process.env.PORT || dotenv.PORT || '3333'
  return `http://${host}:${port}`
}

/* Runs a command to completion, with inherited stdio; resolves to its exit code. */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env: childEnv(), stdio: 'inherit' })
    current = child
    child.on('error', (error) => {
      console.error(`Could not start ${command}: ${error.message}`)
      resolve(1)
    })
    child.on('exit', (code, signal) => {
      current = null
      if (signal) {
        resolve(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1))
      } else {
        resolve(code ?? 1)
      }
    })
  })
}

async function runStep(command, args, what) {
  const code = await run(command, args)
  if (receivedSignal) {
    process.exit(code || 130)
  }
  if (code !== 0) {
    fail(`${what} failed (exit code ${code}).`)
  }
}

function readDotEnv() {
  if (!existsSync(ENV_FILE)) return {}
  const values = {}
  for (const line of readFileSync(ENV_FILE, 'utf8').split(/\r?\n/)) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line)
    if (match) values[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2')
  }
  return values
}

/* 1. .env and APP_KEY */
function prepareEnvFile() {
  step('Environment file (.env)')
  if (!existsSync(ENV_FILE)) {
    if (!existsSync(ENV_EXAMPLE)) fail('.env.example is missing.')
    copyFileSync(ENV_EXAMPLE, ENV_FILE)
    console.log('Created .env from .env.example.')
  } else {
    console.log('Using the existing .env.')
  }

  const content = readFileSync(ENV_FILE, 'utf8')
  if (readDotEnv().APP_KEY) {
    console.log('APP_KEY is set.')
    return
  }
  const key = randomBytes(32).toString('base64url')
  const updated = /^APP_KEY=.*$/m.test(content)
    ? content.replace(/^APP_KEY=.*$/m, `APP_KEY=${key}`)
    : `${content}${content.endsWith('\n') || content === '' ? '' : '\n'}APP_KEY=${key}\n`
  writeFileSync(ENV_FILE, updated)
  console.log('Generated a new APP_KEY in .env.')
}

/* SQLite does not create missing folders. */
function prepareSqliteFolder() {
  mkdirSync(join(ROOT, 'tmp'), { recursive: true })
  const filename = process.env.SQLITE_FILENAME || readDotEnv().SQLITE_FILENAME
  if (filename) {
    mkdirSync(dirname(isAbsolute(filename) ? filename : join(ROOT, filename)), { recursive: true })
  }
}

function newestModification(path) {
  if (!existsSync(path)) return 0
  const stats = statSync(path)
  if (!stats.isDirectory()) return stats.mtimeMs
  let newest = stats.mtimeMs
  for (const entry of readdirSync(path)) {
    newest = Math.max(newest, newestModification(join(path, entry)))
  }
  return newest
}

function assetsUpToDate() {
  if (!existsSync(MANIFEST)) return false
  const built = statSync(MANIFEST).mtimeMs
  const sources = Math.max(
    newestModification(join(ROOT, 'resources')),
    newestModification(join(ROOT, 'vite.config.ts'))
  )
  return built > sources
}

async function main() {
  await onNode24()

  prepareEnvFile()
  prepareSqliteFolder()

  step('Database migrations (node ace migration:run --force)')
  await runStep(process.execPath, ['ace.js', 'migration:run', '--force'], 'Migrating the database')

  step(`Demo data (node ace db:seed --files ${DEMO_SEEDER})`)
  if (!existsSync(join(ROOT, DEMO_SEEDER))) {
    fail(`${DEMO_SEEDER} does not exist, so there is no demo data to load.`)
  }
  await runStep(
    process.execPath,
    ['ace.js', 'db:seed', '--files', DEMO_SEEDER],
    'Seeding demo data'
  )

  step('Assets (npx vite build)')
  if (assetsUpToDate()) {
    console.log('public/assets is newer than resources/: build skipped.')
  } else {
    await runStep('npx', ['vite', 'build'], 'Building the assets')
  }

  step(`Department identity provider (bin/demo_identity_provider.ts) at ${identityProviderUrl()}`)
  startIdentityProvider()

  const url = serverUrl()
  step(`Server (node --import=@poppinss/ts-exec bin/server.ts)`)
  console.log(`Open ${url}`)
  console.log('Sign in as admin@demo.example with the password demo-password')
  console.log(
    'Or "Sign in with your department account" as priya.shah@hmrc.demo.example or tom.evans@hmrc.demo.example, password department-password'
  )
  console.log('Stop with Ctrl+C.\n')

  const code = await run(process.execPath, ['--import=@poppinss/ts-exec', 'bin/server.ts'])
  process.exit(code)
}

await main()
