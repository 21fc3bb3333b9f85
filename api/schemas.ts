// Request and response schemas, declared once: Fastify validates with them, the TypeScript
// types are derived from them, and the OpenAPI document is generated from them.
import type { FromSchema } from 'json-schema-to-ts';
import { registerIds } from '../domain/registers.ts';
import { caseForecast } from './forecast-schemas.ts';
import { permitStates } from '../domain/permit/states.ts';
import { publicOutcomeNames } from '../domain/publication/decision-publication.ts';
import { orderKinds, orderStates } from '../domain/order/states.ts';
import { stages, unknownStage } from '../domain/stages.ts';
import { ruleUnits, rulebookIds } from '../domain/rulebook/rulebooks.ts';
import { feeCategories } from '../domain/case/fee-category.ts';
import { maxEstimateNok } from '../domain/case/cost-estimate.ts';

// Every string in a request is text checked by api/validation.ts (x-text): no NUL, unpaired
// surrogate or other control character, and no tab or line break unless it is prose, text
// that runs over lines (a description, grounds, a note).
export const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const;
export const prose = (maxLength: number) => ({ ...text(maxLength), 'x-text': 'lines' }) as const;
const date = { type: 'string', format: 'date' } as const;

// The largest request body the API reads; a larger one is answered 413.
export const maxBodyBytes = 256 * 1024;

export const applicationTypes = ['new', 'anonymous-statistics', 'change', 'data-update'] as const;

// A period may end on the day it starts, not before; x-not-before (api/validation.ts) compares
// the two fields, which plain JSON Schema cannot.
const period = {
  type: 'object',
  additionalProperties: false,
  required: ['startDate', 'endDate'],
  properties: {
    startDate: date,
    endDate: { ...date, 'x-not-before': 'startDate', description: 'Not before startDate' },
  },
} as const;

const project = {
  type: 'object',
  additionalProperties: false,
  required: ['title', 'purposeCategory', 'description', 'period'],
  properties: {
    title: { type: 'string', minLength: 3, maxLength: 300 },
    purposeCategory: {
      type: 'string',
      enum: ['research', 'statistics', 'quality-improvement', 'planning', 'management', 'preparedness'],
    },
    description: prose(10_000),
    period,
    // What the public may read of the project, once a caseworker approved it in the
    // completeness task; without them the caseworker starts from the project title.
    publicTitle: { ...text(200), description: 'The title the public registers show, once a caseworker approved it; no names or other personal data' },
    publicSummary: { ...prose(1_500), description: 'A short summary in plain language for the public, once a caseworker approved it; no names or other personal data' },
  },
} as const;

const projectLeader = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'email'],
  properties: {
    name: text(200),
    email: { type: 'string', format: 'email', maxLength: 320 },
    isStudent: { type: 'boolean', description: "A student up to master's level: anonymous statistics are then free of HDS's fee" },
  },
} as const;

const institution = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'organisationNumber'],
  properties: {
    name: text(300),
    // Nine digits with a modulus-11 check digit; the format is registered in api/validation.ts.
    organisationNumber: { type: 'string', format: 'organisation-number', examples: ['983744516'] },
    invoiceReference: { ...text(100), description: "The buyer's reference on HDS's invoice (EHF BuyerReference); the project leader's name when not given" },
    publicHealthMandate: {
      type: 'boolean',
      description:
        'The institution is a public body with a public-health mandate. Under EHDS (Regulation (EU) 2025/327, Art. 68(6)) its application is decided within 2 months instead of 3, extendable once by 1 month; the Norwegian rules ignore it. False when not given',
    },
    feeCategory: {
      type: 'string',
      enum: feeCategories,
      description:
        "The applicant's fee category as it claims it: public-body, university (a university or university college doing research) or micro-enterprise. Under EHDS (Regulation (EU) 2025/327, Art. 62(3)) a caseworker confirms it in the completeness check, and the fee table reduces HDS's fee for a confirmed category; the Norwegian rules ignore it. Leave out when none applies",
    },
  },
} as const;

// Who will work with the data besides the project leader (EHDS, Regulation (EU) 2025/327, Art.
// 68(10): the permit names the persons with access). The permit and the custodians' orders
// list them; no public page does.
const personsWithAccess = {
  type: 'array',
  maxItems: 200,
  description: 'The persons who will have access to the data besides the project leader, who is always listed first on the permit',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: { name: text(200), role: { ...text(100), description: 'The role in the project, e.g. "Forsker", "Statistiker", "Masterstudent"' } },
  },
} as const;

const legalBasis = {
  type: 'object',
  additionalProperties: false,
  required: ['gdprArticle6', 'gdprArticle9'],
  properties: {
    gdprArticle6: { type: 'string', enum: ['a', 'b', 'c', 'd', 'e', 'f'], description: 'GDPR art. 6(1), letter' },
    gdprArticle9: {
      type: 'string',
      enum: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'],
      description: 'GDPR art. 9(2), letter',
    },
  },
} as const;

export const dataSource = {
  type: 'object',
  additionalProperties: false,
  required: ['registerId', 'variables', 'period'],
  properties: {
    // The known registers are data (domain/registers.json), so a plain enum built from that
    // table both checks the id and lists the allowed ids in the OpenAPI document.
    registerId: { type: 'string', enum: registerIds as readonly string[] },
    variables: { type: 'array', minItems: 1, maxItems: 1000, uniqueItems: true, items: text(200) },
    period,
  },
} as const;

