// XML 1.0 §2.2: these code points may not appear in a document at all, not even as character
// references, so they are dropped (imported wire text sometimes carries them).
const FORBIDDEN_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Removes the characters XML 1.0 forbids (C0 controls but tab and newlines, U+FFFE/U+FFFF, lone surrogates). */
export function stripForbiddenXmlCharacters(value: string): string {
  return value.replace(FORBIDDEN_IN_XML, '');
}

/** Text or attribute value made safe for XML: forbidden characters dropped, markup characters escaped. */
export function escapeXml(value: string): string {
  return stripForbiddenXmlCharacters(value).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Attributes whose value is undefined are left out. */
export type XmlAttributes = Record<string, string | number | undefined>;

function attributeText(attributes: XmlAttributes): string {
  return Object.entries(attributes)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('');
}

/** An element around children that are already XML (elements built here); empty when children are empty, self-closed. */
export function xmlElement(name: string, attributes: XmlAttributes = {}, children: readonly string[] = []): string {
  const open = `<${name}${attributeText(attributes)}`;
  return children.length === 0 ? `${open}/>` : `${open}>${children.join('')}</${name}>`;
}

/** An element holding escaped text. */
export function xmlText(name: string, text: string, attributes: XmlAttributes = {}): string {
  return `<${name}${attributeText(attributes)}>${escapeXml(text)}</${name}>`;
}

/** The XML declaration every document here starts with. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
