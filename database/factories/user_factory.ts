import factory from '@adonisjs/lucid/factories'
import type { ModelAttributes } from '@adonisjs/lucid/types/model'
import User from '#models/user'
import UserRole from '#models/user_role'
import type Organisation from '#models/organisation'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import type { Role } from '#enums/roles'

export const TEST_PASSWORD = 'correct-horse-battery'

let sequence = 0

export const UserFactory = factory
  .define(User, ({ faker }) => {
    sequence += 1
    return {
      fullName: faker.person.fullName(),
      email: `person${sequence}.${faker.string.alphanumeric(6).toLowerCase()}@example.gov.uk`,
      password: TEST_PASSWORD,
      grade: 'HEO' as const,
      profession: 'digital' as const,
    }
  })
  .build()

/*
 * Creates a user with the given roles, in the given organisation (a new
 * department when none is given), ready to sign in with TEST_PASSWORD.
 */
export async function createUser(
  options: { roles?: Role[]; organisation?: Organisation; overrides?: Partial<User> } = {}
) {
  const organisation = options.organisation ?? (await OrganisationFactory.create())
  const user = await UserFactory.merge({
    organisationId: organisation.id,
    ...options.overrides,
  }).create()
  for (const role of options.roles ?? ['learner']) {
    await grantRole(user, role)
  }
  await user.load((loader) => loader.load('roles'))
  return user
}

/* Gives a person one more role, granted now unless told otherwise. */
export async function grantRole(
  person: { id: number },
  role: Role,
  values: Partial<ModelAttributes<UserRole>> = {}
) {
  return UserRole.create({ userId: person.id, role, ...values })
}
