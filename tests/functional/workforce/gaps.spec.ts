import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { createUser } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import { transportAndRevenue } from '#tests/support/fixtures/departments'
import { createRole } from '#database/factories/framework_factory'
import CapabilityGap from '#models/capability_gap'
import Skill from '#models/skill'
import AuditEvent from '#models/audit_event'
import type Organisation from '#models/organisation'
import type User from '#models/user'
import type { ApiClient } from '@japa/api-client'
import { createAssessment, createRoleAssignment } from '#database/factories/capability_factory'
import {
  createCampaign,
  createCapabilityGap,
  createCapabilityPlan,
  createPlanLine,
} from '#database/factories/workforce_factory'
import { submitWithDatesAs } from '#tests/support/date_input'
import { assertPagesAnswer } from '#tests/support/page_access'

/* Forms send their dates as GOV.UK date inputs do: day, month and year boxes. */
const submitAs = (client: ApiClient, user: User) => submitWithDatesAs(client, user)

/* DfT with DVLA, and HMRC, each with its HR, and a software developer role. */
async function departmentsWithRole() {
  const { dft, dvla, hmrc, dftHr, hmrcHr } = await transportAndRevenue()
  const { role, levels } = await createRole({
    role: 'Software developer',
    levels: [{ name: 'Developer', needs: { Programming: 3, Testing: 2 } }],
  })
  return { dft, dvla, hmrc, dftHr, hmrcHr, role, developer: levels[0] }
}

/* A person in the organisation whose current role level is the one given, with validated levels. */
async function personAt(
  organisation: Organisation,
  roleLevelId: number,
  levels: Record<string, number>
) {
  const person = await createUser({ organisation })
  await createRoleAssignment(person, roleLevelId)
  for (const [name, level] of Object.entries(levels)) {
    const skill = await Skill.findByOrFail('name', name)
    await createAssessment(person, skill, level, { source: 'manager' })
  }
  return person
}

async function gap(organisation: Organisation, overrides: Partial<CapabilityGap> = {}) {
  const programming = await Skill.findByOrFail('name', 'Programming')
  return createCapabilityGap(organisation, 'skill', 'Not enough programmers', {
    skillId: programming.id,
    ...overrides,
  })
}

