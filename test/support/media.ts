import sharp from 'sharp';
import type { TestSession } from './newsroom.js';
import type { TestApp } from './test-app.js';

/** A real image made by sharp: a gradient-ish picture of the given size and format. */
export async function makeImage(format: 'jpeg' | 'png' | 'webp' | 'avif', width: number, height: number): Promise<Buffer> {
  const base = sharp({ create: { width, height, channels: 3, background: { r: 30, g: 120, b: 200 } } }).composite([
    { input: Buffer.from(`<svg width="${width}" height="${height}"><circle cx="${width / 2}" cy="${height / 2}" r="${Math.min(width, height) / 3}" fill="#fc0"/></svg>`) },
  ]);
  if (format === 'jpeg') return base.jpeg().toBuffer();
  if (format === 'png') return base.png().toBuffer();
  if (format === 'webp') return base.webp().toBuffer();
  // No alpha channel: an opaque AVIF falls back to JPEG (a transparent one to PNG).
  return sharp(await base.png().toBuffer()).removeAlpha().avif({ effort: 0 }).toBuffer();
}

/** One part of a multipart body. */
export type MultipartPart = { name: string; value: string } | { name: string; filename: string; contentType: string; data: Buffer };

/** A multipart/form-data body and its content type, as a browser's upload form sends it. */
export function multipartBody(parts: MultipartPart[]): { body: Buffer; contentType: string } {
  const boundary = `----fortune-sky-test-${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if ('filename' in part) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: ${part.contentType}\r\n\r\n`));
      chunks.push(part.data, Buffer.from('\r\n'));
    } else {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Uploads a 600 × 400 PNG to the media library through the newsroom's form as `session`; returns its id. */
export async function uploadTestImage(app: TestApp, session: TestSession, { alt, credit = '' }: { alt: string; credit?: string }): Promise<number> {
  const { body, contentType } = multipartBody([
    { name: 'file', filename: 'picture.png', contentType: 'image/png', data: await makeImage('png', 600, 400) },
    { name: 'alt', value: alt },
    { name: 'caption', value: '' },
    { name: 'credit', value: credit },
  ]);
  const response = await app.app.inject({ method: 'POST', url: `/newsroom/media/?_csrf=${encodeURIComponent(session.csrfToken)}`, headers: { 'content-type': contentType, cookie: session.cookie }, payload: body });
  if (response.statusCode !== 303) throw new Error(`The upload was refused (${response.statusCode}): ${response.body.slice(0, 300)}`);
  return Number(/uploaded=(\d+)/.exec(String(response.headers.location))![1]);
}
