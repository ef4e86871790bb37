import { Parser } from 'htmlparser2';

/** What a page's markup tells machines: lang, meta tags, links and JSON-LD blocks. */
export interface PageHead {
  lang: string | undefined;
  /** meta content by name or property, in order. */
  meta: Map<string, string[]>;
  links: Record<string, string>[];
  jsonLd: unknown[];
}

/** Reads lang, <meta>, <link> and JSON-LD from served HTML with a real HTML parser. */
export function readPageHead(html: string): PageHead {
  const head: PageHead = { lang: undefined, meta: new Map(), links: [], jsonLd: [] };
  let jsonLdText: string | undefined;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'html') head.lang = attributes.lang;
        if (name === 'meta') {
          const key = attributes.name ?? attributes.property;
          if (key) head.meta.set(key, [...(head.meta.get(key) ?? []), attributes.content ?? '']);
        }
        if (name === 'link') head.links.push(attributes);
        if (name === 'script' && attributes.type === 'application/ld+json') jsonLdText = '';
      },
      ontext(text) {
        if (jsonLdText !== undefined) jsonLdText += text;
      },
      onclosetag(name) {
        if (name === 'script' && jsonLdText !== undefined) {
          head.jsonLd.push(JSON.parse(jsonLdText));
          jsonLdText = undefined;
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return head;
}
