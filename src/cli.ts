#!/usr/bin/env node
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { openReadyDatabase } from './app-setup.js';
import { createChangeWriter } from './changes/index.js';
import { ConfigError, loadConfig, type Config } from './config/index.js';
import { iterateStoredArticles } from './content/articles/index.js';
import { generateSyntheticArticles } from './demo/generate-synthetic.js';
import { loadDemoContent, loadDemoContentIfEmpty } from './demo/load-demo.js';
import { describeInstrumentImport, importInstrumentsCsv } from './markets/instruments/index.js';
import { AppError } from './errors.js';
import {
  articleToNinjs,
  createImportProgress,
  describeImportReport,
  importGhostFile,
  importNinjsFile,
  importWordPressFile,
  type ImportProgress,
  type ImportReport,
} from './ingest/index.js';
import { createIngestTools, describePoolFor, runSourcesCommand } from './ingest/pipeline/index.js';
import { runPollCommand } from './ingest/polling/index.js';
import { runQuotesCommand } from './markets/quotes/index.js';
import { issueFirstStartSetupToken, readPasswordFromStdin, recordAudit, runUserCommand, setupPath, type FirstStartSetup } from './newsroom/index.js';
import { backupDatabase, describeBackup, describeRestore, migrateToLatest, openDatabase, restoreDatabase, type Database, type Writer } from './storage/index.js';
import { systemClock } from './clock.js';
import { buildApp, changeWriterOptions } from './server.js';
import { exitGracefullyOnSignals } from './shutdown-signals.js';
import { writeLinesUntilClosed } from './write-lines.js';

const USAGE = `Usage: fortune-sky <command> [options]

Commands:
  serve                 Start the web server (runs migrations; loads demo content on an empty database
                        unless DEMO_CONTENT=false; writes the demo instruments' prices unless MARKETS_DEMO=off)
  migrate               Bring the database schema up to date
  import FILE…          Import IPTC ninjs files (one object, an array, or NDJSON); one transaction per file
  import-wordpress FILE.xml [--categories sections|topics] [--section-map "Cat=slug,…"]
                        Import the posts of a WordPress export (WXR): published ones published, the
                        rest as drafts; old permalinks answer 301 to the new addresses. Resumes where
                        an interrupted run stopped; running it again changes nothing
  import-ghost FILE.json [--site URL] [--section-map "Tag=slug,…"]
                        Import the posts of a Ghost JSON export the same way (--site: the old site's
                        address, for its own links and images)
  export [--out FILE]   Write every story as ninjs, one JSON object per line (standard output by default)
  demo load             Load the demo stories into the database
  demo generate --articles N [--seed S]
                        Add N synthetic stories (generated text, for benchmarks)
  user create --email EMAIL --name NAME --role ROLE
                        Add a newsroom account (contributor, author, editor or admin); the password
                        is read from standard input (the first line when it is not a terminal)
  user setup-link       Print a one-time link that creates the owner account (no accounts yet)
  user reset-link --email EMAIL
                        Print a one-time link (24 hours) that sets a new password for the account
  sources add URL [--name N] [--section S] [--policy draft|publish] [--every 5m]
                        Add a feed the newsroom takes copy from (see: fortune-sky sources help)
  sources list          List the sources with their last success, last error and items taken
  sources poll [ID]     Poll one source (or every enabled one) now and print each outcome
  instruments import FILE.csv
                        Add or change instruments by symbol from CSV: a header line naming the columns
                        symbol,name,kind,currency,decimals and optionally mic,aliases,isin,strip (any
                        order; aliases separated by |); a batch of 500 rows with a bad row is not written
  quotes import FILE.csv --symbol SYMBOL [--ticks] [--source NAME] [--delay MINUTES] [--time-zone ZONE]
                        Import an instrument's daily history (Date,Open,High,Low,Close,Adj Close,Volume)
                        or, with --ticks, intraday quotes (Time,Price[,Volume]); bad lines are listed
  backup FILE           Write a consistent copy of the whole database to FILE while servers run
                        (SQLite: a database file; PostgreSQL: a pg_dump custom-format archive)
  restore FILE          Restore a backup into the database DATABASE_URL names, which must be empty

Configuration comes from environment variables; see the README.`;

