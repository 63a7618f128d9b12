import { test } from '@japa/runner'
import vine from '@vinejs/vine'
import { requestSchema } from '#openapi/components'
import { courseValidator, sessionApiValidator } from '#validators/learning_admin'

test.group('Request body schemas derived from the validators', () => {
  test('every field the validator takes is in the schema, with its bounds, and nothing else', ({
    assert,
  }) => {
    const schema = requestSchema(
      vine.create({
        title: vine.string().maxLength(200),
        capacity: vine.number().withoutDecimals().min(1).max(10000),
        note: vine.string().optional(),
      }),
      { title: { description: 'The title.' } }
    )
    assert.deepEqual(schema, {
      type: 'object',
      properties: {
        title: { type: 'string', maxLength: 200, description: 'The title.' },
        capacity: { type: 'integer', minimum: 1, maximum: 10000 },
        note: { type: 'string' },
      },
      required: ['title', 'capacity'],
      additionalProperties: false,
    })
  })

  test('a yes-or-no field, which forms send as text, asks JSON clients for a boolean', ({
    assert,
  }) => {
    const schema = requestSchema(vine.create({ requiresApproval: vine.boolean() }), {
      requiresApproval: { description: 'Approval.' },
    })
    assert.deepEqual(schema.properties?.requiresApproval, {
      type: 'boolean',
      description: 'Approval.',
    })
  })

  test('"more than" replaces the minimum VineJS writes for positive(); a word for no field throws', ({
    assert,
  }) => {
    const validator = vine.create({
      hours: vine.number().positive().max(1000),
      cost: vine.number().min(0),
    })
    const schema = requestSchema(validator, { hours: { exclusiveMinimum: 0 } })
    assert.deepEqual(schema.properties?.hours, {
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 1000,
    })
    assert.deepEqual(schema.properties?.cost, { type: 'number', minimum: 0 })
    assert.throws(
      () => requestSchema(validator, { minutes: { description: 'Not a field.' } }),
      'The request body has no field minutes to describe'
    )
  })

  test('words reach a list’s items and their fields, and a default; a word for no such field throws', ({
    assert,
  }) => {
    const validator = vine.create({
      assessments: vine.array(
        vine.object({ skillId: vine.number().withoutDecimals().positive(), note: vine.string() })
      ),
      submit: vine.boolean().optional(),
    })
    const schema = requestSchema(validator, {
      assessments: {
        description: 'Each assessment.',
        items: { properties: { skillId: { description: 'A skill.', exclusiveMinimum: 0 } } },
      },
      submit: { default: false },
    })
    assert.deepEqual(schema.properties?.assessments, {
      type: 'array',
      description: 'Each assessment.',
      items: {
        type: 'object',
        properties: {
          skillId: { type: 'integer', description: 'A skill.', exclusiveMinimum: 0 },
          note: { type: 'string' },
        },
        required: ['skillId', 'note'],
        additionalProperties: false,
      },
    })
    assert.deepEqual(schema.properties?.submit, { type: 'boolean', default: false })
    assert.throws(
      () =>
        requestSchema(validator, {
          assessments: { items: { properties: { level: { description: 'Not a field.' } } } },
        }),
      'The request body has no field assessments.*.level to describe'
    )
    assert.throws(
      () => requestSchema(validator, { submit: { items: { description: 'Not a list.' } } }),
      'The request body’s submit is not a list to describe'
    )
  })

  test('the course and session bodies of the API are the validators’ fields', ({ assert }) => {
    const course = requestSchema(courseValidator)
    assert.sameMembers(Object.keys(course.properties ?? {}), [
      'code',
      'title',
      'summary',
      'provider',
      'mode',
      'delivery',
      'validityMonths',
      'status',
      'requiresApproval',
      'durationHours',
      'cost',
    ])
    assert.notInclude(course.required ?? [], 'provider')
    const session = requestSchema(sessionApiValidator)
    assert.sameMembers(session.required as string[], ['startsAt', 'endsAt', 'capacity'])
  })

  test('the validators refuse null for a required field, so the body check and they agree', async ({
    assert,
  }) => {
    for (const field of ['code', 'durationHours', 'cost', 'requiresApproval']) {
      const [error] = await courseValidator.tryValidate({
        code: 'AGILE-101',
        title: 'Agile',
        summary: 'A course.',
        mode: 'online',
        status: 'draft',
        requiresApproval: true,
        durationHours: 7,
        cost: 450,
        [field]: null,
      })
      assert.exists(error, `${field}: null was accepted`)
    }
  })
})