// A register named twice would be ordered, decided and published twice.
const dataSources = { type: 'array', minItems: 1, maxItems: 50, items: dataSource, 'x-unique-by': 'registerId', description: 'Each register once' } as const;

const linkage = {
  type: 'object',
  additionalProperties: false,
  required: ['requested'],
  properties: { requested: { type: 'boolean' }, justification: prose(5_000) },
  if: { properties: { requested: { const: true } }, required: ['requested'] },
  then: { required: ['justification'] },
} as const;

export const applicationSubmission = {
  type: 'object',
  additionalProperties: false,
  required: ['applicationType', 'project', 'projectLeader', 'institution', 'dataSources', 'linkage', 'dataKind', 'analysisEnvironment'],
  properties: {
    applicationType: { type: 'string', enum: applicationTypes },
    project,
    projectLeader,
    personsWithAccess,
    institution,
    legalBasis,
    rekReference: { ...text(100), description: 'Reference of the REK approval (regional ethics committee)' },
    dataSources,
    linkage,
    dataKind: { type: 'string', enum: ['identifiable', 'indirectly-identifiable', 'anonymous'] },
    analysisEnvironment: { type: 'string', enum: ['TSD', 'HUNT Cloud', 'SAFE', 'other'] },
    earlierDecisionReference: {
      ...text(100),
      description: 'The decision a change or data update builds on',
    },
  },
  allOf: [
    // Medical and health research on identifiable data needs REK's prior approval
    // (helseforskningsloven §§ 9, 33).
    {
      if: {
        properties: {
          project: { type: 'object', properties: { purposeCategory: { const: 'research' } } },
          dataKind: { const: 'identifiable' },
        },
        required: ['project', 'dataKind'],
      },
      then: { required: ['rekReference'] },
    },
    // Personal data needs a legal basis for the recipient; anonymous data are not personal data.
    {
      if: { properties: { dataKind: { enum: ['identifiable', 'indirectly-identifiable'] } }, required: ['dataKind'] },
      then: { required: ['legalBasis'] },
    },
    // A change or a data update refers to the decision it changes or updates.
    {
      if: { properties: { applicationType: { enum: ['change', 'data-update'] } }, required: ['applicationType'] },
      then: { required: ['earlierDecisionReference'] },
    },
    // A request for anonymised statistics (EHDS Art. 69) asks for anonymised output only.
    {
      if: { properties: { applicationType: { const: 'anonymous-statistics' } }, required: ['applicationType'] },
      then: { properties: { dataKind: { const: 'anonymous' } } },
    },
  ],
} as const;

export type ApplicationSubmission = FromSchema<typeof applicationSubmission>;

export const idempotencyHeaders = {
  type: 'object',
  properties: {
    'idempotency-key': {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      description: 'Repeating a request with the same key returns the first answer and creates nothing new',
    },
  },
} as const;

const caseStatus = { type: 'string', minLength: 1, maxLength: 50 } as const;

// Where a case stands: the stage of its status (domain/stages.json), in the case and in lists.
const stageList = stages.map((s) => `${s.code} (${s.name})`).join(', ');
export const caseStage = {
  stage: {
    type: 'string',
    enum: [...stages.map((s) => s.code), unknownStage.code],
    description: `The stage's code, in case order: ${stageList}`,
  },
  stageName: { type: 'string', description: "The stage's name in Norwegian, as caseworkers and applicants read it, e.g. Kompletthetsvurdering" },
} as const;

export const applicationAccepted = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'reference', 'status'],
  properties: { id: { type: 'string', format: 'uuid' }, reference: { type: 'string' }, status: caseStatus },
} as const;

export type ApplicationAccepted = FromSchema<typeof applicationAccepted>;

export const applicationIdParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', format: 'uuid' } },
} as const;

const nullable = <T extends object>(schema: T) => ({ anyOf: [schema, { type: 'null' }] }) as const;
const instant = { type: 'string', format: 'date-time' } as const;
const nullableInstant = { type: ['string', 'null'], format: 'date-time' } as const;
const nullableDay = { type: ['string', 'null'], format: 'date' } as const;
const nullableText = { type: ['string', 'null'] } as const;