/** Runs one CLI command; returns the process exit code. */
export async function runCli(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  const config = loadConfig(env);
  switch (command) {
    case 'serve':
      return serve(config);
    case 'migrate':
      return migrate(config);
    case 'import':
      return importFiles(config, rest);
    case 'import-wordpress':
      return importWordPress(config, rest);
    case 'import-ghost':
      return importGhost(config, rest);
    case 'export':
      return exportArticles(config, rest);
    case 'demo':
      return demo(config, rest);
    case 'user':
      return user(config, rest);
    case 'sources':
      return sources(config, rest);
    case 'instruments':
      return instruments(config, rest);
    case 'quotes':
      return quotes(config, rest);
    case 'backup':
      return backup(config, rest, env);
    case 'restore':
      return restore(config, rest, env);
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

/** The unit of work of a command: it records each change (and, with EDGE_PURGE_URL, its edge purge) for the servers to follow. */
function changeWriter(config: Config, database: Database) {
  return createChangeWriter(database, undefined, changeWriterOptions(config));
}

async function serve(config: Config): Promise<number> {
  const database = await openReadyDatabase(config);
  // First-start seeding decides inside write transactions, so of several processes starting at
  // once on a new database exactly one loads the demo stories and one issues the setup link.
  if (config.demoContent) {
    const summary = await loadDemoContentIfEmpty(changeWriter(config, database), { now: new Date(), timeZone: config.siteTimeZone, audit: recordAudit });
    if (summary) console.log(`Loaded ${summary.created} demo stories (sample content).`);
  }
  const setup = await issueFirstStartSetupToken(database, systemClock.now());
  const { app } = await buildApp({ config, database });
  // app.close() stops accepting, finishes in-flight requests and the job in progress and stops the
  // background timers (buildApp's close hooks); the database closes after it.
  exitGracefullyOnSignals({
    signals: process,
    close: async () => {
      await app.close();
      await database.close();
    },
    exit: (code) => process.exit(code),
    log: (line) => console.log(line),
  });
  const address = await app.listen({ port: config.port, host: config.host });
  console.log(`Fortune Sky is serving ${config.siteUrl} (listening on ${address})`);
  const setupMessage = firstStartSetupMessage(setup, config.siteUrl);
  if (setupMessage) console.log(setupMessage);
  return new Promise<number>(() => {});
}

function firstStartSetupMessage(setup: FirstStartSetup, siteUrl: string): string | undefined {
  if (setup.kind === 'issued') return `The newsroom has no accounts yet. Create the owner (works once, for 24 hours): ${siteUrl}${setupPath(setup.token)}`;
  if (setup.kind === 'pending') {
    return `The newsroom has no accounts yet. A setup link was printed at ${setup.issuedAt}; for a fresh one run: fortune-sky user setup-link`;
  }
  return undefined;
}

async function user(config: Config, args: string[]): Promise<number> {
  const database = await openReadyDatabase(config);
  try {
    return await runUserCommand(changeWriter(config, database), args, {
      clock: systemClock,
      siteUrl: config.siteUrl,
      io: {
        readPassword: () => readPasswordFromStdin(process.stdin, process.stderr),
        out: (line) => console.log(line),
        error: (line) => console.error(line),
      },
    });
  } finally {
    await database.close();
  }
}

async function sources(config: Config, args: string[]): Promise<number> {
  const database = await openReadyDatabase(config);
  try {
    const io = { out: (line: string) => console.log(line), error: (line: string) => console.error(line) };
    if (args[0] === 'poll') {
      const describer = describePoolFor(config.ingestThreads);
      const context = {
        db: database.db,
        writer: changeWriter(config, database),
        tools: createIngestTools({ describer }),
        clock: systemClock,
        timeZone: config.siteTimeZone,
        language: config.siteLanguage,
        allowPrivate: config.ingestAllowPrivate,
      };
      try {
        return await runPollCommand(args.slice(1), context, io);
      } finally {
        await describer?.close();
      }
    }
    return await runSourcesCommand(database.db, args, { clock: systemClock, audit: recordAudit, io });
  } finally {
    await database.close();
  }
}

async function instruments(config: Config, args: string[]): Promise<number> {
  const [action, file, ...extra] = args;
  if (action !== 'import' || !file || extra.length > 0) {
    console.error('Usage: fortune-sky instruments import FILE.csv');
    return 2;
  }
  const database = await openReadyDatabase(config);
  try {
    const report = await importInstrumentsCsv(changeWriter(config, database), createReadStream(file), { actorUserId: null, via: 'cli', audit: recordAudit, now: () => new Date() });
    for (const line of describeInstrumentImport(report)) console.log(line);
    return report.refusedCount > 0 ? 1 : 0;
  } catch (error) {
    if (!(error instanceof AppError) && !isMissingFile(error)) throw error;
    console.error(error instanceof AppError ? `${file}: ${error.message}` : `${file}: no such file.`);
    return 1;
  } finally {
    await database.close();
  }
}

async function quotes(config: Config, args: string[]): Promise<number> {
  const database = await openReadyDatabase(config);
  try {
    return await runQuotesCommand(changeWriter(config, database), args, { clock: systemClock, io: { out: (line) => console.log(line), error: (line) => console.error(line) } });
  } finally {
    await database.close();
  }
}

function isMissingFile(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT';
}

async function backup(config: Config, args: string[], env: Record<string, string | undefined>): Promise<number> {
  const [file, ...extra] = args;
  if (!file || extra.length > 0) {
    console.error('Usage: fortune-sky backup FILE');
    return 2;
  }
  // No migrations first: the backup is of the database as it is.
  console.log(describeBackup(await backupDatabase(config.databaseUrl, file, { env })));
  return 0;
}

async function restore(config: Config, args: string[], env: Record<string, string | undefined>): Promise<number> {
  const [file, ...extra] = args;
  if (!file || extra.length > 0) {
    console.error('Usage: fortune-sky restore FILE  (into an empty database: DATABASE_URL names a new file or database)');
    return 2;
  }
  console.log(describeRestore(await restoreDatabase(config.databaseUrl, file, { env })));
  return 0;
}

async function migrate(config: Config): Promise<number> {
  const database = openDatabase(config.databaseUrl);
  try {
    const applied = await migrateToLatest(database.db, database.dialect);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The schema is up to date.');
    return 0;
  } finally {
    await database.close();
  }
}

async function importFiles(config: Config, files: string[]): Promise<number> {
  if (files.length === 0) {
    console.error('Name at least one file: fortune-sky import FILE…');
    return 2;
  }
  const database = await openReadyDatabase(config);
  let failed = 0;
  try {
    for (const file of files) {
      try {
        const summary = await importNinjsFile(changeWriter(config, database), file, {
          defaults: { language: config.siteLanguage, source: 'import' },
          context: { now: new Date(), timeZone: config.siteTimeZone, actor: 'cli import' },
          audit: recordAudit,
          progress: createImportProgress(file, process.stderr),
        });
        console.log(`${file}: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged`);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        failed += 1;
        console.error(error.message);
      }
    }
  } finally {
    await database.close();
  }
  return failed ? 1 : 0;
}

async function importWordPress(config: Config, args: string[]): Promise<number> {
  const usage = 'Usage: fortune-sky import-wordpress FILE.xml [--categories sections|topics] [--section-map "Cat=slug,…"]';
  const parsed = parseCommandArgs(args, { categories: { type: 'string' }, 'section-map': { type: 'string' } });
  const categories = parsed?.values.categories ?? 'sections';
  if (!parsed || parsed.positionals.length !== 1 || (categories !== 'sections' && categories !== 'topics')) {
    console.error(usage);
    return 2;
  }
  const file = parsed.positionals[0]!;
  return runImport(config, file, (writer, progress) =>
    importWordPressFile(writer, file, {
      categoriesAs: categories,
      sectionMap: parsed.values['section-map'],
      ...importSettings(config, 'wordpress import', progress),
    }),
  );
}

async function importGhost(config: Config, args: string[]): Promise<number> {
  const parsed = parseCommandArgs(args, { site: { type: 'string' }, 'section-map': { type: 'string' } });
  if (!parsed || parsed.positionals.length !== 1 || (parsed.values.site !== undefined && !/^https?:\/\/[^/]/.test(parsed.values.site))) {
    console.error('Usage: fortune-sky import-ghost FILE.json [--site https://old.example] [--section-map "Tag=slug,…"]');
    return 2;
  }
  const file = parsed.positionals[0]!;
  return runImport(config, file, (writer, progress) =>
    importGhostFile(writer, file, { siteUrl: parsed.values.site, sectionMap: parsed.values['section-map'], ...importSettings(config, 'ghost import', progress) }),
  );
}

/** What every archive import shares: the site's language, the save context, the audit and progress on stderr. */
function importSettings(config: Config, actor: string, progress: ImportProgress) {
  return { language: config.siteLanguage, context: { now: new Date(), timeZone: config.siteTimeZone, actor }, audit: recordAudit, progress };
}

/** Runs one archive import and prints its report; a refused file is exit code 1 with its reason. */
async function runImport(config: Config, file: string, run: (writer: Writer, progress: ImportProgress) => Promise<ImportReport>): Promise<number> {
  const database = await openReadyDatabase(config);
  try {
    const report = await run(changeWriter(config, database), createImportProgress(file, process.stderr));
    for (const line of describeImportReport(file, report)) console.log(line);
    return 0;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    console.error(error.message);
    return 1;
  } finally {
    await database.close();
  }
}

/** parseArgs with positionals, or undefined (after saying why) for an unknown option. */
function parseCommandArgs<T extends Record<string, { type: 'string' }>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true });
  } catch (error) {
    console.error((error as Error).message);
    return undefined;
  }
}

