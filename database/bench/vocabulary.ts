import type { Profession } from '#enums/professions'

/*
 * The words the benchmark data is made of: names, places, the shape of
 * each department (its share of the civil service, where it works, which
 * professions it employs), and the parts that titles of organisations,
 * teams, courses and services are put together from.
 */

const words = (text: string) => text.trim().split(/\s+/)

export const FIRST_NAMES = words(`
  Abigail Adeola Agnes Aileen Amara Amelia Anjali Annabel Ayesha Beatrice Bernadette Bronwen
  Caitlin Carys Cerys Chipo Clare Daisy Deepa Dionne Eilidh Elaine Ellie Esther Eve Farah
  Frances Freya Gillian Gwen Hayley Heather Imogen Ioana Isla Jasmin Jodie Joy Kamala Kate
  Kerry Leah Leanne Lindsay Lorna Lydia Maeve Mairi Maria Marion Maryam Maxine Mei Mira Molly
  Nia Niamh Nkechi Nusrat Paula Pauline Phoebe Polly Rana Rosa Rosie Roxanne Sadia Saoirse
  Shabana Shona Sian Sinead Tamsin Tanya Tessa Una Valerie Wendy Yasmin Yvonne Zainab Zara
  Aaron Abdul Adrian Aidan Alfie Amir Angus Anthony Barry Bilal Brian Bruce Carl Cathal
  Chinedu Colin Conor Darren Dean Dominic Duncan Dylan Eamon Elliot Emeka Ewan Faisal Fergus
  Finlay Frank Gavin Geraint Gordon Grant Hamish Harvey Hassan Henry Huw Ifan Isaac Jack Jake
  Jason Kieran Kofi Lewis Lloyd Malcolm Marcus Mohsin Murray Nathaniel Niall Nigel Omar Oscar
  Pradeep Rajesh Raymond Reece Roger Rory Ross Rupert Scott Shaun Stanley Steven Terry Toby
  Trevor Tyrone Usman Victor Wayne Wojciech Yusuf Zak
`)

export const LAST_NAMES = words(`
  Abbott Acheampong Akhtar Ashworth Aziz Bains Ball Banks Barlow Bashir Baxter Beattie Bevan
  Bibi Blackburn Bolton Bond Bowen Boyle Bradshaw Brennan Briggs Buckley Burgess Burke Burns
  Byrne Cameron Carr Cartwright Chadwick Chambers Chowdhury Clayton Coates Cole Connolly
  Conway Crawford Cross Cunningham Dalton Daly Das Day Dean Dhillon Dobson Doherty Douglas
  Doyle Duffy Duncan Dunn Eaton Farrell Fenwick Ferguson Field Finch Flynn Forbes Ford Fox
  Francis Frost Gallagher Gardner George Gilbert Glover Goodwin Gordon Grant Gregory Hale
  Hamilton Hammond Hancock Hanson Hardy Haworth Hayes Henderson Hewitt Hilton Hodgson Holland
  Hopkins Horton Howard Howe Humphreys Hutchinson Iqbal Jarvis Jennings Johnston Kamara Kane
  Kay Kemp Kerr Kirby Lamb Lane Law Leach Lowe Lucas Lynch Mahmood Malik Mann Marsh Maxwell
  McCarthy McDonald McGregor McKenzie Mehta Miah Moran Morley Morrison Moss Nash Newton Nolan
  Norris Oakley Obi Okafor O'Brien O'Connor O'Neill Osborne Owusu Page Palmer Parry Patel
  Payne Pearce Pearson Perry Phillips Pickering Pollard Potter Powell Pritchard Quinn Rahman
  Randall Read Rees Reid Reynolds Rhodes Riley Robson Rowe Russell Ryan Saunders Sharma Sharp
  Shaw Sheppard Sinclair Singh Slater Stevens Stewart Sutton Swift Talbot Thornton Todd
  Townsend Tucker Turnbull Vaughan Wade Walsh Ward Warren Watts Webb Wells Whitehead Wilkinson
  Winter Wood Wright Yates Young
`)

