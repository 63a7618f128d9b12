import { test } from '@japa/runner'
import { assertPageIncludes } from '#tests/support/page_access'
import testUtils from '@adonisjs/core/services/test_utils'
import { createUser } from '#database/factories/user_factory'
import { createRole } from '#database/factories/framework_factory'
import { transportAndRevenue } from '#tests/support/fixtures/departments'
import type Organisation from '#models/organisation'
import type User from '#models/user'
import AuditEvent from '#models/audit_event'
import CapabilityPlan from '#models/capability_plan'
import PlanLine from '#models/plan_line'
import PlanSnapshot from '#models/plan_snapshot'
import { bearer, apiAs } from '#tests/support/api'
import { decodeEntities } from '#tests/support/html'
import { createRoleAssignment } from '#database/factories/capability_factory'
import {
  createCampaign,
  createCapabilityPlan,
  createPlanLine,
} from '#database/factories/workforce_factory'
import { submitAs } from '#tests/support/forms'

/* Two departments, one with an agency, their HR, a capability admin and a learner. */
async function setting() {
  const { dft, dvla, hmrc, dftHr, hmrcHr } = await transportAndRevenue()
  const admin = await createUser({ roles: ['capability_admin', 'learner'] })
  const learner = await createUser({ roles: ['learner'], organisation: dft })
  const product = await createRole({
    role: 'Product manager',
    levels: [
      { name: 'Associate product manager', needs: { 'Agile working': 2 } },
      { name: 'Senior product manager', needs: { 'Agile working': 3 } },
    ],
  })
  const delivery = await createRole({
    role: 'Delivery manager',
    levels: [{ name: 'Delivery manager', needs: { 'Agile working': 3 } }],
  })
  return { dft, dvla, hmrc, dftHr, hmrcHr, admin, learner, product, delivery }
}

/* Gives a person a confirmed current role level. */
async function inRole(organisation: Organisation, roleLevelId: number, extra = {}) {
  const person = await createUser({ organisation, overrides: extra })
  await createRoleAssignment(person, roleLevelId)
  return person
}

function post(client: any, url: string, user: User, form: Record<string, unknown> = {}) {
  return submitAs(client, user).post(url, form)
}

function numbersFor(line: PlanLine, values: Record<string, unknown>) {
  const form: Record<string, unknown> = {}
  for (const [field, value] of Object.entries(values)) form[`lines[l${line.id}][${field}]`] = value
  return form
}

