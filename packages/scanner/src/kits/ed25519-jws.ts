import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import type { Ed25519PrivateJwk, Ed25519PublicJwk } from '@execops/contract';

// Detached JWS (RFC 7515 appendix F) with EdDSA over Ed25519 (RFC 8037), on node:crypto alone: the compact form
// `<protected>..<signature>` leaves the payload out; the signature covers `<protected>.<base64url(payload)>`.

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export class JwsError extends Error {
  override name = 'JwsError';
}

export function signDetached(payload: Buffer, key: Ed25519PrivateJwk): string {
  const header = b64url(JSON.stringify({ alg: 'EdDSA', kid: key.kid }));
  const privateKey = createPrivateKey({ key: { kty: key.kty, crv: key.crv, x: key.x, d: key.d }, format: 'jwk' });
  const signature = sign(null, Buffer.from(`${header}.${b64url(payload)}`), privateKey);
  return `${header}..${b64url(signature)}`;
}

/** The `kid` a detached JWS names, read before any key is chosen; a malformed JWS or header is a `JwsError`. */
export function detachedJwsKid(jws: string): string {
  const { header } = parseDetached(jws);
  return header.kid;
}

/** Whether `jws` is a valid EdDSA signature of `payload` by `key`. */
export function verifyDetached(jws: string, payload: Buffer, key: Ed25519PublicJwk): boolean {
  const { protectedB64, signature } = parseDetached(jws);
  const publicKey = createPublicKey({ key: { kty: key.kty, crv: key.crv, x: key.x }, format: 'jwk' });
  return verify(null, Buffer.from(`${protectedB64}.${b64url(payload)}`), publicKey, signature);
}

function parseDetached(jws: string): { protectedB64: string; header: { alg: 'EdDSA'; kid: string }; signature: Buffer } {
  const match = /^([A-Za-z0-9_-]+)\.\.([A-Za-z0-9_-]+)$/.exec(jws.trim());
  if (!match) throw new JwsError('not a detached compact JWS (<protected>..<signature>)');
  const [, protectedB64 = '', signatureB64 = ''] = match;
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(protectedB64, 'base64url').toString('utf8'));
  } catch {
    throw new JwsError('the protected header is not base64url JSON');
  }
  if (typeof header !== 'object' || header === null) throw new JwsError('the protected header is not a JSON object');
  const { alg, kid, crit } = header as Record<string, unknown>;
  if (alg !== 'EdDSA') throw new JwsError(`alg ${JSON.stringify(alg)} is not accepted (EdDSA only)`);
  if (typeof kid !== 'string' || kid === '') throw new JwsError('the protected header names no kid');
  if (crit !== undefined) throw new JwsError('critical header parameters are not supported');
  const signature = Buffer.from(signatureB64, 'base64url');
  if (signature.length !== 64) throw new JwsError('an Ed25519 signature is 64 bytes');
  return { protectedB64, header: { alg, kid }, signature };
}

/** RFC 7638 thumbprint of an Ed25519 key: a stable kid derived from the public key. */
export function jwkThumbprint(key: Pick<Ed25519PublicJwk, 'x'>): string {
  return createHash('sha256').update(JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x: key.x })).digest('base64url');
}

/** A new Ed25519 key pair as a private JWK; its kid is the thumbprint unless one is given. */
export function generateSigningKey(kid?: string): Ed25519PrivateJwk {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  const x = String(jwk.x);
  return { kty: 'OKP', crv: 'Ed25519', x, d: String(jwk.d), kid: kid ?? jwkThumbprint({ x }) };
}

export function publicJwk(key: Ed25519PrivateJwk): Ed25519PublicJwk {
  return { kty: key.kty, crv: key.crv, x: key.x, kid: key.kid };
}
