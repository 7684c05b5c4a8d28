import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../platform/context.js';
import { createAdmission } from '../../../platform/admission.js';
import { AppError } from '../../../platform/errors.js';
import { actorOf, requestLocale } from '../../../platform/http.js';
import { errorMessage } from '../../../../shared/messages.js';
import {
  MySite, OpenTube, Scan, ScanAccepted, ScanBatch, ScanBatchResult, SealTube, TubeDetail, TubeView,
} from '../../../../shared/contracts/testing/sampling.js';
import { Barcode } from '../../../../shared/testing.js';
import { getTube, mySites, openTube, sealTube } from '../service/sampling.js';
import { createScanBatcher, syncScans } from '../service/scan-batcher.js';
import { createScanWriter } from '../service/scan-writer.js';

export function samplingRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const writer = createScanWriter(ctx);
    const batcher = createScanBatcher(writer);
    // A serving node starts its writer with the server, not on the first sampler's scan.
    app.addHook('onListen', async () => writer.warm());
    app.addHook('onClose', async () => writer.close());
    // Scans in the server at once: what it answers in 40 ms at its recent rate (at least 128).
    const admission = createAdmission({ maxWaitMs: 40, floor: 128 });
    const tag = { tags: ['testing'] };
    const barcodeParams = z.object({ barcode: Barcode });

    app.get('/api/v1/testing/my-sites', {
      schema: { ...tag, summary: "The sampler's sites, open rounds and tube sizes", response: { 200: z.array(MySite) } },
    }, async (req) => mySites(ctx, actorOf(req)));

    app.post('/api/v1/testing/tubes', {
      schema: { ...tag, summary: 'Open a tube at a site (or get the open one with this barcode)', body: OpenTube,
        response: { 200: TubeView, 201: TubeView } },
    }, async (req, reply) => {
      const { tube, created } = await openTube(ctx, actorOf(req), req.body);
      return reply.status(created ? 201 : 200).send(tube);
    });

    app.get('/api/v1/testing/tubes/:barcode', {
      schema: { ...tag, summary: 'A tube and its members (masked)', params: barcodeParams, response: { 200: TubeDetail } },
    }, async (req) => getTube(ctx, actorOf(req), req.params.barcode));

    app.post('/api/v1/testing/tubes/:barcode/seal', {
      schema: { ...tag, summary: 'Seal a tube by hand (an under-filled tube is marked)', params: barcodeParams, body: SealTube,
        response: { 200: TubeView } },
    }, async (req) => sealTube(ctx, actorOf(req), req.params.barcode));

    app.post('/api/v1/testing/scans', {
      config: { admission },
      schema: { ...tag, summary: 'One swab: a person into a tube; committed before the answer; idempotent by id', body: Scan,
        response: { 200: ScanAccepted, 201: ScanAccepted } },
    }, async (req, reply) => {
      const accepted = await batcher.submit(actorOf(req), req.body);
      return reply.status(accepted.replay ? 200 : 201).send(accepted);
    });

    app.post('/api/v1/testing/scans/batch', {
      schema: { ...tag, summary: 'Scans queued offline, synced at once; each answered on its own', body: ScanBatch,
        response: { 200: ScanBatchResult } },
    }, async (req) => {
      const locale = requestLocale(req);
      const settled = await syncScans(batcher, actorOf(req), req.body.scans);
      return {
        results: settled.map((r, n) => {
          const id = req.body.scans[n].id;
          if (r.status === 'fulfilled') return { id, ok: true as const, accepted: r.value };
          const err = r.reason instanceof AppError ? r.reason : new AppError('INTERNAL');
          return { id, ok: false as const, error: { code: err.code, message: errorMessage(err.code, locale, err.params), status: err.status } };
        }),
      };
    });
  };
}
