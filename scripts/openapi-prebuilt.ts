/**
 * An esbuild plugin for the Lambda bundles: the public function serves /api/openapi.json
 * and /api/docs from the document built here, at build time, by the very generator
 * `npm start` and the tests run (functions/openapi/document.ts). The bundle then holds the
 * document (about 100 kB of JSON) instead of the generator and every staff schema it
 * reads, which would double the citizens' function and slow its cold start.
 */
import type { Plugin } from 'esbuild';
import { buildOpenApiDocument } from '../functions/openapi/document';

/** What `functions/openapi/routes.ts` imports as `./document`, in a bundle. */
export function prebuiltDocumentModule(): string {
  const text = JSON.stringify(buildOpenApiDocument());
  return `let built;\nexport const openApiDocument = () => (built ??= JSON.parse(${JSON.stringify(text)}));\n`;
}

export function prebuiltOpenApi(): Plugin {
  return {
    name: 'prebuilt-openapi',
    setup(build) {
      build.onResolve({ filter: /^\.\/document$/ }, (args) =>
        /[\\/]functions[\\/]openapi[\\/]routes\.ts$/.test(args.importer) ? { path: 'openapi-document', namespace: 'prebuilt-openapi' } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'prebuilt-openapi' }, () => ({ contents: prebuiltDocumentModule(), loader: 'js' }));
    },
  };
}