export const custodianOrder = {
  type: 'object',
  required: ['orderId', 'kind', 'state', 'stateName', 'custodianId', 'registerIds', 'dueAt', 'dueRule', 'extension', 'lateAt', 'feeAgreement', 'sentAt', 'deliveredAt', 'stoppedAt', 'analysisEnvironment'],
  properties: {
    orderId: { type: 'integer', description: 'Confirm a delivery at /orders/{orderId}/delivery' },
    kind: { type: 'string', enum: orderKinds, description: 'data-order (a decided case), periodic-delivery (under a permit), stop or reinstatement (notices about a permit; nothing is delivered)' },
    state: { type: 'string', enum: orderStates, description: 'created, sent, delivered, or stopped (its permit was revoked while it was open; open again if the revocation is reversed)' },
    stateName: { type: 'string' },
    custodianId: { type: 'string' },
    registerIds: { type: 'array', items: { type: 'string' } },
    dueAt: { ...nullableInstant, description: 'When the custodian should have delivered a data order: the deadline in force, after any extension' },
    dueRule: { ...nullableText, description: "The rule of the case's rulebook that set the deadline: custodian-delivery (Norwegian rules, 60 working days) or holder-delivery (EHDS, 3 months, Art. 60(2))" },
    extension: {
      type: ['object', 'null'],
      description: "Under EHDS: the custodian's one extension of the delivery deadline (Art. 60(2)); null when none",
      required: ['months', 'reason', 'requestedBy', 'requestedAt', 'dueAtBefore'],
      properties: { months: { type: 'integer' }, reason: { type: 'string' }, requestedBy: { type: 'string' }, requestedAt: instant, dueAtBefore: instant },
    },
    lateAt: { ...nullableInstant, description: 'Under EHDS: when the delivery deadline passed without a delivery (the late holder, Art. 63(4))' },
    feeAgreement: {
      type: ['object', 'null'],
      description:
        "Under EHDS, a data order's fee (Art. 62(4)): holder and user agree it by dueAt, 1 month from the permit (rule fee-agreement), and the custodian reports it at /orders/{orderId}/fee-agreement; else HDS sets it with reasons. by: custodian (reported), hds (set) or null (not yet). Null for an order without one (the Norwegian rules, notices, periodic deliveries; in the answers to a delivery or an extension, which do not show it)",
      required: ['rule', 'dueAt', 'feeNok', 'note', 'by', 'reportedBy', 'reportedAt', 'reasons', 'setBy', 'setAt'],
      properties: {
        rule: { type: 'string' },
        dueAt: instant,
        feeNok: { type: ['integer', 'null'], description: 'The fee in whole NOK, excl. VAT' },
        note: nullableText,
        by: { type: ['string', 'null'], enum: ['custodian', 'hds', null] },
        reportedBy: nullableText,
        reportedAt: nullableInstant,
        reasons: { ...nullableText, description: "HDS's reasons, when HDS set the fee" },
        setBy: nullableText,
        setAt: nullableInstant,
      },
    },
    sentAt: nullableInstant,
    deliveredAt: nullableInstant,
    stoppedAt: nullableInstant,
    analysisEnvironment: nullableText,
  },
} as const;

