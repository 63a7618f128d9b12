import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createUser } from '#database/factories/user_factory'
import { createRole } from '#database/factories/framework_factory'
import { seedFramework } from '#actions/framework/seed_framework'
import RoleRequirement from '#models/role_requirement'
import RoleLevel from '#models/role_level'
import FrameworkImport from '#models/framework_import'
import { binaryFile } from '#tests/support/files'
import { submitAs } from '#tests/support/forms'
import { rowCount } from '#tests/support/database'

const HEADER = 'role_family,role,role_level,skill,skill_level\n'

const csv = (...rows: string[]) => Buffer.from(HEADER + rows.join('\n') + '\n')

async function upload(client: any, admin: any, file: Buffer, filename = 'framework.csv') {
  const response = await client
    .post('/framework/import')
    .withCsrfToken()
    .loginAs(admin)
    .file('file', file, { filename })
    .redirects(0)
  return response
}

/* Uploads a file as the admin and opens the preview the upload leads to. */
async function uploadAndPreview(client: any, admin: any, file: Buffer) {
  const uploaded = await upload(client, admin, file)
  const location: string = uploaded.header('location')!
  const preview = await client.get(location).loginAs(admin)
  return { uploaded, location, preview }
}

/* Applies an uploaded file as the admin, following where the service sends them. */
function apply(client: any, admin: any, location: string) {
  return client.post(`${location}/apply`).withCsrfToken().loginAs(admin)
}