test.group('Capability plans: journey', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('HR start a plan, add lines, fill numbers, check and submit; an admin returns it, HR resubmit and the admin approves', async ({
    client,
    assert,
  }) => {
    const { dft, dftHr, admin, product, delivery } = await setting()

    const started = await post(client, '/workforce/plans', dftHr, {
      organisationId: dft.id,
      financialYear: 2013,
    })
    const plan = await CapabilityPlan.query()
      .where({ organisation_id: dft.id, financial_year: 2013 })
      .firstOrFail()
    started.assertHeader('location', `/workforce/plans/${plan.id}`)
    assert.equal(plan.status, 'draft')

    const taskList = await client.get(`/workforce/plans/${plan.id}`).loginAs(dftHr)
    taskList.assertStatus(200)
    taskList.assertTextIncludes('capability plan 2013–14')
    taskList.assertTextIncludes('Choose role profiles')
    taskList.assertTextIncludes('Not started')
    taskList.assertTextIncludes('Cannot start yet')

    for (const role of [product.role, delivery.role]) {
      const added = await post(client, `/workforce/plans/${plan.id}/lines`, dftHr, {
        roleProfileId: role.id,
      })
      added.assertHeader('location', `/workforce/plans/${plan.id}/lines`)
    }
    const lines = await PlanLine.query().where('plan_id', plan.id).orderBy('id')
    assert.lengthOf(lines, 2)

    const saved = await post(client, `/workforce/plans/${plan.id}/numbers`, dftHr, {
      ...numbersFor(lines[0], {
        postsNeeded: '12',
        plannedToRecruit: '3',
        plannedToTrain: '2',
      }),
      ...numbersFor(lines[1], { postsNeeded: '5', plannedToRecruit: '1', plannedToTrain: '0' }),
    })
    saved.assertHeader('location', `/workforce/plans/${plan.id}`)

    const afterNumbers = await client.get(`/workforce/plans/${plan.id}`).loginAs(dftHr)
    assert.equal((afterNumbers.text().match(/>Completed</g) ?? []).length, 2)

    const check = await client.get(`/workforce/plans/${plan.id}/check`).loginAs(dftHr)
    check.assertStatus(200)
    check.assertTextIncludes('Check your plan before sending it')
    check.assertTextIncludes(`href="/workforce/plans/${plan.id}/numbers#line-${lines[0].id}"`)
    check.assertTextIncludes('<td class="text-right">17</td>')

    const submitted = await post(client, `/workforce/plans/${plan.id}/submit`, dftHr)
    submitted.assertHeader('location', `/workforce/plans/${plan.id}`)
    await plan.refresh()
    assert.equal(plan.status, 'submitted')
    assert.equal(plan.submittedBy, dftHr.id)

    const blank = await post(client, `/workforce/plans/${plan.id}/return`, admin, { comment: '' })
    blank.assertFlashMessage('inputErrorsBag', {
      comment: ['Enter what needs to change before the plan can be approved'],
    })
    const returned = await post(client, `/workforce/plans/${plan.id}/return`, admin, {
      comment: 'Explain the 12 product managers',
    })
    returned.assertHeader('location', `/workforce/plans/${plan.id}`)
    await plan.refresh()
    assert.equal(plan.status, 'returned')

    await assertPageIncludes(client, dftHr, `/workforce/plans/${plan.id}`, [
      'Explain the 12 product managers',
      `href="/workforce/plans/${plan.id}/numbers"`,
    ])

    await post(client, `/workforce/plans/${plan.id}/numbers`, dftHr, {
      ...numbersFor(lines[0], { postsNeeded: '10', plannedToRecruit: '3', plannedToTrain: '2' }),
    }).then((response: any) => response.assertHeader('location', `/workforce/plans/${plan.id}`))
    await lines[0].refresh()
    assert.equal(lines[0].postsNeeded, 10)

    await post(client, `/workforce/plans/${plan.id}/submit`, dftHr)
    await plan.refresh()
    assert.equal(plan.status, 'submitted')

    const approved = await post(client, `/workforce/plans/${plan.id}/approve`, admin)
    approved.assertHeader('location', `/workforce/plans/${plan.id}`)
    await plan.refresh()
    assert.equal(plan.status, 'approved')
    assert.equal(plan.decidedBy, admin.id)
    assert.isNull(plan.decisionComment)

    const statusChanges = await AuditEvent.query()
      .where({ subject_type: 'capability_plan', subject_id: String(plan.id), action: 'update' })
      .orderBy('id')
    assert.deepEqual(
      statusChanges.map((event) => JSON.parse(event.after ?? '{}').status).filter(Boolean),
      ['submitted', 'returned', 'submitted', 'approved']
    )
    const lineEvents = await AuditEvent.query().where({ subject_type: 'plan_line' })
    assert.isAtLeast(lineEvents.length, 4)
    assert.isTrue(lineEvents.every((event) => event.organisationId === dft.id))
  })

  test('a submitted or approved plan cannot be changed by HR', async ({ client, assert }) => {
    const { dft, dftHr, product, delivery } = await setting()
    const plan = await createCapabilityPlan(dft, 2014, { status: 'submitted' })
    const line = await createPlanLine(plan, product.role, {
      postsNeeded: 4,
      plannedToRecruit: 0,
      plannedToTrain: 0,
    })
    for (const status of ['submitted', 'approved'] as const) {
      plan.status = status
      await plan.save()
      const edit = await client
        .get(`/workforce/plans/${plan.id}/numbers`)
        .loginAs(dftHr)
        .redirects(0)
      edit.assertHeader('location', `/workforce/plans/${plan.id}`)
      await post(client, `/workforce/plans/${plan.id}/numbers`, dftHr, {
        ...numbersFor(line, { postsNeeded: '99', plannedToRecruit: '0', plannedToTrain: '0' }),
      })
      await post(client, `/workforce/plans/${plan.id}/lines`, dftHr, {
        roleProfileId: delivery.role.id,
      })
      await post(client, `/workforce/plans/${plan.id}/submit`, dftHr)
      await line.refresh()
      assert.equal(line.postsNeeded, 4)
      assert.lengthOf(await PlanLine.query().where('plan_id', plan.id), 1)
    }
    await plan.refresh()
    assert.equal(plan.status, 'approved')
  })

  test('a plan with no role profiles cannot be submitted', async ({ client, assert }) => {
    const { dft, dftHr } = await setting()
    const plan = await createCapabilityPlan(dft, 2013)
    const response = await post(client, `/workforce/plans/${plan.id}/submit`, dftHr)
    response.assertFlashMessage('error', 'Add at least one role profile before sending the plan')
    await plan.refresh()
    assert.equal(plan.status, 'draft')
  })

  test('copying last year’s plan carries over its lines but not its in-post overrides', async ({
    client,
    assert,
  }) => {
    const { dft, dftHr, product } = await setting()
    const last = await createCapabilityPlan(dft, 2013, { status: 'approved' })
    await createPlanLine(last, product.role, {
      postsNeeded: 8,
      inPostOverride: 6,
      overrideReason: 'Two contractors',
      plannedToRecruit: 2,
      plannedToTrain: 1,
    })
    await assertPageIncludes(client, dftHr, '/workforce/plans', [
      'Copy last year’s plan',
      'to start 2014–15',
    ])

    const response = await post(client, '/workforce/plans', dftHr, {
      organisationId: dft.id,
      financialYear: 2014,
      copyPrevious: '1',
    })
    const copy = await CapabilityPlan.query()
      .where({ organisation_id: dft.id, financial_year: 2014 })
      .preload('lines')
      .firstOrFail()
    response.assertHeader('location', `/workforce/plans/${copy.id}`)
    assert.equal(copy.copiedFromId, last.id)
    assert.equal(copy.status, 'draft')
    assert.lengthOf(copy.lines, 1)
    assert.equal(copy.lines[0].postsNeeded, 8)
    assert.equal(copy.lines[0].plannedToRecruit, 2)
    assert.isNull(copy.lines[0].inPostOverride)
    assert.isNull(copy.lines[0].overrideReason)
  })

  test('copying when there is no plan for the year before asks to start an empty one', async ({
    client,
    assert,
  }) => {
    const { dft, dftHr } = await setting()
    const response = await post(client, '/workforce/plans', dftHr, {
      organisationId: dft.id,
      financialYear: 2016,
      copyPrevious: '1',
    })
    response.assertFlashMessage('inputErrorsBag', {
      copyPrevious: ['There is no 2015–16 plan to copy: start an empty plan instead'],
    })
    assert.lengthOf(await CapabilityPlan.query().where('organisation_id', dft.id), 0)
  })

  test('starting a second plan for the same organisation and year opens the existing one', async ({
    client,
    assert,
  }) => {
    const { dft, dftHr } = await setting()
    const existing = await createCapabilityPlan(dft, 2013)
    const response = await post(client, '/workforce/plans', dftHr, {
      organisationId: dft.id,
      financialYear: 2013,
    })
    response.assertHeader('location', `/workforce/plans/${existing.id}`)
    response.assertFlashMessage(
      'error',
      'There is already a plan for 2013–14: carry on with it here'
    )
    assert.lengthOf(await CapabilityPlan.query().where('organisation_id', dft.id), 1)
  })
})

