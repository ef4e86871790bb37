import { spawn } from 'node:child_process';
import { accessSync, constants, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { AppError } from '../errors.js';

// Backups of a PostgreSQL database are made by PostgreSQL's own client programs (pg_dump,
// pg_restore): they know every object and version. They are found on PATH or where Debian's
// postgresql and postgresql-client packages put them, and given the connection through libpq's
// environment variables, never on their command line, where `ps` would show a password.

/** Where Debian installs each PostgreSQL version's programs (/usr/lib/postgresql/15/bin). */
export const DEBIAN_POSTGRES_LIB = '/usr/lib/postgresql';

/** The PostgreSQL client programs backup and restore use. */
export type PostgresTool = 'pg_dump' | 'pg_restore';

/** The path of pg_dump or pg_restore: the first on PATH, else the newest of Debian's /usr/lib/postgresql/N/bin; a clear error when there is none. */
export function findPostgresTool(tool: PostgresTool, searchPath: string | undefined, debianLib = DEBIAN_POSTGRES_LIB): string {
  const folders = [...(searchPath ?? '').split(delimiter).filter(Boolean), ...debianVersionFolders(debianLib)];
  for (const folder of folders) {
    const candidate = join(folder, tool);
    if (isExecutable(candidate)) return candidate;
  }
  throw new AppError(
    'POSTGRES_TOOL_MISSING',
    'unavailable',
    `${tool} was not found on PATH or in ${debianLib}/*/bin. Backing up and restoring a PostgreSQL database needs PostgreSQL's client programs, of the server's version or newer (Debian: apt-get install postgresql-client).`,
  );
}

function debianVersionFolders(debianLib: string): string[] {
  let versions: string[];
  try {
    versions = readdirSync(debianLib).filter((name) => /^\d+(\.\d+)?$/.test(name));
  } catch {
    return [];
  }
  // Newest first: pg_dump must be at least as new as the server it dumps.
  return versions.sort((a, b) => Number(b) - Number(a)).map((version) => join(debianLib, version, 'bin'));
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// libpq reads these URL query parameters from the environment as well (libpq "Environment Variables").
const QUERY_PARAMETER_VARIABLES: Record<string, string> = {
  user: 'PGUSER',
  password: 'PGPASSWORD',
  host: 'PGHOST',
  port: 'PGPORT',
  sslmode: 'PGSSLMODE',
  sslrootcert: 'PGSSLROOTCERT',
  sslcert: 'PGSSLCERT',
  sslkey: 'PGSSLKEY',
  connect_timeout: 'PGCONNECT_TIMEOUT',
  application_name: 'PGAPPNAME',
  options: 'PGOPTIONS',
};

/** A postgres:// URL as libpq environment variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE…), so no secret goes on a command line. */
export function libpqEnvironment(databaseUrl: string): Record<string, string> {
  const url = parsePostgresUrl(databaseUrl);
  const variables: Record<string, string> = {};
  // The URL's parts are percent-encoded (a password with '@' or '/'); libpq wants them plain.
  if (url.hostname && url.hostname !== NO_HOST) variables.PGHOST = decodeURIComponent(url.hostname.replace(/^\[(.*)\]$/, '$1'));
  if (url.port) variables.PGPORT = url.port;
  if (url.username) variables.PGUSER = decodeURIComponent(url.username);
  if (url.password) variables.PGPASSWORD = decodeURIComponent(url.password);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (database) variables.PGDATABASE = database;
  for (const [name, value] of url.searchParams) {
    const variable = QUERY_PARAMETER_VARIABLES[name];
    if (variable) variables[variable] = value;
  }
  return variables;
}

// `postgres://user@/name?host=/run/postgresql` (a Unix socket) has no host part, which WHATWG URLs
// refuse after a user name; pg, which opens the app's own connections, parses it with a stand-in
// host the same way.
const NO_HOST = 'no-host.invalid';

function parsePostgresUrl(databaseUrl: string): URL {
  try {
    return new URL(databaseUrl);
  } catch {
    return new URL(databaseUrl.replace('@/', `@${NO_HOST}/`));
  }
}

/** The environment a client program runs with: the process's own, less any PG* settings of its own (the URL decides the connection), plus the URL's. */
export function postgresToolEnvironment(databaseUrl: string, env: Record<string, string | undefined>): Record<string, string> {
  const inherited = Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && !entry[0].startsWith('PG'));
  return { ...Object.fromEntries(inherited), ...libpqEnvironment(databaseUrl) };
}

/** A conninfo string naming only the database (libpq takes the rest from the environment): `dbname='name'`. */
export function databaseConninfo(databaseUrl: string): string {
  const database = libpqEnvironment(databaseUrl).PGDATABASE ?? '';
  return `dbname='${database.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Runs a client program to its end; resolves with its standard output, or rejects with its standard error as the message. */
export function runPostgresTool(path: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(path, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolvePromise(stdout);
      else reject(new Error(stderr.trim() || `${path} ended with ${signal ?? `exit code ${code}`}`));
    });
  });
}
