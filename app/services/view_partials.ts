import type { Edge } from 'edge.js'

/*
 * edge.js keeps a compiled template for every later render, except a
 * partial: `@include` passes the names local to the including template
 * (from `@each`, `@let` and the like; a list even when there are none),
 * and a template compiled with such a list is never kept, so every
 * include is read, tokenised, parsed and compiled again on every render.
 * Where templates are cached (production) neither the file nor, for one
 * include, those names change: keep each partial's compiled code per path
 * and local names.
 */
export function cachePartials(edge: Edge) {
  // One compiler for render (async), one for renderSync.
  for (const compiler of [edge.compiler, edge.asyncCompiler]) {
    const compile = compiler.compile.bind(compiler)
    const compiled = new Map<string, ReturnType<typeof compile>>()
    compiler.compile = (templatePath: string, localVariables?: string[]) => {
      // Without local names edge.js caches the template itself; a partial comes with a list, even an empty one.
      if (!localVariables) return compile(templatePath, localVariables)
      const key = `${templatePath}\u0000${localVariables.join('\u0000')}`
      let found = compiled.get(key)
      if (!found) {
        found = compile(templatePath, localVariables)
        compiled.set(key, found)
      }
      return found
    }
  }
}