test.group('Capability gap register', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('learners are refused the register, its export and suggestions with 403', async ({
    client,
  }) => {
    const learner = await createUser({ roles: ['learner'] })
    await assertPagesAnswer(
      client,
      learner,
      ['/workforce/gaps', '/workforce/gaps/create', '/workforce/gaps.csv'],
      403
    )
    const suggest = await client
      .post('/workforce/gaps/suggestions')
      .loginAs(learner)
      .withCsrfToken()
      .form({ organisationId: String(learner.organisationId) })
    suggest.assertStatus(403)
  })

  test('suggestions come from the latest plan’s shortfall and from people below the required level, once', async ({
    client,
    assert,
  }) => {
    const { dft, dvla, dftHr, role, developer } = await departmentsWithRole()
    // Four developers in the agency: three below Programming 3, everyone at Testing 2.
    await personAt(dvla, developer.id, { Programming: 2, Testing: 2 })
    await personAt(dvla, developer.id, { Programming: 2, Testing: 2 })
    await personAt(dvla, developer.id, { Programming: 1, Testing: 2 })
    await personAt(dvla, developer.id, { Programming: 3, Testing: 2 })
    // The latest plan needs 10; 4 in post and 2 in an open campaign leave 4 short (40%: high).
    const older = await createCapabilityPlan(dft, 2025, { status: 'approved' })
    await createPlanLine(older, role, { postsNeeded: 40 })
    const plan = await createCapabilityPlan(dft, 2026)
    await createPlanLine(plan, role, { postsNeeded: 10 })
    const { role: analyst } = await createRole({
      role: 'Data analyst',
      levels: [{ name: 'Analyst', needs: { Analysis: 2 } }],
    })
    await createPlanLine(plan, analyst, { postsNeeded: 2, inPostOverride: 2 })
    await createCampaign(dvla, role, { title: 'Open', posts: 2, stage: 'advertised', hires: 0 })
    await createCampaign(dvla, role, { title: 'Done', posts: 3, stage: 'filled', hires: 3 })

    const response = await submitAs(client, dftHr).post('/workforce/gaps/suggestions', {
      organisationId: String(dft.id),
    })
    response.assertHeader('location', `/workforce/gaps?status=suggested&organisationId=${dft.id}`)
    response.assertFlashMessage(
      'success',
      '2 gaps suggested for Department for Transport: 1 from the plan, 1 from people’s skills'
    )
    const gaps = await CapabilityGap.query().where('organisation_id', dft.id).orderBy('kind')
    assert.deepEqual(
      gaps.map((found) => [found.kind, found.source, found.status, found.severity, found.title]),
      [
        ['headcount', 'plan', 'suggested', 'high', '4 Software developer posts short'],
        // Three of four, but only three people, and mostly one level short: medium.
        [
          'skill',
          'gap_engine',
          'suggested',
          'medium',
          'Programming: people below the level their role needs',
        ],
      ]
    )
    assert.equal(gaps[0].roleProfileId, role.id)
    assert.equal(
      gaps[1].description,
      '3 of 4 people are below the required level, 4 levels short in all (1.3 on average).'
    )

    const again = await submitAs(client, dftHr).post('/workforce/gaps/suggestions', {
      organisationId: String(dft.id),
    })
    again.assertFlashMessage(
      'success',
      '0 gaps suggested for Department for Transport: 0 from the plan, 0 from people’s skills; 2 already on the register'
    )
    const count = await CapabilityGap.query().where('organisation_id', dft.id).count('* as total')
    assert.equal(Number(count[0].$extras.total), 2)
  })

  test('fewer than 3 people and under 20% below a level is not suggested', async ({
    client,
    assert,
  }) => {
    const { dft, dvla, dftHr, developer } = await departmentsWithRole()
    await personAt(dvla, developer.id, { Programming: 2, Testing: 2 })
    for (let index = 0; index < 5; index++) {
      await personAt(dvla, developer.id, { Programming: 3, Testing: 2 })
    }
    await client
      .post('/workforce/gaps/suggestions')
      .loginAs(dftHr)
      .withCsrfToken()
      .form({ organisationId: String(dft.id) })
    assert.lengthOf(await CapabilityGap.all(), 0)
  })

  test('HR accept a suggested gap as open and dismiss another with a reason', async ({
    client,
    assert,
  }) => {
    const { dvla, dftHr } = await departmentsWithRole()
    const first = await gap(dvla, { status: 'suggested', source: 'gap_engine' })
    const second = await gap(dvla, {
      status: 'suggested',
      source: 'gap_engine',
      title: 'Testers short',
    })

    const form = await client.get(`/workforce/gaps/${second.id}/edit`).loginAs(dftHr)
    form.assertStatus(200)
    form.assertTextIncludes('<h2 class="mt-10">Dismiss this gap</h2>')
    const blankForm = await client.get('/workforce/gaps/create').loginAs(dftHr)
    blankForm.assertStatus(200)

    const accepted = await submitAs(client, dftHr).post(`/workforce/gaps/${first.id}/accept`)
    accepted.assertFlashMessage('success', 'Gap accepted as open: Not enough programmers')
    await first.refresh()
    assert.equal(first.status, 'open')

    const blank = await submitAs(client, dftHr).post(`/workforce/gaps/${second.id}/dismiss`, {
      reason: '',
    })
    blank.assertFlashMessage('inputErrorsBag', { reason: ['Enter why the gap is being dismissed'] })

    await client
      .post(`/workforce/gaps/${second.id}/dismiss`)
      .loginAs(dftHr)
      .withCsrfToken()
      .form({ reason: 'Covered by the shared testing service' })
    await second.refresh()
    assert.equal(second.status, 'dismissed')
    assert.equal(second.description, 'Dismissed: Covered by the shared testing service')

    const again = await submitAs(client, dftHr).post(`/workforce/gaps/${second.id}/accept`)
    again.assertFlashMessage('error', 'This gap is dismissed, so it cannot be accepted as open')
    const event = await AuditEvent.query()
      .where({ subject_type: 'capability_gap', subject_id: String(second.id), action: 'update' })
      .orderBy('id', 'desc')
      .firstOrFail()
    assert.equal(event.actorId, dftHr.id)
    assert.include(String(event.after), 'dismissed')
  })

  test('a gap is added with an owner found by email in scope, never from another department', async ({
    client,
    assert,
  }) => {
    const { dvla, hmrc, dftHr, role } = await departmentsWithRole()
    const owner = await createUser({
      organisation: dvla,
      overrides: { email: 'owner@dvla.example.gov.uk' },
    })
    await createUser({ organisation: hmrc, overrides: { email: 'stranger@hmrc.example.gov.uk' } })
    const fields = {
      organisationId: String(dvla.id),
      kind: 'headcount',
      roleProfileId: String(role.id),
      title: 'Short of developers',
      severity: 'high',
      mitigation: 'recruit',
      dueOn: '2026-09-30',
      status: 'open',
    }
    const stranger = await submitAs(client, dftHr).post('/workforce/gaps', {
      ...fields,
      ownerEmail: 'stranger@hmrc.example.gov.uk',
    })
    stranger.assertFlashMessage('inputErrorsBag', {
      ownerEmail: [
        'Enter the email address of an active person in your organisation to own the gap',
      ],
    })
    const noRole = await submitAs(client, dftHr).post('/workforce/gaps', {
      ...fields,
      roleProfileId: '',
    })
    noRole.assertFlashMessage('inputErrorsBag', {
      roleProfileId: ['Select the role profile that is short of posts'],
    })

    const saved = await submitAs(client, dftHr).post('/workforce/gaps', {
      ...fields,
      ownerEmail: 'Owner@DVLA.example.gov.uk',
    })
    saved.assertHeader('location', '/workforce/gaps')
    const created = await CapabilityGap.query().where('organisation_id', dvla.id).firstOrFail()
    assert.equal(created.ownerId, owner.id)
    assert.equal(created.source, 'manual')
    assert.equal(created.dueOn?.toISODate(), '2026-09-30')
    const event = await AuditEvent.query()
      .where({ subject_type: 'capability_gap', subject_id: String(created.id), action: 'create' })
      .firstOrFail()
    assert.equal(event.organisationId, dvla.id)
  })

  test('the register filters, marks overdue gaps in text and keeps to the HR scope', async ({
    client,
    assert,
  }) => {
    const { dvla, hmrc, dftHr, hmrcHr } = await departmentsWithRole()
    await gap(dvla, { title: 'Late programming gap', dueOn: DateTime.now().minus({ days: 3 }) })
    await gap(dvla, {
      title: 'Closed old gap',
      status: 'closed',
      dueOn: DateTime.now().minus({ days: 3 }),
    })
    const hmrcGap = await gap(hmrc, { title: 'Revenue gap', severity: 'low' })

    const page = await client.get('/workforce/gaps').qs({ status: 'open' }).loginAs(dftHr)
    page.assertStatus(200)
    page.assertTextIncludes('Late programming gap')
    page.assertTextIncludes('<strong class="block text-error">Overdue</strong>')
    assert.notInclude(page.text(), 'Closed old gap')
    assert.notInclude(page.text(), 'Revenue gap')

    const closed = await client.get('/workforce/gaps').qs({ status: 'closed' }).loginAs(dftHr)
    closed.assertTextIncludes('Closed old gap')
    assert.notInclude(closed.text(), 'Overdue</strong>')

    const edit = await client.get(`/workforce/gaps/${hmrcGap.id}/edit`).loginAs(dftHr)
    edit.assertStatus(404)
    const accept = await client
      .post(`/workforce/gaps/${hmrcGap.id}/accept`)
      .loginAs(dftHr)
      .withCsrfToken()
    accept.assertStatus(404)
    const suggest = await client
      .post('/workforce/gaps/suggestions')
      .loginAs(hmrcHr)
      .withCsrfToken()
      .form({ organisationId: String(dvla.id) })
    suggest.assertStatus(404)
    assert.lengthOf(
      await CapabilityGap.query().where('organisation_id', dvla.id).where('status', 'suggested'),
      0
    )
  })

  test('the CSV export lists the register in scope and filters', async ({ client, assert }) => {
    const { dvla, hmrc, dftHr } = await departmentsWithRole()
    await gap(dvla, {
      title: 'Programming gap',
      severity: 'high',
      dueOn: DateTime.fromISO('2020-01-31'),
    })
    await gap(dvla, { title: 'Low gap', severity: 'low' })
    await gap(hmrc, { title: 'Revenue gap', severity: 'high' })
    const response = await client.get('/workforce/gaps.csv').qs({ severity: 'high' }).loginAs(dftHr)
    response.assertStatus(200)
    const lines = response.text().trim().split('\n')
    assert.lengthOf(lines, 2)
    assert.equal(
      lines[0],
      'ID,Organisation,Kind,Role profile,Skill,Title,Severity,Mitigation,Owner email,Due on,Overdue,Status,Source,Description'
    )
    assert.include(
      lines[1],
      ',Driver and Vehicle Licensing Agency,skill,,Programming,Programming gap,high,,,2020-01-31,yes,open,manual,'
    )
  })
})

