import { configApp } from '@adonisjs/eslint-config'

/*
 * The layers (docs/CONTEXT.md, "Layers"): controllers, actions and queries
 * sit on the models, and the models on the pure domain. A folder imports
 * only from below it, through an alias, a relative path or import().
 */
const ABOVE_MODELS = [
  'actions',
  'queries',
  'controllers',
  'validators',
  'transformers',
  'services',
  'mails',
  'jobs',
  'listeners',
  'middleware',
  'policies',
  'abilities',
]
const APP_FOLDERS = [...ABOVE_MODELS, 'models', 'events', 'exceptions', 'openapi']

/* An alias into one of the folders ("#services/wording"). */
const aliasInto = (folders) => `^#(${folders.join('|')})/`
/* A relative import into one of the folders ("../../services/wording.js"). */
const relativeInto = (folders) => `^\\.{1,2}/(.*/)?(${folders.join('|')})(/|$)`
/* import('#actions/…') and the like: loaded later, still a dependency. */
const dynamicImportOf = (folders, message) => ({
  selector: `ImportExpression[source.value=/^#(${folders.join('|')})\\b/]`,
  message,
})

const DOMAIN = 'The domain is pure: it imports only app/domain, app/enums and npm libraries'
const MODELS =
  'Models sit below actions, queries, services and the HTTP layer: move what they share into app/domain'
const VALIDATORS =
  'Validators sit below actions, queries and controllers: move what they share into app/enums or app/domain'

const layerRules = [
  {
    name: 'Layers: the pure domain',
    files: ['app/domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^#(?!domain/|enums/)', message: DOMAIN },
            { regex: relativeInto(APP_FOLDERS), message: DOMAIN },
            { group: ['@adonisjs/*'], allowTypeImports: true, message: DOMAIN },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ImportExpression[source.value=/^#(?!domain\\b|enums\\b)/]', message: DOMAIN },
      ],
    },
  },
  {
    name: 'Layers: models',
    files: ['app/models/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: aliasInto(ABOVE_MODELS.filter((f) => f !== 'services')), message: MODELS },
            { regex: aliasInto(['services']), allowTypeImports: true, message: MODELS },
            { regex: relativeInto(ABOVE_MODELS), message: MODELS },
          ],
        },
      ],
      'no-restricted-syntax': ['error', dynamicImportOf(ABOVE_MODELS, MODELS)],
    },
  },
  {
    name: 'Layers: validators',
    files: ['app/validators/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: aliasInto(['queries', 'actions', 'controllers']), message: VALIDATORS },
            { regex: relativeInto(['queries', 'actions', 'controllers']), message: VALIDATORS },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        dynamicImportOf(['queries', 'actions', 'controllers'], VALIDATORS),
      ],
    },
  },
]

export default configApp(
  {
    ignores: ['build/**', 'public/assets/**', 'tmp/**', '.adonisjs/**', 'node_modules/**'],
  },
  ...layerRules
)
