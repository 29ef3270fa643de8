import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'gateway:isPublic';

/** Lets a route (login, health) through without a bearer token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