/* An organisation of `size` developers, `below` of them `levels` levels short of Programming 3. */
async function developers(
  name: string,
  developerLevelId: number,
  size: number,
  below: number,
  levels: number
) {
  const organisation = await OrganisationFactory.merge({ name }).create()
  for (let index = 0; index < size; index++) {
    const programming = index < below ? 3 - levels : 3
    await personAt(organisation, developerLevelId, { Programming: programming, Testing: 2 })
  }
  return organisation
}

async function suggestFor(client: ApiClient, user: User, organisation: Organisation) {
  const response = await submitAs(client, user).post('/workforce/gaps/suggestions', {
    organisationId: String(organisation.id),
  })
  response.assertStatus(302)
  return CapabilityGap.query().where('organisation_id', organisation.id).orderBy('kind')
}

/* The audit events recording changes to one gap, oldest first. */
async function updatesOf(record: CapabilityGap) {
  return AuditEvent.query()
    .where({ subject_type: 'capability_gap', subject_id: String(record.id), action: 'update' })
    .orderBy('id')
}

test.group('Capability gap register: how severe a suggestion is', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a suggestion’s severity follows how many people are short, of how many, and by how far', async ({
    client,
    assert,
  }) => {
    const { developer, role } = await departmentsWithRole()
    const admin = await createUser({ roles: ['capability_admin', 'learner'] })

    // The only developer, one level short: not critical because they are everyone.
    const solo = await developers('Solo Agency', developer.id, 1, 1, 1)
    // Two posts needed, one filled: one post short.
    const plan = await createCapabilityPlan(solo, 2026)
    await createPlanLine(plan, role, { postsNeeded: 2 })
    const soloGaps = await suggestFor(client, admin, solo)
    assert.deepEqual(
      soloGaps.map((found) => [found.kind, found.severity]),
      [
        ['headcount', 'low'],
        ['skill', 'low'],
      ]
    )
    assert.equal(
      soloGaps[1].description,
      '1 of 1 person is below the required level, 1 level short in all (1 on average).'
    )

    // Six of ten, each one level short: most people, not far.
    const shallow = await developers('Shallow Office', developer.id, 10, 6, 1)
    const [shallowGap] = await suggestFor(client, admin, shallow)
    assert.equal(shallowGap.severity, 'high')

    // Six of ten, each two levels short: most people, far short.
    const deep = await developers('Deep Office', developer.id, 10, 6, 2)
    const [deepGap] = await suggestFor(client, admin, deep)
    assert.equal(deepGap.severity, 'critical')
    assert.equal(
      deepGap.description,
      '6 of 10 people are below the required level, 12 levels short in all (2 on average).'
    )

    // Three of fifteen (20%), two levels short: some people, far short.
    const thin = await developers('Thin Office', developer.id, 15, 3, 2)
    const [thinGap] = await suggestFor(client, admin, thin)
    assert.equal(thinGap.severity, 'medium')
  }).timeout(60_000)
})

