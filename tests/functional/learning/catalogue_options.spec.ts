import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createUser } from '#database/factories/user_factory'
import { createCourse, createSession } from '#database/factories/learning_factory'
import catalogueConfig from '#config/catalogue'
import { forgetKept } from '#services/kept'

const settings = catalogueConfig as { optionsCacheSeconds: number }

test.group('Catalogue: filter choices kept for a minute', (group) => {
  group.each.setup(async () => {
    const rollback = await testUtils.db().withGlobalTransaction()
    const before = settings.optionsCacheSeconds
    settings.optionsCacheSeconds = 60
    await forgetKept('catalogue')
    return async () => {
      settings.optionsCacheSeconds = before
      await forgetKept('catalogue')
      await rollback()
    }
  })

  test('the places to choose from are counted once and kept, then counted again', async ({
    client,
    assert,
  }) => {
    const learner = await createUser()
    const course = await createCourse({ title: 'Service design in practice' })
    await createSession({ course, location: 'Leeds' })

    const first = await client.get('/learning/courses').loginAs(learner)
    first.assertStatus(200)
    assert.include(first.text(), '<option value="Leeds"')

    // A session in a new place: the kept choices do not know it yet.
    await createSession({ course, location: 'Newcastle' })
    const kept = await client.get('/learning/courses').loginAs(learner)
    assert.notInclude(kept.text(), '<option value="Newcastle"')

    await forgetKept('catalogue')
    const counted = await client.get('/learning/courses').loginAs(learner)
    assert.include(counted.text(), '<option value="Newcastle"')
  })
})
