import { XMLParser, XMLValidator } from 'fast-xml-parser'

/* The SCORM editions the service plays. */
export const SCORM_VERSIONS = ['1.2', '2004'] as const
export type ScormVersion = (typeof SCORM_VERSIONS)[number]

export const scormVersionLabels: Record<ScormVersion, string> = {
  '1.2': 'SCORM 1.2',
  '2004': 'SCORM 2004',
}

/* What a package's imsmanifest.xml says the service needs to play it. */
export type ScormManifest = {
  version: ScormVersion
  title: string
  /* The first SCO's launch page, relative to the package's root, with its parameters. */
  launchHref: string
  /* The launch page's path alone, to check it is in the package. */
  launchPath: string
}

export type ManifestResult =
  | { type: 'ok'; manifest: ScormManifest }
  | { type: 'unreadable' }
  | { type: 'unsupported_version'; found: string }
  | { type: 'no_launchable_sco' }

const TITLE_LIMIT = 200
const HREF_LIMIT = 1000

type Node = Record<string, unknown>

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // adlcp:scormtype (1.2) and adlcp:scormType (2004) both become scormtype / scormType.
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ['organization', 'item', 'resource', 'file'].includes(name),
})

const asNode = (value: unknown): Node | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Node) : null

const asList = (value: unknown): Node[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value])
    .map(asNode)
    .filter((node): node is Node => node !== null)

/* The text of an element that may carry attributes or be empty. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value.trim()
  const node = asNode(value)
  if (node && typeof node['#text'] === 'string') return node['#text'].trim()
  return ''
}

const attr = (node: Node, name: string) => {
  const value = node[`@_${name}`]
  return typeof value === 'string' ? value.trim() : ''
}

/*
 * The edition from <schemaversion>, or from the adlcp namespace when a
 * manifest leaves it out (many 1.2 packages do). Anything else, such as
 * AICC or an IMS content package without SCORM, is not played.
 */
function versionOf(raw: string, found: string): ScormVersion | { unsupported: string } {
  const schemaVersion = found.toLowerCase()
  if (schemaVersion === '1.2') return '1.2'
  if (/^(2004\b|cam 1\.3$)/.test(schemaVersion)) return '2004'
  if (schemaVersion !== '') return { unsupported: found }
  if (/adlcp_rootv1p2/i.test(raw)) return '1.2'
  if (/adlcp_v1p3/i.test(raw)) return '2004'
  return { unsupported: '' }
}

/* The launch page: no address of another site, no absolute path and nothing above the package's root. */
export function safeRelativeHref(href: string): { path: string; href: string } | null {
  if (href === '' || href.length > HREF_LIMIT) return null
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('/') || href.startsWith('\\'))
    return null
  const [pathPart] = href.split(/[?#]/, 1)
  let path: string
  try {
    path = decodeURIComponent(pathPart)
  } catch {
    return null
  }
  if (path.includes('\\') || path.includes('\0')) return null
  const segments = path.split('/')
  if (segments.some((segment) => segment === '..' || segment === '.')) return null
  if (segments.some((segment) => segment === '')) return null
  return { path, href }
}

/* Joins xml:base values and an href, as the manifest's resources may. */
function withBase(bases: string[], href: string) {
  return bases
    .filter((base) => base !== '')
    .map((base) => (base.endsWith('/') ? base : `${base}/`))
    .join('')
    .concat(href)
}

/*
 * Reads an imsmanifest.xml: the SCORM edition, the title of the default
 * organisation and the launch page of its first item that points at a
 * SCO resource (a resource marked as a SCO when no item does).
 */
export function parseScormManifest(xml: string): ManifestResult {
  if (XMLValidator.validate(xml) !== true) return { type: 'unreadable' }
  let document: Node
  try {
    document = parser.parse(xml) as Node
  } catch {
    return { type: 'unreadable' }
  }
  const manifest = asNode(document.manifest)
  if (!manifest) return { type: 'unreadable' }

  const metadata = asNode(manifest.metadata)
  const version = versionOf(xml, textOf(metadata?.schemaversion))
  if (typeof version === 'object')
    return { type: 'unsupported_version', found: version.unsupported }

  const resourcesNode = asNode(manifest.resources)
  const resourcesBase = resourcesNode ? attr(resourcesNode, 'base') : ''
  const resources = asList(resourcesNode?.resource)
  const isSco = (resource: Node) =>
    (attr(resource, 'scormtype') || attr(resource, 'scormType')).toLowerCase() === 'sco'
  const launchOf = (resource: Node, parameters = '') => {
    const href = attr(resource, 'href')
    if (href === '') return null
    const joined = withBase([attr(manifest, 'base'), resourcesBase, attr(resource, 'base')], href)
    return safeRelativeHref(joined + parametersOf(joined, parameters))
  }

  const organizationsNode = asNode(manifest.organizations)
  const organizations = asList(organizationsNode?.organization)
  const defaultId = organizationsNode ? attr(organizationsNode, 'default') : ''
  const organization =
    organizations.find((candidate) => attr(candidate, 'identifier') === defaultId) ??
    organizations[0]

  let launch: { path: string; href: string } | null = null
  for (const item of organization ? itemsInOrder(organization) : []) {
    const ref = attr(item, 'identifierref')
    const resource = resources.find((candidate) => attr(candidate, 'identifier') === ref)
    if (resource && isSco(resource)) {
      launch = launchOf(resource, attr(item, 'parameters'))
      if (launch) break
    }
  }
  if (!launch) {
    const sco = resources.find((resource) => isSco(resource) && launchOf(resource))
    launch = sco ? launchOf(sco) : null
  }
  if (!launch) return { type: 'no_launchable_sco' }

  const title =
    (organization ? textOf(organization.title) : '') ||
    textOf(asNode(metadata?.lom)?.title) ||
    'E-learning package'
  return {
    type: 'ok',
    manifest: {
      version,
      title: title.slice(0, TITLE_LIMIT),
      launchHref: launch.href,
      launchPath: launch.path,
    },
  }
}

/* The items of an organisation, depth first, in the order a learner meets them. */
function itemsInOrder(parent: Node): Node[] {
  return asList(parent.item).flatMap((item) => [item, ...itemsInOrder(item)])
}

/* An item's parameters added to its resource's address (IMS content packaging's rule). */
function parametersOf(href: string, parameters: string) {
  if (parameters === '') return ''
  const trimmed = parameters.replace(/^[?&]+/, '')
  if (parameters.startsWith('#')) return parameters
  return `${href.includes('?') ? '&' : '?'}${trimmed}`
}
