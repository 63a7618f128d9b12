/*
 * Column names of the CSV files a page writes itself (the list exports'
 * are beside their queries in this folder). Every header is in sentence
 * case, as tests/unit/exports/csv_headers.spec.ts checks.
 */

/* Recruitment campaigns (Campaigns page). */
export const CAMPAIGNS_HEADER = [
  'ID',
  'Organisation',
  'Role profile',
  'Title',
  'Posts',
  'Hires',
  'Grade',
  'Location',
  'Stage',
  'Planned on',
  'Advertised on',
  'Sifting on',
  'Interviewing on',
  'Offers on',
  'Closed on',
  'Time to hire (days)',
]

/* Capability plans, a line per role profile (Plans page); the organisation code is kept beside its name for matching. */
export const PLAN_LINES_HEADER = [
  'Plan ID',
  'Organisation',
  'Organisation code',
  'Financial year',
  'Status',
  'Role profile',
  'Posts needed',
  'In post',
  'In post counted',
  'In post override reason',
  'Vacancies',
  'Planned to recruit',
  'Planned to train',
  'Open campaign posts',
  'In post at submission',
  'Vacancies at submission',
  'Open campaign posts at submission',
  'In post at approval',
  'Vacancies at approval',
  'Open campaign posts at approval',
]

/* The capability gaps register (Gaps page). */
export const GAPS_HEADER = [
  'ID',
  'Organisation',
  'Kind',
  'Role profile',
  'Skill',
  'Title',
  'Severity',
  'Mitigation',
  'Owner email',
  'Due on',
  'Overdue',
  'Status',
  'Source',
  'Description',
]

/* The services register (Services page). */
export const SERVICES_HEADER = [
  'Organisation',
  'Service',
  'Annual transactions',
  'Phase',
  'Used online',
  'Exemplar',
  'Service Manager',
  'Service Manager email',
  'Compliance',
]

/* A round’s match, one line per entrant (match results page). */
export const MATCHES_HEADER = [
  'Entrant ID',
  'Name',
  'Email',
  'Scheme',
  'Outcome',
  'Placement ID',
  'Placement',
  'Team',
  'Organisation',
  'Location',
  'Digital',
  'Choice',
  'Unmatched code',
  'Unmatched reason',
  'Moved by',
  'Moved at',
  'Moved reason',
]

/* The staff import’s template: the staff import reads these headers back (and the older lower-case ones). */
export const STAFF_TEMPLATE_HEADER = [
  'Email',
  'Name',
  'Organisation code',
  'Grade',
  'Profession',
  'Role level',
  'Line manager email',
]

/* The rows of a staff import that cannot be imported, each with its problem. */
export const STAFF_PROBLEMS_HEADER = ['Line', 'Email', 'Name', 'Problem']

/* People’s skills against their role level (team skills page). */
export const TEAM_SKILLS_HEADER = [
  'Person',
  'Email',
  'Role level',
  'Skill',
  'Required',
  'Level',
  'Validated',
  'Gap',
]

/*
 * A service's performance, period by period: the service and period, the
 * figures as reported, then the four indicators. The import reads the
 * same file back, without the indicators.
 */
export const SERVICE_PERFORMANCE_HEADER = [
  'Service ID',
  'Period',
  'Digital transactions',
  'Assisted digital transactions',
  'Phone transactions',
  'Paper transactions',
  'Face to face transactions',
  'All transactions',
  'Total cost (£)',
  'Digital cost (£)',
  'Assisted digital cost (£)',
  'Phone cost (£)',
  'Paper cost (£)',
  'Face to face cost (£)',
  'Very satisfied',
  'Satisfied',
  'Neither satisfied nor dissatisfied',
  'Dissatisfied',
  'Very dissatisfied',
  'Transactions started',
  'Transactions completed',
  'Digital take-up (%)',
  'Cost per transaction (£)',
  'User satisfaction (out of 100)',
  'Completion rate (%)',
  'Notes',
  'Corrections',
]
