import type { Edge } from 'edge.js'

/*
 * edge.js looks through every components folder before each render, even
 * with compiled templates cached, because its component plugin runs on
 * every render. Where templates are cached (production), the components
 * cannot change either: list them once and answer every later look-up
 * from that list.
 */
export function listComponentsOnce(edge: Edge) {
  const listed = edge.loader.listComponents()
  edge.loader.listComponents = () => listed
}
