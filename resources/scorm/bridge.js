/*
 * Runs inside an e-learning package's sandboxed frame, after scorm-again:
 * puts the run-time's API in the package's own window (window.API for
 * SCORM 1.2, window.API_1484_11 for 2004), where the package finds it,
 * because a frame with no origin cannot reach the player page's window.
 * Each commit, and the package's end, is sent to the player page with
 * postMessage; the page records it. Nothing leaves the frame otherwise.
 */
;(function () {
  'use strict'

  var stateElement = document.getElementById('dcs-scorm-state')
  var state = JSON.parse(stateElement.textContent)
  var is2004 = state.version === '2004'
  var api = null

  function number(value) {
    if (value === '' || value === null || value === undefined) return undefined
    var parsed = Number(value)
    return isFinite(parsed) ? parsed : undefined
  }

  function text(value) {
    return typeof value === 'string' ? value : undefined
  }

  /* The values the service records, read from the run-time's data model. */
  function report(finished, totalSeconds) {
    var cmi = api.cmi
    var values = is2004
      ? {
          completionStatus: cmi.completion_status,
          successStatus: cmi.success_status,
          scoreRaw: number(cmi.score.raw),
          scoreMin: number(cmi.score.min),
          scoreMax: number(cmi.score.max),
          scoreScaled: number(cmi.score.scaled),
          location: text(cmi.location),
          suspendData: text(cmi.suspend_data),
        }
      : {
          lessonStatus: cmi.core.lesson_status,
          scoreRaw: number(cmi.core.score.raw),
          scoreMin: number(cmi.core.score.min),
          scoreMax: number(cmi.core.score.max),
          location: text(cmi.core.lesson_location),
          suspendData: text(cmi.suspend_data),
        }
    if (typeof totalSeconds === 'number' && isFinite(totalSeconds)) {
      values.totalSeconds = Math.max(0, Math.round(totalSeconds))
    }
    values.finished = finished
    return values
  }

  /* scorm-again's commits go here instead of over the network: to the player page. */
  var messenger = {
    processHttpRequest: function (_url, params, _immediate, _log, _listeners, metadata) {
      var finished = Boolean(metadata && metadata.isTerminateCommit)
      var totalSeconds = params && typeof params === 'object' ? params.totalTimeSeconds : undefined
      window.parent.postMessage(
        { channel: 'dcs-scorm', values: report(finished, totalSeconds) },
        window.location.protocol + '//' + window.location.host
      )
      return { result: true, errorCode: 0 }
    },
    updateSettings: function () {},
  }

  var settings = {
    lmsCommitUrl: 'player',
    httpService: messenger,
    renderCommonCommitFields: true,
    autocommit: true,
    autocommitSeconds: 30,
    logLevel: 5,
  }

  if (is2004) {
    api = new window.Scorm2004API(settings)
    api.loadFromJSON(state.cmi)
    window.API_1484_11 = api
  } else {
    api = new window.Scorm12API(settings)
    api.loadFromJSON(state.cmi)
    window.API = api
  }
})()
