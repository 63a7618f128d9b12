/*
 * Civil service professions a person can belong to.
 */
import { labelledValues } from '#enums/short_strings'
export const professionLabels = {
  digital: 'Digital, data and technology',
  policy: 'Policy',
  operational_delivery: 'Operational delivery',
  project_delivery: 'Project delivery',
  human_resources: 'Human resources',
  finance: 'Finance',
  commercial: 'Commercial',
  communications: 'Communications',
  analysis: 'Analysis',
  legal: 'Legal',
  science_engineering: 'Science and engineering',
  knowledge_information: 'Knowledge and information management',
  tax: 'Tax',
  other: 'Other',
} as const

export type Profession = keyof typeof professionLabels

export const professionValues = labelledValues(professionLabels)
