// Feed bytes → text. The order follows RFC 7303 §3 (XML media types): a byte order mark first,
// then the charset the server names, then the XML declaration's encoding, then UTF-8. Servers often
// name a charset the bytes are not in (a Latin-1 feed served as "charset=utf-8"): a declared UTF-8
// that the bytes are not valid UTF-8 for gives way to the document's own declaration.

const BOMS: Array<{ bytes: number[]; encoding: string }> = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

/** The text of a fetched feed, decoded by its BOM, Content-Type charset or XML declaration (UTF-8 by default); the BOM is dropped. */
export function decodeFeedText(body: Buffer, contentType?: string): string {
  for (const { bytes, encoding } of BOMS) {
    if (bytes.every((byte, index) => body[index] === byte)) return new TextDecoder(encoding).decode(body.subarray(bytes.length));
  }
  const declared = charsetOf(contentType);
  const inDocument = xmlDeclarationEncoding(body);
  for (const encoding of [declared, inDocument]) {
    if (!encoding) continue;
    const text = decodeAs(body, encoding, { strict: encoding === declared && inDocument !== undefined && inDocument !== declared });
    if (text !== undefined) return text;
  }
  return new TextDecoder('utf-8').decode(body);
}

/** The charset parameter of a Content-Type, lower case. */
function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '');
  return match?.[1]!.toLowerCase();
}

/** `encoding="…"` of an XML declaration at the very start (ASCII-compatible bytes only; UTF-16 carries a BOM). */
function xmlDeclarationEncoding(body: Buffer): string | undefined {
  const head = body.subarray(0, 200).toString('latin1');
  const match = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
  return match?.[1]!.toLowerCase();
}

// Decodes with a WHATWG encoding label (ISO-8859-1 reads as windows-1252, as browsers do);
// undefined for a label nobody knows, or, when strict, bytes that are not valid in it.
function decodeAs(body: Buffer, encoding: string, { strict }: { strict: boolean }): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: strict }).decode(body);
  } catch {
    return undefined;
  }
}
