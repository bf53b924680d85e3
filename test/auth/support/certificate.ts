/**
 * A self-signed RSA certificate for the certificate-flow tests (node-forge for the X.509 part).
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';

/** A key pair, its self-signed certificate and the certificate's SHA-1 thumbprint (upper-case hex). */
export interface TestCertificate {
  readonly privateKeyPem: string;
  readonly certificatePem: string;
  readonly thumbprint: string;
}

/** Generates a fresh certificate (1024-bit: fast, and enough for signature tests). */
export function selfSignedCertificate(): TestCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const privateKeyPem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ format: 'pem', type: 'spki' }).toString());
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.UTC(2020, 0, 1));
  cert.validity.notAfter = new Date(Date.UTC(2040, 0, 1));
  const attrs = [{ name: 'commonName', value: 'test-app' }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.sign(forge.pki.privateKeyFromPem(privateKeyPem), forge.md.sha256.create());
  const certificatePem = forge.pki.certificateToPem(cert);
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  return {
    privateKeyPem,
    certificatePem,
    thumbprint: createHash('sha1').update(der).digest('hex').toUpperCase(),
  };
}
