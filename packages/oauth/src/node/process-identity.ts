/**
 * Which process space a pid belongs to. A pid means something only inside its PID namespace: two containers
 * that share a folder and a hostname each have a process 1, 42… So "is pid N alive?" is asked only about an
 * owner recorded with the same hostname, boot and PID namespace as ours.
 *
 * @internal
 */

import { createHash } from 'node:crypto';
import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';

/** What a lock or temp file records about the process that made it. */
export interface ProcessIdentity {
  hostname: string;
  /** Linux: `/proc/sys/kernel/random/boot_id` (one per running kernel). */
  bootId?: string;
  /** Linux: the target of `/proc/self/ns/pid`, e.g. `pid:[4026531836]`. */
  pidNamespace?: string;
}

let cached: ProcessIdentity | undefined;

/** This process's identity (read once). */
export function processIdentity(): ProcessIdentity {
  if (cached) return cached;
  const identity: ProcessIdentity = { hostname: hostname() };
  const bootId = readQuietly(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim());
  const pidNamespace = readQuietly(() => readlinkSync('/proc/self/ns/pid'));
  if (bootId) identity.bootId = bootId;
  if (pidNamespace) identity.pidNamespace = pidNamespace;
  cached = identity;
  return identity;
}

/** A short digest of the identity, for file names. */
export function identityTag(identity: ProcessIdentity = processIdentity()): string {
  const text = `${identity.hostname}\0${identity.bootId ?? ''}\0${identity.pidNamespace ?? ''}`;
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

/**
 * Whether a pid recorded with `owner` can be checked with `kill(pid, 0)` here: same hostname, and the same boot
 * and PID namespace whenever this system has them (Linux). An owner that did not record them (another system, an
 * older version) is not comparable on Linux.
 */
export function sharesPidSpace(owner: Partial<ProcessIdentity>): boolean {
  const self = processIdentity();
  return owner.hostname === self.hostname && owner.bootId === self.bootId && owner.pidNamespace === self.pidNamespace;
}

/** Whether a process with this pid exists in our PID namespace. */
export function isAlive(pid: number): boolean {
  // 0 and negative pids name process groups, not one process.
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as { code?: unknown }).code === 'EPERM';
  }
}

function readQuietly(read: () => string): string | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
