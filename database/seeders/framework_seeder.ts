import { BaseSeeder } from '@adonisjs/lucid/seeders'
import { seedFramework } from '#actions/framework/seed_framework'

/*
 * The capability framework: reference data for every environment.
 */
export default class FrameworkSeeder extends BaseSeeder {
  async run() {
    const plan = await seedFramework()
    console.log(
      `Framework: ${plan.add.requirements.length} requirements added, ${plan.change.requirements.length} changed, ${plan.unchanged} unchanged.`
    )
  }
}
