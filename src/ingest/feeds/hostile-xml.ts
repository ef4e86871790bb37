// XML can declare entities in its DOCTYPE: an external one reads a file or a URL from the machine
// parsing it (XXE: `<!ENTITY x SYSTEM "file:///etc/passwd">`), nested ones expand exponentially
// (billion laughs). No feed needs them. feedsmith's parser (fast-xml-parser) is configured not to
// expand entities, but this check does not rely on that: a document whose DOCTYPE has an internal
// subset declaring an entity is refused before any parser sees it.

/** Why an XML document is refused for declaring entities; undefined when it declares none. Linear in the text's length. */
export function findEntityDeclarations(xml: string): string | undefined {
  const lastEntity = lastIndexOfIgnoringCase(xml, '<!entity');
  if (lastEntity === -1) return undefined;
  const doctype = /<!DOCTYPE/gi;
  for (let match = doctype.exec(xml); match; match = doctype.exec(xml)) {
    const end = xml.indexOf('>', match.index);
    if (end === -1) return undefined;
    const subset = xml.indexOf('[', match.index);
    // A DOCTYPE without an internal subset ("<!DOCTYPE rss PUBLIC … 'rss-0.91.dtd'>", or an HTML
    // doctype quoted inside an item's CDATA) declares nothing here; DTDs are never fetched.
    if (subset !== -1 && subset < end && lastEntity > subset) {
      return 'The feed declares XML entities in a DOCTYPE (the pattern of XXE and "billion laughs" attacks): refused unread.';
    }
    doctype.lastIndex = end + 1;
  }
  return undefined;
}

function lastIndexOfIgnoringCase(text: string, lowerCaseNeedle: string): number {
  let last = -1;
  const pattern = new RegExp(lowerCaseNeedle, 'gi');
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) last = match.index;
  return last;
}
