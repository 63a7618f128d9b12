import { test } from '@japa/runner'
import { looksLikeEmail, outcomeGroup, reachRefusal } from '#domain/learning/nomination'
import { emailsOfFile, NO_ADDRESSES } from '#actions/learning/nomination_file'

test.group('Nomination: whom a nominator may book', () => {
  test('a report or someone in the HR scope may be booked; anyone else is not a report for a line manager and unknown to HR', ({
    assert,
  }) => {
    assert.isNull(reachRefusal({ isReport: true, inScope: false, hasScope: false }))
    assert.isNull(reachRefusal({ isReport: false, inScope: true, hasScope: true }))
    assert.isNull(reachRefusal({ isReport: true, inScope: false, hasScope: true }))
    assert.equal(
      reachRefusal({ isReport: false, inScope: false, hasScope: false }),
      'not_your_report'
    )
    assert.equal(reachRefusal({ isReport: false, inScope: false, hasScope: true }), 'unknown')
  })

  test('outcomes fall into booked, waiting, already on the course and refused', ({ assert }) => {
    assert.equal(outcomeGroup('booked'), 'booked')
    assert.equal(outcomeGroup('started'), 'booked')
    assert.equal(outcomeGroup('waitlisted'), 'waitlisted')
    assert.equal(outcomeGroup('already_enrolled'), 'already')
    assert.equal(outcomeGroup('course_completed'), 'already')
    for (const refused of [
      'duplicate',
      'unknown_email',
      'not_your_report',
      'booking_closed',
    ] as const) {
      assert.equal(outcomeGroup(refused), 'refused')
    }
  })

  test('an e-mail address needs something before and after the @ and a dot in its domain', ({
    assert,
  }) => {
    assert.isTrue(looksLikeEmail('ada.lovelace@cabinetoffice.gov.uk'))
    for (const text of ['ada', 'ada@', '@example.com', 'ada@example', 'ada lovelace@example.com']) {
      assert.isFalse(looksLikeEmail(text), text)
    }
  })
})

test.group('Nomination: reading a CSV file of addresses', () => {
  test('without a header every row’s first cell is an address, with its line in the file', ({
    assert,
  }) => {
    const read = emailsOfFile('ada@example.com\n\nbob@example.com,extra\n')
    assert.deepEqual(read, {
      type: 'named',
      named: [
        { email: 'ada@example.com', line: 1 },
        { email: 'bob@example.com', line: 3 },
      ],
    })
  })

  test('with a header the column named Email is read, wherever it is', ({ assert }) => {
    const read = emailsOfFile('\uFEFFName,E-mail address\nAda,ada@example.com\nBob,\n')
    assert.deepEqual(read, {
      type: 'named',
      named: [
        { email: 'ada@example.com', line: 2 },
        { email: '', line: 3 },
      ],
    })
  })

  test('a binary file, an unclosed quote or no addresses is unreadable with what to do', ({
    assert,
  }) => {
    assert.deepEqual(emailsOfFile('PK\u0003\u0004\u0000'), {
      type: 'unreadable',
      reason: 'The selected file must be a CSV',
    })
    const unclosed = emailsOfFile('ada@example.com\n"bob@example.com\n')
    assert.equal(unclosed.type, 'unreadable')
    assert.deepEqual(emailsOfFile('Email\n'), { type: 'unreadable', reason: NO_ADDRESSES })
  })
})
