import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { zod, type RouteApp } from '../../server/route-types';
import { IdParams } from '../../contracts/common';
import {
  Company,
  CompanyPage,
  CompanyQuery,
  IMPORT_FILE_MAX_BYTES,
  ImportRun,
  ImportRunList,
  ImportStarted,
  PostalAreasResponse,
  SniResponse,
} from '../../contracts/companies';
import { currentUser } from '../../server/plugins/auth';
import { AppError, validation } from '../../server/errors';
import { LayoutError, parseColumnMap } from '../../core/register/columns';
import { findMunicipality } from '../municipality/municipality.repository';
import { registerSweep } from '../jobs/jobs';
import { getCompany, postalAreas, searchCompanies } from './company.service';
import { sniSections } from './sni';
import {
  cleanImportDir,
  getImportRun,
  importRejects,
  listImports,
  newImportId,
  receiveUpload,
  stopImports,
  startImportRun,
  uploadPath,
} from './company-import-run.service';

/** An upload that did not arrive whole (the browser gave up, or the request was malformed). */
const UPLOAD_BROKEN = 'Filen kom inte fram hel: uppladdningen avbröts eller var felaktig. Försök igen.';

/**
 * A file over IMPORT_FILE_MAX_BYTES: the limit, and the way for a bigger one. (The web form says
 * the same before it uploads.)
 */
export const FILE_TOO_LARGE = `Filen är större än ${IMPORT_FILE_MAX_BYTES / 1024 ** 3} GB, det största som kan läsas in här. Dela upp filen, eller läs in den med kommandot besok import companies på servern.`;

/** An error of the request's stream or multipart parsing, as opposed to one of our own disk. */
function uploadError(err: unknown): unknown {
  if (err instanceof AppError || (err as { statusCode?: number }).statusCode) return err;
  // Opening or writing the file here: ours, logged (a socket's 'read ECONNRESET' is the client's).
  const syscall = (err as NodeJS.ErrnoException).syscall;
  if (syscall === 'open' || syscall === 'write') return err;
  return new AppError('BAD_REQUEST', UPLOAD_BROKEN);
}

/** Viewers are not shown sole traders' personal data; staff and admins are. */
const readerOf = (req: FastifyRequest) => ({ personalData: currentUser(req).role !== 'viewer' });

export async function companyRoutes(app: RouteApp): Promise<void> {
  const r = zod(app);
  app.addHook('onClose', async () => stopImports());
  // Uploads left behind and reject files past their time go on the minute's sweep, whether or not
  // anyone uploads. File times are the machine's, so the machine's clock, not the app's.
  registerSweep('companies.import-files', async () => cleanImportDir(new Date()));

  r.get(
    '/api/companies',
    {
      config: { access: 'viewer' },
      schema: { tags: ['companies'], querystring: CompanyQuery, response: { 200: CompanyPage } },
    },
    async (req) => searchCompanies(app.db.kysely, req.query, readerOf(req)),
  );

  r.get(
    '/api/companies/:id',
    {
      config: { access: 'viewer' },
      schema: { tags: ['companies'], params: IdParams, response: { 200: Company } },
    },
    async (req) => getCompany(app.db.kysely, req.params.id, readerOf(req)),
  );

  r.get(
    '/api/sni',
    { config: { access: 'viewer' }, schema: { tags: ['companies'], response: { 200: SniResponse } } },
    async () => ({ version: 'SNI2007' as const, sections: sniSections() }),
  );

  r.get(
    '/api/postal-areas',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['companies'],
        querystring: z.object({
          /** Default: the installation's municipality; `all` for every postal code in the register. */
          kommunkod: z
            .string()
            .regex(/^(\d{4}|all)$/, 'fyra siffror eller all')
            .optional(),
        }),
        response: { 200: PostalAreasResponse },
      },
    },
    async (req) => {
      let kommunkod: string | null = req.query.kommunkod ?? null;
      if (kommunkod === null) kommunkod = (await findMunicipality(app.db.kysely))?.kommunkod ?? null;
      if (kommunkod === 'all') kommunkod = null;
      return { items: await postalAreas(app.db.kysely, kommunkod) };
    },
  );

  r.post(
    '/api/companies/imports',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['companies'],
        consumes: ['multipart/form-data'],
        response: { 202: ImportStarted },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart())
        throw new AppError('UNSUPPORTED', 'Skicka filen som multipart/form-data (fältet "file").');
      // The reply is sent once the upload is received and its import started, outside the count of
      // uploads being received (awaiting a reply waits for it to be sent, which the next request
      // does not).
      const id = await receiveUpload(() => receive(req));
      return reply.status(202).send({ id });
    },
  );

  /** Saves the upload and starts its import; the run's id. */
  async function receive(req: FastifyRequest): Promise<string> {
    const user = currentUser(req);
    const file = await req.file({ limits: { fileSize: IMPORT_FILE_MAX_BYTES } }).catch((err: unknown) => {
      throw uploadError(err);
    });
    if (!file)
      throw new AppError('VALIDATION', 'file: ingen fil skickades', [
        { path: 'file', message: 'välj en fil' },
      ]);
    // The mapping comes before the file (the web form sends it first): a wrong one is refused
    // before the file is uploaded in full, not after.
    const mapField = file.fields.map;
    const map =
      mapField && !Array.isArray(mapField) && mapField.type === 'field' && typeof mapField.value === 'string'
        ? mapField.value
        : undefined;
    try {
      parseColumnMap(map);
    } catch (err) {
      if (!(err instanceof LayoutError)) throw err;
      file.file.resume(); // let the rest of the request go by
      throw validation([{ path: 'map', message: err.message }], err.message);
    }
    const id = newImportId();
    const dest = uploadPath(id);
    try {
      await pipeline(file.file, createWriteStream(dest, { mode: 0o600 }));
    } catch (err) {
      await fs.rm(dest, { force: true });
      throw uploadError(err);
    }
    if (file.file.truncated) {
      await fs.rm(dest, { force: true });
      throw new AppError('PAYLOAD_TOO_LARGE', FILE_TOO_LARGE);
    }
    await startImportRun(
      app.db,
      app.clock,
      { id, fileName: file.filename || 'register.csv', filePath: dest, userId: user.id, map },
      req.log,
    );
    return id;
  }

  r.get(
    '/api/companies/imports',
    {
      config: { access: 'admin' },
      schema: { tags: ['companies'], response: { 200: ImportRunList } },
    },
    async () => ({ items: await listImports(app.db, app.clock.now()) }),
  );

  r.get(
    '/api/companies/imports/:id',
    {
      config: { access: 'admin' },
      schema: { tags: ['companies'], params: IdParams, response: { 200: ImportRun } },
    },
    async (req) => getImportRun(app.db, req.params.id, app.clock.now()),
  );

  r.get(
    '/api/companies/imports/:id/rejects',
    { config: { access: 'admin' }, schema: { tags: ['companies'], params: IdParams } },
    async (req, reply) => {
      const f = await importRejects(app.db, req.params.id);
      return reply
        .header('content-type', `text/csv; charset=${f.charset}`)
        .header(
          'content-disposition',
          `attachment; filename="${f.downloadName.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(f.downloadName)}`,
        )
        .send(createReadStream(f.path));
    },
  );
}
