import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

/*
 * A PDF read back as a reader sees it, with Mozilla's PDF.js: the text of
 * each page (its pieces joined by spaces), the document's properties and
 * the first page's size in points.
 */
export async function readPdf(bytes: Buffer | Uint8Array) {
  const loading = getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, verbosity: 0 })
  const document = await loading.promise
  try {
    const pages: string[] = []
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number)
      const content = await page.getTextContent()
      pages.push(
        content.items
          .map((item) => ('str' in item ? item.str : ''))
          .filter(Boolean)
          .join(' ')
      )
    }
    const first = await document.getPage(1)
    const [, , width, height] = first.view
    const { info } = await document.getMetadata()
    return {
      pages,
      text: pages.join('\n'),
      info: info as Record<string, string>,
      size: { width: Math.round(width), height: Math.round(height) },
    }
  } finally {
    await loading.destroy()
  }
}
