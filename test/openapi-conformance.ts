import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

// Checks real answers against the published OpenAPI description (GET /api/openapi.json): the
// status is one the operation declares, the content type is one declared for that status, and a
// JSON body validates against the declared schema. A client generated from the description must
// be able to read every answer the server gives.

type MediaType = { schema?: unknown };
type ResponseObject = { content?: Record<string, MediaType> };
type Description = {
  paths: Record<string, Record<string, { responses?: Record<string, ResponseObject> }>>;
  components?: unknown;
};

// ajv-formats is CommonJS with a default export: under NodeNext the plugin is one level down.
const addFormats = (addFormatsModule as unknown as { default: (ajv: Ajv2020) => Ajv2020 }).default;

const documentId = 'https://liaison.invalid/api/openapi.json';

function pointerPart(part: string): string {
  return encodeURIComponent(part.replaceAll('~', '~0').replaceAll('/', '~1'));
}

export type Conformance = {
  /** What is wrong with this answer to `method route.url`; empty when it matches the description. */
  problems(method: string, routeUrl: string, response: LightMyRequestResponse): string[];
  /** How many answers of 2xx had a JSON body validated against their schema, so a run can show it checked some. */
  readonly successBodiesValidated: number;
};

export async function loadConformance(app: FastifyInstance): Promise<Conformance> {
  const description = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as Description;
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema({ $id: documentId, ...description });
  const validators = new Map<string, ReturnType<typeof ajv.compile>>();

  function validatorFor(path: string, method: string, status: string, contentType: string) {
    const pointer = ['paths', path, method, 'responses', status, 'content', contentType, 'schema']
      .map(pointerPart)
      .join('/');
    let validate = validators.get(pointer);
    if (!validate) {
      validate = ajv.compile({ $ref: `${documentId}#/${pointer}` });
      validators.set(pointer, validate);
    }
    return validate;
  }

  let successBodiesValidated = 0;
  return {
    get successBodiesValidated() {
      return successBodiesValidated;
    },
    problems(method, routeUrl, response) {
      const path = routeUrl.replaceAll(/:([A-Za-z]+)/g, '{$1}');
      const name = `${method} ${routeUrl} → ${response.statusCode}`;
      const operation = description.paths[path]?.[method.toLowerCase()];
      if (!operation) return [`${name}: the description has no such operation`];
      const status = String(response.statusCode);
      const declared = operation.responses?.[status] ?? operation.responses?.default;
      if (!declared) {
        return [
          `${name}: status not declared (declared: ${Object.keys(operation.responses ?? {}).join(', ')})`,
        ];
      }
      const contentType = response.headers['content-type']?.toString().split(';')[0]?.trim();
      const declaredTypes = Object.keys(declared.content ?? {});
      if (!contentType || response.body === '') {
        return declaredTypes.length === 0
          ? []
          : [`${name}: empty answer, declared ${declaredTypes.join(', ')}`];
      }
      if (!declaredTypes.includes(contentType)) {
        return [
          `${name}: content type ${contentType} not declared (declared: ${declaredTypes.join(', ') || 'none'})`,
        ];
      }
      if (!contentType.endsWith('json') || declared.content?.[contentType]?.schema === undefined) return [];
      const responseStatus = operation.responses?.[status] ? status : 'default';
      const validate = validatorFor(path, method.toLowerCase(), responseStatus, contentType);
      if (response.statusCode < 300) successBodiesValidated += 1;
      if (validate(JSON.parse(response.body))) return [];
      return [`${name}: body does not match the declared schema: ${ajv.errorsText(validate.errors)}`];
    },
  };
}
