import { readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'

/*
 * Finds the queries MariaDB runs but MySQL 8 refuses under ONLY_FULL_GROUP_BY
 * (its default sql_mode): `GROUP BY a ORDER BY b` where b is neither grouped
 * nor aggregated, and `SELECT DISTINCT a … ORDER BY b` where b is not
 * selected. It reads the source: every query-builder chain (followed through
 * the variables and functions that build it in parts) and every raw SQL
 * statement, so a query is checked whether or not a test runs it. A part it
 * cannot read (a column held in a variable) is written ⟨…⟩; an ORDER BY it
 * cannot prove safe counts as a fault, so a query the check cannot read must
 * be made readable. Not followed: a query handed to another function as a
 * parameter is read there without what its caller gave it (the keyset
 * paging in app/services/csv_export.ts orders what its callers build).
 */

/* What a query selects, groups and orders by, in SQL text. */
export type QueryShape = {
  where: string
  distinct: boolean
  select: SelectItem[]
  groupBy: string[]
  orderBy: string[]
}

type SelectItem = { expression: string; alias: string | null }

const AGGREGATES = [
  'count',
  'sum',
  'min',
  'max',
  'avg',
  'group_concat',
  'json_arrayagg',
  'json_objectagg',
  'bit_and',
  'bit_or',
  'bit_xor',
  'std',
  'stddev',
  'stddev_pop',
  'stddev_samp',
  'var_pop',
  'var_samp',
  'variance',
]
const AGGREGATE_CALL = new RegExp(`\\b(${AGGREGATES.join('|')})\\s*\\(`, 'i')
const AGGREGATE_METHODS = new Set([
  'count',
  'countDistinct',
  'sum',
  'sumDistinct',
  'min',
  'max',
  'avg',
  'avgDistinct',
])
const WORDS = new Set(
  (
    'asc desc nulls first last case when then else end null and or not is in like between ' +
    'true false distinct as interval exists select from where cast signed unsigned char ' +
    'integer decimal date datetime time year month day hour minute second current_timestamp ' +
    'collate binary escape div mod xor'
  ).split(' ')
)

// ---------------------------------------------------------------- SQL text

/* The SQL text with string literals blanked and backticks and double quotes removed. */
function plainSql(sql: string) {
  return sql
    .replace(/'(?:[^'\\]|\\.|'')*'/g, "''")
    .replace(/[`"]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/* Splits at top-level commas (outside brackets). */
function splitTopLevel(text: string, separator = ','): string[] {
  const parts: string[] = []
  let depth = 0
  let start = 0
  for (let index = 0; index < text.length; index++) {
    const char = text[index]
    if (char === '(') depth++
    else if (char === ')') depth--
    else if (char === separator && depth === 0) {
      parts.push(text.slice(start, index))
      start = index + 1
    }
  }
  parts.push(text.slice(start))
  return parts.map((part) => part.trim()).filter((part) => part !== '')
}

/* `expression [as] alias` → its parts. */
function selectItemOf(text: string): SelectItem {
  const item = plainSql(text)
  const explicit = /^(.*\S)\s+as\s+([\w⟨⟩.]+)$/i.exec(item)
  if (explicit) return { expression: explicit[1], alias: explicit[2] }
  const implicit = /^(.*[)\w⟩])\s+([a-z_]\w*)$/i.exec(item)
  if (implicit && !WORDS.has(implicit[2].toLowerCase()) && /[()\s]/.test(implicit[1])) {
    return { expression: implicit[1], alias: implicit[2] }
  }
  return { expression: item, alias: null }
}

/* An ORDER BY term without its direction. */
function orderTerm(text: string) {
  return plainSql(text)
    .replace(/\s+nulls\s+(first|last)$/i, '')
    .replace(/\s+(asc|desc)$/i, '')
    .trim()
}

/* Where each bracket closes. */
function closingBrackets(sql: string) {
  const closing = new Map<number, number>()
  const open: number[] = []
  for (const [index, char] of sql.split('').entries()) {
    if (char === '(') open.push(index)
    else if (char === ')') closing.set(open.pop() ?? -1, index)
  }
  return closing
}

/* Replaces every bracketed part with ( … ) of the same length, to find top-level keywords. */
function maskBrackets(sql: string) {
  let depth = 0
  let masked = ''
  for (const char of sql) {
    if (char === '(') {
      masked += depth === 0 ? '(' : ' '
      depth++
    } else if (char === ')') {
      depth--
      masked += depth === 0 ? ')' : ' '
    } else masked += depth > 0 ? ' ' : char
  }
  return masked
}

/* Every SELECT in a statement (subqueries too), as shapes. */
export function shapesOfSql(sql: string, where: string): QueryShape[] {
  const text = plainSql(sql)
  const shapes: QueryShape[] = []
  const closing = closingBrackets(text)
  const selects = [...text.matchAll(/\bselect\b/gi)].map((match) => match.index)
  for (const start of selects) {
    // The scope of this SELECT: to the bracket that closes around it, or the end.
    let end = text.length
    for (const [open, close] of closing) {
      if (open < start && close > start && close < end) end = close
    }
    const scope = text.slice(start, end)
    const masked = maskBrackets(scope)
    const clause = (name: string, next: string[]) => {
      const found = new RegExp(`\\b${name}\\b`, 'i').exec(masked)
      if (!found) return null
      const from = found.index + found[0].length
      let to = scope.length
      for (const other of next) {
        const after = new RegExp(`\\b${other}\\b`, 'i').exec(masked.slice(from))
        if (after) to = Math.min(to, from + after.index)
      }
      return scope.slice(from, to).trim()
    }
    const ends = ['from', 'where', 'group by', 'having', 'order by', 'limit', 'union', 'for update']
    let list = clause('select', ends) ?? ''
    const distinct = /^distinct\b/i.test(list)
    if (distinct) list = list.replace(/^distinct\s+/i, '')
    shapes.push({
      where,
      distinct,
      select: splitTopLevel(list).map(selectItemOf),
      groupBy: splitTopLevel(clause('group by', ends.slice(3)) ?? '').map(orderTerm),
      orderBy: splitTopLevel(clause('order by', ends.slice(5)) ?? '').map(orderTerm),
    })
  }
  return shapes
}

// ---------------------------------------------------------------- the rules

const sameColumn = (a: string, b: string) => {
  const x = a.toLowerCase()
  const y = b.toLowerCase()
  if (x === y) return true
  if (!x.includes('.') && y.endsWith(`.${x}`)) return true
  return !y.includes('.') && x.endsWith(`.${y}`)
}

/* The columns an expression reads outside aggregate calls (and ⟨…⟩ parts it cannot read). */
function columnsOf(expression: string) {
  let text = expression
  // Drop aggregate calls with their arguments.
  for (let found = AGGREGATE_CALL.exec(text); found; found = AGGREGATE_CALL.exec(text)) {
    const open = found.index + found[0].length - 1
    const close = closingBrackets(text).get(open) ?? text.length - 1
    text = `${text.slice(0, found.index)} 0 ${text.slice(close + 1)}`
  }
  const columns: string[] = []
  for (const match of text.matchAll(/⟨[^⟩]*⟩|[a-z_][\w$]*(?:\.[a-z_*][\w$]*)?/gi)) {
    const word = match[0]
    const called = /^\s*\(/.test(text.slice(match.index + word.length))
    if (called || WORDS.has(word.toLowerCase())) continue
    columns.push(word)
  }
  return columns
}

/* Why an ORDER BY term of a grouped query is refused, or null when MySQL 8 accepts it. */
function groupedOrderFault(term: string, shape: QueryShape): string | null {
  const grouped = (expression: string) =>
    shape.groupBy.some((group) => group === expression || sameColumn(group, expression))
  if (grouped(term)) return null
  const aliased = shape.select.find(
    (item) => item.alias !== null && item.alias.toLowerCase() === term.toLowerCase()
  )
  const expression = aliased ? aliased.expression : term
  if (aliased && /^\(\s*select\b/i.test(expression)) return null
  if (grouped(expression)) return null
  const loose = columnsOf(expression).filter((column) => !grouped(column))
  if (loose.length === 0) return null
  return `GROUP BY ${shape.groupBy.join(', ')} ORDER BY ${term}: ${loose.join(', ')} is neither grouped nor aggregated`
}

/* Why an ORDER BY term of a SELECT DISTINCT is refused, or null when it is selected. */
function distinctOrderFault(term: string, shape: QueryShape): string | null {
  const selected = shape.select.some((item) => {
    if (item.alias !== null && item.alias.toLowerCase() === term.toLowerCase()) return true
    if (item.expression === term || sameColumn(item.expression, term)) return true
    if (item.expression === '*') return true
    const star = /^([\w$]+)\.\*$/.exec(item.expression)
    return star !== null && (term.startsWith(`${star[1]}.`) || !term.includes('.'))
  })
  if (selected) return null
  const list = shape.select.map((item) => item.expression).join(', ')
  return `SELECT DISTINCT ${list} ORDER BY ${term}: ${term} is not selected`
}

/* The faults of every query, each once per file (a query built in parts is read at each part). */
export function portabilityFaults(shapes: QueryShape[]): string[] {
  const seen = new Set<string>()
  const faults: string[] = []
  for (const fault of shapes.flatMap(faultsOf)) {
    const key = fault.replace(/:\d+: /, ': ')
    if (seen.has(key)) continue
    seen.add(key)
    faults.push(fault)
  }
  return faults
}

/* The faults of one query, each with where it is. */
export function faultsOf(shape: QueryShape): string[] {
  const faults: string[] = []
  for (const term of shape.orderBy) {
    const grouped = shape.groupBy.length > 0 ? groupedOrderFault(term, shape) : null
    if (grouped) faults.push(`${shape.where}: ${grouped}`)
    const distinct = shape.distinct ? distinctOrderFault(term, shape) : null
    if (distinct) faults.push(`${shape.where}: ${distinct}`)
  }
  return faults
}

// ---------------------------------------------------------------- the source

type Call = { name: string; args: readonly ts.Expression[]; file: SourceFile }
type SourceFile = { path: string; source: ts.SourceFile }
type Chain = { root: ts.Expression; calls: Call[]; node: ts.CallExpression; file: SourceFile }

/*
 * Reads the query-builder chains of a set of TypeScript files. Files are
 * given by path and text; `#alias/…` imports are resolved through
 * package.json's `imports` map.
 */
export class QuerySource {
  private files = new Map<string, SourceFile>()
  private aliases: [string, string][]

  constructor(
    private root: string,
    texts: Map<string, string>
  ) {
    for (const [path, text] of texts) {
      this.files.set(path, {
        path,
        source: ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true),
      })
    }
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
    this.aliases = Object.entries(pkg.imports as Record<string, string>).map(([alias, target]) => [
      alias.replace('*', ''),
      target.replace(/\*.*$/, ''),
    ])
  }

  /* Every query shape with a GROUP BY or a DISTINCT, and every raw SELECT. */
  shapes(): QueryShape[] {
    const shapes: QueryShape[] = []
    for (const file of this.files.values()) {
      const visit = (node: ts.Node) => {
        if (ts.isCallExpression(node) && this.isOutermost(node)) {
          const chain = this.chainOf(node, file)
          for (const calls of this.expanded(chain, new Set())) {
            const shape = this.shapeOf(calls, this.where(file, node))
            if (shape.groupBy.length > 0 || shape.distinct) shapes.push(shape)
          }
          this.rawStatements(chain, shapes)
        }
        ts.forEachChild(node, visit)
      }
      visit(file.source)
    }
    return shapes
  }

  private where(file: SourceFile, node: ts.Node) {
    const { line } = file.source.getLineAndCharacterOfPosition(node.getStart())
    return `${relative(this.root, file.path)}:${line + 1}`
  }

  private isOutermost(node: ts.CallExpression) {
    const parent = node.parent
    return !(
      ts.isPropertyAccessExpression(parent) &&
      parent.expression === node &&
      ts.isCallExpression(parent.parent) &&
      parent.parent.expression === parent
    )
  }

  private chainOf(node: ts.CallExpression, file: SourceFile): Chain {
    const calls: Call[] = []
    let expression: ts.Expression = node
    while (
      ts.isCallExpression(expression) &&
      ts.isPropertyAccessExpression(expression.expression)
    ) {
      calls.unshift({ name: expression.expression.name.text, args: expression.arguments, file })
      expression = expression.expression.expression
    }
    return { root: unwrap(expression), calls, node, file }
  }

  /* The calls of a chain with those that built its root: one list per way it can be built. */
  private expanded(chain: Chain, seen: Set<ts.Node>): Call[][] {
    if (seen.has(chain.node)) return [chain.calls]
    seen = new Set([...seen, chain.node])
    const root = chain.root
    if (ts.isIdentifier(root)) {
      const declaration = this.declarationOf(root, chain.file)
      if (declaration?.initializer) {
        const init = unwrap(declaration.initializer)
        const base = ts.isCallExpression(init)
          ? this.expanded(this.chainOf(init, chain.file), seen)
          : [[]]
        // Statements that add to the query held in the variable.
        const added = this.statementsOn(declaration, chain.file).flatMap((other) =>
          other === chain.node ? [] : this.chainOf(other, chain.file).calls
        )
        return base.map((calls) => [...calls, ...added, ...chain.calls])
      }
    }
    if (ts.isCallExpression(root)) {
      const returned = this.returnedChains(root, chain.file)
      if (returned.length > 0) {
        return returned.flatMap((inner) =>
          this.expanded(inner, seen).map((calls) => [...calls, ...chain.calls])
        )
      }
    }
    return [chain.calls]
  }

  /* The chains a called function (of this file or imported from the app) returns. */
  private returnedChains(call: ts.CallExpression, file: SourceFile): Chain[] {
    if (!ts.isIdentifier(call.expression)) return []
    const found = this.functionNamed(call.expression.text, file)
    if (!found) return []
    const [fn, fnFile] = found
    const chains: Chain[] = []
    const take = (expression: ts.Expression) => {
      const inner = unwrap(expression)
      if (ts.isCallExpression(inner)) chains.push(this.chainOf(inner, fnFile))
      else if (ts.isIdentifier(inner)) {
        // `return query`: the query the variable holds, as a chain of no calls of its own.
        chains.push({ root: inner, calls: [], node: call, file: fnFile })
      }
    }
    if (fn.body && !ts.isBlock(fn.body)) take(fn.body)
    else if (fn.body) {
      const visit = (node: ts.Node) => {
        if (ts.isReturnStatement(node) && node.expression) take(node.expression)
        if (!ts.isFunctionLike(node)) ts.forEachChild(node, visit)
      }
      ts.forEachChild(fn.body, visit)
    }
    return chains
  }

  private functionNamed(
    name: string,
    file: SourceFile
  ): [ts.FunctionLikeDeclaration, SourceFile] | null {
    for (const statement of file.source.statements) {
      if (ts.isFunctionDeclaration(statement) && statement.name?.text === name) {
        return [statement, file]
      }
      if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) {
          const init = declaration.initializer
          if (
            ts.isIdentifier(declaration.name) &&
            declaration.name.text === name &&
            init &&
            (ts.isArrowFunction(init) || ts.isFunctionExpression(init))
          ) {
            return [init, file]
          }
        }
      }
      if (ts.isImportDeclaration(statement) && statement.importClause?.namedBindings) {
        const bindings = statement.importClause.namedBindings
        if (!ts.isNamedImports(bindings)) continue
        for (const element of bindings.elements) {
          if (element.name.text !== name) continue
          const other = this.imported(statement, file)
          if (other) return this.functionNamed((element.propertyName ?? element.name).text, other)
        }
      }
    }
    return null
  }

  private imported(statement: ts.ImportDeclaration, file: SourceFile) {
    const specifier = (statement.moduleSpecifier as ts.StringLiteral).text
    let path: string | null = null
    for (const [alias, target] of this.aliases) {
      if (specifier.startsWith(alias)) {
        path = join(this.root, `${target}${specifier.slice(alias.length)}.ts`)
      }
    }
    if (specifier.startsWith('.')) path = resolve(dirname(file.path), specifier)
    if (path === null) return null
    return this.files.get(path.replace(/\.js$/, '.ts').replace(/\.ts\.ts$/, '.ts')) ?? null
  }

  /* The variable declaration an identifier names, looked for in the blocks around it. */
  private declarationOf(identifier: ts.Identifier, file: SourceFile) {
    for (let scope: ts.Node | undefined = identifier.parent; scope; scope = scope.parent) {
      if (!ts.isBlock(scope) && !ts.isSourceFile(scope)) continue
      for (const statement of scope.statements) {
        if (!ts.isVariableStatement(statement)) continue
        for (const declaration of statement.declarationList.declarations) {
          if (ts.isIdentifier(declaration.name) && declaration.name.text === identifier.text) {
            return declaration
          }
        }
      }
    }
    void file
    return null
  }

  /* Statements like `query.groupBy(…)` in the block that declares the variable. */
  private statementsOn(declaration: ts.VariableDeclaration, file: SourceFile) {
    const block = declaration.parent.parent.parent
    const calls: ts.CallExpression[] = []
    const visit = (node: ts.Node) => {
      if (
        ts.isExpressionStatement(node) &&
        ts.isCallExpression(node.expression) &&
        this.isOutermost(node.expression)
      ) {
        const chain = this.chainOf(node.expression, file)
        const name = (declaration.name as ts.Identifier).text
        const cloned = chain.calls.some((call) => call.name === 'clone')
        if (ts.isIdentifier(chain.root) && chain.root.text === name && !cloned) {
          calls.push(node.expression)
        }
      }
      ts.forEachChild(node, visit)
    }
    visit(block)
    return calls
  }

  /* `db.rawQuery('select …')` and the like: the statement's own SELECTs. */
  private rawStatements(chain: Chain, shapes: QueryShape[]) {
    for (const call of chain.calls) {
      if (!['rawQuery', 'knexRawQuery'].includes(call.name) || call.args.length === 0) continue
      const sql = this.sqlText(call.args[0], call.file)
      if (/\bselect\b/i.test(sql)) {
        shapes.push(...shapesOfSql(sql, this.where(call.file, call.args[0])))
      }
    }
  }

  private shapeOf(calls: Call[], where: string): QueryShape {
    const shape: QueryShape = { where, distinct: false, select: [], groupBy: [], orderBy: [] }
    for (const call of calls) {
      const texts = () => call.args.flatMap((arg) => this.texts(arg, call.file))
      switch (call.name) {
        case 'distinct':
          shape.distinct = true
          shape.select.push(...this.selectItems(call.args, call.file))
          break
        case 'select':
        case 'columns':
          shape.select.push(...this.selectItems(call.args, call.file))
          break
        case 'groupBy':
          shape.groupBy.push(...texts().map(orderTerm))
          break
        case 'groupByRaw':
          shape.groupBy.push(...splitTopLevel(this.sqlText(call.args[0], call.file)).map(orderTerm))
          break
        case 'orderBy':
          shape.orderBy.push(...this.orderItems(call.args, call.file))
          break
        case 'orderByRaw':
          shape.orderBy.push(...splitTopLevel(this.sqlText(call.args[0], call.file)).map(orderTerm))
          break
        default:
          if (AGGREGATE_METHODS.has(call.name)) {
            for (const text of texts()) {
              const item = selectItemOf(text)
              shape.select.push({
                expression: `${call.name}(${item.expression})`,
                alias: item.alias,
              })
            }
          }
      }
    }
    return shape
  }

  private selectItems(args: readonly ts.Expression[], file: SourceFile): SelectItem[] {
    const items: SelectItem[] = []
    for (const raw of args) {
      const arg = unwrap(raw)
      if (ts.isObjectLiteralExpression(arg)) {
        for (const property of arg.properties) {
          if (ts.isPropertyAssignment(property)) {
            const alias = property.name.getText().replace(/['"]/g, '')
            items.push({ expression: this.sqlText(property.initializer, file), alias })
          }
        }
      } else if (ts.isArrayLiteralExpression(arg)) {
        items.push(...this.selectItems(arg.elements, file))
      } else if (isRaw(arg)) {
        items.push(...splitTopLevel(this.sqlText(arg.arguments[0], file)).map(selectItemOf))
      } else if (ts.isCallExpression(arg)) {
        // A subquery: `db.from(…).as('alias')`.
        const chain = this.chainOf(arg, file)
        const as = chain.calls.find((call) => call.name === 'as')
        const alias = as ? this.sqlText(as.args[0], file) : null
        items.push({ expression: '(select ⟨subquery⟩)', alias })
      } else {
        items.push(selectItemOf(this.sqlText(arg, file)))
      }
    }
    return items
  }

  private orderItems(args: readonly ts.Expression[], file: SourceFile): string[] {
    const first = args[0] ? unwrap(args[0]) : undefined
    if (!first) return []
    if (ts.isArrayLiteralExpression(first)) {
      return first.elements.flatMap((element) => {
        const item = unwrap(element)
        if (ts.isObjectLiteralExpression(item)) {
          const column = item.properties.find(
            (property) => property.name?.getText() === 'column'
          ) as ts.PropertyAssignment | undefined
          return column ? [orderTerm(this.sqlText(column.initializer, file))] : []
        }
        return [orderTerm(this.sqlText(item, file))]
      })
    }
    if (isRaw(first)) return splitTopLevel(this.sqlText(first.arguments[0], file)).map(orderTerm)
    return [orderTerm(this.sqlText(first, file))]
  }

  private texts(raw: ts.Expression, file: SourceFile): string[] {
    const arg = unwrap(raw)
    if (ts.isArrayLiteralExpression(arg)) return arg.elements.flatMap((e) => this.texts(e, file))
    if (isRaw(arg)) return splitTopLevel(this.sqlText(arg.arguments[0], file))
    return [this.sqlText(arg, file)]
  }

  /* The SQL an expression stands for; what it cannot know is written ⟨source⟩. */
  private sqlText(raw: ts.Expression | undefined, file: SourceFile, depth = 0): string {
    if (!raw) return '⟨nothing⟩'
    const node = unwrap(raw)
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text
    if (ts.isTemplateExpression(node)) {
      let text = node.head.text
      for (const span of node.templateSpans) {
        text += this.sqlText(span.expression, file, depth + 1) + span.literal.text
      }
      return text
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      return this.sqlText(node.left, file, depth + 1) + this.sqlText(node.right, file, depth + 1)
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      // `latestAssessments(…).toQuery()` and other subqueries written into SQL.
      if (node.expression.name.text === 'toQuery') return '(select ⟨subquery⟩)'
    }
    if (ts.isIdentifier(node) && depth < 5) {
      const constant = this.constantOf(node, file)
      if (constant !== null) return this.sqlText(constant[0], constant[1], depth + 1)
    }
    return `⟨${node.getText().replace(/\s+/g, ' ')}⟩`
  }

  /* A constant's initialiser, in this file or one it imports from. */
  private constantOf(
    identifier: ts.Identifier,
    file: SourceFile
  ): [ts.Expression, SourceFile] | null {
    const local = this.declarationOf(identifier, file)
    if (local?.initializer && (local.parent.flags & ts.NodeFlags.Const) !== 0) {
      const init = unwrap(local.initializer)
      if (ts.isStringLiteralLike(init) || ts.isTemplateExpression(init)) return [init, file]
      return null
    }
    for (const statement of file.source.statements) {
      if (!ts.isImportDeclaration(statement) || !statement.importClause?.namedBindings) continue
      const bindings = statement.importClause.namedBindings
      if (!ts.isNamedImports(bindings)) continue
      const element = bindings.elements.find((e) => e.name.text === identifier.text)
      const other = element ? this.imported(statement, file) : null
      if (!element || !other) continue
      const name = (element.propertyName ?? element.name).text
      for (const top of other.source.statements) {
        if (!ts.isVariableStatement(top)) continue
        for (const declaration of top.declarationList.declarations) {
          if (ts.isIdentifier(declaration.name) && declaration.name.text === name) {
            const init = declaration.initializer && unwrap(declaration.initializer)
            if (init && (ts.isStringLiteralLike(init) || ts.isTemplateExpression(init))) {
              return [init, other]
            }
          }
        }
      }
    }
    return null
  }
}

function unwrap(node: ts.Expression): ts.Expression {
  let expression = node
  while (
    ts.isParenthesizedExpression(expression) ||
    ts.isAwaitExpression(expression) ||
    ts.isAsExpression(expression) ||
    ts.isNonNullExpression(expression) ||
    ts.isSatisfiesExpression(expression)
  ) {
    expression = expression.expression
  }
  return expression
}

/* `db.raw('…')`, `client.raw('…')`, `knex.raw('…')`. */
function isRaw(node: ts.Expression): node is ts.CallExpression {
  return (
    ts.isCallExpression(node) &&
    ts.isPropertyAccessExpression(node.expression) &&
    node.expression.name.text === 'raw' &&
    node.arguments.length > 0
  )
}
