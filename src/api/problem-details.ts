import { STATUS_CODES } from 'node:http';
import { z } from 'zod';
import { AppError, httpStatusFor } from '../errors.js';

/** The media type of problem details (RFC 9457). */
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** An RFC 9457 problem detail, with the error's stable code and, for bad input, what was wrong with each field. */
export const ProblemSchema = z
  .object({
    type: z.url().describe('Where this kind of problem is described: the API reference, at the error code.'),
    title: z.string().describe('A short summary of the kind of problem (the HTTP status phrase).'),
    status: z.int().min(400).max(599),
    detail: z.string().describe('What went wrong this time, and what to do about it.'),
    code: z.string().describe('A stable error code (e.g. ARTICLE_NOT_FOUND), listed in the reference.'),
    errors: z
      .array(z.object({ name: z.string().describe('The query parameter or path part.'), reason: z.string() }))
      .optional()
      .describe('For bad input: each parameter that was wrong, and why.'),
  })
  .describe('A problem detail (RFC 9457), sent as application/problem+json for every error.');

/** A problem detail as sent. */
export type Problem = z.infer<typeof ProblemSchema>;

/** The URI naming an error code: its entry in the API reference. */
export function problemType(siteUrl: string, code: string): string {
  return `${siteUrl}/api/docs/#${code}`;
}

/** Builds a problem detail. */
export function problem(siteUrl: string, status: number, code: string, detail: string, errors?: Problem['errors']): Problem {
  return { type: problemType(siteUrl, code), title: STATUS_CODES[status] ?? 'Error', status, detail, code, ...(errors?.length ? { errors } : {}) };
}

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  params?: { keys?: unknown };
}

/** The parameter an issue is about: its path, or for unknown parameters their names. */
function issueName(issue: ValidationIssue): string {
  const keys = issue.params?.keys;
  if (Array.isArray(keys) && keys.length > 0) return keys.slice(0, 5).map(String).join(', ').slice(0, 200);
  return (issue.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
}

/** Fastify's request-validation failure (the zod validator's issues, by the part of the request checked). */
function validationIssues(error: unknown): { context: string; issues: ValidationIssue[] } | undefined {
  const { validation, validationContext } = error as { validation?: unknown; validationContext?: string };
  return Array.isArray(validation) ? { context: validationContext ?? 'request', issues: validation as ValidationIssue[] } : undefined;
}

/**
 * The problem detail for an error thrown while answering: AppErrors by their kind; the validator's
 * failures as 400 INVALID_REQUEST naming each parameter (at most 20); Fastify's own 4xx as they
 * are; anything else is ours: a generic 500 (`isUnexpected`, so the caller logs it).
 */
export function problemForError(siteUrl: string, error: unknown): Problem & { isUnexpected?: true } {
  if (error instanceof AppError) {
    const errors = Object.entries(error.details).map(([name, reason]) => ({ name, reason }));
    return problem(siteUrl, httpStatusFor(error.kind), error.code, error.message, errors);
  }
  const validation = validationIssues(error);
  if (validation) {
    const errors = validation.issues.slice(0, 20).map((issue) => ({
      name: issueName(issue) || validation.context,
      // Bounded: an unknown parameter's name is echoed in the message, and names can be long.
      reason: (issue.message ?? 'is not valid').slice(0, 200),
    }));
    const where = validation.context === 'querystring' ? 'query parameters' : validation.context;
    return problem(siteUrl, 400, 'INVALID_REQUEST', `Some ${where} are not valid: ${errors.map((e) => `${e.name}: ${e.reason}`).join('; ')}.`, errors);
  }
  const status = (error as { statusCode?: number }).statusCode;
  if (status && status >= 400 && status < 500) {
    return problem(siteUrl, status, (error as { code?: string }).code ?? 'BAD_REQUEST', (error as Error).message);
  }
  return { ...problem(siteUrl, 500, 'INTERNAL', 'Something went wrong on our side; it has been logged.'), isUnexpected: true };
}
