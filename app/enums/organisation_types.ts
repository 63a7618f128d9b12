/*
 * Kinds of organisation in the tree, from departments down to directorates.
 */
export const organisationTypeLabels = {
  ministerial_department: 'Ministerial department',
  non_ministerial_department: 'Non-ministerial department',
  agency: 'Executive agency',
  arms_length_body: "Arm's-length body",
  directorate: 'Directorate',
} as const

export type OrganisationType = keyof typeof organisationTypeLabels

export const organisationTypeValues = Object.keys(organisationTypeLabels) as OrganisationType[]
