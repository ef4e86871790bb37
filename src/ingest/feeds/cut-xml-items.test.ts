import { describe, expect, test } from 'vitest';
import { cutXmlItems } from './cut-xml-items.js';

describe('cutXmlItems', () => {
  test('RSS: cut before the first item not kept, channel and root closed', () => {
    const rss = '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>1</title></item><item><title>2</title></item><item><title>3</title></item></channel></rss>';
    expect(cutXmlItems(rss, 2)).toBe('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>1</title></item><item><title>2</title></item></channel></rss>');
    expect(cutXmlItems(rss, 3)).toBe(rss);
  });

  test('Atom entries and RDF items sit in the root', () => {
    expect(cutXmlItems('<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id></entry><entry><id>2</id></entry></feed>', 1)).toBe('<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id></entry></feed>');
    expect(cutXmlItems('<rdf:RDF><channel/><item rdf:about="a"/><item rdf:about="b"/></rdf:RDF>', 1)).toBe('<rdf:RDF><channel/><item rdf:about="a"/></rdf:RDF>');
  });

  test('"<item>" inside CDATA or a comment is text, not an item; itemised or itemName tags are not items', () => {
    const rss = '<rss><channel><!-- <item> --><item><description><![CDATA[<item><item>]]></description><itemName/></item><item/></channel></rss>';
    expect(cutXmlItems(rss, 1)).toBe('<rss><channel><!-- <item> --><item><description><![CDATA[<item><item>]]></description><itemName/></item></channel></rss>');
  });

  test('an unterminated CDATA or comment leaves the document as it is (the parser will say what is wrong)', () => {
    expect(cutXmlItems('<rss><channel><item/><![CDATA[ <item/>', 1)).toBe('<rss><channel><item/><![CDATA[ <item/>');
    expect(cutXmlItems('<rss><channel><!-- <item/>', 0)).toBe('<rss><channel><!-- <item/>');
  });
});
