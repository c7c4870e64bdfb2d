/** PKCE (RFC 7636, S256 only) and `state` generation from the platform CSPRNG. */
import { createHash, randomBytes } from 'node:crypto';

export interface PkcePair {
  verifier: string;
  challenge: string;
  method: 'S256';
}

/** 32 random bytes -> 43 base64url chars, the RFC 7636 recommendation. */
export function createCodeVerifier(): string {
  return randomBytes(32).toString('base64url');
}

export function codeChallengeS256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export function createPkcePair(): PkcePair {
  const verifier = createCodeVerifier();
  return { verifier, challenge: codeChallengeS256(verifier), method: 'S256' };
}

/** Opaque, unguessable value that binds the redirect to this sign-in attempt. */
export function createState(): string {
  return randomBytes(24).toString('base64url');
}
