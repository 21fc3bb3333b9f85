// GET /public/applications and GET /public/decisions: the public registers of applications
// (once their public summary is approved) and of published decisions, without login, as JSON,
// a web page and CSV (api/public-formats.ts).
import type { FastifyInstance } from 'fastify';
import { allPublicApplications, publicApplicationPage } from '../../../store/publication/public-applications.ts';
import { allPublicDecisions, publicDecisionPage } from '../../../store/publication/public-decisions.ts';
import { registerRoute } from '../../public-formats.ts';
import { publicApplicationList, publicDecisionList } from '../../schemas.ts';
import { applicationsCsv, applicationsPage, decisionsCsv, decisionsPage } from './register-format.ts';

export async function publicRegisterRoutes(app: FastifyInstance) {
  registerRoute(app, {
    url: '/public/applications',
    summary: 'The public register of applications: reference, registers asked for, institution, purpose, the public title and summary a caseworker approved, and the day received; no personal data',
    list: publicApplicationList,
    fileName: 'soknader.csv',
    page: publicApplicationPage,
    all: allPublicApplications,
    htmlPage: applicationsPage,
    csv: applicationsCsv,
  });
  registerRoute(app, {
    url: '/public/decisions',
    summary: 'The public register of published decisions: outcome, what was refused per source, the approved public summary of the reasons, deciding body, decision and publication days, and the approved title and institution; no personal data',
    list: publicDecisionList,
    fileName: 'vedtak.csv',
    page: publicDecisionPage,
    all: allPublicDecisions,
    htmlPage: decisionsPage,
    csv: decisionsCsv,
  });
}