test.group('Capability plans: in post and validation', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('in post counts current role levels across the organisation and its agencies only', async ({
    client,
    assert,
  }) => {
    const { dft, dvla, hmrc, dftHr, product } = await setting()
    const [associate, senior] = product.levels
    await inRole(dft, associate.id)
    await inRole(dft, senior.id)
    await inRole(dvla, associate.id)
    await inRole(hmrc, associate.id)
    await inRole(dft, associate.id, { deactivatedAt: null })
    // A target role level is an ambition, not a post held.
    const aspiring = await createUser({ organisation: dft })
    await createRoleAssignment(aspiring, senior, { kind: 'target' })
    await createCampaign(dvla, product.role, {
      title: 'Product managers',
      posts: 3,
      stage: 'advertised',
      hires: 0,
    })
    await createCampaign(dft, product.role, {
      title: 'Filled last year',
      posts: 5,
      stage: 'filled',
      hires: 5,
    })
    const plan = await createCapabilityPlan(dft, 2013)
    await createPlanLine(plan, product.role, {
      postsNeeded: 10,
      plannedToRecruit: 2,
      plannedToTrain: 0,
    })
    const page = await client.get(`/workforce/plans/${plan.id}/numbers`).loginAs(dftHr)
    page.assertStatus(200)
    page.assertTextIncludes('Counted in post: 4.')
    page.assertTextIncludes('Open recruitment campaigns: 3 posts.')
    const check = await client.get(`/workforce/plans/${plan.id}/check`).loginAs(dftHr)
    check.assertTextIncludes('Counted from people')
    assert.include(check.text(), '<td class="text-right">6</td>')
  })

  test('an overridden in-post figure needs a reason, and replaces the count once given', async ({
    client,
    assert,
  }) => {
    const { dft, dftHr, product } = await setting()
    await inRole(dft, product.levels[0].id)
    const plan = await createCapabilityPlan(dft, 2013)
    const line = await createPlanLine(plan, product.role, {
      postsNeeded: 5,
      plannedToRecruit: 0,
      plannedToTrain: 0,
    })
    const noReason = await post(client, `/workforce/plans/${plan.id}/numbers`, dftHr, {
      ...numbersFor(line, {
        postsNeeded: '5',
        inPostOverride: '3',
        overrideReason: '',
        plannedToRecruit: '0',
        plannedToTrain: '0',
      }),
    })
    noReason.assertFlashMessage('inputErrorsBag', {
      [`lines.l${line.id}.overrideReason`]: [
        'Enter why the number in post for Product manager differs from the count of people',
      ],
    })
    await line.refresh()
    assert.isNull(line.inPostOverride)

    await post(client, `/workforce/plans/${plan.id}/numbers`, dftHr, {
      ...numbersFor(line, {
        postsNeeded: '5',
        inPostOverride: '3',
        overrideReason: 'Two loans from another department',
        plannedToRecruit: '0',
        plannedToTrain: '0',
      }),
    })
    await line.refresh()
    assert.equal(line.inPostOverride, 3)
    assert.equal(line.overrideReason, 'Two loans from another department')
    const check = await client.get(`/workforce/plans/${plan.id}/check`).loginAs(dftHr)
    check.assertTextIncludes('Set by hand (counted: 1). Reason: Two loans from another department')
    const audit = await AuditEvent.query()
      .where({ subject_type: 'plan_line', subject_id: String(line.id), action: 'update' })
      .firstOrFail()
    assert.equal(JSON.parse(audit.after ?? '{}').inPostOverride, 3)
    assert.equal(audit.actorId, dftHr.id)
  })

  test('numbers must be whole numbers from 0 to 100000, with messages naming the role', async ({
    client,
  }) => {
    const { dft, dftHr, product } = await setting()
    const plan = await createCapabilityPlan(dft, 2013)
    const line = await createPlanLine(plan, product.role, {
      postsNeeded: 0,
      plannedToRecruit: 0,
      plannedToTrain: 0,
    })
    const response = await post(client, `/workforce/plans/${plan.id}/numbers`, dftHr, {
      ...numbersFor(line, {
        postsNeeded: 'twelve',
        plannedToRecruit: '2.5',
        plannedToTrain: '100001',
      }),
    })
    response.assertFlashMessage('inputErrorsBag', {
      [`lines.l${line.id}.postsNeeded`]: [
        'Enter the number of posts needed for Product manager as a whole number',
      ],
      [`lines.l${line.id}.plannedToRecruit`]: [
        'Enter the number planned to recruit for Product manager as a whole number',
      ],
      [`lines.l${line.id}.plannedToTrain`]: [
        'Enter the number planned to train for Product manager as a whole number from 0 to 100000',
      ],
    })
  })

  test('starting a plan needs an organisation and a year; adding a line needs a role profile', async ({
    client,
  }) => {
    const { dft, dftHr } = await setting()
    const start = await post(client, '/workforce/plans', dftHr, {})
    start.assertFlashMessage('inputErrorsBag', {
      organisationId: ['Select the organisation the plan is for'],
      financialYear: ['Select the financial year the plan is for'],
    })
    const plan = await createCapabilityPlan(dft, 2013)
    const add = await post(client, `/workforce/plans/${plan.id}/lines`, dftHr, {})
    add.assertFlashMessage('inputErrorsBag', {
      roleProfileId: ['Select a role profile to add to the plan'],
    })
  })

  test('a role profile can be removed from a draft plan', async ({ client, assert }) => {
    const { dft, dftHr, product } = await setting()
    const plan = await createCapabilityPlan(dft, 2013)
    const line = await createPlanLine(plan, product.role, {
      postsNeeded: 1,
      plannedToRecruit: 0,
      plannedToTrain: 0,
    })
    await post(client, `/workforce/plans/${plan.id}/lines/${line.id}/delete`, dftHr)
    assert.isNull(await PlanLine.find(line.id))
    const deleted = await AuditEvent.query()
      .where({ subject_type: 'plan_line', subject_id: String(line.id), action: 'delete' })
      .first()
    assert.isNotNull(deleted)
  })
})