/* Places teams, sessions and campaigns are in. */
export const PLACES = words(`
  London Leeds Manchester Newcastle Bristol Glasgow Edinburgh Cardiff Belfast Birmingham
  Sheffield Liverpool Nottingham Leicester Norwich Swansea Preston Bradford Coventry Croydon
  Reading Southampton Plymouth York Hastings Telford Darlington Peterborough Durham Exeter
`)

type DepartmentShape = {
  /* Share of the whole civil service, in tenths of a percent. */
  share: number
  /* The department's own weight against its agencies and directorates (30 unless its agencies are larger). */
  core?: number
  locations: string[]
  professions: Partial<Record<Profession, number>>
}

const base = (locations: string, professions: Partial<Record<Profession, number>>) => ({
  locations: words(locations),
  professions,
})

/* The departments of the reference tree, sized roughly as the civil service was in 2013. */
export const DEPARTMENTS: Record<string, DepartmentShape> = {
  dwp: {
    core: 20,
    share: 185,
    ...base('Leeds Sheffield Newcastle Preston Manchester Glasgow Birmingham Cardiff', {
      operational_delivery: 70,
      digital: 4,
    }),
  },
  hmrc: {
    share: 150,
    ...base('Newcastle Manchester Glasgow Bradford Liverpool Nottingham Cardiff Belfast', {
      tax: 45,
      operational_delivery: 30,
      digital: 5,
    }),
  },
  moj: {
    core: 8,
    share: 150,
    ...base('London Leeds Birmingham Manchester Bristol Cardiff', {
      operational_delivery: 60,
      legal: 6,
    }),
  },
  mod: {
    share: 115,
    ...base('London Bristol Glasgow Plymouth Telford', {
      operational_delivery: 25,
      science_engineering: 15,
      commercial: 8,
      project_delivery: 10,
      finance: 6,
    }),
  },
  ho: {
    core: 20,
    share: 65,
    ...base('Croydon Sheffield Liverpool London Glasgow', { operational_delivery: 55 }),
  },
  dft: {
    core: 10,
    share: 35,
    ...base('Swansea London Birmingham Leeds Hastings', { operational_delivery: 45, digital: 8 }),
  },
  defra: {
    core: 15,
    share: 40,
    ...base('Bristol York Reading Peterborough Exeter', {
      science_engineering: 30,
      operational_delivery: 25,
    }),
  },
  bis: {
    core: 12,
    share: 38,
    ...base('Cardiff Sheffield Plymouth Glasgow London', {
      operational_delivery: 35,
      knowledge_information: 6,
    }),
  },
  fco: { share: 28, ...base('London', { policy: 40, operational_delivery: 15 }) },
  co: { share: 12, ...base('London Newcastle', { policy: 30, digital: 12 }) },
  dh: { share: 10, ...base('London Leeds', { policy: 35, analysis: 8 }) },
  dfe: { share: 9, ...base('London Sheffield Darlington Coventry', { policy: 35, analysis: 8 }) },
  dclg: { share: 5, ...base('London Bristol', { policy: 35 }) },
  dfid: { share: 5, ...base('London', { policy: 40, finance: 8 }) },
  decc: { share: 4, ...base('London', { policy: 35, science_engineering: 10 }) },
  hmt: { share: 3, ...base('London', { policy: 30, finance: 20, analysis: 15 }) },
  dcms: { share: 2, ...base('London', { policy: 40 }) },
  ukef: { share: 1, ...base('London', { finance: 35 }) },
  ago: { share: 1, ...base('London', { legal: 50 }) },
  nio: { share: 1, ...base('Belfast London', { policy: 40 }) },
  oag: { share: 0.4, ...base('Edinburgh', { legal: 50 }) },
  olhc: { share: 0.2, ...base('London', { policy: 50 }) },
  olhl: { share: 0.2, ...base('London', { policy: 50 }) },
  so: { share: 0.4, ...base('Edinburgh London', { policy: 50 }) },
  wo: { share: 0.4, ...base('Cardiff London', { policy: 50 }) },
}

