import { applyDecorators } from '@nestjs/common';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Msg } from './messages.js';

/*
 * The checks every text field of a request repeats, as one decorator each. The parts are applied
 * in the order stacked decorators would be (bottom up), so the field messages keep their order.
 */

/** A required, non-empty string of at most `max` characters. */
export function RequiredText(max: number): PropertyDecorator {
  return applyDecorators(MaxLength(max, { message: Msg.tooLong(max) }), IsNotEmpty({ message: Msg.required }), IsString({ message: Msg.string }));
}

/** An optional string of at most `max` characters; `nonEmpty`: if given, not "". */
export function OptionalText(max: number, { nonEmpty = false }: { nonEmpty?: boolean } = {}): PropertyDecorator {
  return applyDecorators(
    MaxLength(max, { message: Msg.tooLong(max) }),
    ...(nonEmpty ? [IsNotEmpty({ message: Msg.notEmpty })] : []),
    IsString({ message: Msg.string }),
    IsOptional(),
  );
}
