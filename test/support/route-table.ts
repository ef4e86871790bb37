/**
 * The routes an app registers, collected as it is built: every Fastify instance created while
 * `build` runs gets an `onRoute` hook through Fastify's `fastify.initialization` diagnostics
 * channel, before any plugin registers. So routes are found wherever and however they are
 * registered (encapsulated plugins, prefixes), without a hook in the application's code.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { FastifyInstance, RouteOptions } from 'fastify';

/** One registered route: its method and its path pattern as Fastify matches it (e.g. `/newsroom/stories/:id/edit`). */
export interface RegisteredRoute {
  method: string;
  url: string;
}

/** Runs `build` and returns what it built with every route registered meanwhile (Fastify's automatic HEAD twins of GET routes left out). */
export async function collectRoutes<T>(build: () => Promise<T>): Promise<{ built: T; routes: RegisteredRoute[] }> {
  const found: RegisteredRoute[] = [];
  const onRoute = (route: RouteOptions) => {
    for (const method of [route.method].flat()) found.push({ method, url: route.url });
  };
  const onInstance = (message: unknown) => (message as { fastify: FastifyInstance }).fastify.addHook('onRoute', onRoute);
  subscribe('fastify.initialization', onInstance);
  try {
    const built = await build();
    const gets = new Set(found.filter((r) => r.method === 'GET').map((r) => r.url));
    const routes = found.filter((r) => !(r.method === 'HEAD' && gets.has(r.url)));
    return { built, routes: uniqueRoutes(routes) };
  } finally {
    unsubscribe('fastify.initialization', onInstance);
  }
}

function uniqueRoutes(routes: RegisteredRoute[]): RegisteredRoute[] {
  const seen = new Set<string>();
  return routes.filter((route) => {
    const key = `${route.method} ${route.url}`;
    return !seen.has(key) && seen.add(key) !== undefined;
  });
}
