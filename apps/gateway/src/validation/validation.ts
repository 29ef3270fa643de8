import { BadRequestException, ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import type { FieldError } from '#contracts';
import { INVALID_REQUEST, Msg } from './messages.js';

/**
 * Messages class-validator or Nest produce on their own (no decorator message to override), by
 * constraint name. Anything else keeps the decorator's message.
 */
const BUILT_IN_MESSAGES: Record<string, string> = {
  whitelistValidation: Msg.notAllowed,
  // ValidationPipe's own check that a body is an object, not an array or a primitive.
  isObject: Msg.object,
  // class-validator's "nested property x must be either object or array" when no message is given.
  nestedValidation: Msg.object,
};

/** `tasks.2.timeline` as a client reads it: `tasks[2].timeline`. */
function joinPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}

/**
 * Flattens class-validator's error tree into one entry per (path, message), depth first, in the
 * order the fields were declared. Array items become `[i]`, nested objects `.name`.
 */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const fields: FieldError[] = [];
  const seen = new Set<string>();
  const visit = (list: ValidationError[], prefix: string) => {
    for (const error of list) {
      const path = joinPath(prefix, String(error.property));
      for (const message of messagesOf(error)) {
        const key = `${path}\u0000${message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        fields.push({ path, message });
      }
      if (error.children?.length) visit(error.children, path);
    }
  };
  visit(errors, parent);
  return fields;
}

/**
 * One node's messages. An unknown field says only that; a missing (undefined/null) field says
 * only "là bắt buộc" instead of every rule it cannot meet.
 */
function messagesOf(error: ValidationError): string[] {
  const constraints = error.constraints ?? {};
  const names = Object.keys(constraints);
  if (names.length === 0) return [];
  if ('whitelistValidation' in constraints) return [Msg.notAllowed];
  if ('value' in error && (error.value === undefined || error.value === null)) return [Msg.required];
  return names.map((name) =>
    BUILT_IN_MESSAGES[name] && isBuiltInDefault(name, constraints[name]) ? BUILT_IN_MESSAGES[name] : constraints[name],
  );
}

/** True when the message is the framework's English default rather than one we wrote. */
function isBuiltInDefault(constraint: string, message: string): boolean {
  if (constraint === 'whitelistValidation') return true;
  return /^[\x00-\x7F]*$/.test(message);
}

export function invalidRequest(fields: FieldError[]): BadRequestException {
  return new BadRequestException({ ...INVALID_REQUEST, fields });
}

export const VALIDATION_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  stopAtFirstError: false,
  exceptionFactory: (errors: ValidationError[]) => invalidRequest(flattenValidationErrors(errors)),
} as const;

/**
 * Nest's pipe validates an array body against a DTO class as if it were an object (reporting its
 * items as unknown fields); a DTO is always an object, so say that instead.
 */
class GatewayValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<any> {
    if (Array.isArray(value) && this.toValidate(metadata)) {
      throw invalidRequest([{ path: metadata.data ?? metadata.type, message: Msg.object }]);
    }
    return super.transform(value, metadata);
  }
}

/** The one validation pipe: global, and reused by pipes that validate a body they built. */
export function createValidationPipe(): ValidationPipe {
  return new GatewayValidationPipe({ ...VALIDATION_OPTIONS });
}