export const DEFAULT_DEPARTMENT: DepartmentShape = {
  share: 2,
  ...base('London', { policy: 30 }),
}

/* Digital, data and technology everywhere; the rest of the mix comes from the department. */
export const BASE_PROFESSIONS: Record<Profession, number> = {
  digital: 3,
  policy: 6,
  operational_delivery: 20,
  project_delivery: 4,
  human_resources: 4,
  finance: 4,
  commercial: 2,
  communications: 2,
  analysis: 3,
  legal: 1,
  science_engineering: 2,
  knowledge_information: 2,
  tax: 0,
  other: 6,
}

/* Organisations of the reference tree whose own mix differs from their department's. */
export const ORGANISATION_PROFESSIONS: Record<string, Partial<Record<Profession, number>>> = {
  gds: { digital: 80 },
  ida: { digital: 70 },
  ch: { digital: 10, operational_delivery: 40 },
  lr: { knowledge_information: 20, operational_delivery: 40 },
  dvla: { digital: 10, operational_delivery: 60 },
}

/* Reference organisations with many people, weighed against their department's core (30). */
export const LARGE_ORGANISATIONS: Record<string, number> = {
  jcp: 45,
  noms: 40,
  hmcts: 20,
  ukba: 12,
  dvla: 8,
  ea: 10,
  slc: 3,
  ips: 4,
  voa: 4,
  ha: 3,
  rpa: 3,
  lr: 5,
  ch: 2,
}

/* Parts of new organisations' names. */
export const SUBJECTS = words(`
  Fisheries Forestry Coastguard Pensions Benefits Maritime Aviation Rail Roads Water Energy
  Nuclear Heritage Archives Libraries Museums Patents Standards Statistics Mapping Weather
  Veterinary Medicines Food Plant Seeds Marine Canals Parks Housing Planning Borders Visas
  Prisons Probation Tribunals Courts Legal Insolvency Employment Skills Apprenticeships
  Student Exams Childcare Sport Arts Lottery Gambling Charities Census Elections Procurement
  Property Estates Payments Grants Loans Tax Customs Excise Duties Valuation Audit Accounts
  Investment Trade Export Science Research Space Climate Environment Waste Flood Wildlife
`)
export const AGENCY_FORMS = [
  (subject: string) => `${subject} Agency`,
  (subject: string) => `National ${subject} Service`,
  (subject: string) => `${subject} Executive`,
  (subject: string) => `Office for ${subject}`,
]
export const BODY_FORMS = [
  (subject: string) => `${subject} Council`,
  (subject: string) => `${subject} Commission`,
  (subject: string) => `${subject} Authority`,
  (subject: string) => `${subject} Board`,
  (subject: string) => `${subject} Ombudsman`,
]
export const DIRECTORATE_NAMES = words(`
  Operations Finance People Strategy Digital Technology Estates Security Policy Analysis
  Commercial Communications Legal Customer Compliance Delivery Transformation Data Risk
  Governance Change Programmes Services Casework Contact Enforcement Inspection Regions
`)
export const REGIONS = ['North', 'South', 'East', 'West', 'Midlands', 'Scotland', 'Wales']

/* What a team does, by profession of its manager. */
export const TEAM_WORK: Record<Profession, string[]> = {
  digital: ['Digital service', 'Platform', 'Data engineering', 'Web operations', 'Product'],
  policy: ['Policy', 'Ministerial correspondence', 'Legislation', 'International'],
  operational_delivery: ['Casework', 'Customer contact', 'Processing', 'Benefit centre', 'Field'],
  project_delivery: ['Programme office', 'Project delivery', 'Portfolio'],
  human_resources: ['HR business partners', 'Recruitment', 'Learning and development'],
  finance: ['Financial planning', 'Accounts payable', 'Management accounts'],
  commercial: ['Contract management', 'Procurement', 'Supplier relations'],
  communications: ['Press office', 'Internal communications', 'Campaigns'],
  analysis: ['Statistics', 'Economics', 'Operational research', 'Performance'],
  legal: ['Legal advice', 'Litigation'],
  science_engineering: ['Laboratory', 'Engineering', 'Science advice'],
  knowledge_information: ['Records management', 'Information rights', 'Library'],
  tax: ['Compliance', 'Debt management', 'Self Assessment', 'PAYE', 'VAT'],
  other: ['Facilities', 'Business support', 'Private office'],
}