export const applicationDetail = {
  type: 'object',
  required: ['id', 'reference', 'status', 'stage', 'stageName', 'applicationType', 'receivedAt', 'rulebook', 'decidingBody', 'forwardedTo', 'deadlines', 'decision', 'fee', 'orders', 'appeals', 'forecast', 'timeline'],
  properties: {
    ...applicationAccepted.properties,
    ...caseStage,
    applicationType: { type: 'string', enum: applicationTypes },
    typeChange: {
      type: ['object', 'null'],
      description: 'Why the application is handled as another type than it was filed as (a data update beyond its decision is a change application)',
      required: ['from', 'reason', 'changedAt'],
      properties: { from: { type: 'string', enum: applicationTypes }, reason: { type: 'string' }, changedAt: instant },
    },
    applicationTypeChanges: {
      type: 'array',
      description: "Each change of the case's application type and data kind, oldest first: an accepted offer of anonymised statistics instead of a refusal (EHDS Art. 68(3)) makes the case a request for anonymised statistics",
      items: {
        type: 'object',
        required: ['from', 'to', 'fromDataKind', 'toDataKind', 'reason', 'changedAt'],
        properties: { from: { type: 'string', enum: applicationTypes }, to: { type: 'string', enum: applicationTypes }, fromDataKind: nullableText, toDataKind: nullableText, reason: { type: 'string' }, changedAt: instant },
      },
    },
    statisticsOffer: nullable({
      type: 'object',
      description: 'Anonymised statistics offered with a refusal under EHDS (Art. 68(3)): what, the last day to answer, and the answer (accept or decline; null while open or when none came)',
      required: ['offered', 'answerDueAt', 'answer', 'answeredAt'],
      properties: { offered: { type: 'string' }, answerDueAt: instant, answer: { type: ['string', 'null'], enum: ['accept', 'decline', null] }, answeredAt: nullableInstant },
    }),
    processInstanceId: { type: ['string', 'null'] },
    receivedAt: instant,
    rulebook: nullable({
      type: 'object',
      description: "The rulebook the case follows, chosen from the day it was received (bpmn/rulebook.dmn: EHDS from 26.03.2029 or from the pilot's first day, else the Norwegian rules); null until recorded, just after the case is registered",
      required: ['id', 'name'],
      properties: { id: { type: 'string', enum: rulebookIds }, name: { type: 'string', description: 'In Norwegian, e.g. "Norske regler (helseregisterloven)"' } },
    }),
    decidingBody: { ...nullableText, description: 'HDS, custodian, REK or Helsedirektoratet, once routed' },
    forwardedTo: {
      type: 'array',
      description: 'The bodies a case HDS does not decide was forwarded to, and when; empty when it was not forwarded',
      items: {
        type: 'object',
        required: ['recipient', 'name', 'registerIds', 'forwardedAt'],
        properties: {
          recipient: { type: 'string', description: 'A custodian id from the register table (when custodians decide), REK or HELSEDIREKTORATET' },
          name: { type: 'string' },
          registerIds: { type: 'array', items: { type: 'string' }, description: 'The registers the custodian decides for; empty for REK and Helsedirektoratet' },
          forwardedAt: instant,
        },
      },
    },
    deadlines: {
      type: 'object',
      required: ['statutory', 'supplementDueAt', 'appealDeadline'],
      properties: {
        statutory: nullable({
          type: 'object',
          required: ['workingDays', 'rule', 'period', 'unit', 'basis', 'startsOn', 'dueAt', 'warnedAt', 'breachedAt', 'extension'],
          properties: {
            workingDays: { type: ['integer', 'null'], description: 'The period in working days; null when the rule counts in another unit (EHDS: months)' },
            rule: { ...nullableText, description: "The row of the case's rulebook that set the deadline (domain/rulebook/), e.g. decision-linked" },
            period: { type: ['integer', 'null'], description: 'The period the deadline was set with, in unit' },
            unit: { type: ['string', 'null'], enum: [...ruleUnits, null] },
            basis: { ...nullableText, description: 'The period and the rule it comes from, in Norwegian, e.g. "3 måneder fra komplett søknad (forordning (EU) 2025/327 art. 68 nr. 4)"' },
            startsOn: date,
            dueAt: instant,
            warnedAt: nullableInstant,
            breachedAt: nullableInstant,
            stoppedAt: { ...nullableInstant, description: 'When the clock stopped because the applicant withdrew the application (EHDS, after the cost estimate)' },
            extension: nullable({
              type: 'object',
              description: 'The one extension of the deadline EHDS allows (Regulation (EU) 2025/327 Art. 68(4), 68(6)), made by a caseworker with reasons the applicant was told; dueAt is the extended deadline. Null when not extended',
              required: ['rule', 'period', 'unit', 'basis', 'reasons', 'extendedBy', 'extendedAt', 'previousDueAt'],
              properties: {
                rule: { type: 'string', description: 'The row of the rulebook that limits the extension, e.g. decision-extension' },
                period: { type: 'integer', description: 'How long the deadline was extended, in unit' },
                unit: { type: 'string', enum: ruleUnits },
                basis: { ...nullableText, description: 'In Norwegian, e.g. "2 måneder fra fristen som gjaldt (forordning (EU) 2025/327 art. 68 nr. 4)"' },
                reasons: { type: 'string', description: "The caseworker's reasons, as the applicant's letter gives them" },
                extendedBy: { type: 'string', description: 'The caseworker who extended it (engine user)' },
                extendedAt: instant,
                previousDueAt: instant,
              },
            }),
          },
        }),
        supplementDueAt: { ...nullableInstant, description: "The applicant's deadline while a supplement is awaited" },
        appealDeadline: { ...nullableDay, description: "The applicant's last day to appeal the decision" },
        statisticsAnswer: nullable({
          type: 'object',
          description: 'A granted request for anonymised statistics: the deadline to answer it with the statistics (rule statistics-answer: EHDS a further 3 months from the decision, Regulation (EU) 2025/327 Art. 69(4); Norwegian rules HDS\'s own period). Null for any other case',
          required: ['rule', 'basis', 'dueAt', 'releasedAt', 'lateAt'],
          properties: {
            rule: { type: 'string', description: 'The row of the rulebook that set it: statistics-answer' },
            basis: { type: 'string', description: 'In Norwegian, e.g. "3 måneder fra avgjørelsen (forordning (EU) 2025/327 art. 69 nr. 4)"' },
            dueAt: instant,
            releasedAt: { ...nullableInstant, description: 'When a caseworker released the statistics after the disclosure control' },
            lateAt: { ...nullableInstant, description: 'When the deadline passed with the statistics not released' },
          },
        }),
      },
    },
    decision: nullable({
      type: 'object',
      required: ['outcome', 'decidedByBody', 'externalReference', 'conditions', 'dispensationGranted', 'decidedAt', 'letterSentAt', 'sources'],
      properties: {
        outcome: { type: 'string', description: 'Derived from the sources: all granted with every variable asked is grant, none granted refusal, else partial-grant' },
        sources: {
          type: 'array',
          description: "HDS's decision per source: empty for a decision recorded without sources (another body's, a rejection, a data update within its earlier decision)",
          items: {
            type: 'object',
            required: ['registerId', 'granted', 'variablesGranted', 'variablesRefused', 'dispensationGranted', 'conditions', 'refusalReason'],
            properties: {
              registerId: { type: 'string' },
              granted: { type: 'boolean' },
              variablesGranted: { type: 'array', items: { type: 'string' } },
              variablesRefused: { type: 'array', items: { type: 'string' }, description: 'Asked for and not granted' },
              dispensationGranted: { type: 'boolean' },
              conditions: nullableText,
              refusalReason: nullableText,
            },
          },
        },
        decidedByBody: { type: 'string' },
        externalReference: nullableText,
        conditions: nullableText,
        dispensationGranted: { type: ['boolean', 'null'] },
        decidedAt: instant,
        letterSentAt: nullableInstant,
      },
    }),
    fee: nullable({
      type: 'object',
      required: ['amountNok', 'baseFeeNok', 'hourlyRateNok', 'hoursBilled', 'exemption', 'issuedAt'],
      properties: {
        amountNok: { type: 'integer' },
        baseFeeNok: { type: 'integer' },
        hourlyRateNok: { type: 'integer' },
        hoursBilled: { type: 'integer' },
        exemption: nullableText,
        issuedAt: instant,
      },
    }),
    orders: { type: 'array', items: custodianOrder },
    userAccess: {
      type: ['object', 'null'],
      description: "Under EHDS, once every custodian has delivered: the user's access to the data in the secure processing environment, due 2 months after the last delivery (Art. 68(7)); null otherwise",
      required: ['deliveredAt', 'dueAt', 'givenAt', 'lateAt'],
      properties: { deliveredAt: instant, dueAt: instant, givenAt: nullableInstant, lateAt: nullableInstant },
    },
    appeals: {
      type: 'array',
      items: {
        type: 'object',
        required: ['receivedOn', 'withinDeadline', 'outcome', 'helseklageReference', 'decidedAt', 'revocationId'],
        properties: {
          receivedOn: date,
          withinDeadline: { type: 'boolean' },
          outcome: nullableText,
          helseklageReference: nullableText,
          decidedAt: nullableInstant,
          revocationId: { type: ['string', 'null'], format: 'uuid', description: "The permit's revocation the appeal is about; null: the case's decision" },
        },
      },
    },
    costEstimate: nullable({
      type: 'object',
      description: 'Under EHDS, the cost estimate before the decision (Regulation (EU) 2025/327 Art. 62(5)): each custodian asked and its estimate, HDS\'s own, and the applicant\'s answer; null for a case never asked (Norwegian rules, or not yet complete)',
      required: ['custodians', 'hds', 'sentAt', 'answerDueAt', 'answer', 'answeredAt'],
      properties: {
        custodians: {
          type: 'array',
          items: {
            type: 'object',
            required: ['custodianId', 'registerIds', 'requestedAt', 'dueAt', 'amountNok', 'description', 'answeredAt'],
            properties: {
              custodianId: { type: 'string' },
              registerIds: { type: 'array', items: { type: 'string' } },
              requestedAt: instant,
              dueAt: instant,
              amountNok: { type: ['integer', 'null'] },
              description: nullableText,
              answeredAt: nullableInstant,
            },
          },
        },
        hds: nullable({
          type: 'object',
          description: "HDS's estimate: the fee table's base fee plus its hourly rate for the hours expected",
          required: ['amountNok', 'baseFeeNok', 'hourlyRateNok', 'expectedHours', 'exemption'],
          properties: { amountNok: { type: 'integer' }, baseFeeNok: { type: 'integer' }, hourlyRateNok: { type: 'integer' }, expectedHours: { type: 'integer' }, exemption: nullableText },
        }),
        sentAt: { ...nullableInstant, description: 'When the applicant was sent the estimates' },
        answerDueAt: nullableInstant,
        answer: { type: ['string', 'null'], enum: ['accept', 'withdraw', null] },
        answeredAt: nullableInstant,
      },
    }),
    forecast: caseForecast,
    timeline: {
      type: 'array',
      items: {
        type: 'object',
        required: ['step', 'actor', 'at'],
        properties: { step: { type: 'string' }, actor: { type: 'string' }, at: instant },
      },
    },
  },
} as const;

