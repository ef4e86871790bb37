import type { RenderedPage } from '../cache/index.js';
import { absoluteUrl, type Publication } from './publication.js';
import { escapeXml, XML_DECLARATION } from './xml.js';

/** The search page's address: the one the page header's form, OpenSearch and the WebSite SearchAction use. */
export const SEARCH_PATH = '/search/';

/** Where OpenSearch descriptions are served; every page's head links it (rel="search"). */
export const OPENSEARCH_PATH = '/opensearch.xml';

/**
 * The OpenSearch 1.1 description document (opensearch.org, "OpenSearch description document"):
 * lets a browser add the site's search. ShortName is at most 16 characters, Description at most
 * 1024; the HTML result template fills {searchTerms} into the search page's `q`.
 */
export function openSearchDescription(publication: Publication): RenderedPage {
  const template = `${absoluteUrl(publication, SEARCH_PATH)}?q={searchTerms}`;
  const body =
    XML_DECLARATION +
    `<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">` +
    `<ShortName>${escapeXml(publication.name.slice(0, 16))}</ShortName>` +
    `<Description>${escapeXml(`Search ${publication.name}: ${publication.description}`.slice(0, 1024))}</Description>` +
    `<InputEncoding>UTF-8</InputEncoding>` +
    `<Language>${escapeXml(publication.language)}</Language>` +
    `<Image height="${publication.logoHeight}" width="${publication.logoWidth}" type="image/png">${escapeXml(absoluteUrl(publication, publication.logoPath))}</Image>` +
    `<Url type="text/html" method="get" template="${escapeXml(template)}"/>` +
    `<Url type="application/opensearchdescription+xml" rel="self" template="${escapeXml(absoluteUrl(publication, OPENSEARCH_PATH))}"/>` +
    `</OpenSearchDescription>\n`;
  return { status: 200, contentType: 'application/opensearchdescription+xml; charset=utf-8', body, keys: ['opensearch'], cacheControl: 'public, max-age=86400, s-maxage=86400' };
}
