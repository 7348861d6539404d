import type { RouteSpec } from "./routes.ts";
import { errorSchema, type JsonSchema } from "./schemas.ts";

/** Descriptions of the error statuses, as the OpenAPI document states them. */
const STATUS_TEXT: Record<number, string> = {
  400: "invalid request: a parameter fails its schema, or the query is malformed",
  404: "no such id",
  413: "body too large",
  415: "body is not JSON",
  500: "internal error (no details are given out)",
  503: "the processor is busy (too many documents in hand) or the document took too long (code busy or timeout)",
};

/** Title, version and description of the document. */
export interface OpenApiInfo {
  title: string;
  version: string;
  description?: string;
}

/**
 * The OpenAPI 3.1 document of `routes`, generated from the very schemas the
 * server validates with, so it cannot drift from what the server does.
 *
 * @param routes the route table
 * @param info the document's title and version
 * @returns a plain object, ready for `JSON.stringify`
 */
export function openApiDocument(routes: readonly RouteSpec[], info: OpenApiInfo): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, "{$1}");
    const responses: Record<string, unknown> = {
      200: { description: "OK", content: { "application/json": { schema: route.response } } },
    };
    for (const status of [...route.errors, 500]) {
      responses[status] = {
        description: STATUS_TEXT[status] ?? String(status),
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      };
    }
    const parameters = [...parametersOf(route.params, "path"), ...parametersOf(route.querystring, "query")];
    (paths[path] ??= {})[route.method.toLowerCase()] = {
      operationId: route.name,
      summary: route.summary,
      tags: [route.tag],
      ...(parameters.length ? { parameters } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: route.body } },
              ...(route.bodyLimit ? { description: `at most ${route.bodyLimit} bytes` } : {}),
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: info.title, version: info.version, ...(info.description ? { description: info.description } : {}) },
    paths,
    components: { schemas: { Error: errorSchema } },
  };
}

/** OpenAPI parameters from an object schema's properties. */
function parametersOf(schema: JsonSchema | undefined, where: "path" | "query"): Record<string, unknown>[] {
  if (!schema) return [];
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === "path" || required.has(name),
      ...(typeof description === "string" ? { description } : {}),
      schema: rest,
    };
  });
}
