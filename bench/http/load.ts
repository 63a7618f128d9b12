/*
 * Drives one load run with autocannon and keeps every response's latency,
 * so p50, p95 and p99 are exact (autocannon's own summary has no p95 and
 * leaves redirects out of its latencies). Only answers with the expected
 * status count as served; anything else is reported as an error.
 */
import autocannon from 'autocannon'

export type LoadRequest = {
  method: 'GET' | 'POST'
  path: string
  headers?: Record<string, string>
  body?: string
}

export type LoadOptions = {
  url: string
  connections: number
  seconds: number
  expect: number
  /* A fixed request, or a function giving the next request each time (enrolments). */
  request: LoadRequest | (() => LoadRequest)
}

export type LoadFigures = {
  connections: number
  seconds: number
  served: number
  errors: number
  /* Statuses other than the expected one, with their counts. */
  otherStatuses: Record<string, number>
  requestsPerSecond: number
  p50: number
  p95: number
  p99: number
  max: number
}

/* The value below which a share q of the sorted latencies fall (nearest rank). */
function percentile(sorted: number[], q: number) {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.max(1, Math.ceil(q * sorted.length))
  return sorted[Math.min(sorted.length, rank) - 1]
}

const round = (value: number, places = 1) => Math.round(value * 10 ** places) / 10 ** places

export async function load(options: LoadOptions): Promise<LoadFigures> {
  const latencies: number[] = []
  const otherStatuses: Record<string, number> = {}
  let errors = 0
  const dynamic = typeof options.request === 'function'
  const first = typeof options.request === 'function' ? options.request() : options.request
  const next = options.request

  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        timeout: 30,
        method: first.method,
        headers: first.headers,
        body: first.body,
        requests: [
          dynamic
            ? {
                setupRequest: (request) => {
                  const made = (next as () => LoadRequest)()
                  return { ...request, ...made }
                },
              }
            : { method: first.method, path: first.path, headers: first.headers, body: first.body },
        ],
      },
      (error, done) => (error ? reject(error) : resolve(done))
    )
    instance.on('response', (_client, status, _bytes, milliseconds) => {
      if (status === options.expect) latencies.push(milliseconds)
      else otherStatuses[status] = (otherStatuses[status] ?? 0) + 1
    })
    instance.on('reqError', () => {
      errors += 1
    })
  })
  latencies.sort((a, b) => a - b)
  const seconds = result.duration || options.seconds
  return {
    connections: options.connections,
    seconds: round(seconds, 2),
    served: latencies.length,
    errors: errors + Object.values(otherStatuses).reduce((sum, count) => sum + count, 0),
    otherStatuses,
    requestsPerSecond: round(latencies.length / seconds),
    p50: round(percentile(latencies, 0.5)),
    p95: round(percentile(latencies, 0.95)),
    p99: round(percentile(latencies, 0.99)),
    max: round(latencies.at(-1) ?? Number.NaN),
  }
}
