import { describe, expect, test } from 'vitest';
import { isReservedName, resolveHostAddress, type HostResolver } from './host-address.js';
import { isPublicAddress } from './public-address.js';

describe('isPublicAddress', () => {
  test.each(['8.8.8.8', '1.1.1.1', '93.184.215.14', '2606:4700:4700::1111', '2a00:1450:4001:82a::200e', '::ffff:8.8.8.8', '64:ff9b::808:808'])('%s is public', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  test.each([
    '127.0.0.1',
    '127.255.255.254',
    '0.0.0.0',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '192.0.2.1',
    '198.18.0.1',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '::ffff:169.254.169.254',
    '::127.0.0.1',
    '64:ff9b::127.0.0.1',
    '64:ff9b::a00:1',
    'fe80::1',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '2001:db8::1',
    '2002:7f00:1::1',
    'fe80::1%eth0',
    '2606:4700::1111%1',
    '::ffff:1.2.3.4%1',
    'not an address',
    '',
  ])('%s is not public', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });
});

// Host names as `new URL(…).hostname` gives them: the URL parser already reads IPv4 in every
// spelling browsers accept (hex, octal, fewer parts, one integer), so the check sees dotted quads.
describe('resolveHostAddress without private addresses allowed', () => {
  const noDns: HostResolver = async (hostname) => {
    throw new Error(`no DNS in this test (asked for ${hostname})`);
  };
  const hostOf = (url: string) => new URL(url).hostname;

  test.each([
    'http://127.0.0.1/',
    'http://0x7f.1/',
    'http://0x7f000001/',
    'http://2130706433/',
    'http://017700000001/',
    'http://127.1/',
    'http://0/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[0:0:0:0:0:ffff:a9fe:a9fe]/',
    'http://[fe80::1]/',
    'http://[fd00::1]/',
    'http://169.254.169.254/latest/meta-data/',
    'http://3232235777/',
  ])('%s is refused without asking DNS', async (url) => {
    await expect(resolveHostAddress(hostOf(url), { allowPrivate: false, resolve: noDns })).rejects.toThrow(/not a public address/);
  });

  test.each(['http://localhost/', 'http://localhost./', 'http://LOCALHOST/', 'http://api.localhost/', 'http://api.localhost./'])('%s is this machine, refused', async (url) => {
    await expect(resolveHostAddress(hostOf(url), { allowPrivate: false, resolve: noDns })).rejects.toThrow(/this machine/);
  });

  test('a name is resolved, and refused if any of its addresses is not public', async () => {
    const dns: HostResolver = async (hostname) =>
      ({
        'hooks.example.com': [{ address: '93.184.215.14', family: 4 as const }],
        'mixed.example.com': [
          { address: '93.184.215.14', family: 4 as const },
          { address: '10.0.0.7', family: 4 as const },
        ],
        'mapped.example.com': [{ address: '::ffff:192.168.0.1', family: 6 as const }],
      })[hostname] ?? [];
    await expect(resolveHostAddress('hooks.example.com', { allowPrivate: false, resolve: dns })).resolves.toEqual({ address: '93.184.215.14', family: 4 });
    await expect(resolveHostAddress('hooks.example.com.', { allowPrivate: false, resolve: dns })).resolves.toEqual({ address: '93.184.215.14', family: 4 });
    await expect(resolveHostAddress('mixed.example.com', { allowPrivate: false, resolve: dns })).rejects.toThrow(/resolves to 10\.0\.0\.7/);
    await expect(resolveHostAddress('mapped.example.com', { allowPrivate: false, resolve: dns })).rejects.toThrow(/resolves to ::ffff:192\.168\.0\.1/);
    await expect(resolveHostAddress('nowhere.example.com', { allowPrivate: false, resolve: dns })).rejects.toThrow(/could not be found/);
  });

  test('the system resolver is used by default, and localhost. is refused like localhost', async () => {
    await expect(resolveHostAddress('127.0.0.1', { allowPrivate: false })).rejects.toThrow(/not a public address/);
    await expect(resolveHostAddress('localhost.', { allowPrivate: false })).rejects.toThrow(/this machine/);
  });

  test('names reserved for documentation and tests are never real hosts: not found, without asking DNS', async () => {
    for (const name of ['example.com', 'wire.example.com', 'feeds.example.org', 'news.test', 'a.example', 'x.invalid']) {
      expect(isReservedName(name), name).toBe(true);
      await expect(resolveHostAddress(name, { allowPrivate: true })).rejects.toThrow(/could not be found/);
    }
    for (const name of ['example.co', 'myexample.com', 'example.com.au', 'testing.org', 'latest']) expect(isReservedName(name), name).toBe(false);
  });

  test('with private addresses allowed, loopback is taken as it is', async () => {
    await expect(resolveHostAddress('[::1]', { allowPrivate: true, resolve: noDns })).resolves.toEqual({ address: '::1', family: 6 });
    await expect(resolveHostAddress('localhost', { allowPrivate: true })).resolves.toMatchObject({ address: expect.stringMatching(/^(127\.0\.0\.1|::1)$/) });
  });
});
