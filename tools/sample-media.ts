/**
 * Makes the sample media kit of `releases/2026-11-26-jubail-photos/`: two photos drawn with sharp
 * and a one-page PDF written by hand, so the sample owes nothing to a download.
 *
 * `npx tsx tools/sample-media.ts` (writes the files again, the same bytes each time).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import sharp from "sharp";

const FOLDER = path.resolve(import.meta.dirname, "../releases/2026-11-26-jubail-photos");

/** A small valid PDF: one A4 page with the given lines in Helvetica (ASCII only). */
export function samplePdf(lines: string[]): Buffer {
  const text = lines.map((line, i) => `BT /F1 ${i === 0 ? 20 : 12} Tf 56 ${780 - i * 28} Td (${line.replace(/[()\\]/g, "\\$&")}) Tj ET`).join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets = objects.map((object, i) => {
    const at = body.length;
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return at;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

/** A drawn photo of the plant: sky, sea, sun and the plant's silhouette, in a light of its own. */
function scene(sky: [string, string], sun: { x: number; y: number; color: string }): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1800" height="1200">
  <defs><linearGradient id="sky" x2="0" y2="1"><stop offset="0" stop-color="${sky[0]}"/><stop offset="1" stop-color="${sky[1]}"/></linearGradient></defs>
  <rect width="1800" height="1200" fill="url(#sky)"/>
  <circle cx="${sun.x}" cy="${sun.y}" r="90" fill="${sun.color}"/>
  <rect y="820" width="1800" height="380" fill="#1d4e63"/>
  <g fill="#23313a"><rect x="300" y="560" width="520" height="260"/><rect x="860" y="620" width="380" height="200"/><rect x="420" y="420" width="60" height="140"/><rect x="560" y="380" width="60" height="180"/></g>
  <g fill="#3b6e8f" opacity="0.9">${Array.from({ length: 8 }, (_, i) => `<rect x="${1280 + (i % 4) * 120}" y="${700 + Math.floor(i / 4) * 60}" width="100" height="40" transform="skewX(-20)"/>`).join("")}</g>
</svg>`;
}

async function main(): Promise<void> {
  const dawn = scene(["#f6c177", "#7aa6c2"], { x: 1450, y: 700, color: "#fff3c4" });
  const noon = scene(["#2f80c8", "#bfe3f5"], { x: 900, y: 180, color: "#fffbe6" });
  writeFileSync(path.join(FOLDER, "plant-dawn.jpg"), await sharp(Buffer.from(dawn)).jpeg({ quality: 82, mozjpeg: true }).toBuffer());
  writeFileSync(path.join(FOLDER, "solar-field.jpg"), await sharp(Buffer.from(noon)).jpeg({ quality: 82, mozjpeg: true }).toBuffer());
  writeFileSync(
    path.join(FOLDER, "fact-sheet.pdf"),
    samplePdf([
      "Jubail solar desalination plant: fact sheet",
      "Capacity: 400,000 cubic metres a day",
      "People served: about 1.2 million",
      "Power: solar field of 1,200 hectares",
    ]),
  );
}

const started = process.argv[1] ? pathToFileURL(path.resolve(process.argv[1])).href : "";
if (import.meta.url === started) await main();
