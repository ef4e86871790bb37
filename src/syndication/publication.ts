/** Who publishes: the identity feeds, sitemaps and structured data speak for. */
export interface Publication {
  name: string;
  description: string;
  /** Base URL without a trailing slash, e.g. https://news.example. */
  url: string;
  /** BCP 47 language of the site. */
  language: string;
  /** IANA time zone in which times are written. */
  timeZone: string;
  /** Path of the publisher logo (a square PNG served by the app). */
  logoPath: string;
  logoWidth: number;
  logoHeight: number;
}

/** An absolute URL on the site from a path. */
export function absoluteUrl(publication: Pick<Publication, 'url'>, path: string): string {
  return `${publication.url}${path}`;
}