async function exportArticles(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { out: { type: 'string', short: 'o' } } });
  const database = await openReadyDatabase(config);
  const output = values.out ? createWriteStream(values.out) : process.stdout;
  let written = 0;
  try {
    ({ written } = await writeLinesUntilClosed(output, ninjsLines(database)));
  } finally {
    await database.close();
  }
  if (values.out) {
    output.end();
    await once(output, 'finish');
    console.error(`Exported ${written} stories to ${values.out}`);
  }
  return 0;
}

async function* ninjsLines(database: Database): AsyncIterable<string> {
  for await (const article of iterateStoredArticles(database.db)) yield `${JSON.stringify(articleToNinjs(article))}\n`;
}

async function demo(config: Config, args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'generate') return generate(config, rest);
  if (action !== 'load') {
    console.error('Usage: fortune-sky demo load | fortune-sky demo generate --articles N [--seed S]');
    return 2;
  }
  const database = await openReadyDatabase(config);
  try {
    const summary = await loadDemoContent(changeWriter(config, database), { now: new Date(), timeZone: config.siteTimeZone, audit: recordAudit });
    console.log(`Demo stories: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged`);
    return 0;
  } finally {
    await database.close();
  }
}

async function generate(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { articles: { type: 'string' }, seed: { type: 'string' } } });
  const articles = Number(values.articles);
  const seed = values.seed === undefined ? 42 : Number(values.seed);
  if (!Number.isInteger(articles) || articles < 1 || articles > 10_000_000 || !Number.isInteger(seed)) {
    console.error('Usage: fortune-sky demo generate --articles N [--seed S]  (N a whole number from 1 to 10,000,000)');
    return 2;
  }
  const database = await openReadyDatabase(config);
  try {
    const started = performance.now();
    await generateSyntheticArticles(changeWriter(config, database), { articles, seed, now: new Date(), timeZone: config.siteTimeZone, audit: recordAudit });
    // One batch after another leaves the search index in pieces: merged once, it searches as a settled archive would.
    await database.searchIndex.optimize();
    console.log(`Generated ${articles} synthetic stories in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } finally {
    await database.close();
  }
}

runCli(process.argv.slice(2), process.env).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof AppError) console.error(error.message);
    else console.error(error);
    process.exitCode = 1;
  },
);
