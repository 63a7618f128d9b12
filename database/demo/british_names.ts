import type { LocaleDefinition } from '@faker-js/faker'

const words = (list: string) => list.split(' ')

const FEMALE = words(
  'Aisha Alice Alison Amanda Amy Angela Anita Bethan Catherine Charlotte Chloe ' +
    'Claire Deborah Eleanor Elizabeth Emma Fatima Fiona Gemma Georgina Grace Hannah ' +
    'Harriet Helen Jane Jennifer Jessica Joanne Julie Karen Katherine Kirsty Laura ' +
    'Lisa Louise Lucy Margaret Megan Michelle Morag Nadia Natalie Nicola Olivia ' +
    'Priya Rachel Rebecca Rhian Ruth Samina Sarah Siobhan Sophie Stephanie Susan ' +
    'Victoria Zoe'
)

const MALE = words(
  'Adam Alan Alexander Alistair Andrew Arjun Benjamin Callum Christopher Craig ' +
    'Dafydd Daniel David Declan Edward Gareth Gary George Graham Hamza Iain Ian ' +
    'Imran James Jamie John Jonathan Joseph Kevin Kwame Liam Luke Mark Martin ' +
    'Matthew Michael Mohammed Nathan Neil Nicholas Oliver Owen Patrick Paul Peter ' +
    'Philip Rhys Richard Robert Ryan Samuel Sanjay Sean Simon Stephen Stuart Tariq ' +
    'Thomas William'
)

const SURNAMES = words(
  'Adams Ahmed Ali Allen Anderson Andrews Armstrong Atkinson Bailey Baker Barker ' +
    'Barnes Begum Bell Bennett Bird Booth Bradley Brooks Brown Butler Campbell ' +
    'Carter Chapman Chen Clarke Collins Cook Cooper Cox Davies Dawson Dixon Edwards ' +
    'Elliott Ellis Evans Fisher Fletcher Foster Fraser Gibson Gill Graham Gray ' +
    'Green Griffiths Hall Harris Harrison Hart Harvey Hill Holmes Hughes Hunt ' +
    'Hussain Jackson James Jenkins Johnson Jones Kaur Kelly Kennedy Khan King ' +
    'Knight Lawrence Lee Lewis Lloyd MacDonald Marshall Martin Mason Matthews ' +
    'McLean Mensah Miller Mills Mitchell Moore Morgan Morris Murphy Murray Nowak ' +
    "O'Brien O'Neill Okafor Owen Palmer Parker Patel Pearson Phillips Powell Price " +
    'Rees Reid Richards Richardson Roberts Robertson Robinson Rogers Russell Scott ' +
    'Shah Shaw Simpson Singh Smith Spencer Stewart Sutherland Taylor Thomas ' +
    'Thompson Turner Walker Walsh Ward Watson Webb White Wilkinson Williams Wilson ' +
    'Wood Wright Young'
)

/*
 * Names people in the UK civil service plausibly have, for the demo's staff
 * and its Fast Stream entrants alike; the stock English locales lean
 * American.
 */
export const britishNames: LocaleDefinition = {
  person: {
    first_name: { female: FEMALE, male: MALE },
    last_name: { generic: SURNAMES },
    last_name_pattern: {
      generic: [
        { value: '{{person.last_name.generic}}', weight: 24 },
        { value: '{{person.last_name.generic}}-{{person.last_name.generic}}', weight: 1 },
      ],
    },
  },
}

/* Every first name and surname the demo may give, to check a name against. */
export const BRITISH_FIRST_NAMES: ReadonlySet<string> = new Set([...FEMALE, ...MALE])
export const BRITISH_SURNAMES: ReadonlySet<string> = new Set(SURNAMES)
