import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

/** Returns a problem message, or null when the value is acceptable. */
export type FieldCheck = (value: unknown) => string | null;

/**
 * A field of a discriminated union: required and checked by `check` when the object's
 * `discriminator` equals `when`; must be absent for any other known variant. When the
 * discriminator itself is invalid this field stays silent (the discriminator's error says it all).
 */
export function OnlyWhen(
  discriminator: string,
  when: string,
  knownVariants: readonly string[],
  check: FieldCheck,
  options?: ValidationOptions,
): PropertyDecorator {
  const problem = (value: unknown, args: ValidationArguments): string | null => {
    const variant = (args.object as Record<string, unknown>)[discriminator];
    if (typeof variant !== 'string' || !knownVariants.includes(variant)) return null;
    if (variant !== when) return value === undefined ? null : `chỉ dùng khi ${discriminator} là "${when}"`;
    return check(value);
  };
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'onlyWhen',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown, args: ValidationArguments) => problem(value, args) === null,
        defaultMessage: (args?: ValidationArguments) => (args ? (problem(args.value, args) ?? '') : ''),
      },
    });
  };
}