test.group('Capability plans: access', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('HR of another department get 404 for a plan and its pages; learners get 403', async ({
    client,
    assert,
  }) => {
    const { dft, hmrcHr, learner } = await setting()
    const plan = await createCapabilityPlan(dft, 2013, { status: 'submitted' })
    for (const suffix of ['', '/lines', '/numbers', '/check']) {
      const other = await client.get(`/workforce/plans/${plan.id}${suffix}`).loginAs(hmrcHr)
      other.assertStatus(404)
      const refused = await client.get(`/workforce/plans/${plan.id}${suffix}`).loginAs(learner)
      refused.assertStatus(403)
    }
    const list = await client.get('/workforce/plans').loginAs(learner)
    list.assertStatus(403)
    const otherList = await client.get('/workforce/plans').loginAs(hmrcHr)
    assert.notInclude(otherList.text(), 'Department for Transport</a>')
    const submit = await post(client, `/workforce/plans/${plan.id}/submit`, hmrcHr)
    submit.assertStatus(404)
    const start = await post(client, '/workforce/plans', hmrcHr, {
      organisationId: dft.id,
      financialYear: 2014,
    })
    start.assertStatus(403)
  })

  test('HR cannot approve or return their own plan', async ({ client, assert }) => {
    const { dft, dftHr } = await setting()
    const plan = await createCapabilityPlan(dft, 2013, { status: 'submitted' })
    const approve = await post(client, `/workforce/plans/${plan.id}/approve`, dftHr)
    approve.assertStatus(403)
    const giveBack = await post(client, `/workforce/plans/${plan.id}/return`, dftHr, {
      comment: 'No',
    })
    giveBack.assertStatus(403)
    await plan.refresh()
    assert.equal(plan.status, 'submitted')
  })

  test('HR and capability admins see Workforce in the navigation; learners do not', async ({
    client,
    assert,
  }) => {
    const { dftHr, admin, learner } = await setting()
    for (const user of [dftHr, admin]) {
      const page = await client.get('/').loginAs(user)
      page.assertTextIncludes('href="/workforce/plans"')
    }
    const page = await client.get('/').loginAs(learner)
    assert.notInclude(page.text(), 'href="/workforce/plans"')
  })
})

