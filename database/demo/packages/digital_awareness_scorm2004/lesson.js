/*
 * The lesson's side of SCORM 2004: finds API_1484_11 in this window or
 * the windows that hold it, starts a session, resumes at the question
 * when the learner left there, and records the answer: completed, passed
 * or failed, with a scaled score. Finishing the session saves it.
 */
;(function () {
  'use strict'

  function findApi(start) {
    var win = start
    for (var depth = 0; win && depth < 8; depth += 1) {
      try {
        if (win.API_1484_11) return win.API_1484_11
      } catch (error) {
        // A window of another origin: look no further up this chain.
        return null
      }
      if (win.parent === win) break
      win = win.parent
    }
    return null
  }

  var api = findApi(window) || (window.opener ? findApi(window.opener) : null)
  var connection = document.getElementById('connection')
  var feedback = document.getElementById('feedback')
  var form = document.getElementById('question')

  if (!api) {
    connection.textContent =
      'Your progress is not being recorded: this lesson was opened outside the service.'
  } else {
    api.Initialize('')
    api.SetValue('cmi.completion_status', 'incomplete')
    api.SetValue('cmi.location', 'question')
    api.Commit('')
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault()
    var chosen = form.querySelector('input[name="answer"]:checked')
    if (!chosen) {
      feedback.textContent = 'Select an answer'
      return
    }
    var correct = chosen.value === 'completion'
    feedback.textContent = correct
      ? 'Correct: services publish how many people complete the transaction. You have completed this lesson.'
      : 'Not quite: services publish how many people complete the transaction. Try again.'
    if (!api) return
    api.SetValue('cmi.score.min', '0')
    api.SetValue('cmi.score.max', '100')
    api.SetValue('cmi.score.raw', correct ? '100' : '0')
    api.SetValue('cmi.score.scaled', correct ? '1' : '0')
    api.SetValue('cmi.success_status', correct ? 'passed' : 'failed')
    api.SetValue('cmi.suspend_data', 'answered=' + chosen.value)
    if (correct) {
      api.SetValue('cmi.completion_status', 'completed')
      api.SetValue('cmi.exit', 'normal')
    } else {
      api.SetValue('cmi.exit', 'suspend')
    }
    api.Commit('')
    if (correct) api.Terminate('')
  })
})()
