import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { createUser } from '#database/factories/user_factory'
import { transportAndRevenue } from '#tests/support/fixtures/departments'
import { createRole } from '#database/factories/framework_factory'
import RecruitmentCampaign from '#models/recruitment_campaign'
import AuditEvent from '#models/audit_event'
import type Organisation from '#models/organisation'
import { createCampaign } from '#database/factories/workforce_factory'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/user'
import { submitWithDatesAs } from '#tests/support/date_input'
import { assertPagesAnswer } from '#tests/support/page_access'

/* Forms send their dates as GOV.UK date inputs do: day, month and year boxes. */
const submitAs = (client: ApiClient, user: User) => submitWithDatesAs(client, user)

/* DfT with DVLA, and HMRC, each with its HR, and a software developer role. */
async function departmentsWithRole() {
  const { dft, dvla, hmrc, dftHr, hmrcHr } = await transportAndRevenue()
  const { role } = await createRole({
    role: 'Software developer',
    levels: [{ name: 'Developer', needs: { Programming: 2 } }],
  })
  return { dft, dvla, hmrc, dftHr, hmrcHr, role }
}

async function campaign(
  organisation: Organisation,
  roleProfileId: number,
  overrides: Partial<RecruitmentCampaign> = {}
) {
  return createCampaign(organisation, roleProfileId, {
    title: 'Developers 2026',
    posts: 4,
    hires: 0,
    plannedOn: DateTime.fromISO('2026-01-05'),
    ...overrides,
  })
}

const form = (
  organisationId: number,
  roleProfileId: number,
  extra: Record<string, unknown> = {}
) => ({
  title: 'Developers 2026',
  organisationId: String(organisationId),
  roleProfileId: String(roleProfileId),
  posts: '4',
  grade: 'SEO',
  location: 'Swansea',
  stage: 'planned',
  hires: '0',
  ...extra,
})

