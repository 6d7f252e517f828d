import express, { RequestHandler, Request } from 'express';
import { Role } from '../access/role';
import { Viewer } from '../access/viewer';

// GraphQL bodies are small: at most 1 MB, which admits a 100,000-character text to read
// for skills. `importRecords` takes up to 5 MiB of records. The operation is only known
// once the body is parsed, so the larger limit goes by who is asking: only a signed-in
// administrator or recruiter, the roles that may import, has a body of more than 1 MB
// read, so an anonymous client cannot make the service parse many megabytes.

const SMALL = express.json({ limit: '1mb' });
/** 5 MiB of data, doubled at worst by JSON's escaping, and the query around it. */
const IMPORTER = express.json({ limit: '11mb' });

export function jsonBody(viewerOf: (req: Request) => Promise<Viewer | null>): RequestHandler {
  return async (req, res, next) => {
    const viewer = req.headers.authorization ? await viewerOf(req).catch(() => null) : null;
    const importer = viewer?.role === Role.ADMIN || viewer?.role === Role.RECRUITER;
    return (importer ? IMPORTER : SMALL)(req, res, next);
  };
}
