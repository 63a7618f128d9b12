/*
 * Kinds of organisation in the tree, from departments down to directorates.
 */
import { labelledValues } from '#enums/short_strings'
export const organisationTypeLabels = {
  ministerial_department: 'Ministerial department',
  non_ministerial_department: 'Non-ministerial department',
  agency: 'Executive agency',
  arms_length_body: "Arm's-length body",
  directorate: 'Directorate',
} as const

export type OrganisationType = keyof typeof organisationTypeLabels

export const organisationTypeValues = labelledValues(organisationTypeLabels)
