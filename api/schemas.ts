// Request schemas, declared once: Fastify validates with them and types follow from them.
export const applicationSubmission = {
  type: 'object',
  additionalProperties: false,
  required: ['applicationType', 'project', 'dataSources'],
  properties: {
    applicationType: { type: 'string', enum: ['new', 'anonymous-statistics', 'change', 'data-update'] },
    project: {
      type: 'object',
      additionalProperties: false,
      required: ['title'],
      properties: {
        title: { type: 'string', minLength: 3, maxLength: 300 },
        purposeCategory: { type: 'string', enum: ['research', 'statistics', 'quality-improvement', 'planning', 'management', 'preparedness'] },
      },
    },
    projectLeader: {
      type: 'object',
      additionalProperties: false,
      properties: { isStudent: { type: 'boolean' } },
    },
    dataKind: { type: 'string', enum: ['identifiable', 'indirectly-identifiable', 'anonymous'] },
    linkage: { type: 'boolean' },
    rekReference: { type: 'string', minLength: 1, maxLength: 100 },
    dataSources: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['registerId'],
        properties: { registerId: { type: 'string', minLength: 1, maxLength: 100 } },
      },
    },
  },
} as const;

export type ApplicationSubmission = {
  applicationType: 'new' | 'anonymous-statistics' | 'change' | 'data-update';
  project: { title: string; purposeCategory?: string };
  projectLeader?: { isStudent?: boolean };
  dataKind?: string;
  linkage?: boolean;
  rekReference?: string;
  dataSources: { registerId: string }[];
};
