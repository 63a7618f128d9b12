import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import type { Assert } from '@japa/assert'
import { DateTime } from 'luxon'
import { createUser } from '#database/factories/user_factory'
import { createService } from '#database/factories/workforce_factory'
import { twoDepartments } from '#tests/support/fixtures/departments'
import { submitAs } from '#tests/support/forms'
import { binaryFile } from '#tests/support/files'
import AuditEvent from '#models/audit_event'
import type User from '#models/user'
import { UK_ZONE, isoDateFromSql } from '#domain/shared/uk_time'
import { checkedContent, checkedImport } from '#tests/support/checked_import'

/*
 * Strategy action 13 in bulk: HR, capability admins and Service Managers
 * import many periods of many services from one CSV, checked row by row
 * as the period form checks them, previewed, then applied all together.
 */

/* DVLA's monthly "Tax your vehicle" with its Service Manager, a quarterly service beside it, and one of HMRC's. */
async function setUp() {
  const { agencyA, departmentB, hrA, hrB, admin } = await twoDepartments({ hrB: {}, admin: {} })
  const manager = await createUser({ organisation: agencyA })
  const service = await createService(agencyA, 'Tax your vehicle', {
    serviceManagerId: manager.id,
  })
  const quarterly = await createService(agencyA, 'Register a vehicle', {
    reportingPeriod: 'quarterly',
  })
  const elsewhere = await createService(departmentB, 'Pay your tax bill')
  const learner = await createUser({ organisation: agencyA })
  return { service, quarterly, elsewhere, manager, hrA: hrA!, hrB: hrB!, admin: admin!, learner }
}

/* The month `back` months before this one, in UK time: 0 is the month in progress. */
const month = (back: number) =>
  DateTime.now().setZone(UK_ZONE).minus({ months: back }).toFormat('yyyy-MM')

/* The calendar quarter `back` quarters before this one, as 2026-Q3: 1 is the last finished. */
function quarter(back = 1) {
  const day = DateTime.now()
    .setZone(UK_ZONE)
    .startOf('quarter')
    .minus({ months: 3 * back })
  return `${day.year}-Q${day.quarter}`
}
const lastQuarter = () => quarter(1)

const HEADER =
  'Service ID,Period,Digital transactions,Assisted digital transactions,Phone transactions,Paper transactions,Face to face transactions,All transactions,Total cost (£),Digital cost (£),Assisted digital cost (£),Phone cost (£),Paper cost (£),Face to face cost (£),Very satisfied,Satisfied,Neither satisfied nor dissatisfied,Dissatisfied,Very dissatisfied,Transactions started,Transactions completed,Notes'

/*
 * One row of the file: 10,000 transactions, 8,000 online, £25,000 with
 * £12,000.50 by phone; 100 answers; 12,000 started, 10,000 completed.
 */
function row(id: number | string, period: string, changes: Record<string, string> = {}) {
  const cells: Record<string, string> = {
    digital: '8000',
    assisted: '500',
    phone: '1000',
    paper: '400',
    faceToFace: '100',
    total: '10000',
    cost: '"25,000"',
    phoneCost: '12000.50',
    started: '12000',
    completed: '10000',
    notes: '',
    ...changes,
  }
  return [
    id,
    period,
    cells.digital,
    cells.assisted,
    cells.phone,
    cells.paper,
    cells.faceToFace,
    cells.total,
    cells.cost,
    '',
    '',
    cells.phoneCost,
    '',
    '',
    '50',
    '30',
    '10',
    '5',
    '5',
    cells.started,
    cells.completed,
    cells.notes,
  ].join(',')
}

const file = (...rows: string[]) => [HEADER, ...rows].join('\n')

const { upload, apply } = checkedImport('/workforce/service-performance/import', 'figures.csv')

const collapse = (html: string) => html.replace(/\s+/g, ' ')

/* The page without the white space around its tags, as error rows are compared. */
const tight = (html: string) => html.replace(/>\s+/g, '>').replace(/\s+</g, '<')

/* The preview's table of what the import will do. */
function assertCounts(assert: Assert, html: string, counts: [number, number, number, number]) {
  const labels = [
    'Periods to add',
    'Periods to correct',
    'Periods already as the file says',
    'Rows with problems',
  ]
  labels.forEach((label, index) =>
    assert.include(tight(html), `${label}</th><td class="text-right">${counts[index]}</td>`)
  )
}

