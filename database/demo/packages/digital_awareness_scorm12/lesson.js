/*
 * The lesson's side of SCORM 1.2: finds the run-time's API in this window
 * or the windows that hold it, starts a session, resumes at the question
 * when the learner left there, and records the answer as a score out of
 * 100 with the lesson passed or failed. Finishing the session saves it.
 */
;(function () {
  'use strict'

  function findApi(start) {
    var win = start
    for (var depth = 0; win && depth < 8; depth += 1) {
      try {
        if (win.API) return win.API
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
    api.LMSInitialize('')
    if (api.LMSGetValue('cmi.core.lesson_status') === 'not attempted') {
      api.LMSSetValue('cmi.core.lesson_status', 'incomplete')
    }
    api.LMSSetValue('cmi.core.lesson_location', 'question')
    api.LMSCommit('')
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault()
    var chosen = form.querySelector('input[name="answer"]:checked')
    if (!chosen) {
      feedback.textContent = 'Select an answer'
      return
    }
    var correct = chosen.value === 'users'
    feedback.textContent = correct
      ? 'Correct: a digital by default service is designed around the people who use it. You have completed this lesson.'
      : 'Not quite: a digital by default service is designed around the people who use it. Try again.'
    if (!api) return
    api.LMSSetValue('cmi.core.score.min', '0')
    api.LMSSetValue('cmi.core.score.max', '100')
    api.LMSSetValue('cmi.core.score.raw', correct ? '100' : '0')
    api.LMSSetValue('cmi.core.lesson_status', correct ? 'passed' : 'failed')
    api.LMSSetValue('cmi.suspend_data', 'answered=' + chosen.value)
    api.LMSCommit('')
    if (correct) api.LMSFinish('')
  })
})()