test.group('Capability plans: CSV export', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('every line of every plan in scope, with in post counted across each organisation’s tree, overrides and open campaign posts', async ({
    client,
    assert,
  }) => {
    const { dft, dvla, hmrc, dftHr, admin, product, delivery } = await setting()
    // In post for DfT's tree: two product managers (one in the agency), one delivery manager; one leaver.
    await inRole(dft, product.levels[0].id)
    await inRole(dvla, product.levels[1].id)
    await inRole(dvla, delivery.levels[0].id)
    const leaver = await inRole(dft, product.levels[0].id)
    leaver.deactivatedAt = leaver.createdAt
    await leaver.save()
    // HMRC has a product manager of its own, counted only for HMRC.
    await inRole(hmrc, product.levels[0].id)

    const dftPlan = await createCapabilityPlan(dft, 2013)
    const dvlaPlan = await createCapabilityPlan(dvla, 2013, { status: 'submitted' })
    const hmrcPlan = await createCapabilityPlan(hmrc, 2013, { status: 'approved' })
    const line = (planId: number, roleProfileId: number, extra: Partial<PlanLine> = {}) =>
      createPlanLine(planId, roleProfileId, {
        postsNeeded: 5,
        inPostOverride: null,
        overrideReason: null,
        plannedToRecruit: 1,
        plannedToTrain: 2,
        ...extra,
      })
    await line(dftPlan.id, product.role.id)
    await line(dftPlan.id, delivery.role.id, {
      inPostOverride: 4,
      overrideReason: 'Two contractors in post',
    })
    await line(dvlaPlan.id, product.role.id, { postsNeeded: 1 })
    await line(hmrcPlan.id, product.role.id)
    await createCampaign(dvla, product.role, {
      title: 'Product managers',
      posts: 3,
      stage: 'advertised',
      hires: 0,
    })
    await createCampaign(dft, product.role, {
      title: 'Filled last year',
      posts: 7,
      stage: 'filled',
      hires: 7,
    })

    const response = await client.get('/workforce/plans.csv').loginAs(dftHr)
    response.assertStatus(200)
    response.assertHeader('content-type', 'text/csv; charset=utf-8')
    const rows = response
      .text()
      .trim()
      .split('\n')
      .map((row) => row.split(','))
    assert.deepEqual(rows[0], [
      'Plan ID',
      'Organisation',
      'Organisation code',
      'Financial year',
      'Status',
      'Role profile',
      'Posts needed',
      'In post',
      'In post counted',
      'In post override reason',
      'Vacancies',
      'Planned to recruit',
      'Planned to train',
      'Open campaign posts',
      'In post at submission',
      'Vacancies at submission',
      'Open campaign posts at submission',
      'In post at approval',
      'Vacancies at approval',
      'Open campaign posts at approval',
    ])
    const byPlanAndRole = new Map(rows.slice(1).map((row) => [`${row[0]} ${row[5]}`, row]))
    assert.equal(rows.length, 4, 'three lines in DfT’s tree, none of HMRC’s')
    // DfT: product managers in DfT and the agency (the leaver not counted); the agency's open campaign.
    assert.deepEqual(byPlanAndRole.get(`${dftPlan.id} Product manager`)!.slice(6), [
      '5',
      '2',
      '2',
      '',
      '3',
      '1',
      '2',
      '3',
      // A draft: nothing frozen.
      ...['', '', '', '', '', ''],
    ])
    assert.deepEqual(byPlanAndRole.get(`${dftPlan.id} Delivery manager`)!.slice(6), [
      '5',
      '4',
      '1',
      'Two contractors in post',
      '1',
      '1',
      '2',
      '0',
      // A draft: nothing frozen.
      ...['', '', '', '', '', ''],
    ])
    // The agency's own plan counts only its own tree.
    assert.deepEqual(byPlanAndRole.get(`${dvlaPlan.id} Product manager`)!.slice(6), [
      '1',
      '1',
      '1',
      '',
      '0',
      '1',
      '2',
      '3',
      // Not frozen: this plan was put straight into the database, not sent.
      ...['', '', '', '', '', ''],
    ])

    const filtered = await client.get(`/workforce/plans.csv?status=submitted`).loginAs(dftHr)
    assert.lengthOf(filtered.text().trim().split('\n'), 2)

    const everything = await client.get('/workforce/plans.csv').loginAs(admin)
    const hmrcRow = everything
      .text()
      .trim()
      .split('\n')
      .find((row) => row.startsWith(`${hmrcPlan.id},`))!
    assert.deepEqual(hmrcRow.split(',').slice(6, 9), ['5', '1', '1'])
  })

  test('learners are refused the export and bad filters are answered with the list page', async ({
    client,
  }) => {
    const { learner, dftHr } = await setting()
    const refused = await client.get('/workforce/plans.csv').loginAs(learner)
    refused.assertStatus(403)
    const bad = await client.get('/workforce/plans.csv?year=abc').loginAs(dftHr).redirects(0)
    bad.assertStatus(302)
    bad.assertHeader('location', '/workforce/plans')
  })
})

