import type { Location } from './location.js';

export interface KnownSetting<T> {
  origin: 'explicit' | 'default';
  value: T;
  at: Location;
}

export interface UnknownSetting {
  origin: 'unknown';
  reason: string;
  at: Location;
}

/**
 * A server property as the rules see it. `default` is the platform's documented default and points
 * at the resource header; `unknown` is never guessed as pass or fail.
 */
export type Setting<T> = KnownSetting<T> | UnknownSetting;

export function explicit<T>(value: T, at: Location): KnownSetting<T> {
  return { origin: 'explicit', value, at };
}

export function byDefault<T>(value: T, at: Location): KnownSetting<T> {
  return { origin: 'default', value, at };
}

export function notKnown(reason: string, at: Location): UnknownSetting {
  return { origin: 'unknown', reason, at };
}

export function isKnown<T>(setting: Setting<T>): setting is KnownSetting<T> {
  return setting.origin !== 'unknown';
}
