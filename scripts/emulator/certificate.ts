/**
 * The certificate registered for the certificate-mode app: an RSA 2048 key pair (node:crypto) and
 * a self-signed X.509 certificate (node-forge), generated once per process because key generation
 * dominates start-up time and the certificate is not a per-run secret like the oproxy Key.
 */
import { createHash, createPrivateKey, generateKeyPair } from 'node:crypto';
import forge from 'node-forge';

/** A registered certificate and its private key. */
export interface RegisteredCertificate {
  /** PKCS#8 PEM private key (what the instance's `private_key` holds). Secret. */
  readonly privateKeyPem: string;
  readonly certificatePem: string;
  readonly der: Buffer;
  /** SHA-1 of the DER, 40 upper-case hex digits (the portal's "Thumbprint"). */
  readonly thumbprint: string;
  /** base64url of the SHA-1 (JWT header `x5t`). */
  readonly x5t: string;
  /** base64url of the SHA-256 (JWT header `x5t#S256`). */
  readonly x5tS256: string;
}

let cached: Promise<RegisteredCertificate> | undefined;

/** The process-wide emulator certificate (generated on first use). */
export function emulatorCertificate(): Promise<RegisteredCertificate> {
  cached ??= generateCertificate();
  return cached;
}

/** Generates a fresh key pair and self-signed certificate. */
export async function generateCertificate(commonName = 'XSOAR Emulator App'): Promise<RegisteredCertificate> {
  const pkcs1 = await new Promise<string>((resolve, reject) => {
    generateKeyPair(
      'rsa',
      {
        modulusLength: 2048,
        publicKeyEncoding: { type: 'spki', format: 'pem' },
        privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
      },
      (err, _publicKey, privateKey) => (err ? reject(err) : resolve(privateKey)),
    );
  });
  const key = forge.pki.privateKeyFromPem(pkcs1);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = '01' + forge.util.bytesToHex(forge.random.getBytesSync(8));
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 365 * 86_400_000);
  const subject = [{ name: 'commonName', value: commonName }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.sign(key, forge.md.sha256.create());
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  const sha1 = createHash('sha1').update(der).digest();
  return {
    privateKeyPem: createPrivateKey(pkcs1).export({ type: 'pkcs8', format: 'pem' }).toString(),
    certificatePem: forge.pki.certificateToPem(cert),
    der,
    thumbprint: sha1.toString('hex').toUpperCase(),
    x5t: sha1.toString('base64url'),
    x5tS256: createHash('sha256').update(der).digest('base64url'),
  };
}
