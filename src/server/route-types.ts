import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorResponse } from '../contracts/common';

/** What a module's routes plugin receives. */
export type RouteApp = FastifyInstance;

export function zod(app: FastifyInstance) {
  return app.withTypeProvider<ZodTypeProvider>();
}

/** Error responses every route may give, for the OpenAPI document. */
export const errorResponses = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
} as const;
