import { parseArgs } from 'node:util';
import type { Clock } from '../../clock.js';
import { AppError } from '../../errors.js';
import type { Writer } from '../../storage/index.js';
import { issueResetLink, resetPath } from './password-reset.js';
import { issueSetupToken, setupPath } from './setup-link.js';
import { createUser } from './user-service.js';
import { findCredentialsByEmail } from './user-store.js';

/** Usage of `fortune-sky user`. */
export const USER_USAGE = `Usage:
  fortune-sky user create --email EMAIL --name NAME --role contributor|author|editor|admin
                        (the password is read from standard input: typed twice without echo on a
                        terminal, else the first line)
  fortune-sky user setup-link
                        print a one-time link that creates the owner account (only while no account exists)
  fortune-sky user reset-link --email EMAIL
                        print a one-time link that sets a new password for the account (24 hours;
                        earlier links for it stop working)`;

/** Where the command reads the password and writes its messages. */
export interface UserCommandIo {
  readPassword(): Promise<string>;
  out(line: string): void;
  error(line: string): void;
}

/** Runs `fortune-sky user …`; returns the exit code. */
export async function runUserCommand(writer: Writer, args: string[], { clock, siteUrl, io }: { clock: Clock; siteUrl: string; io: UserCommandIo }): Promise<number> {
  const db = writer.db;
  const [action, ...rest] = args;
  if (action === 'reset-link') return printResetLink(writer, rest, { clock, siteUrl, io });
  if (action === 'setup-link') {
    const token = await issueSetupToken(db, clock.now());
    if (!token) {
      io.error('The newsroom has accounts already; sign in, or add one with: fortune-sky user create');
      return 1;
    }
    io.out(`Create the owner account (works once, for 24 hours): ${siteUrl}${setupPath(token)}`);
    return 0;
  }
  if (action !== 'create') {
    io.error(USER_USAGE);
    return 2;
  }
  let values: { email?: string; name?: string; role?: string };
  try {
    ({ values } = parseArgs({ args: rest, options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } } }));
  } catch (error) {
    io.error(`${(error as Error).message}\n\n${USER_USAGE}`);
    return 2;
  }
  const password = await io.readPassword();
  try {
    const user = await createUser(db, { ...values, password }, { actorUserId: null, now: clock.now(), via: 'cli' });
    io.out(`Created ${user.role} ${user.name} <${user.email}> (user ${user.id}).`);
    return 0;
  } catch (error) {
    if (!(error instanceof AppError) || error.kind !== 'invalid') throw error;
    const fields = Object.entries(error.details).map(([field, message]) => `  --${field === 'password' ? 'password (stdin)' : field}: ${message}`);
    io.error(`The user was not created:\n${fields.join('\n') || error.message}`);
    return 1;
  }
}

async function printResetLink(writer: Writer, args: string[], { clock, siteUrl, io }: { clock: Clock; siteUrl: string; io: UserCommandIo }): Promise<number> {
  let email: string | undefined;
  try {
    ({ email } = parseArgs({ args, options: { email: { type: 'string' } } }).values);
  } catch (error) {
    io.error(`${(error as Error).message}\n\n${USER_USAGE}`);
    return 2;
  }
  const user = email ? await findCredentialsByEmail(writer.db, email) : undefined;
  if (!user) {
    io.error(email ? `There is no account with the email address ${email}.` : `Name the account: --email EMAIL\n\n${USER_USAGE}`);
    return email ? 1 : 2;
  }
  try {
    const { token } = await issueResetLink(writer, user.id, { actorUserId: null, via: 'cli' }, clock.now());
    io.out(`Set a new password for ${user.name} <${user.email}> (works once, for 24 hours): ${siteUrl}${resetPath(token)}`);
    return 0;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    io.error(error.message);
    return 1;
  }
}

/** Reads a password from a stream: on a terminal, prompted twice without echo; otherwise the first line. */
export async function readPasswordFromStdin(stdin: NodeJS.ReadStream, stderr: NodeJS.WriteStream): Promise<string> {
  if (!stdin.isTTY) return (await readFirstLine(stdin)).replace(/\r$/, '');
  const first = await readHidden(stdin, stderr, 'Password: ');
  const second = await readHidden(stdin, stderr, 'Password again: ');
  if (first !== second) throw new AppError('PASSWORDS_DIFFER', 'invalid', 'The two passwords differ; nothing was created. Run the command again.');
  return first;
}

async function readFirstLine(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) {
    text += chunk.toString();
    const end = text.indexOf('\n');
    if (end >= 0) return text.slice(0, end);
  }
  return text;
}

function readHidden(stdin: NodeJS.ReadStream, stderr: NodeJS.WriteStream, prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    let value = '';
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          finish();
          resolve(value);
          return;
        }
        if (char === '\u0003') {
          finish();
          reject(new AppError('CANCELLED', 'invalid', 'Cancelled; nothing was created.'));
          return;
        }
        value = char === '\u007f' || char === '\b' ? value.slice(0, -1) : value + char;
      }
    };
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
    };
    stdin.on('data', onData);
  });
}