export const maxPageSize = 100;

// Lists page by a cursor the API issues (the last item's position), never by offset.
const pageLimit = (defaultSize: number) => ({ type: 'integer', minimum: 1, maximum: maxPageSize, default: defaultSize }) as const;
const pageCursor = { type: 'string', minLength: 1, maxLength: 200, description: 'nextCursor of the previous page' } as const;
const nextCursor = { type: ['string', 'null'], description: 'Pass as cursor for the next page; null on the last page' } as const;

// One page of a list: its items, and the cursor of the next page.
const cursorPage = <const Item extends object>(item: Item) =>
  ({ type: 'object', required: ['items', 'nextCursor'], properties: { items: { type: 'array', items: item }, nextCursor } }) as const;

export const applicationListQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: caseStatus,
    registerId: { type: 'string', enum: registerIds as readonly string[] },
    applicationType: { type: 'string', enum: applicationTypes },
    receivedFrom: { ...date, description: 'First day (Norwegian time), inclusive' },
    receivedTo: { ...date, description: 'Last day (Norwegian time), inclusive' },
    limit: pageLimit(25),
    cursor: pageCursor,
  },
} as const;

export type ApplicationListQuery = FromSchema<typeof applicationListQuery>;

export const applicationList = cursorPage({
  type: 'object',
  required: ['id', 'reference', 'status', 'stage', 'stageName', 'applicationType', 'receivedAt'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    reference: { type: 'string' },
    status: caseStatus,
    ...caseStage,
    applicationType: { type: 'string', enum: applicationTypes },
    receivedAt: { type: 'string', format: 'date-time' },
  },
});

// RFC 9457 problem details, the body of every error answer. Shared by $id so the OpenAPI
// document lists it once under components.
export const problemDetails = {
  $id: 'ProblemDetails',
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
} as const;

export function problemResponse(description: string) {
  return { description, content: { 'application/problem+json': { schema: { $ref: 'ProblemDetails#' } } } };
}

// Permits (tillatelser): what a granted decision allows, for whom and until when.
const permitState = {
  state: { type: 'string', enum: permitStates, description: 'active, extended (a granted change moved its end), expired (waiting for the deletion to be confirmed), revoked or closed (data deleted)' },
  stateName: { type: 'string', description: "The state's name in Norwegian" },
} as const;
const permitPeriod = { type: 'object', required: ['startDate', 'endDate'], properties: { startDate: date, endDate: date } } as const;
const registerIdList = { type: 'array', items: { type: 'string' } } as const;

export const permitIdParams = applicationIdParams;

export const permitListQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    state: { type: 'string', enum: permitStates },
    registerId: { type: 'string', enum: registerIds as readonly string[] },
    limit: pageLimit(25),
    cursor: pageCursor,
  },
} as const;

export type PermitListQuery = FromSchema<typeof permitListQuery>;