/* The text of each row of a page's tables, tags removed and whitespace collapsed, by its first cell. */
function rowsOfPage(html: string) {
  const rows = new Map<string, string>()
  for (const [row] of html.matchAll(/<tr[^>]*>[\s\S]*?<\/tr>/g)) {
    const text = decodeEntities(row.replace(/<[^>]+>/g, ' '))
      .replace(/\s+/g, ' ')
      .trim()
    const [first] = /^(Total|[A-Z][a-z]+ manager)/.exec(text) ?? [text]
    rows.set(first, text)
  }
  return rows
}

/* A DfT plan for 2013–14 with one product manager line, filled in and ready to send. */
async function readyPlan(dft: Organisation, hr: User, roleProfileId: number, client: any) {
  await post(client, '/workforce/plans', hr, { organisationId: dft.id, financialYear: 2013 })
  const plan = await CapabilityPlan.query()
    .where({ organisation_id: dft.id, financial_year: 2013 })
    .firstOrFail()
  await post(client, `/workforce/plans/${plan.id}/lines`, hr, { roleProfileId })
  const [line] = await PlanLine.query().where('plan_id', plan.id)
  await post(
    client,
    `/workforce/plans/${plan.id}/numbers`,
    hr,
    numbersFor(line, { postsNeeded: '12', plannedToRecruit: '3', plannedToTrain: '2' })
  )
  return plan
}

