/*
 * The player page's side of an e-learning package. The package runs in a
 * sandboxed frame with no origin; the bridge in it (resources/scorm/bridge.js)
 * sends each commit here with postMessage. Only messages from that frame
 * are taken; each is sent to the service in turn, with the page's CSRF
 * token and the package's launch token, and what the service recorded is
 * shown in the page's status line. The frame's address is given here, not
 * in the page, so the package starts only once the page is listening.
 */
const frame = document.querySelector('[data-package-frame]')
const status = document.querySelector('[data-package-status]')
const FIELDS = [
  'lessonStatus',
  'completionStatus',
  'successStatus',
  'scoreRaw',
  'scoreMin',
  'scoreMax',
  'scoreScaled',
  'location',
  'suspendData',
  'totalSeconds',
  'finished',
]

let sending = Promise.resolve()

/* Only the values the service records, each of the type it expects. */
function recordable(values) {
  const body = {}
  for (const field of FIELDS) {
    const value = values[field]
    if (typeof value === 'string' || typeof value === 'boolean') body[field] = value
    else if (typeof value === 'number' && Number.isFinite(value)) body[field] = value
  }
  return body
}

async function send(values) {
  try {
    const response = await fetch(frame.dataset.progressUrl, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'Accept': 'application/json',
        'Content-Type': 'application/json',
        'X-CSRF-TOKEN': frame.dataset.csrfToken,
      },
      body: JSON.stringify({ ...recordable(values), launchToken: frame.dataset.launchToken }),
    })
    const answer = await response.json().catch(() => ({}))
    if (response.ok) {
      status.textContent = answer.message
      if (answer.runCompleted) status.dataset.courseCompleted = 'true'
    } else {
      status.textContent =
        answer.detail ?? 'Your progress could not be saved: refresh the page to carry on'
    }
  } catch {
    status.textContent = 'Your progress could not be saved: check your connection'
  }
}

if (frame && status) {
  window.addEventListener('message', (event) => {
    if (event.source !== frame.contentWindow) return
    const data = event.data
    if (!data || data.channel !== 'dcs-scorm' || typeof data.values !== 'object' || !data.values) {
      return
    }
    sending = sending.then(() => send(data.values))
  })
  // The package is loaded only once this page listens, so its first report is never missed.
  frame.src = frame.dataset.src
}