const permitSummary = {
  type: 'object',
  required: ['id', 'reference', 'state', 'stateName', 'version', 'institutionName', 'projectTitle', 'registerIds', 'period', 'decidedAt'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    reference: { type: 'string', description: 'The reference of the case that granted it' },
    ...permitState,
    version: { type: 'integer', description: '1, and one more for each granted change application' },
    institutionName: { type: 'string' },
    projectTitle: { type: 'string' },
    registerIds: registerIdList,
    period: permitPeriod,
    decidedAt: instant,
  },
} as const;

export const permitList = cursorPage(permitSummary);

const personWithAccess = { type: 'object', required: ['name', 'role'], properties: { name: { type: 'string' }, role: { type: 'string' } } } as const;

const permitTermsSchema = {
  type: 'object',
  required: ['institutionName', 'projectTitle', 'purposeCategory', 'dataSources', 'analysisEnvironment', 'period', 'conditions', 'periodicDeliveries'],
  properties: {
    institutionName: { type: 'string' },
    organisationNumber: nullableText,
    projectLeaderName: nullableText,
    projectLeaderEmail: nullableText,
    personsWithAccess: { type: 'array', items: personWithAccess },
    projectTitle: { type: 'string' },
    purposeCategory: { type: 'string' },
    dataSources: {
      type: 'array',
      items: { type: 'object', required: ['registerId', 'variables'], properties: { registerId: { type: 'string' }, variables: { type: 'array', items: { type: 'string' } } } },
    },
    analysisEnvironment: nullableText,
    period: permitPeriod,
    conditions: nullableText,
    periodicDeliveries: { type: 'boolean' },
  },
} as const;

const custodianOrderSent = {
  type: 'object',
  required: ['orderId', 'custodianId', 'registerIds', 'sentAt', 'documentId'],
  properties: {
    orderId: { type: 'integer', description: 'The order in GET /orders' },
    custodianId: { type: 'string' },
    registerIds: registerIdList,
    sentAt: instant,
    documentId: { ...nullable({ type: 'string', format: 'uuid' }), description: 'The letter that carried the order to the custodian, among the documents of the case that granted the permit (applicationId)' },
  },
} as const;

export const permitDeliveryOrder = {
  type: 'object',
  required: ['orderId', 'state', 'custodianId', 'registerIds', 'sentAt', 'deliveredAt', 'analysisEnvironment'],
  properties: {
    ...custodianOrderSent.properties,
    state: { type: 'string', enum: orderStates, description: 'sent, delivered, or stopped (the permit was revoked before the delivery); confirm at /orders/{orderId}/delivery' },
    deliveredAt: { ...nullableInstant, description: 'When the custodian confirmed its delivery; null until then' },
    analysisEnvironment: { ...nullableText, description: 'Where the custodian delivered the data, as it confirmed' },
  },
} as const;

export const permitDetail = {
  type: 'object',
  required: [...permitSummary.required, 'applicationId', 'holder', 'personsWithAccess', 'purposeCategory', 'dataSources', 'analysisEnvironment', 'conditions', 'periodicDeliveries', 'decidingBody', 'extensionRequestBy', 'expiredAt', 'revokedAt', 'closedAt', 'history', 'deletionConfirmations', 'revocations', 'deliveryRequests'],
  properties: {
    ...permitSummary.properties,
    applicationId: { type: 'string', format: 'uuid', description: 'The case that granted it' },
    holder: {
      type: 'object',
      required: ['institutionName', 'organisationNumber', 'projectLeader'],
      properties: {
        institutionName: { type: 'string' },
        organisationNumber: nullableText,
        projectLeader: { type: 'object', required: ['name', 'email'], properties: { name: nullableText, email: nullableText } },
      },
    },
    personsWithAccess: { type: 'array', description: 'Who may work with the data: the project leader first, then the persons the application names', items: personWithAccess },
    purposeCategory: { type: 'string' },
    dataSources: {
      type: 'array',
      description: 'The sources and variables the permit covers, each with the custodian that holds the register',
      items: {
        type: 'object',
        required: ['registerId', 'variables', 'custodianId'],
        properties: { registerId: { type: 'string' }, variables: { type: 'array', items: { type: 'string' } }, custodianId: nullableText },
      },
    },
    analysisEnvironment: nullableText,
    conditions: nullableText,
    periodicDeliveries: { type: 'boolean', description: 'Whether the holder may ask for repeated deliveries without a new decision' },
    decidingBody: { type: 'string' },
    extensionRequestBy: { ...nullableDay, description: "Under EHDS, the holder's last day to ask for an extension of the current period, the rule permit-extension-request before its end (Regulation (EU) 2025/327 Art. 68(12)); null under the Norwegian rules, which set no such day" },
    expiredAt: nullableInstant,
    revokedAt: nullableInstant,
    closedAt: nullableInstant,
    history: {
      type: 'array',
      description: 'Every version, oldest first: the granting case, then each granted change application',
      items: {
        type: 'object',
        required: ['version', 'applicationId', 'reference', 'recordedAt', 'terms'],
        properties: { version: { type: 'integer' }, applicationId: { type: 'string', format: 'uuid' }, reference: { type: 'string' }, recordedAt: instant, terms: permitTermsSchema },
      },
    },
    deletionConfirmations: {
      type: 'array',
      items: {
        type: 'object',
        required: ['confirmedAs', 'custodianId', 'outcome', 'note', 'confirmedAt', 'lapsedAt'],
        properties: {
          confirmedAs: { type: 'string', enum: ['holder', 'custodian', 'caseworker'] },
          custodianId: nullableText,
          outcome: { type: 'string', enum: ['deleted', 'returned'] },
          note: nullableText,
          confirmedAt: instant,
          lapsedAt: { ...nullableInstant, description: 'Set when the confirmation came after the permit was closed or extended, so that it did not end the wait' },
        },
      },
    },
    revocations: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'reason', 'requestedAt', 'outcome', 'decidedAt', 'appealDeadline', 'appealedAt', 'reinstatedAt', 'stopOrders', 'reinstatementNotices'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          reason: { type: 'string' },
          requestedAt: instant,
          outcome: {
            type: ['string', 'null'],
            enum: ['revoked', 'refused', 'reversed-on-appeal', 'lapsed', null],
            description: "null while it is being decided; reversed-on-appeal: revoked, then reversed by HDS or Helseklage on the holder's appeal; lapsed when the period ended before the permit process took the request",
          },
          decidedAt: nullableInstant,
          appealDeadline: { ...nullableDay, description: "The holder's last day to appeal the revocation" },
          appealedAt: { ...nullableInstant, description: "When the holder's appeal of the revocation was received" },
          reinstatedAt: { ...nullableInstant, description: 'When the permit applied again after a reversed revocation' },
          stopOrders: { type: 'array', items: custodianOrderSent },
          reinstatementNotices: { type: 'array', items: custodianOrderSent, description: 'The letters telling each custodian that the permit applies again, once the revocation was reversed on appeal' },
        },
      },
    },
    deliveryRequests: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'requestedAt', 'dataSources', 'outcome', 'reason', 'orders'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          requestedAt: instant,
          dataSources: { type: 'array', items: { type: 'object', properties: { registerId: { type: 'string' }, variables: { type: 'array', items: { type: 'string' } }, period: permitPeriod } } },
          outcome: {
            type: ['string', 'null'],
            enum: ['ordered', 'refused', 'lapsed', null],
            description: 'null while it is being checked; lapsed when the permit was revoked or closed before the permit process took the request',
          },
          reason: { ...nullableText, description: 'Where the request goes beyond the permit, one line each' },
          orders: { type: 'array', items: permitDeliveryOrder },
        },
      },
    },
  },
} as const;

