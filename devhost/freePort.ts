import net from 'node:net';

/** A port the world cannot use; the message is one line a person can act on. */
export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly option: string,
  ) {
    super(`Port ${port} (${option}) is already in use by another program; stop it or choose another port with ${option}.`);
    this.name = 'PortInUseError';
  }
}

/**
 * Checks that a loopback port can be bound (0 → a free one the system picks) by binding and releasing it, so that
 * every address is known before anything starts. Another program could take the port in the moment between this
 * check and the real bind; the real bind then fails with the same kind of error, only later.
 */
export function claimPort(port: number, option: string, host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' || error.code === 'EACCES' ? new PortInUseError(port, option) : error);
    });
    server.listen(port, host, () => {
      const actual = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(actual));
    });
  });
}
