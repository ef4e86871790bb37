import type { Banner } from '../content/curation/index.js';
import type { StripLink } from '../markets/strip/index.js';

/** The publication's fixed identity, as the seed page shows it. */
export const SITE_NAME = 'Fortune Sky';
export const SITE_TAGLINE =
  'Fortune Sky is Your Go-to Source for the Latest Finance News, Covering Markets, Business, Industries and Internet.';
export const SITE_BRAND = '⎯ 《 Fortune • Sky 》';
export const SITE_DESCRIPTION = 'Your Go-to Source for the Latest Finance News, Covering Markets, Business, Industries and Internet.';

/** What every page needs to know about the site it belongs to. */
export interface SiteContext {
  url: string;
  timeZone: string;
  language: string;
  sections: { slug: string; name: string }[];
  /** The breaking-news banner showing now, if any. */
  banner?: Banner;
  /** The ticker strip's instruments, in order (none: no strip). */
  strip?: readonly StripLink[];
  /** URL of the island that fills the strip's and quote chips' prices (none without a client build). */
  marketScript?: string;
}
