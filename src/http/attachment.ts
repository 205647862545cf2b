import type { FastifyReply } from 'fastify';

/**
 * Marks the answer as a file for the browser to save as `fileName`. Anything but letters, digits,
 * dots, dashes and underscores becomes `_`: a person's name in a file name can carry no quote,
 * line break or path into the header.
 */
export function asAttachment(reply: FastifyReply, fileName: string): FastifyReply {
  return reply.header(
    'Content-Disposition',
    `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]+/g, '_')}"`,
  );
}
