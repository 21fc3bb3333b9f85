// GET /public/permits: the public register of permits, without login, as JSON, a web page and
// CSV (api/public-formats.ts).
import type { FastifyInstance } from 'fastify';
import { allPublicPermits, publicPermitPage } from '../../../store/permit/public-register.ts';
import { registerRoute } from '../../public-formats.ts';
import { publicPermitList } from '../../schemas.ts';
import { registerCsv, registerPage } from './public-register-format.ts';

export async function publicPermitRoutes(app: FastifyInstance) {
  registerRoute(app, {
    url: '/public/permits',
    summary: 'The public register of permits: the institution, public title and summary a caseworker approved, purpose, sources, period, decision date, deciding body, and the state with its date and each change; no personal data',
    list: publicPermitList,
    fileName: 'tillatelser.csv',
    page: publicPermitPage,
    all: allPublicPermits,
    htmlPage: registerPage,
    csv: registerCsv,
  });
}
