import { test } from '@japa/runner'
import { roleLevelWithRole } from '#domain/framework/levels'

test.group('A role level named with its role', () => {
  test('a level named like its role is named once', ({ assert }) => {
    assert.equal(roleLevelWithRole('Service Manager', 'Service Manager'), 'Service Manager')
    assert.equal(roleLevelWithRole('Service manager ', 'Service Manager'), 'Service manager')
  })

  test('any other level has its role after it', ({ assert }) => {
    assert.equal(
      roleLevelWithRole('Senior product manager', 'Product manager'),
      'Senior product manager (Product manager)'
    )
    assert.equal(
      roleLevelWithRole('Head of accessibility', 'Accessibility specialist'),
      'Head of accessibility (Accessibility specialist)'
    )
  })

  test('a level without a role is named alone', ({ assert }) => {
    assert.equal(roleLevelWithRole('Data analyst', ''), 'Data analyst')
  })
})