async function openCampaign(organisation: Organisation, roleProfileId: number, posts: number) {
  await createCampaign(organisation, roleProfileId, {
    title: `${posts} product managers`,
    posts,
    stage: 'advertised',
    hires: 0,
  })
}

test.group('Capability plans: figures frozen when sent and approved', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a sent plan keeps the figures it was sent with, and the page, CSV and API show them beside today’s', async ({
    client,
    assert,
  }) => {
    const { dft, dftHr, product } = await setting()
    await inRole(dft, product.levels[0].id)
    await inRole(dft, product.levels[1].id)
    await openCampaign(dft, product.role.id, 3)
    const plan = await readyPlan(dft, dftHr, product.role.id, client)

    const draft = await client.get(`/workforce/plans/${plan.id}`).loginAs(dftHr)
    assert.equal(
      rowsOfPage(draft.text()).get('Product manager'),
      'Product manager 12 2 Counted from people 10 3 3 in open campaigns 2',
      'a draft shows today’s figures only'
    )

    const sent = await post(client, `/workforce/plans/${plan.id}/submit`, dftHr)
    sent.assertHeader('location', `/workforce/plans/${plan.id}`)
    // After it was sent, a product manager joins and another campaign opens.
    await inRole(dft, product.levels[0].id)
    await openCampaign(dft, product.role.id, 2)

    const page = await client.get(`/workforce/plans/${plan.id}`).loginAs(dftHr)
    page.assertStatus(200)
    page.assertTextIncludes(
      'Figures as they stood when the plan was sent, with today’s count beside them.'
    )
    const rows = rowsOfPage(page.text())
    assert.equal(
      rows.get('Product manager'),
      'Product manager 12 2 at submission today: 3 Counted from people 10 at submission today: 9 3 In open campaigns: 3 at submission today: 5 2'
    )
    assert.equal(
      rows.get('Total'),
      'Total 12 2 at submission today: 3 10 at submission today: 9 3 In open campaigns: 3 at submission today: 5 2'
    )
    const check = await client.get(`/workforce/plans/${plan.id}/check`).loginAs(dftHr)
    assert.equal(rowsOfPage(check.text()).get('Product manager'), rows.get('Product manager'))

    const csv = await client.get('/workforce/plans.csv').loginAs(dftHr)
    const [header, line] = csv
      .text()
      .trim()
      .split('\n')
      .map((row) => row.split(','))
    const cells = Object.fromEntries(header.map((name, index) => [name, line[index]]))
    assert.deepInclude(cells, {
      'In post': '3',
      'Vacancies': '9',
      'Open campaign posts': '5',
      'In post at submission': '2',
      'Vacancies at submission': '10',
      'Open campaign posts at submission': '3',
      'In post at approval': '',
      'Vacancies at approval': '',
      'Open campaign posts at approval': '',
    })

    const api = await apiAs(client, await bearer(dftHr)).get(`/api/v1/capability-plans/${plan.id}`)
    api.assertStatus(200)
    const data = api.body().data
    assert.include(data.lines[0], { inPost: 3, vacancies: 9, openCampaignPosts: 5 })
    assert.deepEqual(data.lines[0].atSubmission, {
      postsNeeded: 12,
      inPost: 2,
      inPostComputed: 2,
      vacancies: 10,
      plannedToRecruit: 3,
      plannedToTrain: 2,
      openCampaignPosts: 3,
    })
    assert.isNull(data.lines[0].atApproval)
    assert.include(data.totals.atSubmission, { inPost: 2, openCampaignPosts: 3 })
    assert.isString(data.figuresFrozenAt.submission)
    assert.isNull(data.figuresFrozenAt.approval)

    const snapshot = await PlanSnapshot.query().where('plan_id', plan.id).firstOrFail()
    assert.equal(snapshot.stage, 'submission')
    assert.equal(snapshot.takenBy, dftHr.id)
    const audited = await AuditEvent.query()
      .where('subject_type', 'plan_snapshot')
      .where('subject_id', String(snapshot.id))
      .firstOrFail()
    assert.equal(audited.actorId, dftHr.id)
    assert.equal(audited.organisationId, dft.id)
  })

  test('approval freezes the figures again only when they moved since the plan was sent, keeping both', async ({
    client,
    assert,
  }) => {
    const { dft, hmrc, dftHr, hmrcHr, admin, product } = await setting()
    await inRole(dft, product.levels[0].id)
    await inRole(dft, product.levels[0].id)
    const moved = await readyPlan(dft, dftHr, product.role.id, client)
    await post(client, `/workforce/plans/${moved.id}/submit`, dftHr)
    await inRole(dft, product.levels[1].id)
    await post(client, `/workforce/plans/${moved.id}/approve`, admin)
    // A leaver after approval changes only today's count.
    const leaver = await inRole(dft, product.levels[0].id)
    leaver.deactivatedAt = leaver.createdAt
    await leaver.save()
    await inRole(dft, product.levels[1].id)

    const page = await client.get(`/workforce/plans/${moved.id}`).loginAs(dftHr)
    page.assertTextIncludes('Figures as they stood when the plan was sent and approved')
    assert.equal(
      rowsOfPage(page.text()).get('Product manager'),
      'Product manager 12 2 at submission 3 at approval today: 4 Counted from people 10 at submission 9 at approval today: 8 3 In open campaigns: 0 at submission 0 at approval today: 0 2'
    )
    const stages = await PlanSnapshot.query().where('plan_id', moved.id).orderBy('id')
    assert.deepEqual(
      stages.map((snapshot) => [snapshot.stage, snapshot.takenBy]),
      [
        ['submission', dftHr.id],
        ['approval', admin.id],
      ]
    )
    const csv = await client.get(`/workforce/plans.csv?organisation=${dft.id}`).loginAs(admin)
    const [header, line] = csv
      .text()
      .trim()
      .split('\n')
      .map((row) => row.split(','))
    const cells = Object.fromEntries(header.map((name, index) => [name, line[index]]))
    assert.deepInclude(cells, {
      'In post': '4',
      'In post at submission': '2',
      'In post at approval': '3',
      'Vacancies at approval': '9',
    })

    // HMRC's plan is approved as sent: one snapshot, shown as both.
    await inRole(hmrc, product.levels[0].id)
    const still = await readyPlan(hmrc, hmrcHr, product.role.id, client)
    await post(client, `/workforce/plans/${still.id}/submit`, hmrcHr)
    await post(client, `/workforce/plans/${still.id}/approve`, admin)
    const unchanged = await client.get(`/workforce/plans/${still.id}`).loginAs(hmrcHr)
    assert.equal(
      rowsOfPage(unchanged.text()).get('Product manager'),
      'Product manager 12 1 at submission and approval today: 1 Counted from people 11 at submission and approval today: 11 3 In open campaigns: 0 at submission and approval today: 0 2'
    )
    const kept = await PlanSnapshot.query().where('plan_id', still.id)
    assert.deepEqual(
      kept.map((snapshot) => snapshot.stage),
      ['submission']
    )
    const api = await apiAs(client, await bearer(hmrcHr)).get(
      `/api/v1/capability-plans/${still.id}`
    )
    assert.isNull(api.body().data.lines[0].atApproval)
    assert.equal(api.body().data.lines[0].atSubmission.inPost, 1)
  })

  test('a returned plan is counted today again, and frozen afresh when sent again', async ({
    client,
    assert,
  }) => {
    const { dft, dftHr, admin, product } = await setting()
    await inRole(dft, product.levels[0].id)
    const plan = await readyPlan(dft, dftHr, product.role.id, client)
    await post(client, `/workforce/plans/${plan.id}/submit`, dftHr)
    await post(client, `/workforce/plans/${plan.id}/return`, admin, { comment: 'Check in post' })
    await inRole(dft, product.levels[0].id)

    const returned = await client.get(`/workforce/plans/${plan.id}`).loginAs(dftHr)
    assert.notInclude(returned.text(), 'at submission')
    assert.equal(
      rowsOfPage(returned.text()).get('Product manager'),
      'Product manager 12 2 Counted from people 10 3 0 in open campaigns 2'
    )
    const api = await apiAs(client, await bearer(dftHr)).get(`/api/v1/capability-plans/${plan.id}`)
    assert.isNull(api.body().data.lines[0].atSubmission)
    assert.isNull(api.body().data.figuresFrozenAt.submission)

    await post(client, `/workforce/plans/${plan.id}/submit`, dftHr)
    const resent = await client.get(`/workforce/plans/${plan.id}`).loginAs(dftHr)
    assert.include(rowsOfPage(resent.text()).get('Product manager'), '12 2 at submission today: 2')
    assert.lengthOf(await PlanSnapshot.query().where('plan_id', plan.id), 2, 'both sendings kept')
  })
})
