import { readFileSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import { BaseSeeder } from '@adonisjs/lucid/seeders'
import { parseOrganisationTreeEntries, upsertOrganisationTree } from '#services/organisation_tree'
import { seedFramework } from '#actions/framework/seed_framework'
import { seedExemplars } from '#database/demo/services'

/* Shared by the seeders and tests so the organisation tree has a single source of truth. */
export function readOrganisationSeed() {
  const file = app.makePath('database/data/organisations.json')
  return parseOrganisationTreeEntries(JSON.parse(readFileSync(file, 'utf8')))
}

/* Loads the reference data every environment needs, production included: the organisation tree and the framework, no people. */
export default class MainSeeder extends BaseSeeder {
  async run() {
    const entries = readOrganisationSeed()
    const organisations = await this.client.transaction((trx) =>
      upsertOrganisationTree(entries, trx)
    )
    console.log(`Organisation tree: ${organisations.size} organisations in place.`)
    const framework = await seedFramework(this.client)
    console.log(
      `Framework: ${framework.add.requirements.length} requirements added, ${framework.unchanged} unchanged.`
    )
    const exemplars = await seedExemplars(this.client)
    console.log(`Exemplar services: ${exemplars.added} added, ${exemplars.total} in all.`)
  }
}
