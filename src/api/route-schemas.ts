import { z } from 'zod';
import { ProblemSchema, PROBLEM_MEDIA_TYPE } from './problem-details.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The media types a Content API route answers with, the default first (Accept is negotiated against them). */
    produces?: readonly string[];
  }
}

/** A problem answer with its description, for a status an operation documents. */
export function problemResponse(description: string) {
  return { description, content: { [PROBLEM_MEDIA_TYPE]: { schema: ProblemSchema } } };
}

/** The problem answers every operation can give: a refused key, Accept ruling out JSON, too many requests. */
export const ACCESS_PROBLEMS = {
  401: problemResponse('The Authorization header is malformed or names an unknown key.'),
  403: problemResponse('The API key was revoked.'),
  406: problemResponse('The Accept header rules out every type this operation answers with.'),
  429: problemResponse('Too many requests this minute; see Retry-After.'),
};

/** Operations that take input can also refuse it. */
export const BAD_INPUT_PROBLEM = { 400: problemResponse('Bad input: a malformed or unknown parameter, or a cursor this API did not give out.') };

/** Also "no such story". */
export const NOT_FOUND_PROBLEM = { 404: problemResponse('No published story has this id or path.') };

/** A successful JSON answer. */
export function jsonResponse<T extends z.ZodType>(description: string, schema: T) {
  return { description, content: { 'application/json': { schema } } };
}
