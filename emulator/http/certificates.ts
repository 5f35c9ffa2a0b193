import { generate } from 'selfsigned';

export interface EmulatorCertificates {
  caPem: string;
  serverKey: string;
  serverCert: string;
}

let cached: Promise<EmulatorCertificates> | undefined;

async function create(): Promise<EmulatorCertificates> {
  // sha256 + P-256: OpenSSL 3 rejects the SHA-1 default ("ca md too weak").
  const base = { keyType: 'ec' as const, curve: 'P-256' as const, algorithm: 'sha256' };
  const ca = await generate([{ name: 'commonName', value: 'Fleet Conductor Emulator Local CA' }], {
    ...base,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const server = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    ...base,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
    ],
  });
  return { caPem: ca.cert, serverKey: server.private, serverCert: server.cert };
}

/** A CA and a server certificate for 127.0.0.1/localhost, generated once per process and never written except the CA. */
export function emulatorCertificates(): Promise<EmulatorCertificates> {
  cached ??= create();
  return cached;
}