test.group('Capability gap register: many suggestions at once', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  /* Three suggestions and an open gap in the agency, and a suggestion in HMRC. */
  async function register() {
    const departments = await departmentsWithRole()
    const { dvla, hmrc } = departments
    const first = await gap(dvla, { title: 'Programmers short', status: 'suggested' })
    const second = await gap(dvla, { title: 'Testers short', status: 'suggested' })
    const third = await gap(dvla, { title: 'Analysts short', status: 'suggested' })
    const open = await gap(dvla, { title: 'Architects short', status: 'open' })
    const foreign = await gap(hmrc, { title: 'Revenue gap', status: 'suggested' })
    return { ...departments, first, second, third, open, foreign }
  }

  test('the register offers a box for each suggestion, one for every suggestion listed, and one form', async ({
    client,
    assert,
  }) => {
    const { dftHr, first, open } = await register()
    const page = await client.get('/workforce/gaps').qs({ severity: 'medium' }).loginAs(dftHr)
    page.assertStatus(200)
    const html = page.text().replace(/\s+/g, ' ')
    assert.include(html, `id="select-gap-${first.id}"`)
    assert.notInclude(html, `id="select-gap-${open.id}"`)
    assert.include(html, 'id="field-gaps"')
    assert.include(html, `name="listed[]" value="${first.id}" form="gap-decisions"`)
    assert.include(
      html,
      '<form id="gap-decisions" method="POST" action="/workforce/gaps/decisions"'
    )
    assert.include(html, 'name="returnTo" value="/workforce/gaps?severity=medium"')
    assert.notInclude(html, 'Revenue gap')
  })

  test('HR accept the suggestions they ticked and see what changed; each change is audited', async ({
    client,
    assert,
  }) => {
    const { dftHr, first, second, third } = await register()
    const response = await submitAs(client, dftHr).post('/workforce/gaps/decisions', {
      'decision': 'accept',
      'gaps[0]': String(first.id),
      'gaps[1]': String(second.id),
      'listed[0]': String(first.id),
      'listed[1]': String(second.id),
      'listed[2]': String(third.id),
      'returnTo': '/workforce/gaps?status=suggested',
    })
    response.assertStatus(302)
    response.assertHeader('location', '/workforce/gaps?status=suggested')
    response.assertFlashMessage('gapDecisions', {
      headline: '2 gaps accepted as open',
      changed: [
        'Programmers short (Driver and Vehicle Licensing Agency)',
        'Testers short (Driver and Vehicle Licensing Agency)',
      ],
      refusedHeadline: '0 gaps not changed',
      refused: [],
    })
    for (const decided of [first, second]) {
      await decided.refresh()
      assert.equal(decided.status, 'open')
      const [event] = await updatesOf(decided)
      assert.equal(event.actorId, dftHr.id)
      assert.deepEqual(JSON.parse(String(event.before)), { status: 'suggested' })
      assert.deepEqual(JSON.parse(String(event.after)), { status: 'open' })
    }
    await third.refresh()
    assert.equal(third.status, 'suggested', 'a suggestion not ticked is left alone')

    // The page it goes back to shows the summary above the heading.
    const page = await client
      .get('/workforce/gaps')
      .qs({ status: 'suggested' })
      .loginAs(dftHr)
      .withFlashMessages(response.flashMessages())
    page.assertStatus(200)
    const html = page.text().replace(/\s+/g, ' ')
    assert.match(
      html,
      /<div [^>]*role="status" aria-labelledby="gaps-decided-title"\s*>\s*<h2 id="gaps-decided-title"[^>]*>2 gaps accepted as open<\/h2>\s*<ul[^>]*>\s*<li>\s*Programmers short \(Driver and Vehicle Licensing Agency\)\s*<\/li>\s*<li>\s*Testers short \(Driver and Vehicle Licensing Agency\)\s*<\/li>/
    )
    assert.isBelow(html.indexOf('gaps-decided-title'), html.indexOf('<h1>'))
    assert.notInclude(html, 'gaps-refused-title')
  })

  test('“select all” dismisses every suggestion listed, without JavaScript, keeping the reason with each', async ({
    client,
    assert,
  }) => {
    const { dftHr, first, second, third } = await register()
    const response = await submitAs(client, dftHr).post('/workforce/gaps/decisions', {
      'decision': 'dismiss',
      'all[0]': 'suggested',
      'listed[0]': String(first.id),
      'listed[1]': String(second.id),
      'reason': 'Covered by the shared service at GDS',
    })
    response.assertHeader('location', '/workforce/gaps')
    response.assertFlashMessage('gapDecisions', {
      headline: '2 gaps dismissed',
      changed: [
        'Programmers short (Driver and Vehicle Licensing Agency)',
        'Testers short (Driver and Vehicle Licensing Agency)',
      ],
      refusedHeadline: '0 gaps not changed',
      refused: [],
    })
    for (const decided of [first, second]) {
      await decided.refresh()
      assert.equal(decided.status, 'dismissed')
      assert.equal(decided.description, 'Dismissed: Covered by the shared service at GDS')
      const events = await updatesOf(decided)
      assert.include(String(events.at(-1)!.after), 'dismissed')
    }
    await third.refresh()
    assert.equal(third.status, 'suggested', 'a suggestion not listed on the page is left alone')
  })

  test('a gap decided meanwhile is named and left as it is; the others change', async ({
    client,
    assert,
  }) => {
    const { dftHr, first, second, open } = await register()
    await CapabilityGap.query().where('id', first.id).update({ status: 'closed' })
    const response = await submitAs(client, dftHr).post('/workforce/gaps/decisions', {
      'decision': 'accept',
      'gaps[0]': String(first.id),
      'gaps[1]': String(second.id),
      'gaps[2]': String(open.id),
    })
    response.assertFlashMessage('gapDecisions', {
      headline: '1 gap accepted as open',
      changed: ['Testers short (Driver and Vehicle Licensing Agency)'],
      refusedHeadline: '2 gaps not changed',
      refused: [
        'Programmers short (Driver and Vehicle Licensing Agency): it is closed, so it cannot be accepted as open',
        'Architects short (Driver and Vehicle Licensing Agency): it is open, so it cannot be accepted as open',
      ],
    })
    await first.refresh()
    assert.equal(first.status, 'closed')
    assert.lengthOf(await updatesOf(first), 0, 'nothing audited for a gap left alone')
    const page = await client
      .get('/workforce/gaps')
      .loginAs(dftHr)
      .withFlashMessages(response.flashMessages())
    page.assertStatus(200)
    assert.match(
      page.text().replace(/\s+/g, ' '),
      /role="alert" aria-labelledby="gaps-refused-title"\s*>\s*<h2 id="gaps-refused-title"[^>]*>2 gaps not changed<\/h2>\s*<ul[^>]*>\s*<li>\s*Programmers short \(Driver and Vehicle Licensing Agency\): it is closed, so it cannot be accepted as open\s*<\/li>/
    )
  })

  test('a missing choice, selection or reason is named, each with its own message, and nothing changes', async ({
    client,
    assert,
  }) => {
    const { dftHr, first } = await register()
    const empty = await submitAs(client, dftHr).post('/workforce/gaps/decisions', {})
    empty.assertFlashMessage('inputErrorsBag', {
      gaps: ['Select the suggested gaps to accept or dismiss'],
      decision: ['Choose whether to accept or dismiss the gaps you selected'],
    })

    const noReason = await submitAs(client, dftHr).post('/workforce/gaps/decisions', {
      'decision': 'dismiss',
      'gaps[0]': String(first.id),
      'reason': '   ',
    })
    noReason.assertFlashMessage('inputErrorsBag', {
      reason: ['Enter why the gaps are being dismissed'],
    })

    const badChoice = await submitAs(client, dftHr).post('/workforce/gaps/decisions', {
      'decision': 'delete',
      'gaps[0]': String(first.id),
    })
    badChoice.assertFlashMessage('inputErrorsBag', {
      decision: ['Choose whether to accept or dismiss the gaps you selected'],
    })

    const badId = await submitAs(client, dftHr).post('/workforce/gaps/decisions', {
      'decision': 'accept',
      'gaps[0]': 'abc',
    })
    badId.assertFlashMessage('inputErrorsBag', {
      'gaps.0': ['Select the suggested gaps to accept or dismiss'],
    })

    await first.refresh()
    assert.equal(first.status, 'suggested')
    assert.lengthOf(await updatesOf(first), 0)

    // Back on the register: an error summary, the page title says so, the choices are kept.
    const page = await client
      .get('/workforce/gaps')
      .loginAs(dftHr)
      .withFlashMessages(noReason.flashMessages())
    page.assertStatus(200)
    const html = page.text().replace(/\s+/g, ' ')
    assert.match(html, /<title>Error: /)
    assert.include(
      html,
      '<a href="#field-reason" class="text-error font-bold" x-on:click="follow">Enter why the gaps are being dismissed</a>'
    )
    assert.match(html, new RegExp(`id="select-gap-${first.id}"[^>]*checked`))
    assert.match(html, /value="dismiss"[^>]*checked/)
  })

  test('HR of one department cannot decide another department’s gaps: 404, and nothing changes', async ({
    client,
    assert,
  }) => {
    const { hmrcHr, first, foreign } = await register()
    for (const form of [
      { 'decision': 'accept', 'gaps[0]': String(first.id) },
      { 'decision': 'accept', 'gaps[0]': String(foreign.id), 'gaps[1]': String(first.id) },
      {
        'decision': 'dismiss',
        'reason': 'Not ours',
        'all[0]': 'suggested',
        'listed[0]': String(foreign.id),
        'listed[1]': String(first.id),
      },
      { 'decision': 'accept', 'gaps[0]': '999999' },
    ]) {
      const response = await submitAs(client, hmrcHr).post('/workforce/gaps/decisions', form)
      response.assertStatus(404)
    }
    for (const untouched of [first, foreign]) {
      await untouched.refresh()
      assert.equal(untouched.status, 'suggested')
      assert.lengthOf(await updatesOf(untouched), 0)
    }

    const learner = await createUser({ roles: ['learner'] })
    const refused = await submitAs(client, learner).post('/workforce/gaps/decisions', {
      'decision': 'accept',
      'gaps[0]': String(first.id),
    })
    refused.assertStatus(403)

    // Their own department's gap, with a return address elsewhere: back to the register.
    const own = await submitAs(client, hmrcHr).post('/workforce/gaps/decisions', {
      'decision': 'accept',
      'gaps[0]': String(foreign.id),
      'returnTo': '//evil.example/',
    })
    own.assertHeader('location', '/workforce/gaps')
    await foreign.refresh()
    assert.equal(foreign.status, 'open')
  })

  test('a capability admin decides suggestions of several departments at once', async ({
    client,
    assert,
  }) => {
    const { first, foreign } = await register()
    const admin = await createUser({ roles: ['capability_admin', 'learner'] })
    const response = await submitAs(client, admin).post('/workforce/gaps/decisions', {
      'decision': 'accept',
      'gaps[0]': String(first.id),
      'gaps[1]': String(foreign.id),
    })
    response.assertFlashMessage('gapDecisions', {
      headline: '2 gaps accepted as open',
      changed: [
        'Programmers short (Driver and Vehicle Licensing Agency)',
        'Revenue gap (HM Revenue and Customs)',
      ],
      refusedHeadline: '0 gaps not changed',
      refused: [],
    })
    for (const decided of [first, foreign]) {
      await decided.refresh()
      assert.equal(decided.status, 'open')
    }
  })
})
