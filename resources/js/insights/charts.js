/*
 * Draws each chart placeholder ([data-chart], holding the figures as JSON)
 * with Chart.js on a canvas. The table beside each chart carries the same
 * figures for screen readers and without colour, so the canvas is hidden
 * from assistive technology. Colours come from the design tokens; lines
 * also differ by dash and point shape, bars by their labels and legend.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js'

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip
)

/* Token classes whose text colour gives the series colours, in order. */
const SERIES_CLASSES = [
  'text-brand',
  'text-accent',
  'text-link-visited',
  'text-error',
  'text-success',
  'text-text-muted',
]
const DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3], [1, 2], [12, 6]]
const POINTS = ['circle', 'rect', 'triangle', 'rectRot', 'crossRot', 'star']

/* Reads the colours of the token classes from the page's own stylesheet. */
function tokenColours(root) {
  const probe = root.createElement('span')
  probe.hidden = true
  root.body.append(probe)
  const colours = SERIES_CLASSES.map((name) => {
    probe.className = name
    return getComputedStyle(probe).color
  })
  probe.className = 'text-text'
  const text = getComputedStyle(probe).color
  probe.remove()
  return { series: colours, text }
}

function formatValue(unit, value) {
  if (value === null || value === undefined) return 'No figure'
  if (unit === 'percent') return `${value.toLocaleString('en-GB')}%`
  if (unit === 'pounds')
    return value.toLocaleString('en-GB', { style: 'currency', currency: 'GBP' })
  return value.toLocaleString('en-GB')
}

/* The Chart.js configuration for one chart spec. */
export function chartConfig(spec, colours) {
  const line = spec.type === 'line'
  const datasets = spec.datasets.map((dataset, index) => {
    const colour = colours.series[index % colours.series.length]
    return {
      label: dataset.label,
      data: dataset.data,
      backgroundColor: colour,
      borderColor: colour,
      borderWidth: line ? 2 : 0,
      borderDash: line ? DASHES[index % DASHES.length] : undefined,
      pointStyle: POINTS[index % POINTS.length],
      pointRadius: line ? 4 : undefined,
      spanGaps: true,
    }
  })
  const valueAxis = {
    beginAtZero: true,
    stacked: Boolean(spec.stacked),
    max: spec.unit === 'percent' ? 100 : undefined,
    ticks: {
      color: colours.text,
      precision: 0,
      callback: (value) => formatValue(spec.unit, value),
    },
  }
  const labelAxis = { stacked: Boolean(spec.stacked), ticks: { color: colours.text } }
  return {
    type: spec.type,
    data: { labels: spec.labels, datasets },
    options: {
      animation: false,
      maintainAspectRatio: false,
      indexAxis: spec.horizontal ? 'y' : 'x',
      scales: spec.horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis },
      plugins: {
        legend: {
          display: datasets.length > 1,
          labels: { color: colours.text, usePointStyle: true },
        },
        tooltip: {
          callbacks: {
            label: (context) => `${context.dataset.label}: ${formatValue(spec.unit, context.raw)}`,
          },
        },
      },
    },
  }
}

/* Draws every chart placeholder on the page; a broken one is left hidden, its table still there. */
export function drawCharts(root) {
  const placeholders = root.querySelectorAll('[data-chart]')
  if (placeholders.length === 0) return []
  const colours = tokenColours(root)
  const charts = []
  for (const placeholder of placeholders) {
    try {
      const spec = JSON.parse(placeholder.dataset.chart)
      const canvas = root.createElement('canvas')
      canvas.setAttribute('aria-hidden', 'true')
      placeholder.append(canvas)
      placeholder.hidden = false
      charts.push(new Chart(canvas, chartConfig(spec, colours)))
    } catch (error) {
      placeholder.hidden = true
      console.error('A chart could not be drawn', error)
    }
  }
  return charts
}