test.group('Framework import', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('only a capability admin may import', async ({ client }) => {
    const hr = await createUser({ roles: ['department_hr'] })
    const page = await client.get('/framework/import').loginAs(hr)
    page.assertStatus(403)
    const post = await upload(
      client,
      hr,
      csv('Data,Data analyst,Data analyst,Data analysis,Working')
    )
    post.assertStatus(403)
  })

  test('a good file is previewed with its counts, then applied in one go', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['capability_admin'] })
    const uploaded = await upload(
      client,
      admin,
      csv(
        'Data,Data analyst,Data analyst,Data analysis,Working',
        'Data,Data analyst,Senior data analyst,Data analysis,Practitioner',
        'Data,Data analyst,Senior data analyst,Data visualisation,Working'
      )
    )
    uploaded.assertStatus(302)
    const location = uploaded.header('location')!
    assert.match(location, /^\/framework\/import\/\d+$/)

    const preview = await client.get(location).loginAs(admin)
    preview.assertTextIncludes('3 rows read')
    preview.assertTextIncludes('Requirements to add</th><td class="text-right">3</td>')
    assert.equal(await rowCount('role_requirements'), 0, 'a preview writes nothing')

    const applied = await submitAs(client, admin).post(`${location}/apply`)
    applied.assertHeader('location', '/framework')
    assert.equal(await rowCount('role_requirements'), 3)
    const stored = await FrameworkImport.findOrFail(Number(location.split('/').pop()))
    assert.equal(stored.status, 'applied')
  })

  test('a file of one row is previewed and applied in the singular', async ({ client }) => {
    const admin = await createUser({ roles: ['capability_admin'] })
    const { location, preview } = await uploadAndPreview(
      client,
      admin,
      csv('Data,Data analyst,Data analyst,Data analysis,Working')
    )
    preview.assertTextIncludes('1 row read. 0 requirements unchanged.')
    const applied = await submitAs(client, admin).post(`${location}/apply`)
    applied.assertFlashMessage(
      'success',
      'Import applied: 1 requirement added, 0 changed, 0 removed'
    )
  })

  test('a file headed as the download heads it is read as one headed as the reference file', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['capability_admin'] })
    const { preview } = await uploadAndPreview(
      client,
      admin,
      Buffer.from(
        'Role family,Role,Role level,Skill,Skill level\n' +
          'Data,Data analyst,Data analyst,Data analysis,Working\n'
      )
    )
    preview.assertTextIncludes('Requirements to add</th><td class="text-right">1</td>')
    assert.notInclude(preview.text(), 'The file cannot be read')
  })

  test('bad rows are listed with line and reason, and applying writes nothing', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['capability_admin'] })
    const { location, preview } = await uploadAndPreview(
      client,
      admin,
      csv(
        'Data,Data analyst,Data analyst,Data analysis,Working',
        'Data,,Data analyst,Data analysis,Working',
        'Data,Data analyst,Data analyst,Data ethics,Brilliant'
      )
    )
    preview.assertTextIncludes('2 rows have a problem')
    preview.assertTextIncludes('<th scope="row" class="font-normal">3</th><td>Missing role</td>')
    preview.assertTextIncludes(
      'Skill level &quot;Brilliant&quot; is not one of Awareness, Working, Practitioner, Expert'
    )
    assert.notInclude(preview.text(), 'Apply the import')

    const applied = await apply(client, admin, location)
    applied.assertStatus(422)
    assert.equal(await rowCount('role_requirements'), 0)
  })

  test('a file without the five columns cannot be read', async ({ client }) => {
    const admin = await createUser({ roles: ['capability_admin'] })
    const { preview } = await uploadAndPreview(client, admin, Buffer.from('name,level\nA,1\n'))
    preview.assertTextIncludes('The file cannot be read')
    preview.assertTextIncludes(
      'The header row must name the columns Role family, Role, Role level, Skill, Skill level; missing Role family, Role, Role level, Skill, Skill level'
    )
  })

  test('a file that is not a CSV, or no file, gets a field message', async ({ client }) => {
    const admin = await createUser({ roles: ['capability_admin'] })
    const wrongType = await upload(client, admin, Buffer.from('hello'), 'notes.txt')
    wrongType.assertFlashMessage('inputErrorsBag', { file: ['The selected file must be a CSV'] })
    const none = await submitAs(client, admin).post('/framework/import')
    none.assertFlashMessage('inputErrorsBag', { file: ['Select a CSV file'] })
  })

  test('a quote inside a cell that is not in quotes is read as written', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['capability_admin'] })
    const uploaded = await upload(
      client,
      admin,
      csv('Data,Data analyst,Senior "lead" analyst,Data analysis,Working')
    )
    const location = uploaded.header('location')!
    const applied = await submitAs(client, admin).post(`${location}/apply`)
    applied.assertHeader('location', '/framework')
    const level = await RoleLevel.findBy('name', 'Senior "lead" analyst')
    assert.isNotNull(level)
  })

  test('a file whose quotes cannot be read names the line to look at', async ({ client }) => {
    const admin = await createUser({ roles: ['capability_admin'] })
    const { preview } = await uploadAndPreview(
      client,
      admin,
      csv(
        'Data,Data analyst,Data analyst,Data analysis,Working',
        'Data,"Data analyst,Senior data analyst,Data analysis,Working'
      )
    )
    preview.assertTextIncludes('The file cannot be read')
    preview.assertTextIncludes(
      'The file could not be read as CSV near line 3: check its quotes and commas'
    )
  })

  test('a binary file named .csv is refused on the upload page and not kept', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['capability_admin'] })
    const response = await upload(client, admin, binaryFile())
    response.assertStatus(302)
    response.assertFlashMessage('inputErrorsBag', { file: ['The selected file must be a CSV'] })
    assert.lengthOf(await FrameworkImport.all(), 0)
  })

  test('importing the same file twice changes nothing the second time', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['capability_admin'] })
    const file = csv(
      'Data,Data analyst,Data analyst,Data analysis,Working',
      'Data,Data analyst,Lead data analyst,Data analysis,Expert'
    )
    const first = await upload(client, admin, file)
    await apply(client, admin, first.header('location')!)
    const requirements = await rowCount('role_requirements')
    const events = await rowCount('audit_events')

    const second = await uploadAndPreview(client, admin, file)
    second.preview.assertTextIncludes('The framework already matches this file')
    await apply(client, admin, second.location)
    assert.equal(await rowCount('role_requirements'), requirements)
    assert.equal(await rowCount('audit_events'), events + 1, 'only the upload itself is recorded')
  })

  test('a level left out of a role in the file is retired; a changed level is updated', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['capability_admin'] })
    const { levels } = await createRole({
      family: 'Data',
      role: 'Data analyst',
      levels: [
        { name: 'Data analyst', needs: { 'Data analysis': 2 } },
        { name: 'Senior data analyst', needs: { 'Data analysis': 3 } },
      ],
    })
    const { location, preview } = await uploadAndPreview(
      client,
      admin,
      csv('Data,Data analyst,Data analyst,Data analysis,Practitioner')
    )
    preview.assertTextIncludes('Level: Senior data analyst (Data analyst)')
    await apply(client, admin, location)
    const senior = await RoleLevel.findOrFail(levels[1].id)
    assert.isNotNull(senior.retiredAt)
    const requirement = await RoleRequirement.query()
      .where('role_level_id', levels[0].id)
      .firstOrFail()
    assert.equal(requirement.level, 3)
  })
})