/* Role profiles (by framework name) people of each profession hold, with weights. */
export const PROFILES_BY_PROFESSION: Record<Profession, [string, number][]> = {
  digital: [
    ['Software developer', 10],
    ['Frontend developer', 4],
    ['Development operations (DevOps) engineer', 4],
    ['Product manager', 5],
    ['Delivery manager', 6],
    ['User researcher', 4],
    ['Interaction designer', 3],
    ['Content designer', 4],
    ['Service designer', 2],
    ['Technical architect', 3],
    ['Infrastructure engineer', 4],
    ['IT service manager', 3],
    ['Service desk manager', 3],
    ['Test engineer', 3],
    ['Data engineer', 2],
    ['Security architect', 1],
  ],
  analysis: [
    ['Data analyst', 5],
    ['Performance analyst', 3],
    ['Data scientist', 2],
    ['Digital evaluator', 1],
  ],
  communications: [
    ['Content designer', 5],
    ['Content strategist', 2],
    ['Graphic designer', 1],
  ],
  project_delivery: [
    ['Delivery manager', 5],
    ['Programme delivery manager', 2],
    ['Digital portfolio manager', 2],
    ['Business analyst', 3],
  ],
  knowledge_information: [
    ['Data governance manager', 3],
    ['Technical writer', 2],
    ['Content designer', 2],
  ],
  operational_delivery: [
    ['Business analyst', 4],
    ['Service desk manager', 3],
    ['Business relationship manager', 2],
    ['Delivery manager', 2],
    ['Service owner', 1],
  ],
  science_engineering: [
    ['Data scientist', 3],
    ['Infrastructure engineer', 2],
    ['Data engineer', 2],
  ],
  policy: [
    ['Business analyst', 3],
    ['Product manager', 2],
    ['Content designer', 2],
    ['Service owner', 1],
  ],
  tax: [
    ['Business analyst', 4],
    ['Data analyst', 2],
    ['Service owner', 1],
  ],
  finance: [
    ['Business analyst', 3],
    ['Digital portfolio manager', 2],
    ['Data analyst', 1],
  ],
  human_resources: [
    ['Business analyst', 3],
    ['Content designer', 1],
  ],
  commercial: [
    ['Business relationship manager', 3],
    ['Business analyst', 2],
  ],
  legal: [
    ['Business analyst', 2],
    ['Data governance manager', 1],
  ],
  other: [
    ['Business analyst', 3],
    ['Delivery manager', 2],
    ['Service desk manager', 2],
  ],
}

/* What the most senior people hold, whatever their profession. */
export const SENIOR_PROFILES: [string, number][] = [
  ['Chief digital and information officer', 1],
  ['Chief data officer', 1],
  ['Chief technology officer', 1],
  ['Service owner', 3],
  ['Programme delivery manager', 3],
]

export const SERVICE_MANAGER_PROFILE = 'Service Manager'
export const DIGITAL_LEADER_PROFILE = 'Digital Leader'

/* Course titles: a form around a skill's name. */
export const COURSE_FORMS = [
  (skill: string) => `Introduction to ${skill.toLowerCase()}`,
  (skill: string) => `${skill}: the essentials`,
  (skill: string) => `Practical ${skill.toLowerCase()}`,
  (skill: string) => `${skill} for managers`,
  (skill: string) => `Advanced ${skill.toLowerCase()}`,
  (skill: string) => `${skill} masterclass`,
  (skill: string) => `${skill} in government`,
  (skill: string) => `${skill}: a hands-on workshop`,
]
export const COURSE_SUMMARY =
  'A course on {skill} for people whose role needs it: what good looks like in a government service, worked examples from real projects, and time to practise with feedback.'

