import type { PackageProblem } from '#services/learning_package_files'

const MB = 1024 * 1024

/* A name from inside a zip, shortened for a message. */
const named = (name: string) => `“${name.length > 80 ? `${name.slice(0, 77)}…` : name}”`

/* What the upload form says under the file when a zip is refused: what is wrong and what to do. */
export function packageProblemMessage(problem: PackageProblem): string {
  switch (problem.type) {
    case 'not_a_zip':
      return 'The selected file must be a zip file: it could not be opened as one'
    case 'too_many_entries':
      return `The zip file must have ${problem.limit.toLocaleString('en-GB')} files or fewer`
    case 'unsafe_path':
      return `The zip file must only have files inside its own folders: ${named(problem.name)} is an absolute path or goes outside them`
    case 'symlink':
      return `The zip file must not have symbolic links: ${named(problem.name)} is one`
    case 'unreadable_entry':
      return `The zip file could not be unpacked: ${named(problem.name)} is damaged or encrypted`
    case 'too_large':
      return `The zip file must unpack to less than ${Math.round(problem.limit / MB).toLocaleString('en-GB')} MB`
    case 'zip_bomb':
      return `The zip file must not have a file that unpacks to more than ${problem.ratio} times its packed size: ${named(problem.name)} does`
    case 'no_manifest':
      return 'The zip file must have imsmanifest.xml in its top folder: upload the SCORM package as it was exported'
    case 'unreadable_manifest':
      return 'The package’s imsmanifest.xml must be a readable XML manifest'
    case 'unsupported_version':
      return problem.found
        ? `The package must be SCORM 1.2 or SCORM 2004: its manifest says “${problem.found.slice(0, 40)}”`
        : 'The package must be SCORM 1.2 or SCORM 2004: its manifest does not say which SCORM it is'
    case 'no_launchable_sco':
      return 'The package’s imsmanifest.xml must name a SCO with a launch page inside the package'
    case 'launch_page_missing':
      return `The package’s launch page, ${named(problem.href)}, must be in the zip file`
    default: {
      const unreachable: never = problem
      return unreachable
    }
  }
}
