import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, type PDFImage, type PDFPage, rgb } from 'pdf-lib';
import QRCode from 'qrcode';
import { berlinDateOf } from '../../platform/time/berlin-time.js';
import { formatVerificationCode, verificationUrl } from './bescheinigungen.rules.js';
import type { CertificateField } from './bescheinigungen.tables.js';

/**
 * The PDF of a sealed certificate, made from the stored data: A4, the city's letterhead, title, the
 * certified data as a two-column table, purpose, place and date, case number, issuing authority, the
 * note on electronic creation, and the verification code with its QR code and address.
 *
 * Text is set in DejaVu Sans (embedded, subset), so names like "Yılmaz" or "Đorđević" print and can be
 * copied and searched; document title and language are set for assistive technology.
 */

export interface CertificatePdfData {
  title: string;
  kind: string;
  fields: CertificateField[];
  purpose: string | null;
  caseNumber: string;
  issuedAt: Date;
  issuer: string;
  verificationCode: string;
  revokedAt: Date | null;
}

export interface Letterhead {
  cityName: string;
  authority: string;
  street: string;
  postalCode: string;
  town: string;
  phone?: string | null;
  email?: string | null;
  website?: string | null;
}

const require = createRequire(import.meta.url);
let fonts: { regular: Uint8Array; bold: Uint8Array } | undefined;
/** Read once per process (about 1.5 MB); each PDF embeds only the glyphs it uses. */
function fontBytes() {
  fonts ??= {
    regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  };
  return fonts;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN_LEFT = 70; // about 25 mm
const MARGIN_RIGHT = 57;
const MARGIN_TOP = 57;
const FOOTER_HEIGHT = 40;
const CONTENT_WIDTH = A4[0] - MARGIN_LEFT - MARGIN_RIGHT;
const LABEL_WIDTH = 165;
const CELL_GAP = 12;
const QR_SIZE = 104;

const black = rgb(0, 0, 0);
const grey = rgb(0.33, 0.33, 0.33);
const rule = rgb(0.75, 0.75, 0.75);
const red = rgb(0.7, 0, 0);

/** "03.12.2026" (Berlin). */
export function germanDate(instant: Date): string {
  const [year, month, day] = berlinDateOf(instant).split('-');
  return `${day}.${month}.${year}`;
}

/** The sentence above the table. */
export function introOf(kind: string, cityName: string): string {
  if (kind.startsWith('meldebescheinigung')) {
    return `Es wird bescheinigt, dass die nachstehend genannte Person mit den folgenden Daten im Melderegister der Stadt ${cityName} verzeichnet ist:`;
  }
  return 'Es wird bescheinigt, dass die folgenden Angaben zutreffen:';
}

/** Lines of at most `width` points; words longer than a line are broken between characters. */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      let rest = word;
      while (font.widthOfTextAtSize(rest, size) > width) {
        let cut = rest.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

class Writer {
  page!: PDFPage;
  y = 0;
  readonly pages: PDFPage[] = [];

  constructor(
    private readonly doc: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
  ) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.doc.addPage(A4);
    this.pages.push(this.page);
    this.y = A4[1] - MARGIN_TOP;
  }

  /** Starts a new page unless `height` points still fit above the footer. */
  ensure(height: number): void {
    if (this.y - height < FOOTER_HEIGHT + 20) this.newPage();
  }

  text(
    text: string,
    options: {
      size?: number;
      bold?: boolean;
      color?: ReturnType<typeof rgb>;
      x?: number;
      width?: number;
    } = {},
  ): void {
    const size = options.size ?? 11;
    const font = options.bold ? this.bold : this.regular;
    const leading = size * 1.35;
    for (const line of wrapText(text, font, size, options.width ?? CONTENT_WIDTH)) {
      this.ensure(leading);
      this.y -= leading;
      this.page.drawText(line, {
        x: options.x ?? MARGIN_LEFT,
        y: this.y + (leading - size) / 2,
        size,
        font,
        color: options.color ?? black,
      });
    }
  }

  space(points: number): void {
    this.y -= points;
  }

  line(color = rule): void {
    this.page.drawLine({
      start: { x: MARGIN_LEFT, y: this.y },
      end: { x: A4[0] - MARGIN_RIGHT, y: this.y },
      thickness: 0.5,
      color,
    });
  }

  /** The certified data: label | value, both wrapped, a thin rule under each row. */
  table(fields: CertificateField[]): void {
    const size = 11;
    const leading = size * 1.35;
    const valueX = MARGIN_LEFT + LABEL_WIDTH + CELL_GAP;
    const valueWidth = CONTENT_WIDTH - LABEL_WIDTH - CELL_GAP;
    this.line();
    for (const field of fields) {
      const labelLines = wrapText(field.label, this.regular, size, LABEL_WIDTH);
      const valueLines = wrapText(field.value, this.bold, size, valueWidth);
      const rows = Math.max(labelLines.length, valueLines.length);
      // A row stays on one page unless it is longer than a page.
      this.ensure(Math.min(rows * leading + 8, A4[1] / 2));
      this.y -= 4;
      for (let index = 0; index < rows; index++) {
        this.ensure(leading);
        this.y -= leading;
        const baseline = this.y + (leading - size) / 2;
        const label = labelLines[index];
        const value = valueLines[index];
        if (label) {
          this.page.drawText(label, { x: MARGIN_LEFT, y: baseline, size, font: this.regular, color: grey });
        }
        if (value) this.page.drawText(value, { x: valueX, y: baseline, size, font: this.bold, color: black });
      }
      this.y -= 4;
      this.line();
    }
  }

  /** QR code left, the verification text right of it. */
  verification(qr: PDFImage, code: string, url: string, publicUrl: string): void {
    const height = QR_SIZE + 16;
    this.ensure(height);
    this.space(8);
    this.line();
    const top = this.y - 8;
    this.page.drawImage(qr, { x: MARGIN_LEFT, y: top - QR_SIZE, width: QR_SIZE, height: QR_SIZE });
    const textX = MARGIN_LEFT + QR_SIZE + 16;
    const width = A4[0] - MARGIN_RIGHT - textX;
    this.y = top;
    this.text('Echtheit prüfen', { bold: true, x: textX, width });
    this.text(`Prüfcode: ${formatVerificationCode(code)}`, { bold: true, x: textX, width, size: 12 });
    this.text(`QR-Code scannen oder unter ${publicUrl}/pruefen den Prüfcode eingeben. Direkter Link:`, {
      x: textX,
      width,
      size: 9,
      color: grey,
    });
    this.text(url, { x: textX, width, size: 9 });
    this.y = Math.min(this.y, top - QR_SIZE) - 8;
  }

  footers(text: string): void {
    this.pages.forEach((page, index) => {
      const label = `${text} · Seite ${index + 1} von ${this.pages.length}`;
      const size = 8;
      page.drawLine({
        start: { x: MARGIN_LEFT, y: FOOTER_HEIGHT + 10 },
        end: { x: A4[0] - MARGIN_RIGHT, y: FOOTER_HEIGHT + 10 },
        thickness: 0.5,
        color: rule,
      });
      page.drawText(label, { x: MARGIN_LEFT, y: FOOTER_HEIGHT - 4, size, font: this.regular, color: grey });
    });
  }
}

export async function renderCertificatePdf(
  certificate: CertificatePdfData,
  letterhead: Letterhead,
  publicUrl: string,
): Promise<Uint8Array> {
  const base = publicUrl.replace(/\/$/, '');
  const url = verificationUrl(base, certificate.verificationCode);
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const bytes = fontBytes();
  const [regular, bold, qr] = await Promise.all([
    doc.embedFont(bytes.regular, { subset: true }),
    doc.embedFont(bytes.bold, { subset: true }),
    QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 8 }).then((png) =>
      doc.embedPng(png),
    ),
  ]);

  doc.setTitle(certificate.title, { showInWindowTitleBar: true });
  doc.setLanguage('de-DE');
  doc.setAuthor(certificate.issuer);
  doc.setSubject(`${certificate.title}, Vorgang ${certificate.caseNumber}`);
  doc.setKeywords([
    certificate.title,
    certificate.caseNumber,
    formatVerificationCode(certificate.verificationCode),
  ]);
  doc.setCreator(`${letterhead.authority} (buergeramt)`);
  doc.setProducer('buergeramt (pdf-lib)');
  doc.setCreationDate(certificate.issuedAt);
  doc.setModificationDate(certificate.revokedAt ?? certificate.issuedAt);

  const w = new Writer(doc, regular, bold);

  // Letterhead
  w.text(letterhead.cityName, { size: 16, bold: true });
  w.text(letterhead.authority, { size: 11 });
  w.text(`${letterhead.street} · ${letterhead.postalCode} ${letterhead.town}`, { size: 9, color: grey });
  const contact = [
    letterhead.phone && `Telefon ${letterhead.phone}`,
    letterhead.email,
    letterhead.website,
  ].filter(Boolean);
  if (contact.length) w.text(contact.join(' · '), { size: 9, color: grey });
  w.space(6);
  w.line();
  w.space(28);

  // Title and body
  w.text(certificate.title, { size: 20, bold: true });
  if (certificate.revokedAt) {
    w.space(4);
    w.text(`WIDERRUFEN am ${germanDate(certificate.revokedAt)}: Diese Bescheinigung ist nicht mehr gültig.`, {
      bold: true,
      color: red,
    });
  }
  w.space(14);
  w.text(introOf(certificate.kind, letterhead.cityName));
  w.space(10);
  w.table(certificate.fields);
  if (certificate.purpose) {
    w.space(12);
    w.text(`Zur Vorlage bei: ${certificate.purpose}`);
  }

  w.space(22);
  w.text(`${letterhead.town}, ${germanDate(certificate.issuedAt)}`);
  w.text(`Vorgangsnummer: ${certificate.caseNumber}`);
  w.text(`Ausstellende Behörde: ${certificate.issuer}`);
  w.space(12);
  w.text(
    'Dieses Dokument wurde elektronisch erstellt und ist ohne Unterschrift gültig. Es ist mit einem elektronischen Siegel versehen; seine Echtheit kann jederzeit online geprüft werden.',
    { size: 9.5, color: grey },
  );
  w.space(10);
  w.verification(qr, certificate.verificationCode, url, base);

  w.footers(`${certificate.title} · Prüfcode ${formatVerificationCode(certificate.verificationCode)}`);
  return doc.save();
}
