import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(__filename);

/** The text of a PDF, page by page, read with Mozilla's pdf.js as a person's viewer would. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // The 14 standard PDF fonts (Helvetica...) ship inside the package: point pdf.js at them, no network.
  const standardFontDataUrl = path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts') + path.sep;
  const document = await pdfjs.getDocument({ data: bytes, standardFontDataUrl, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return pages.join('\n');
}
