// feedsmith builds the whole XML tree before it takes the first items, so a 5 MB feed of 25,000
// tiny items costs a second of CPU to keep 500 of them. Cutting the document after the items we
// keep bounds the work by what is kept. One pass over the tags, skipping CDATA and comments (an
// "<item>" quoted inside either is text, not an item).

const ITEM_START = /<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)[\s/>]/iy;
const ROOT_START = /<([A-Za-z_][\w.:-]*)/g;

/** The document with everything from its `(keep + 1)`th item (RSS/RDF `item`, Atom `entry`) on cut off and its open elements closed; as it is when it has no more. */
export function cutXmlItems(xml: string, keep: number): string {
  let count = 0;
  for (let at = xml.indexOf('<'); at !== -1; at = xml.indexOf('<', at + 1)) {
    const skipTo = xml.startsWith('<![CDATA[', at) ? xml.indexOf(']]>', at) : xml.startsWith('<!--', at) ? xml.indexOf('-->', at) : at;
    if (skipTo === -1) return xml;
    if (skipTo !== at) {
      at = skipTo;
      continue;
    }
    ITEM_START.lastIndex = at;
    if (ITEM_START.test(xml) && ++count > keep) return xml.slice(0, at) + closingTags(xml);
  }
  return xml;
}

// Items sit in the root (Atom's feed, RDF's rdf:RDF) or in an RSS channel.
function closingTags(xml: string): string {
  ROOT_START.lastIndex = 0;
  for (let match = ROOT_START.exec(xml); match; match = ROOT_START.exec(xml)) {
    const root = match[1]!;
    if (/^rss$/i.test(root)) return `</channel></${root}>`;
    return `</${root}>`;
  }
  return '';
}