export const deletionConfirmation = {
  type: 'object',
  additionalProperties: false,
  required: ['outcome'],
  properties: {
    outcome: { type: 'string', enum: ['deleted', 'returned'], description: 'The data were deleted (by the holder, or by a custodian from the analysis environment) or returned' },
    note: prose(2_000),
  },
} as const;

export const revocationRequest = {
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  properties: { reason: { ...prose(4_000), description: 'Which conditions were breached, and how' } },
} as const;

export const revocationAppeal = {
  type: 'object',
  additionalProperties: false,
  required: ['grounds'],
  properties: {
    grounds: { ...prose(20_000), description: 'Why the revocation is wrong' },
    sentOn: { type: 'string', format: 'date', description: 'The day the appeal was sent, when before today; it counts for the appeal deadline' },
  },
} as const;

export const deliveryRequest = {
  type: 'object',
  additionalProperties: false,
  required: ['dataSources'],
  properties: {
    dataSources: { ...dataSources, description: 'The sources, variables and data periods of the next delivery, each register once' },
    note: prose(2_000),
  },
} as const;

export const deliveryConfirmation = {
  type: 'object',
  additionalProperties: false,
  properties: { analysisEnvironment: { ...text(100), description: 'Where the data were delivered, e.g. TSD' } },
} as const;

export const deliveryOrderParams = {
  type: 'object',
  required: ['id', 'requestId'],
  properties: { id: { type: 'string', format: 'uuid' }, requestId: { type: 'string', format: 'uuid', description: 'The delivery request the order belongs to' } },
} as const;

export const permitMessageAccepted = {
  type: 'object',
  required: ['messageId'],
  properties: {
    messageId: { type: 'string', format: 'uuid' },
    revocationId: { type: 'string', format: 'uuid' },
    deliveryRequestId: { type: 'string', format: 'uuid' },
  },
} as const;

// The public registers (applications, decisions, permits): no login, no personal data.
export const publicRegisterQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    format: { type: 'string', enum: ['json', 'html', 'csv'], description: 'Instead of the Accept header: json, html (a page that needs no JavaScript) or csv (every entry)' },
    registerId: { type: 'string', enum: registerIds as readonly string[] },
    limit: pageLimit(50),
    cursor: pageCursor,
  },
} as const;

export type PublicRegisterQuery = FromSchema<typeof publicRegisterQuery>;

const publicSources = { type: 'array', items: { type: 'object', required: ['registerId', 'name'], properties: { registerId: { type: 'string' }, name: { type: 'string' } } } } as const;
const publicInstitution = { type: ['string', 'null'], description: "The institution's name as a caseworker approved it; null until then" } as const;
const publicTitle = { type: ['string', 'null'], description: 'The public title a caseworker approved; null until then (the project title as written is never published)' } as const;
const publicSummary = { type: ['string', 'null'], description: 'The lay summary a caseworker approved; null when none' } as const;
const publicPurpose = { type: 'string', description: 'In Norwegian, e.g. Forskning' } as const;
const publicRefusals = {
  type: 'array',
  description: 'What the decision refused, per source: the whole source, or how many of the variables asked for (never the reasons given to the applicant)',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['registerId', 'name', 'wholeSource', 'variablesRefused'],
    properties: { registerId: { type: 'string' }, name: { type: 'string' }, wholeSource: { type: 'boolean' }, variablesRefused: { type: 'integer' } },
  },
} as const;