test.group('Framework export', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the CSV has the five reference columns and one row per requirement', async ({
    client,
    assert,
  }) => {
    await createRole({
      family: 'Data',
      role: 'Data analyst',
      levels: [{ name: 'Data analyst', needs: { 'Data analysis': 2, 'Ethics': 1 } }],
    })
    const user = await createUser()
    const response = await client.get('/framework/export.csv').loginAs(user)
    response.assertStatus(200)
    assert.include(response.header('content-type'), 'text/csv')
    const lines = response.text().trim().split('\n')
    assert.deepEqual(lines, [
      'Role family,Role,Role level,Skill,Skill level',
      'Data,Data analyst,Data analyst,Data analysis,Working',
      'Data,Data analyst,Data analyst,Ethics,Awareness',
    ])
  })

  test('the JSON holds families, roles, levels with requirements, and skills with four levels', async ({
    client,
    assert,
  }) => {
    await createRole({
      family: 'Data',
      role: 'Data analyst',
      levels: [{ name: 'Data analyst', needs: { 'Data analysis': 2 } }],
    })
    const user = await createUser()
    const response = await client.get('/framework/export.json').loginAs(user)
    const body = response.body()
    assert.equal(body.families[0].roles[0].levels[0].requirements[0].level, 'Working')
    assert.lengthOf(body.skills[0].levels, 4)
    assert.equal(body.skills[0].levels[2].name, 'Practitioner')
  })

  test('the seeded framework has every reference role, the two leadership roles and every requirement', async ({
    assert,
  }) => {
    await seedFramework()
    const roles = await db.from('role_profiles').whereNull('retired_at').count('* as total')
    assert.equal(Number(roles[0].total), 54)
    const skills = await db.from('skills').count('* as total')
    assert.isAtLeast(Number(skills[0].total), 188)
    const descriptors = await db.from('skill_level_descriptors').count('* as total')
    assert.equal(Number(descriptors[0].total), Number(skills[0].total) * 4)
    assert.equal(await rowCount('role_requirements'), 1809 + 24)
    for (const name of ['Digital Leader', 'Service Manager']) {
      assert.isNotNull(await db.from('role_profiles').where('name', name).first())
    }
  }).timeout(60000)

  test('exporting the seeded framework and importing the export changes nothing', async ({
    client,
    assert,
  }) => {
    await seedFramework()
    const admin = await createUser({ roles: ['capability_admin'] })
    const exported = await client.get('/framework/export.csv').loginAs(admin)
    const { preview } = await uploadAndPreview(client, admin, Buffer.from(exported.text()))
    preview.assertTextIncludes('The framework already matches this file')
    preview.assertTextIncludes('1833 rows read')
    assert.notInclude(preview.text(), 'row has a problem')
  }).timeout(60000)

  test('a name the export guards against spreadsheet formulas comes back unchanged on import', async ({
    client,
    assert,
  }) => {
    await seedFramework()
    const skill = await db.from('skills').orderBy('id').first()
    await db
      .from('skills')
      .where('id', skill.id)
      .update({ name: `=${skill.name}` })
    const admin = await createUser({ roles: ['capability_admin'] })
    const exported = await client.get('/framework/export.csv').loginAs(admin)
    assert.include(exported.text(), `'=${skill.name}`)
    const { preview } = await uploadAndPreview(client, admin, Buffer.from(exported.text()))
    preview.assertTextIncludes('The framework already matches this file')
  }).timeout(60000)
})
