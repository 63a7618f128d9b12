import factory from '@adonisjs/lucid/factories'
import Organisation from '#models/organisation'

let sequence = 0

export const OrganisationFactory = factory
  .define(Organisation, ({ faker }) => {
    sequence += 1
    return {
      code: `org${sequence}${faker.string.alphanumeric(4).toLowerCase()}`,
      name: `${faker.company.name()} ${sequence}`,
      type: 'ministerial_department' as const,
      parentId: null,
      path: '/',
      depth: 0,
      isTransactional: false,
    }
  })
  .build()

/* Creates an organisation inside another, with its path set. */
export async function createChildOrganisation(
  parent: Organisation,
  overrides: Partial<Organisation> = {}
) {
  return OrganisationFactory.merge({
    type: 'agency',
    parentId: parent.id,
    path: parent.childPath,
    depth: parent.depth + 1,
    ...overrides,
  }).create()
}
