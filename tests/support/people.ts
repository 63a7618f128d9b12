// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import type User from '#models/user'

/* Learners of one new organisation, as many as asked for, each with the details given. */
export async function colleagues(count: number, overrides: Partial<User> = {}) {
  const organisation = await OrganisationFactory.create()
  const created: User[] = []
  for (let index = 0; index < count; index++) {
    created.push(await createUser({ organisation, overrides }))
  }
  return created
}