export const publicApplicationList = cursorPage({
  type: 'object',
  additionalProperties: false,
  required: ['reference', 'registers', 'institution', 'purpose', 'publicTitle', 'publicSummary', 'receivedOn'],
  properties: {
    reference: { type: 'string' },
    registers: { ...publicSources, description: 'The registers the application asks for' },
    institution: publicInstitution,
    purpose: publicPurpose,
    publicTitle,
    publicSummary,
    receivedOn: { ...date, description: 'The day (in Norway) HDS received the application' },
  },
});

export const publicDecisionList = cursorPage({
  type: 'object',
  additionalProperties: false,
  required: ['reference', 'registers', 'institution', 'purpose', 'publicTitle', 'decidingBody', 'outcome', 'outcomeName', 'decidedOn', 'publishedOn', 'refusals', 'publicReasons'],
  properties: {
    reference: { type: 'string' },
    registers: { ...publicSources, description: 'The registers the application asked for' },
    institution: publicInstitution,
    purpose: publicPurpose,
    publicTitle,
    decidingBody: { type: 'string' },
    outcome: { type: 'string', enum: Object.keys(publicOutcomeNames) },
    outcomeName: { type: 'string', description: 'In Norwegian: Innvilget, Delvis innvilget, Avslått or Avvist' },
    decidedOn: date,
    publishedOn: { ...date, description: 'The day (in Norway) HDS published the decision' },
    refusals: publicRefusals,
    publicReasons: { type: ['string', 'null'], description: 'The public summary of the reasons a caseworker approved; null when none (a grant may have none)' },
  },
});

export const publicPermitList = cursorPage({
  type: 'object',
  additionalProperties: false,
  required: ['reference', 'institution', 'publicTitle', 'publicSummary', 'purpose', 'sources', 'period', 'decidedOn', 'decidingBody', 'refusals', 'state', 'stateName', 'stateSince', 'changes'],
  properties: {
    reference: { type: 'string' },
    institution: publicInstitution,
    publicTitle,
    publicSummary,
    purpose: publicPurpose,
    sources: publicSources,
    period: permitPeriod,
    decidedOn: date,
    decidingBody: { type: 'string' },
    refusals: publicRefusals,
    state: { type: 'string', enum: permitStates },
    stateName: { type: 'string', description: 'In Norwegian, e.g. Tilbakekalt' },
    stateSince: { ...date, description: 'The day (in Norway) the permit took its state: the decision, or the extension, revocation, reinstatement, expiry or closure' },
    changes: {
      type: 'array',
      description: 'Each state the permit took, oldest first, from active at its decision',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['state', 'stateName', 'on'],
        properties: { state: { type: 'string', enum: permitStates }, stateName: { type: 'string' }, on: { ...date, description: 'The day (in Norway)' } },
      },
    },
  },
});

// The permit figures of GET /stats, per source (register id).
const perSource = { type: 'object', additionalProperties: { type: 'integer' } } as const;
export const permitFigures = {
  type: 'object',
  description: 'Permits now, per source: running (active or extended), running and ending within 90 days, expired without a confirmed deletion, and revoked',
  required: ['active', 'expiringWithin90Days', 'expiredWithoutDeletionConfirmation', 'revoked'],
  properties: {
    active: perSource,
    expiringWithin90Days: perSource,
    expiredWithoutDeletionConfirmation: perSource,
    revoked: perSource,
  },
} as const;

export const feeAgreementReport = {
  type: 'object',
  additionalProperties: false,
  required: ['amountNok'],
  properties: {
    amountNok: { type: 'integer', minimum: 0, maximum: maxEstimateNok, description: "The holder's fee the custodian and the user agreed, in whole NOK, excluding VAT" },
    note: { ...prose(4_000), description: 'Optional: what the fee covers, or anything else HDS should know' },
  },
} as const;

export const deliveryExtension = {
  type: 'object',
  additionalProperties: false,
  required: ['months', 'reason'],
  properties: {
    months: { type: 'integer', minimum: 1, maximum: 120, description: "How many months to extend the delivery deadline by: at most the rule holder-delivery-extension of the case's rulebook (EHDS: 3, Art. 60(2))" },
    reason: { ...prose(4_000), description: 'Why the custodian needs more time' },
  },
} as const;

// The schema of the applicant's one answer to what the case put to it (the EHDS cost estimate,
// statistics offered instead of a refusal): the answer, queued for the engine.
export function applicantAnswerSchema(summary: string, answers: readonly string[], conflict: string) {
  return {
    summary,
    tags: ['case messages'],
    params: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } },
    headers: idempotencyHeaders,
    body: { type: 'object', additionalProperties: false, required: ['answer'], properties: { answer: { type: 'string', enum: answers } } },
    response: {
      202: { description: 'Accepted: recorded and queued for the engine', type: 'object', required: ['messageId'], properties: { messageId: { type: 'string', format: 'uuid' } } },
      400: problemResponse('Invalid fields, each named in errors'),
      404: problemResponse('No such case of the caller'),
      409: problemResponse(conflict),
      422: problemResponse('Idempotency-Key used before with a different body'),
    },
  };
}
