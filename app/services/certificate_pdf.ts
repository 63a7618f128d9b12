import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import PDFDocument from 'pdfkit'
import type { HttpContext } from '@adonisjs/core/http'
import { certificateFileName, formatVerificationCode } from '#domain/learning/certificates'
import type { CertificateRow } from '#queries/learning/certificates_query'
import { longDate } from '#services/certificate_messages'
import { serviceUrl } from '#mails/learning_mail'

const require = createRequire(import.meta.url)

/*
 * Adobe's Source Sans 3 (SIL Open Font License), from its npm package:
 * its Latin covers the accents and letters of every European name (Siân,
 * Ó Briain, Zoë, Łukasz, Dvořák), which the PDF's 14 standard fonts do
 * not. Read once; pdfkit embeds only the glyphs a certificate uses.
 */
const fonts = {
  regular: readFileSync(require.resolve('source-sans/TTF/SourceSans3-Regular.ttf')),
  bold: readFileSync(require.resolve('source-sans/TTF/SourceSans3-Bold.ttf')),
}

/* What a certificate shows. Dates are already in words ("3 June 2027"). */
export type CertificateContent = {
  name: string
  courseTitle: string
  providerName: string | null
  completedOn: string
  validUntil: string | null
  code: string
  /* The public address that checks a code, like https://…/certificates/verify. */
  verifyUrl: string
}

/* A4 landscape, in points. */
const PAGE = { width: 841.89, height: 595.28 }
const MARGIN = 64
const WIDTH = PAGE.width - 2 * MARGIN

/* A line or paragraph of the certificate, centred: its font, size and the space above it (in lines). */
type Block = { text: string; font: 'regular' | 'bold'; size: number; gap: number }

function blockHeight(doc: PDFKit.PDFDocument, block: Block, scale: number) {
  doc.font(block.font).fontSize(block.size * scale)
  return doc.currentLineHeight(true) * block.gap + doc.heightOfString(block.text, { width: WIDTH })
}

/*
 * Writes the blocks centred in `space`, at the largest scale
 * (from full size down to half) at which all of them fit in it: a long
 * name or course title wraps at spaces (within a word longer than a line)
 * and makes the text smaller rather than run onto a second page.
 */
function writeFitted(
  doc: PDFKit.PDFDocument,
  blocks: Block[],
  space: { top: number; bottom: number }
) {
  const available = space.bottom - space.top
  const height = (scale: number) =>
    blocks.reduce((sum, block) => sum + blockHeight(doc, block, scale), 0)
  let scale = 1
  while (scale > 0.5 && height(scale) > available) scale -= 0.05
  // Centred in the space, so a short name and title do not leave a gap below.
  doc.y = space.top + Math.max(0, (available - height(scale)) / 2)
  for (const block of blocks) {
    doc.font(block.font).fontSize(block.size * scale)
    doc.moveDown(block.gap)
    doc.text(block.text, MARGIN, doc.y, { width: WIDTH, align: 'center' })
  }
}

/*
 * A certificate as a PDF: A4 landscape, the person's name, the course,
 * its provider, when it was completed and until when it is valid, and the
 * verification code with the public address that checks it. The same
 * words are in the document's properties (title, subject, keywords), so
 * a reader or an index finds them without reading the page.
 */
export async function certificatePdf(content: CertificateContent): Promise<Buffer> {
  const code = formatVerificationCode(content.code)
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: 36, bottom: 36, left: MARGIN, right: MARGIN },
    lang: 'en-GB',
    displayTitle: true,
    info: {
      Title: `Certificate: ${content.courseTitle}`,
      Author: 'Digital Capability Service',
      Subject: `${content.name} completed ${content.courseTitle} on ${content.completedOn}`,
      Keywords: `certificate, verification code ${code}`,
      Creator: 'Digital Capability Service',
    },
  })
  doc.registerFont('regular', fonts.regular)
  doc.registerFont('bold', fonts.bold)
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })

  doc
    .lineWidth(3)
    .strokeColor('#1d3557')
    .rect(24, 24, PAGE.width - 48, PAGE.height - 48)
    .stroke()
  doc.fillColor('#0b0c0c')
  const footerTop = PAGE.height - MARGIN - 48
  const blocks: Block[] = [
    { text: 'Digital Capability Service', font: 'bold', size: 14, gap: 0 },
    { text: 'Certificate of completion', font: 'bold', size: 32, gap: 0.4 },
    { text: 'This is to certify that', font: 'regular', size: 15, gap: 0.6 },
    { text: content.name, font: 'bold', size: 28, gap: 0.2 },
    { text: 'has completed', font: 'regular', size: 15, gap: 0.2 },
    { text: content.courseTitle, font: 'bold', size: 22, gap: 0.2 },
    ...(content.providerName
      ? [
          {
            text: `provided by ${content.providerName}`,
            font: 'regular' as const,
            size: 15,
            gap: 0.2,
          },
        ]
      : []),
    { text: `on ${content.completedOn}`, font: 'regular', size: 15, gap: 0.2 },
    ...(content.validUntil
      ? [{ text: `Valid until ${content.validUntil}`, font: 'bold' as const, size: 15, gap: 0.4 }]
      : []),
  ]
  writeFitted(doc, blocks, { top: MARGIN - 8, bottom: footerTop - 12 })
  writeFitted(
    doc,
    [
      { text: `Verification code: ${code}`, font: 'bold', size: 15, gap: 0 },
      {
        text: `Anyone can check this certificate at ${content.verifyUrl} with its verification code.`,
        font: 'regular',
        size: 11,
        gap: 0.1,
      },
    ],
    { top: footerTop, bottom: PAGE.height - 40 }
  )
  doc.end()
  return done
}

/* What a stored certificate shows, in words, with the address that checks it. */
export function certificateContent(certificate: CertificateRow): CertificateContent {
  return {
    name: certificate.name,
    courseTitle: certificate.courseTitle,
    providerName: certificate.providerName,
    completedOn: longDate(certificate.completedOn),
    validUntil: certificate.validUntil ? longDate(certificate.validUntil) : null,
    code: certificate.code,
    verifyUrl: serviceUrl('/certificates/verify'),
  }
}

/*
 * Answers with a certificate's PDF as a download: never stored by a cache
 * (it names a person), under a file name safe on every system.
 */
export async function sendCertificate(
  response: HttpContext['response'],
  certificate: CertificateRow
) {
  const pdf = await certificatePdf(certificateContent(certificate))
  response
    .header('Content-Type', 'application/pdf')
    .header('Cache-Control', 'no-store')
    .header(
      'Content-Disposition',
      `attachment; filename="${certificateFileName(certificate.courseTitle, certificate.code)}"`
    )
    .send(pdf)
}