export const PROVIDER_FORMS = [
  (word: string) => `${word} Learning`,
  (word: string) => `${word} Academy`,
  (word: string) => `${word} Training`,
  (word: string) => `${word} Associates`,
  (word: string) => `${word} Institute`,
]
export const PROVIDER_WORDS = words(`
  Northgate Riverside Beacon Lighthouse Keystone Granite Meridian Harbour Summit Orchard
  Lantern Compass Fieldfare Kestrel Heron Thistle Bramble Juniper Larch Rowan Willow Aspen
  Cobalt Amber Indigo Saffron Copper Flint Slate Quartz
`)

export const VENUES = [
  'Conference centre, room 1',
  'Training suite, 2nd floor',
  'Learning centre',
  'Main building, seminar room',
  'Regional office, room 4',
]

/* Services: what a user does, about a subject. */
export const SERVICE_FORMS = [
  (subject: string) => `Apply for a ${subject} licence`,
  (subject: string) => `Renew a ${subject} permit`,
  (subject: string) => `Pay ${subject} charges`,
  (subject: string) => `Register for ${subject}`,
  (subject: string) => `Report a ${subject} problem`,
  (subject: string) => `Check your ${subject} record`,
  (subject: string) => `Claim a ${subject} grant`,
  (subject: string) => `Book a ${subject} appointment`,
  (subject: string) => `Change your ${subject} details`,
  (subject: string) => `Get a ${subject} certificate`,
]

export const DIGITAL_PLACEMENT_TITLES = [
  'Associate product manager',
  'Associate delivery manager',
  'User researcher',
  'Performance analyst',
  'Service designer',
  'Content designer',
  'Data analyst',
  'Business analyst',
  'Graduate developer',
  'Associate technical architect',
]
export const OTHER_PLACEMENT_TITLES = [
  'Policy adviser',
  'Operations manager',
  'Private secretary',
  'Finance business partner',
  'Strategy adviser',
]
export const PLACEMENT_WORK = [
  'Work in a multidisciplinary team on a live service, from research with its users to release.',
  'Help a service in beta meet the service standard and prepare for its assessment.',
  'Map a paper process, talk to the people who use it, and shape the first digital version.',
  'Use the service’s data to find where users struggle and measure what the team changes.',
  'Support the Service Manager of a large transaction with its performance and roadmap.',
]

export const FAST_STREAM_SCHEMES: [string, string][] = [
  ['Generalist', 'Policy, operational delivery and corporate roles across departments.'],
  ['Digital and Technology', 'Digital delivery, technology and product roles.'],
  ['Analytical', 'Economics, statistics, operational research and social research.'],
  ['Commercial', 'Buying and managing contracts for government.'],
  ['Finance', 'Financial management and accountancy.'],
  ['Project Delivery', 'Major projects and programmes.'],
]

export const DECLARED_LEARNING: [string, string | null][] = [
  ['Agile practitioner certificate', 'APMG International'],
  ['Evening class: introduction to Python', 'Local college'],
  ['Open data in practice', 'Open Data Institute'],
  ['Web analytics certificate', 'An online course provider'],
  ['Accessibility meet-up', null],
  ['Lunchtime talk on service design', null],
  ['Project management foundation', 'APMG International'],
]

export const REQUEST_NOTES = [
  'This is in my development plan, agreed at my mid-year review.',
  'I take over a service in beta next quarter and need this first.',
  'Our team is moving to agile delivery and I would like to help lead it.',
  'I would like to move into this profession; this is the usual starting point.',
]
export const DECLINE_REASONS = [
  'No training budget is left this quarter: please ask again in the new financial year.',
  'The team cannot spare you that week; please choose a later date.',
  'Please complete the foundation course first.',
]
export const CANCEL_REASONS = [
  'Our release date moved and I cannot be away from the team that week.',
  'I have moved team and this is no longer relevant to my role.',
  'I am now on leave that week; I will book a later date.',
  'It clashes with a ministerial visit I have to support.',
]
export const SESSION_CANCELLED_REASON =
  'Session cancelled: the trainer is unavailable. Please book another date.'
