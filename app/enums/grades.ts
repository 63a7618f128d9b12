/*
 * Civil service grades, lowest to highest.
 */
export const gradeValues = [
  'AA',
  'AO',
  'EO',
  'HEO',
  'SEO',
  'G7',
  'G6',
  'SCS1',
  'SCS2',
  'SCS3',
  'SCS4',
] as const

export type Grade = (typeof gradeValues)[number]

export const gradeLabels: Record<Grade, string> = {
  AA: 'Administrative Assistant (AA)',
  AO: 'Administrative Officer (AO)',
  EO: 'Executive Officer (EO)',
  HEO: 'Higher Executive Officer (HEO)',
  SEO: 'Senior Executive Officer (SEO)',
  G7: 'Grade 7',
  G6: 'Grade 6',
  SCS1: 'Senior Civil Service 1 (Deputy Director)',
  SCS2: 'Senior Civil Service 2 (Director)',
  SCS3: 'Senior Civil Service 3 (Director General)',
  SCS4: 'Senior Civil Service 4 (Permanent Secretary)',
}
