import { connect } from 'node:net';

/** A response read off the wire: status and lower-cased headers. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
}

/**
 * Sends a GET with the request target exactly as given (no URL parsing on the way out, so
 * backslashes, tabs and double slashes reach the server as an attacker would send them).
 */
export function rawGet(baseUrl: string, target: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const [head = ''] = received.split('\r\n\r\n', 1);
      const [statusLine = '', ...lines] = head.split('\r\n');
      const entries = lines.map((line) => {
        const colon = line.indexOf(':');
        return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()] as const;
      });
      resolve({ status: Number(statusLine.split(' ')[1]), headers: Object.fromEntries(entries) });
    });
    const extra = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
    socket.write(`GET ${target} HTTP/1.1\r\nHost: news.test\r\n${extra}Connection: close\r\n\r\n`, 'latin1');
  });
}
