import type { Child, PostgresServer } from './server.js';
import { byDefault, isKnown, notKnown, type Setting } from './setting.js';

/**
 * Server parameters whose platform default matters to a rule. `password_encryption` changed its
 * default from md5 to scram-sha-256 in PostgreSQL 14.
 */
const PARAMETER_DEFAULTS: Record<string, (server: PostgresServer) => Setting<string | undefined>> = {
  require_secure_transport: (server) => byDefault('on', server.at),
  ssl_min_protocol_version: (server) => byDefault('TLSv1.2', server.at),
  password_encryption: (server) => {
    if (!isKnown(server.version)) return notKnown(`the default depends on the version, which is not known`, server.at);
    const major = Number.parseInt(server.version.value, 10);
    return byDefault(major <= 13 ? 'md5' : 'scram-sha-256', server.at);
  },
};

const OFF = new Set(['off', 'false', '0', 'no']);

/** How PostgreSQL spells a boolean parameter that is off, in any case. */
export function isOff(value: string | undefined): value is string {
  return value !== undefined && OFF.has(value.trim().toLowerCase());
}

/** The configuration resource that sets a parameter: findings about the parameter point at it. */
export function parameterResource(server: PostgresServer, name: string): Child | undefined {
  return server.parameterResources.get(name.toLowerCase());
}

/** A server parameter as declared, or its platform default; `undefined` value when neither exists. */
export function parameter(server: PostgresServer, name: string): Setting<string | undefined> {
  const declared = server.parameters.get(name.toLowerCase());
  if (declared) return declared;
  if (server.unknownParameters) return server.unknownParameters;
  if (server.declaredElsewhere) return notKnown('the server is declared elsewhere', server.at);
  return PARAMETER_DEFAULTS[name]?.(server) ?? byDefault(undefined, server.at);
}
