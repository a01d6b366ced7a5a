import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * A port that is free now, for a server whose address must be known before it starts (its
 * PUBLIC_URL, or a child process's --port).
 *
 * A port the system hands out for port 0 is in its ephemeral range, where every other test's
 * servers and outgoing connections also draw theirs; released and bound again seconds later, it
 * is often taken in between. So the port is drawn below that range, where the system hands out
 * none of its own (only another process choosing the same one at random could take it), and
 * checked to be free.
 */
export async function freePort(): Promise<number> {
  let low = 32768;
  try {
    low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
  } catch {
    // not Linux: the IANA range starts at 49152, Linux's default at 32768
  }
  low = Math.max(low, 11_024); // a range reaching down low: draw from 1024 up to 11 024 still
  const from = Math.max(1024, low - 12_000);
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = from + Math.floor(Math.random() * (low - from));
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port found between ${from} and ${low}`);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}