/* An error row of the preview: its line, service ID, period and each problem. */
function errorRow(line: number, id: string, period: string, problems: string[]) {
  const items = problems
    .map((problem) => {
      const [column, message] = problem.includes(': ')
        ? [problem.slice(0, problem.indexOf(': ')), problem.slice(problem.indexOf(': ') + 2)]
        : [null, problem]
      return `<li>${column ? `<span class="font-bold">${column}:</span>` : ''}${message}</li>`
    })
    .join('')
  return `<th scope="row" class="font-normal">${line}</th><td class="break-all">${id}</td><td class="break-all">${period}</td><td><ul class="mb-0">${items}</ul></td>`
}

async function reportsCount() {
  const [counted] = await db.from('service_performance_reports').count('* as total')
  return Number(counted.total)
}

/* Audit events of periods' figures and of imports. */
async function auditCount() {
  const [counted] = await db
    .from('audit_events')
    .where('subject_type', 'like', 'service_performance%')
    .count('* as total')
  return Number(counted.total)
}

/* The preview page a person gets for a file, white space collapsed. */
async function previewHtml(client: ApiClient, user: User, content: string) {
  const response = await upload(client, user, content)
  response.assertStatus(200)
  return collapse(response.text())
}

test.group('Service performance: importing figures from a CSV', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a file with problems shows each by line and message, and saves nothing', async ({
    client,
    assert,
  }) => {
    const { service, quarterly, hrA } = await setUp()
    const id = service.id
    const tenTimes = {
      digital: '80000',
      assisted: '5000',
      phone: '10000',
      paper: '4000',
      faceToFace: '1000',
      total: '100000',
      cost: '250000',
      started: '120000',
      completed: '100000',
    }
    const content = file(
      row(id, month(2)),
      row(id, month(1)),
      row(id, month(-1)),
      row(999_999, month(1)),
      row(id, month(3), { digital: 'lots', cost: '' }),
      row(id, month(4), { total: '9999' }),
      row(id, month(1)),
      row(id, '2026-Q1'),
      row(quarterly.id, quarter(2)),
      row(quarterly.id, quarter(1), tenTimes),
      row('', month(1)),
      row(id, month(7), { completed: '12001', notes: '"Counted twice, ""by mistake"""' })
    )
    const response = await upload(client, hrA, content)
    response.assertStatus(200)
    const html = collapse(response.text())
    assert.include(html, '<title>Error: Check the performance import')
    assert.include(html, '9 rows have problems')
    assertCounts(assert, html, [3, 0, 0, 9])
    const expected: [number, string, string, string[]][] = [
      [
        4,
        String(id),
        month(-1),
        ['Period: You can only report figures for a period that has started'],
      ],
      [5, '999999', month(1), ['Service ID: There is no service with this ID that you report for']],
      [
        6,
        String(id),
        month(3),
        [
          'Digital transactions: The number of digital transactions must be a whole number, like 1250',
          'Total cost (£): Enter the total cost in pounds',
        ],
      ],
      [
        7,
        String(id),
        month(4),
        [
          'All transactions: The channels add up to 10,000 transactions: make the total the same, or correct a channel',
        ],
      ],
      [8, String(id), month(1), [`Period: This service’s ${month(1)} is already on line 3`]],
      [
        9,
        String(id),
        '2026-Q1',
        [
          'Period: Enter the period as a year and month, like 2026-10: this service reports monthly',
        ],
      ],
      [
        11,
        String(quarterly.id),
        quarter(1),
        [
          'Notes: Transactions moved more than the usual amount from the previous period: add a note saying why',
        ],
      ],
      [12, '', month(1), ['Service ID: Enter the service ID']],
      [
        13,
        String(id),
        month(7),
        ['Transactions completed: Transactions completed cannot be more than transactions started'],
      ],
    ]
    for (const [line, rowId, period, problems] of expected) {
      assert.include(tight(html), errorRow(line, rowId, period, problems))
    }
    assert.notInclude(html, 'name="content"')
    assert.equal(await reportsCount(), 0)
    assert.equal(await auditCount(), 0)

    // Applying the same file, sent back by hand, is refused with the same problems.
    const refused = await apply(client, hrA, Buffer.from(content).toString('base64'))
    refused.assertStatus(422)
    assert.include(
      tight(refused.text()),
      errorRow(5, '999999', month(1), [
        'Service ID: There is no service with this ID that you report for',
      ])
    )
    assert.equal(await reportsCount(), 0)
    assert.equal(await auditCount(), 0)
  })

  test('a good file previews each row as add, correct or unchanged, then applies them all, audited', async ({
    client,
    assert,
  }) => {
    const { service, quarterly, hrA } = await setUp()
    const path = (period: string) => `/workforce/services/${service.id}/performance/${period}`
    const form = (completed: string) => ({
      digitalTransactions: '8000',
      assistedDigitalTransactions: '500',
      phoneTransactions: '1000',
      paperTransactions: '400',
      faceToFaceTransactions: '100',
      totalTransactions: '10000',
      totalCost: '25000',
      phoneCost: '12000.50',
      verySatisfied: '50',
      satisfied: '30',
      neither: '10',
      dissatisfied: '5',
      veryDissatisfied: '5',
      startedTransactions: '12000',
      completedTransactions: completed,
    })
    for (const back of [3, 2]) {
      const saved = await submitAs(client, hrA).put(path(month(back)), form('10000'))
      saved.assertStatus(302)
    }
    const auditsBefore = await auditCount()

    const content = file(
      row(service.id, month(3), { completed: '11000' }),
      row(service.id, month(2)),
      row(service.id, month(1), { notes: 'First month of the new form' }),
      row(quarterly.id, lastQuarter())
    )
    const preview = await upload(client, hrA, content)
    preview.assertStatus(200)
    const html = collapse(preview.text())
    assert.include(html, '<title>Check the performance import')
    assertCounts(assert, html, [2, 1, 1, 0])
    assert.include(html, 'Apply: add 2, correct 1')
    for (const [line, outcome] of [
      [2, 'Correct'],
      [3, 'Unchanged'],
      [4, 'Add'],
      [5, 'Add'],
    ] as const) {
      assert.match(
        html,
        new RegExp(`<th scope="row" class="font-normal">${line}</th>.{0,300}<td>${outcome}</td>`)
      )
    }
    assert.equal(await auditCount(), auditsBefore)

    const applied = await apply(client, hrA, checkedContent(preview.text()))
    applied.assertStatus(302)
    applied.assertHeader('location', '/workforce/service-performance/import')
    applied.assertFlashMessage(
      'success',
      'Import applied: 2 periods added, 1 corrected, 1 unchanged'
    )

    const rows = await db
      .from('service_performance_reports')
      .orderBy('service_id')
      .orderBy('period_start')
      .select(
        'service_id',
        'period_start',
        'completed_transactions',
        'total_cost_pence',
        'phone_cost_pence',
        'digital_cost_pence',
        'notes',
        'revision',
        'reported_by'
      )
    assert.deepEqual(
      rows.map((report) => [
        Number(report.service_id),
        isoDateFromSql(report.period_start)!.slice(0, 7),
        Number(report.completed_transactions),
        Number(report.total_cost_pence),
        Number(report.phone_cost_pence),
        report.digital_cost_pence,
        report.notes,
        Number(report.revision),
        Number(report.reported_by),
      ]),
      [
        [service.id, month(3), 11_000, 2_500_000, 1_200_050, null, null, 2, hrA.id],
        [service.id, month(2), 10_000, 2_500_000, 1_200_050, null, null, 1, hrA.id],
        [
          service.id,
          month(1),
          10_000,
          2_500_000,
          1_200_050,
          null,
          'First month of the new form',
          1,
          hrA.id,
        ],
        [
          quarterly.id,
          DateTime.now()
            .setZone(UK_ZONE)
            .startOf('quarter')
            .minus({ months: 3 })
            .toFormat('yyyy-MM'),
          10_000,
          2_500_000,
          1_200_050,
          null,
          null,
          1,
          hrA.id,
        ],
      ]
    )
    const events = await AuditEvent.query()
      .where('subject_type', 'like', 'service_performance%')
      .orderBy('id')
      .offset(auditsBefore)
    assert.deepEqual(
      events.map((event) => [event.action, event.subjectType, event.actorId]),
      [
        ['update', 'service_performance', hrA.id],
        ['create', 'service_performance', hrA.id],
        ['create', 'service_performance', hrA.id],
        ['create', 'service_performance_import', hrA.id],
      ]
    )
    assert.equal(events[0].beforeValues?.completedTransactions, 10_000)
    assert.equal(events[0].afterValues?.completedTransactions, 11_000)
    assert.deepInclude(events[3].afterValues, { add: 2, correct: 1, unchanged: 1, error: 0 })

    const again = await apply(client, hrA, checkedContent(preview.text()))
    again.assertFlashMessage(
      'success',
      'Nothing to change: every period in the file is already recorded as it says'
    )
    assert.equal(await auditCount(), auditsBefore + 4)
  })

  test('a service outside what the person reports for is an error row, as one that does not exist', async ({
    client,
    assert,
  }) => {
    const { service, quarterly, elsewhere, manager, hrB, admin, learner } = await setUp()
    const message = 'Service ID: There is no service with this ID that you report for'

    const fromHrB = await previewHtml(client, hrB, file(row(service.id, month(1))))
    assert.include(tight(fromHrB), errorRow(2, String(service.id), month(1), [message]))

    const fromManager = await previewHtml(
      client,
      manager,
      file(row(service.id, month(1)), row(quarterly.id, lastQuarter()))
    )
    assertCounts(assert, fromManager, [1, 0, 0, 1])
    assert.include(tight(fromManager), errorRow(3, String(quarterly.id), lastQuarter(), [message]))

    const fromAdmin = await previewHtml(client, admin, file(row(elsewhere.id, month(1))))
    assertCounts(assert, fromAdmin, [1, 0, 0, 0])
    assert.equal(await reportsCount(), 0)

    const page = await client.get('/workforce/service-performance/import').loginAs(learner)
    page.assertStatus(403)
    const refused = await upload(client, learner, file(row(service.id, month(1))))
    refused.assertStatus(403)
    assert.equal(await reportsCount(), 0)

    const managerPage = await client.get('/workforce/service-performance/import').loginAs(manager)
    managerPage.assertStatus(200)
    assert.include(managerPage.text(), 'Download a template CSV')
  })

  test('a downloaded CSV imports back unchanged, its formula-guarded notes read as written', async ({
    client,
    assert,
  }) => {
    const { service, hrA } = await setUp()
    const notes = '=HYPERLINK("x") counted twice'
    const saved = await submitAs(client, hrA).put(
      `/workforce/services/${service.id}/performance/${month(1)}`,
      {
        digitalTransactions: '8000',
        assistedDigitalTransactions: '500',
        phoneTransactions: '1000',
        paperTransactions: '400',
        faceToFaceTransactions: '100',
        totalTransactions: '10000',
        totalCost: '25000.50',
        verySatisfied: '50',
        satisfied: '30',
        neither: '10',
        dissatisfied: '5',
        veryDissatisfied: '5',
        startedTransactions: '12000',
        completedTransactions: '10000',
        notes,
      }
    )
    saved.assertStatus(302)
    const download = await client
      .get(`/workforce/services/${service.id}/performance.csv`)
      .loginAs(hrA)
    download.assertStatus(200)
    assert.include(download.text(), `'=HYPERLINK`)
    const lines = download
      .text()
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/)
    // The download imports back as it is.
    const content = lines.join('\n')

    const preview = await upload(client, hrA, content)
    preview.assertStatus(200)
    assertCounts(assert, collapse(preview.text()), [0, 0, 1, 0])

    const changed = await upload(client, hrA, content.replace('counted twice', 'counted once'))
    assertCounts(assert, collapse(changed.text()), [0, 1, 0, 0])
    await apply(client, hrA, checkedContent(changed.text()))
    const report = await db
      .from('service_performance_reports')
      .where('service_id', service.id)
      .first()
    assert.equal(report.notes, '=HYPERLINK("x") counted once')
  })

  test('a file that is not a CSV of figures is refused with a clear message', async ({
    client,
    assert,
  }) => {
    const { hrA } = await setUp()
    const binary = await client
      .post('/workforce/service-performance/import')
      .loginAs(hrA)
      .withCsrfToken()
      .file('file', binaryFile(), { filename: 'figures.csv' })
      .redirects(0)
    binary.assertStatus(302)
    binary.assertFlashMessage('inputErrorsBag', { file: ['The selected file must be a CSV'] })

    const wrongType = await upload(client, hrA, 'x', 'figures.pdf')
    wrongType.assertFlashMessage('inputErrorsBag', { file: ['The selected file must be a CSV'] })

    const wrongHeader = await upload(client, hrA, 'Email,Scheme\nada@example.gov.uk,Digital\n')
    wrongHeader.assertFlashMessage('inputErrorsBag', {
      file: [
        'The header row must name the columns of the template; it is missing Service ID, Period, Digital transactions, Assisted digital transactions, Phone transactions, Paper transactions, Face to face transactions, All transactions, Total cost (£), Very satisfied, Satisfied, Neither satisfied nor dissatisfied, Dissatisfied, Very dissatisfied, Transactions started, Transactions completed',
      ],
    })
    const empty = await upload(client, hrA, `${HEADER}\n`)
    empty.assertFlashMessage('inputErrorsBag', {
      file: ['The file has no rows of figures under its header row'],
    })
    const none = await submitAs(client, hrA).post('/workforce/service-performance/import')
    none.assertFlashMessage('inputErrorsBag', {
      file: ['Select a CSV file of performance figures'],
    })
    assert.equal(await reportsCount(), 0)
  })

  test('the template downloads with the columns the import reads', async ({ client, assert }) => {
    const { hrA } = await setUp()
    const response = await client
      .get('/workforce/service-performance/import/template.csv')
      .loginAs(hrA)
    response.assertStatus(200)
    const [header] = response
      .text()
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
    assert.equal(header, HEADER)
  })
})
