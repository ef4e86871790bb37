// A crawler walking the archive as search engines do: every page listed in the sitemaps, asked
// for with `Accept-Encoding: br` (so each miss is rendered and compressed as for a browser), at a
// fixed concurrency. The server's memory after the walk shows whether the page cache's byte bound
// holds when every request is a miss.

/** What one walk did. */
export interface CrawlResult {
  pages: number;
  seconds: number;
  non200: number;
}

async function sitemapLocations(baseUrl: string, path: string): Promise<string[]> {
  const xml = await (await fetch(baseUrl + path)).text();
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]!).pathname + new URL(match[1]!).search);
}

/** Walks up to `limit` pages listed in the sitemap index's parts, `concurrency` at a time. */
export async function crawlArchive(baseUrl: string, limit: number, concurrency = 16): Promise<CrawlResult> {
  const paths: string[] = [];
  for (const part of await sitemapLocations(baseUrl, '/sitemap.xml')) {
    if (paths.length >= limit) break;
    paths.push(...(await sitemapLocations(baseUrl, part)));
  }
  const walk = paths.slice(0, limit);
  let next = 0;
  let non200 = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < walk.length) {
      const response = await fetch(baseUrl + walk[next++]!, { headers: { 'accept-encoding': 'br' } });
      await response.arrayBuffer();
      if (response.status !== 200) non200 += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { pages: walk.length, seconds: (performance.now() - started) / 1000, non200 };
}