test.group('Recruitment campaigns', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('learners are refused the campaign pages with 403', async ({ client }) => {
    const learner = await createUser({ roles: ['learner'] })
    await assertPagesAnswer(
      client,
      learner,
      ['/workforce/campaigns', '/workforce/campaigns/create', '/workforce/campaigns.csv'],
      403
    )
  })

  test('adding a campaign records today as its planned date and audits the creation', async ({
    client,
    assert,
  }) => {
    const { dvla, dftHr, role } = await departmentsWithRole()
    const page = await client.get('/workforce/campaigns/create').loginAs(dftHr)
    page.assertStatus(200)
    page.assertTextIncludes('<h1>Add a recruitment campaign</h1>')
    const response = await submitAs(client, dftHr).post(
      '/workforce/campaigns',
      form(dvla.id, role.id)
    )
    response.assertStatus(302)
    response.assertHeader('location', '/workforce/campaigns')
    response.assertFlashMessage('success', 'Campaign added: Developers 2026')
    const saved = await RecruitmentCampaign.query().where('organisation_id', dvla.id).firstOrFail()
    assert.equal(saved.plannedOn?.toISODate(), DateTime.now().toISODate())
    assert.equal(saved.location, 'Swansea')
    const event = await AuditEvent.query()
      .where({ subject_type: 'recruitment_campaign', subject_id: String(saved.id) })
      .firstOrFail()
    assert.equal(event.action, 'create')
    assert.equal(event.actorId, dftHr.id)
    assert.equal(event.organisationId, dvla.id)
  })

  test('moving to a stage records the date given for it', async ({ client, assert }) => {
    const { dvla, dftHr, role } = await departmentsWithRole()
    const existing = await campaign(dvla, role.id)
    const response = await submitAs(client, dftHr).put(
      `/workforce/campaigns/${existing.id}`,
      form(dvla.id, role.id, {
        stage: 'advertised',
        plannedOn: '2026-01-05',
        advertisedOn: '2026-02-02',
      })
    )
    response.assertStatus(302)
    await existing.refresh()
    assert.equal(existing.stage, 'advertised')
    assert.equal(existing.advertisedOn?.toISODate(), '2026-02-02')
    assert.equal(existing.plannedOn?.toISODate(), '2026-01-05')
  })

  test('a campaign cannot move back a stage, but can close unfilled from any open stage', async ({
    client,
    assert,
  }) => {
    const { dvla, dftHr, role } = await departmentsWithRole()
    const existing = await campaign(dvla, role.id, {
      stage: 'interviewing',
      advertisedOn: DateTime.fromISO('2026-02-02'),
      interviewingOn: DateTime.fromISO('2026-03-02'),
    })
    const dates = {
      plannedOn: '2026-01-05',
      advertisedOn: '2026-02-02',
      interviewingOn: '2026-03-02',
    }
    const back = await submitAs(client, dftHr).put(
      `/workforce/campaigns/${existing.id}`,
      form(dvla.id, role.id, { stage: 'sifting', ...dates })
    )
    back.assertFlashMessage('inputErrorsBag', {
      stage: ['Select interviewing, a later stage or closed unfilled: stages only move forward'],
    })
    await existing.refresh()
    assert.equal(existing.stage, 'interviewing')

    const closed = await submitAs(client, dftHr).put(
      `/workforce/campaigns/${existing.id}`,
      form(dvla.id, role.id, { stage: 'closed', ...dates })
    )
    closed.assertFlashMessage('success', 'Campaign updated: Developers 2026')
    await existing.refresh()
    assert.equal(existing.stage, 'closed')
    assert.equal(existing.closedOn?.toISODate(), DateTime.now().toISODate())
  })

  test('hires may not exceed posts, and a filled campaign needs at least one hire', async ({
    client,
    assert,
  }) => {
    const { dvla, dftHr, role } = await departmentsWithRole()
    const tooMany = await submitAs(client, dftHr).post(
      '/workforce/campaigns',
      form(dvla.id, role.id, { hires: '5' })
    )
    tooMany.assertFlashMessage('inputErrorsBag', {
      hires: ['Hires must be no more than the number of posts'],
    })
    const noHires = await submitAs(client, dftHr).post(
      '/workforce/campaigns',
      form(dvla.id, role.id, { stage: 'filled', hires: '0' })
    )
    noHires.assertFlashMessage('inputErrorsBag', {
      hires: ['Enter at least 1 hire for a filled campaign'],
    })
    const missing = await submitAs(client, dftHr).post('/workforce/campaigns', {
      organisationId: String(dvla.id),
    })
    missing.assertFlashMessage('inputErrorsBag', {
      roleProfileId: ['Select the role profile being recruited'],
      title: ['Enter a campaign title'],
      posts: ['Enter the number of posts'],
      stage: ['Select the stage the campaign has reached'],
    })
    const saved = await RecruitmentCampaign.query()
    assert.lengthOf(saved, 0)
  })

  test('time to hire runs from advertised to filled, with the median per organisation', async ({
    client,
    assert,
  }) => {
    const { dft, dvla, dftHr, role } = await departmentsWithRole()
    // 2026-01-10 → 2026-02-09 is 30 days; → 2026-03-01 is 50; → 2026-04-21 is 101.
    for (const [title, closedOn] of [
      ['Fast fill', '2026-02-09'],
      ['Middle fill', '2026-03-01'],
      ['Slow fill', '2026-04-21'],
    ]) {
      await campaign(dvla, role.id, {
        title,
        stage: 'filled',
        hires: 2,
        advertisedOn: DateTime.fromISO('2026-01-10'),
        closedOn: DateTime.fromISO(closedOn),
      })
    }
    // DfT itself: 20 and 40 days, a median of 30.
    await campaign(dft, role.id, {
      title: 'DfT A',
      stage: 'filled',
      hires: 1,
      advertisedOn: DateTime.fromISO('2026-01-01'),
      closedOn: DateTime.fromISO('2026-01-21'),
    })
    await campaign(dft, role.id, {
      title: 'DfT B',
      stage: 'filled',
      hires: 1,
      advertisedOn: DateTime.fromISO('2026-01-01'),
      closedOn: DateTime.fromISO('2026-02-10'),
    })
    const page = await client.get('/workforce/campaigns').loginAs(dftHr)
    page.assertStatus(200)
    page.assertTextIncludes('<td>101 days</td>')
    const text = page.text().replace(/\s+/g, ' ')
    assert.include(
      text,
      '<th scope="row" class="font-normal">Driver and Vehicle Licensing Agency</th> <td>3</td> <td>50 days</td>'
    )
    assert.include(
      text,
      '<th scope="row" class="font-normal">Department for Transport</th> <td>2</td> <td>30 days</td>'
    )
  })

  test('one post, one day: counts of one are said in the singular', async ({ client }) => {
    const { dvla, dftHr, role } = await departmentsWithRole()
    await campaign(dvla, role.id, {
      title: 'One developer',
      posts: 1,
      stage: 'filled',
      hires: 1,
      advertisedOn: DateTime.fromISO('2026-01-10'),
      closedOn: DateTime.fromISO('2026-01-11'),
    })
    const list = await client.get('/workforce/campaigns').loginAs(dftHr)
    list.assertTextIncludes('(1 post, 1 hired)')
    list.assertTextIncludes('<td>1 day</td>')
    const pipeline = await client
      .get('/workforce/campaigns')
      .qs({ view: 'pipeline' })
      .loginAs(dftHr)
    pipeline.assertTextIncludes('Driver and Vehicle Licensing Agency: 1 of 1 post filled')
  })

  test('the list and pipeline show only campaigns in the HR scope, with filters', async ({
    client,
    assert,
  }) => {
    const { dvla, hmrc, dftHr, hmrcHr, role } = await departmentsWithRole()
    await campaign(dvla, role.id, { title: 'Agency developers', stage: 'sifting' })
    await campaign(hmrc, role.id, { title: 'Revenue developers' })

    const list = await client.get('/workforce/campaigns').loginAs(dftHr)
    list.assertTextIncludes('Agency developers')
    assert.notInclude(list.text(), 'Revenue developers')

    const pipeline = await client
      .get('/workforce/campaigns')
      .qs({ view: 'pipeline', stage: 'sifting' })
      .loginAs(dftHr)
    pipeline.assertTextIncludes('<h3 id="stage-sifting" class="text-base">Sifting (1)</h3>')
    pipeline.assertTextIncludes('<h3 id="stage-planned" class="text-base">Planned (0)</h3>')

    const filtered = await client
      .get('/workforce/campaigns')
      .qs({ stage: 'planned' })
      .loginAs(dftHr)
    assert.notInclude(filtered.text(), 'Agency developers')

    const other = await client
      .get('/workforce/campaigns')
      .qs({ organisationId: dvla.id })
      .loginAs(hmrcHr)
    other.assertStatus(404)
  })

  test('another department’s HR get 404 for a campaign’s form and change', async ({
    client,
    assert,
  }) => {
    const { dvla, hmrcHr, role } = await departmentsWithRole()
    const existing = await campaign(dvla, role.id)
    const edit = await client.get(`/workforce/campaigns/${existing.id}/edit`).loginAs(hmrcHr)
    edit.assertStatus(404)
    const update = await client
      .put(`/workforce/campaigns/${existing.id}`)
      .loginAs(hmrcHr)
      .withCsrfToken()
      .form(form(dvla.id, role.id, { title: 'Taken over' }))
    update.assertStatus(404)
    await existing.refresh()
    assert.equal(existing.title, 'Developers 2026')
  })

  test('the CSV export has one row per campaign in scope and filters', async ({
    client,
    assert,
  }) => {
    const { dvla, hmrc, dftHr, role } = await departmentsWithRole()
    await campaign(dvla, role.id, {
      title: 'Filled devs',
      stage: 'filled',
      hires: 3,
      advertisedOn: DateTime.fromISO('2026-01-10'),
      closedOn: DateTime.fromISO('2026-02-09'),
    })
    await campaign(dvla, role.id, { title: 'Planned devs' })
    await campaign(hmrc, role.id, { title: 'Revenue devs' })
    const response = await client
      .get('/workforce/campaigns.csv')
      .qs({ stage: 'filled' })
      .loginAs(dftHr)
    response.assertStatus(200)
    response.assertHeader('content-type', 'text/csv; charset=utf-8')
    const lines = response.text().trim().split('\n')
    assert.lengthOf(lines, 2)
    assert.match(lines[0], /^ID,Organisation,Role profile,Title,Posts,Hires/)
    assert.include(
      lines[1],
      'Driver and Vehicle Licensing Agency,Software developer,Filled devs,4,3,,,Filled'
    )
    assert.match(lines[1], /,2026-01-10,,,,2026-02-09,30$/)
  })
})
