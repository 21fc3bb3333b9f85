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
      properties: { title: { type: 'string', minLength: 3, maxLength: 300 } },
    },
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
  project: { title: string };
  dataSources: { registerId: string }[];
};
